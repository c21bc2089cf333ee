import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignmentRecords, judgeModel, writeAlignmentSet } from '../../../scripts/lib/actions/alignment-set.js';
import { analyseJudges, type NameReport } from '../../../scripts/lib/analysis/judges/agreement.js';
import { humanFeedback, judgeFeedback } from '../../support/assessments.js';
import { tempDir } from '../../support/helpers.js';
import { trace } from '../../support/spans.js';

const nameOf = (ts: Parameters<typeof analyseJudges>[0]): NameReport => {
  const name = analyseJudges(ts).names[0];
  if (!name) throw new Error('no name');
  return name;
};

describe('the labelled set for judge alignment', () => {
  const traces = [
    trace('t1', { request: 'fee?', assessments: [humanFeedback('correct', false), judgeFeedback('correct', true)] }),
    trace('t2', { request: 'card?', assessments: [humanFeedback('correct', true), judgeFeedback('correct', true)] }),
  ];
  it('holds the disagreeing traces, the human label as the expectation', () => {
    const name = nameOf(traces);
    const records = alignmentRecords(name, traces);
    expect(records).toEqual([expect.objectContaining({ source_trace_id: 't1', expectations: { correct: false }, inputs: { request: 'fee?' } })]);
    const set = writeAlignmentSet(join(tempDir(), 'a', 'set.jsonl'), name, records, 'sqlite:///x.db');
    expect(readFileSync(set.file, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(set.snippet).toContain('judge.align(traces=traces)');
    expect(set.snippet).toContain('make_judge(name="correct"');
  });

  it('a request that is a JSON object is written as the inputs object, as MLflow records a trace (root inputs), not as its text', () => {
    const ts = [trace('t1', { request: '{"question": "Is flood covered?"}', assessments: [humanFeedback('ok', false), judgeFeedback('ok', true)] })];
    expect(alignmentRecords(nameOf(ts), ts)[0]?.inputs).toEqual({ question: 'Is flood covered?' });
    const cut = [trace('t1', { request: '{"question": "Is flood cov', assessments: [humanFeedback('ok', false), judgeFeedback('ok', true)] })];
    expect(alignmentRecords(nameOf(cut), cut)[0]?.inputs).toEqual({ request: '{"question": "Is flood cov' });
  });

  it("make_judge's model is the judge's own source id when it is a model URI, else a placeholder to fill in", () => {
    const judged = (...ids: Array<string | null>) =>
      nameOf([
        trace('t1', {
          assessments: [humanFeedback('ok', false), ...ids.map((id, i) => judgeFeedback('ok', true, null, { sourceId: id, createTime: `2026-01-0${i + 1}` }))],
        }),
        ...ids.map((id, i) => trace(`u${i}`, { assessments: [judgeFeedback('ok', true, null, { sourceId: id })] })),
      ]);
    expect(judgeModel(judged('openai:/gpt-4.1-mini'))).toBe('openai:/gpt-4.1-mini');
    expect(judgeModel(judged(null))).toBe("<fill in the judge's model as provider:/model>");
    expect(judgeModel(judged('policy_judge_v2'))).toBe("<fill in the judge's model as provider:/model; its source ids here: policy_judge_v2>");
    // Two models judged: which one to align is the user's call.
    expect(judgeModel(judged('openai:/gpt-4o', 'openai:/gpt-4.1-mini'))).toMatch(
      /^<fill in .*source ids here: openai:\/gpt-4(o|\.1-mini), openai:\/gpt-4(o|\.1-mini)>$/,
    );
    expect(judgeModel(judged('https://judge.example/v1'))).toMatch(/^<fill in/);
    const set = writeAlignmentSet(join(tempDir(), 'm.jsonl'), judged('openai:/gpt-4.1-mini'), [], undefined);
    expect(set.snippet).toContain('model="openai:/gpt-4.1-mini")');
    expect(set.snippet).not.toContain('gpt-4o-mini');
  });
});
