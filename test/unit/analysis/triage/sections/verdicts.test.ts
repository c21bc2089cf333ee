import { describe, expect, it } from 'vitest';
import { verdictsSection } from '../../../../../scripts/lib/analysis/triage/sections/verdicts.js';
import { humanFeedback, judgeFeedback, scorerError } from '../../../../support/assessments.js';
import { traceAt, triageOver } from '../../../../support/builders.js';

describe('verdicts section: feedback by assessment name and source', () => {
  const infos = [
    traceAt(1, 0, { assessments: [judgeFeedback('correctness', 'no', 'Fare for Saver is missing.')], tags: { app_version: 'v2' } }),
    traceAt(2, 1, { assessments: [judgeFeedback('correctness', 'no', 'Fare for Economy is missing.')], tags: { app_version: 'v2' } }),
    traceAt(3, 2, { assessments: [judgeFeedback('correctness', false, 'Contradicts the document.')], tags: { app_version: 'v2' } }),
    traceAt(4, 3, { assessments: [judgeFeedback('correctness', 'yes')], tags: { app_version: 'v1' } }),
    traceAt(5, 4, { assessments: [humanFeedback('user_frustration', 'yes')], tags: { app_version: 'v1' } }),
    traceAt(6, 5, { assessments: [scorerError('correctness')], tags: { app_version: 'v1' } }),
    ...Array.from({ length: 6 }, (_, i) => traceAt(10 + i, 6 + i, { tags: { app_version: 'v1' } })),
    ...Array.from({ length: 4 }, (_, i) => traceAt(20 + i, 12 + i, { assessments: [judgeFeedback('correctness', true)], tags: { app_version: 'v1' } })),
  ];
  const { verdicts } = triageOver([verdictsSection], infos).result();

  it('counts negative and positive values per name and source, scorer errors not at all', () => {
    expect(verdicts.map((v) => [v.name, v.source, v.count, v.positive, v.judged])).toEqual([
      ['correctness', 'LLM_JUDGE', 3, 5, 8],
      ['user_frustration', 'HUMAN', 1, 0, 1],
    ]);
    expect(verdicts[0]?.values).toEqual([
      { value: 'no', count: 2 },
      { value: 'false', count: 1 },
    ]);
  });

  it('merges rationales that differ in one word, the word spelled as its variants', () => {
    const c = verdicts[0];
    expect(c?.rationales.map((r) => [r.text, r.count])).toEqual([
      ['Fare for {Economy|Saver} is missing.', 2],
      ['Contradicts the document.', 1],
    ]);
    expect(c?.topRationale).toEqual({ text: 'Fare for {Economy|Saver} is missing.', count: 2 });
    expect(c?.rationales[0]?.newest).toBe(infos[1]?.info.traceId);
  });

  it('names the tag value over-represented among them (against the traces the source scored), and the oldest and newest', () => {
    expect(verdicts[0]?.overRepresented).toEqual([
      expect.objectContaining({ key: 'tag.app_version', value: 'v2', inCluster: 3, clusterSize: 3, baseline: 'scored', among: 8, keyOn: 8 }),
    ]);
    expect(verdicts[0]?.oldest?.traceId).toBe(infos[0]?.info.traceId);
    expect(verdicts[0]?.newest?.traceId).toBe(infos[2]?.info.traceId);
  });

  it('keeps a judge and people apart on one name, and says where each scored', () => {
    const both = [
      ...Array.from({ length: 4 }, (_, i) =>
        traceAt(i, i, { assessments: [judgeFeedback('answer_correct', 'yes'), humanFeedback('answer_correct', i < 3 ? 'no' : 'yes')], tags: { v: '5.2' } }),
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        traceAt(10 + i, 10 + i, { assessments: [judgeFeedback('answer_correct', i === 0 ? 'no' : 'yes')], tags: { v: '5.2' } }),
      ),
      ...Array.from({ length: 5 }, (_, i) => traceAt(20 + i, 20 + i, { tags: { v: '5.1' } })),
    ];
    const r = triageOver([verdictsSection], both).result().verdicts;
    const human = r.find((c) => c.source === 'HUMAN');
    const judge = r.find((c) => c.source === 'LLM_JUDGE');
    expect([human?.count, human?.positive, human?.coverage.traces]).toEqual([3, 1, 4]);
    expect([judge?.count, judge?.positive, judge?.coverage.traces, judge?.coverage.of]).toEqual([1, 7, 8, 13]);
    expect(judge?.coverage.onlyOn).toEqual([{ key: 'tag.v', value: '5.2', valueTraces: 8, otherTraces: 5 }]);
    expect(judge?.otherSources).toEqual(['HUMAN']);
    // Every negative sits on 5.2, as does every trace the judge scored: no over-representation.
    expect(human?.overRepresented).toEqual([]);
  });
});
