import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignmentRecords, writeAlignmentSet } from '../../../scripts/lib/actions/alignment-set.js';
import { analyseJudges } from '../../../scripts/lib/analysis/judges/agreement.js';
import { humanFeedback, judgeFeedback } from '../../support/assessments.js';
import { tempDir } from '../../support/helpers.js';
import { trace } from '../../support/spans.js';

describe('the labelled set for judge alignment', () => {
  const traces = [
    trace('t1', { request: 'fee?', assessments: [humanFeedback('correct', false), judgeFeedback('correct', true)] }),
    trace('t2', { request: 'card?', assessments: [humanFeedback('correct', true), judgeFeedback('correct', true)] }),
  ];
  it('holds the disagreeing traces, the human label as the expectation', () => {
    const name = analyseJudges(traces).names[0];
    if (!name) throw new Error('no name');
    const records = alignmentRecords(name, traces);
    expect(records).toEqual([expect.objectContaining({ source_trace_id: 't1', expectations: { correct: false }, inputs: { request: 'fee?' } })]);
    const set = writeAlignmentSet(join(tempDir(), 'a', 'set.jsonl'), 'correct', records, 'sqlite:///x.db');
    expect(readFileSync(set.file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(set.snippet).toContain('judge.align(traces=traces)');
    expect(set.snippet).toContain('make_judge(name="correct"');
  });
});
