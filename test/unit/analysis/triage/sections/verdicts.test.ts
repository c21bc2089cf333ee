import { describe, expect, it } from 'vitest';
import { verdictsSection } from '../../../../../scripts/lib/analysis/triage/sections/verdicts.js';
import { humanFeedback, judgeFeedback, scorerError } from '../../../../support/assessments.js';
import { traceAt, triageOver } from '../../../../support/builders.js';

describe('verdicts section: negative feedback by assessment name', () => {
  const infos = [
    traceAt(1, 0, { assessments: [judgeFeedback('correctness', 'no', 'Fare for Saver is missing.')], tags: { app_version: 'v2' } }),
    traceAt(2, 1, { assessments: [judgeFeedback('correctness', 'no', 'Fare for Economy is missing.')], tags: { app_version: 'v2' } }),
    traceAt(3, 2, { assessments: [judgeFeedback('correctness', false, 'Contradicts the document.')], tags: { app_version: 'v2' } }),
    traceAt(4, 3, { assessments: [judgeFeedback('correctness', 'yes')], tags: { app_version: 'v1' } }),
    traceAt(5, 4, { assessments: [humanFeedback('user_frustration', 'yes')], tags: { app_version: 'v1' } }),
    traceAt(6, 5, { assessments: [scorerError('correctness')], tags: { app_version: 'v1' } }),
    ...Array.from({ length: 6 }, (_, i) => traceAt(10 + i, 6 + i, { tags: { app_version: 'v1' } })),
  ];
  const { verdicts } = triageOver([verdictsSection], infos).result();

  it('counts negative values per name, positive ones and scorer errors not at all', () => {
    expect(verdicts.map((v) => [v.name, v.count])).toEqual([
      ['correctness', 3],
      ['user_frustration', 1],
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

  it('names the tag value over-represented among them, and the oldest and newest', () => {
    expect(verdicts[0]?.overRepresented).toEqual([expect.objectContaining({ key: 'tag.app_version', value: 'v2', inCluster: 3, clusterSize: 3 })]);
    expect(verdicts[0]?.oldest.traceId).toBe(infos[0]?.info.traceId);
    expect(verdicts[0]?.newest.traceId).toBe(infos[2]?.info.traceId);
  });
});
