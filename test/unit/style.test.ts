/**
 * What biome cannot check: a line it cannot break (a long string, regex or template) still fits
 * 160 columns, and a module over 300 lines says in its head comment why it is one file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCRIPTS = join(ROOT, 'scripts');
const LINE_WIDTH = 160;
const LONG_FILE = 300;

const sources = (): string[] =>
  readdirSync(SCRIPTS, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(SCRIPTS, f));

/** `path:line (width)` for every line wider than biome's lineWidth, in code points as biome counts them. */
export function wideLines(file: string, text: string): string[] {
  return text
    .split('\n')
    .map((line, i) => ({ n: i + 1, width: [...line].length }))
    .filter((l) => l.width > LINE_WIDTH)
    .map((l) => `${relative(ROOT, file)}:${l.n} (${l.width})`);
}

/** The head comment states why the module is one file: a line starting `One file:` in its first block comment. */
export function statesWhyOneFile(text: string): boolean {
  const head = /^\s*\/\*\*?([\s\S]*?)\*\//.exec(text)?.[1] ?? '';
  return /^\s*\*?\s*One file:/m.test(head);
}

describe('the code fits the screen', () => {
  it(`no line in scripts/ is wider than ${LINE_WIDTH} columns`, () => {
    expect(sources().flatMap((f) => wideLines(f, readFileSync(f, 'utf8')))).toEqual([]);
  });
  it(`a module over ${LONG_FILE} lines says why it is one file`, () => {
    const long = sources().filter((f) => {
      const text = readFileSync(f, 'utf8');
      return text.split('\n').length > LONG_FILE && !statesWhyOneFile(text);
    });
    expect(long.map((f) => relative(ROOT, f))).toEqual([]);
  });
  it('reads the head comment and the widths right', () => {
    expect(statesWhyOneFile('/**\n * Parses X.\n * One file: the grammar reads as a whole.\n */\nexport {};')).toBe(true);
    expect(statesWhyOneFile('/** Parses X. */\n// One file: not in the head\n')).toBe(false);
    expect(wideLines(join(ROOT, 'x.ts'), `${'é'.repeat(160)}\n${'x'.repeat(161)}`)).toEqual(['x.ts:2 (161)']);
  });
});
