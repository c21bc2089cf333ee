import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callSummary, shQuote } from '../../../scripts/lib/mlflow/runner.js';

/** What /bin/sh makes of a quoted word: printf prints it back, with a mark at each end. */
const throughSh = (word: string): string => execFileSync('/bin/sh', ['-c', `printf '[%s]' ${word}`], { encoding: 'utf8' });

describe('shQuote: an argument reaches mlflow as written, whatever it holds', () => {
  it.each([[''], ["it's"], ['$(touch pwned) `id`'], ['a b\tc\nd'], ['\\ " * ? ; | & > <'], ['$HOME $' + '{PATH} $1'], ['日本 🙂']])('%j', (s) => {
    expect(throughSh(shQuote(s))).toBe(`[${s}]`);
  });
  it('any string without NUL (which no argument can hold)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')),
        (s) => throughSh(shQuote(s)) === `[${s}]`,
      ),
      { numRuns: 25 },
    );
  });
});

describe('callSummary: an mlflow call as SKILL_PROFILE lists it', () => {
  it('keeps the flags that say what it cost, not the filter, page token or experiment', () => {
    const args = [
      'traces',
      'search',
      '--experiment-id',
      '7',
      '--max-results',
      '500',
      '--filter-string',
      "tag.k = 'secret'",
      '--page-token',
      'abc',
      '--no-include-spans',
    ];
    expect(callSummary(args)).toBe('traces search --max-results 500 --filter-string <16 chars> --page-token <3 chars> --no-include-spans');
  });
});
