import { describe, expect, it } from 'vitest';
import { inProgressSection } from '../../../../../scripts/lib/analysis/triage/sections/in-progress.js';
import { traceAt, triageOver } from '../../../../support/builders.js';

describe('in-progress section', () => {
  it('counts traces still IN_PROGRESS and names the newest five', () => {
    const infos = Array.from({ length: 8 }, (_, i) => traceAt(i, i, { state: i === 0 ? 'OK' : 'IN_PROGRESS' }));
    const { inProgress } = triageOver([inProgressSection], infos).result();
    expect(inProgress.count).toBe(7);
    expect(inProgress.newest.map((t) => t.traceId)).toEqual([7, 6, 5, 4, 3].map((i) => infos[i]?.info.traceId));
  });

  it('is zero when every trace finished', () => {
    expect(triageOver([inProgressSection], [traceAt(1, 0)]).result().inProgress).toEqual({ count: 0, newest: [] });
  });
});
