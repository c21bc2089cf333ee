import { describe, expect, it } from 'vitest';
import { analyseJudges, labelOf } from '../../../../scripts/lib/analysis/judges/agreement.js';
import { cohenKappa } from '../../../../scripts/lib/analysis/judges/kappa.js';
import type { Assessment, Trace } from '../../../../scripts/lib/trace/trace.js';
import { codeFeedback, humanFeedback, judgeFeedback, overridden, scorerError, sessionLevel } from '../../../support/assessments.js';
import { trace } from '../../../support/spans.js';

const qa = (id: string, q: string, a: string, assessments: Assessment[], tags: Record<string, string> = {}): Trace => {
  const t = trace(id, { request: q, assessments, tags, requestTimeMs: Number(id.replace(/\D/g, '')) * 1000 });
  t.info.responsePreview = a;
  return t;
};

describe('labelOf: every value type to a comparable label', () => {
  it('bool, yes/no, scores read as pass/fail; categorical and JSON as themselves', () => {
    expect(labelOf(true, 'correct')).toBe('pass');
    expect(labelOf(false, 'correct')).toBe('fail');
    expect(labelOf('yes', 'correct')).toBe('pass');
    expect(labelOf('No', 'correct')).toBe('fail');
    expect(labelOf(0.2, 'relevance')).toBe('fail');
    expect(labelOf(5, 'clarity')).toBe('pass');
    expect(labelOf('yes', 'user_frustration')).toBe('fail');
    expect(labelOf('Formal', 'tone')).toBe('formal');
    expect(labelOf({ pii: false }, 'policy')).toBe('{"pii":false}');
    expect(labelOf(3, 'clarity')).toBe('3');
  });
});

describe('cohenKappa', () => {
  it('is 1 for perfect agreement on two labels, 0 at chance, with a note at small n', () => {
    const k = cohenKappa([
      ['pass', 'pass'],
      ['fail', 'fail'],
      ['pass', 'pass'],
      ['fail', 'fail'],
    ]);
    expect(k.value).toBe(1);
    expect(k.note).toMatch(/n = 4 is small/);
    const constant = cohenKappa(
      Array.from({ length: 10 }, (_, i) => [i < 6 ? 'pass' : 'fail', 'pass'] as const),
      ['HUMAN', 'LLM_JUDGE'],
    );
    expect(constant.value).toBe(0);
    expect(constant.note).toMatch(/LLM_JUDGE gave "pass" to every trace/);
  });
  it('names a dominant label only when kappa is well below the raw agreement (never at kappa 1)', () => {
    const rows = (counts: Array<[string, string, number]>) => counts.flatMap(([a, b, n]) => Array.from({ length: n }, () => [a, b] as const));
    // 15 of 15 agree, 13 pass: chance agreement 77%, kappa 1.00.
    const perfect = cohenKappa(
      rows([
        ['pass', 'pass', 13],
        ['fail', 'fail', 2],
      ]),
    );
    expect(perfect.value).toBe(1);
    expect(perfect.note).not.toMatch(/dominates/);
    // 36 of 40 agree (90%), all on pass: kappa below 0.
    const low = cohenKappa(
      rows([
        ['pass', 'pass', 36],
        ['pass', 'fail', 2],
        ['fail', 'pass', 2],
      ]),
    );
    expect(low.value).toBeLessThan(0);
    expect(low.note).toBe('one label dominates (chance agreement 90%): that is why kappa (-0.05) is well below the raw agreement (90%)');
  });
  it('is undefined when both give one label everywhere, and null with no pairs', () => {
    expect(cohenKappa([['pass', 'pass']]).value).toBeNull();
    expect(cohenKappa([]).note).toMatch(/no trace/);
  });
});

describe('analyseJudges', () => {
  // A judge lenient on fee questions, humans on a subset, one cohort judged only.
  const traces: Trace[] = [];
  for (let i = 0; i < 12; i++) {
    const fee = i % 2 === 0;
    const wrong = fee && i % 4 === 0;
    const q = fee ? `What is the fee for transfer ${i}?` : `How do I open account ${i}?`;
    const a: Assessment[] = [judgeFeedback('correct', true, fee ? 'States the fee.' : 'Matches the FAQ.')];
    if (i < 8) a.push(humanFeedback('correct', !wrong, { rationale: wrong ? 'The fee is wrong.' : 'Fine.' }));
    traces.push(qa(`t${i}`, q, `answer ${i}`, a, { app_version: '2' }));
  }
  for (let i = 12; i < 18; i++) traces.push(qa(`t${i}`, 'q', 'a', [], { app_version: '1' }));

  it('compares humans with the judge over the traces both scored', () => {
    const r = analyseJudges(traces);
    const n = r.names.find((x) => x.name === 'correct');
    const p = n?.pairs[0];
    expect(p).toMatchObject({ a: 'HUMAN', b: 'LLM_JUDGE', both: 8, agree: 6 });
    expect(p?.confusion).toEqual({ fail: { pass: 2 }, pass: { pass: 6 } });
    expect(p?.disagreements[0]).toMatchObject({ count: 2, labels: { HUMAN: 'fail', LLM_JUDGE: 'pass' } });
    expect(p?.disagreements[0]?.inputWords.map((w) => w.word)).toContain('fee');
  });

  it('says where each source ran: only on app_version 2', () => {
    const n = analyseJudges(traces).names[0];
    const judge = n?.sources.find((s) => s.source === 'LLM_JUDGE');
    expect(judge).toMatchObject({ verdicts: 12, traces: 12, of: 18, labels: { pass: 12 } });
    expect(judge?.onlyOn[0]).toMatchObject({ key: 'tag.app_version', value: '2', otherTraces: 6 });
  });

  it('finds one source giving different verdicts to the same input and output', () => {
    const why = (v: boolean) => (v ? 'The steps match.' : 'Does not say how to unfreeze.');
    const same = [true, false, true].map((v, i) => qa(`r${i}`, 'How do I freeze my card?', 'Tap Freeze.', [judgeFeedback('correct', v, why(v))]));
    const c = analyseJudges(same).names[0]?.inconsistencies[0];
    expect(c).toMatchObject({ source: 'LLM_JUDGE', count: 3, labels: { pass: 2, fail: 1 } });
    expect(c?.rationales).toEqual({ pass: 'The steps match.', fail: 'Does not say how to unfreeze.' });
    expect(c).toMatchObject({ input: 'How do I freeze my card?', output: 'Tap Freeze.' });
    expect(c?.byLabel).toEqual({ pass: ['r0', 'r2'], fail: ['r1'] });
  });

  it('lists a verdict one source changed on the same trace; an override keeping the label, or by another source, is not listed', () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    const first = judgeFeedback('grounded', 'no', 'The retrieved text is empty.', { id: 'j1', createTime: at(0) });
    const again = judgeFeedback('grounded', 'yes', 'Supported.', { id: 'j2', overrides: 'j1', createTime: at(30) });
    const same = judgeFeedback('grounded', 'Yes', 'Still supported.', { id: 'j4', overrides: 'j3' });
    const [byHuman, human] = overridden(judgeFeedback('grounded', 'no', null, { id: 'j5' }), 'h1', 'yes');
    const r = analyseJudges([
      qa('f1', 'q1', 'a1', [{ ...first, valid: false }, again]),
      qa('f2', 'q2', 'a2', [judgeFeedback('grounded', 'yes', null, { id: 'j3', valid: false }), same]),
      qa('f3', 'q3', 'a3', [byHuman, human]),
    ]);
    const flips = r.names.find((n) => n.name === 'grounded')?.overrideFlips;
    expect(flips).toEqual([
      {
        traceId: 'f1',
        source: 'LLM_JUDGE',
        from: { value: 'no', label: 'fail', rationale: 'The retrieved text is empty.', createTime: at(0) },
        to: { value: 'yes', label: 'pass', rationale: 'Supported.', createTime: at(30) },
        gapMs: 30,
      },
    ]);
    expect(r.skipped.overridden).toBe(3);
  });

  it('one source only: says so, no pair; CODE and categorical values compare as values', () => {
    const r = analyseJudges([
      qa('c1', 'q', 'a', [codeFeedback('tone', 'formal'), judgeFeedback('tone', 'casual')]),
      qa('c2', 'q2', 'a', [codeFeedback('policy', { pii: false })]),
    ]);
    expect(r.names.find((n) => n.name === 'policy')).toMatchObject({ singleSource: true, pairs: [] });
    expect(r.names.find((n) => n.name === 'tone')?.pairs[0]).toMatchObject({ a: 'CODE', b: 'LLM_JUDGE', both: 1, agree: 0 });
  });

  it('leaves out overridden assessments and scorer errors, counting them; session-level verdicts count', () => {
    const [old, now] = overridden(humanFeedback('correct', false, { id: 'h1' }), 'h2', true);
    const r = analyseJudges([
      qa('o1', 'q', 'a', [old, now, judgeFeedback('correct', true), scorerError('correct')]),
      qa('o2', 'q2', 'a', [sessionLevel(judgeFeedback('resolved', false), 's1')]),
    ]);
    expect(r.skipped).toMatchObject({ overridden: 1, errors: { LLM_JUDGE: 1 }, errorCodes: { LLM_JUDGE: { RATE_LIMIT: 1 } } });
    expect(r.names.find((n) => n.name === 'correct')?.pairs[0]).toMatchObject({ both: 1, agree: 1 });
    expect(r.names.find((n) => n.name === 'resolved')?.sources[0]?.labels).toEqual({ fail: 1 });
  });
});
