import { describe, expect, it } from 'vitest';
import { overviewSection } from '../../../../../scripts/lib/analysis/triage/sections/overview.js';
import { T0, traceAt, triageOver } from '../../../../support/builders.js';

describe('overview section: traces, window, states', () => {
  it('counts traces per state over the window they span', () => {
    const infos = [traceAt(1, 0), traceAt(2, 5, { state: 'ERROR' }), traceAt(3, 2), traceAt(4, 1, { state: 'IN_PROGRESS' })];
    expect(triageOver([overviewSection], infos).result()).toEqual({
      traces: 4,
      window: { first: new Date(T0).toISOString(), last: new Date(T0 + 5 * 3_600_000).toISOString() },
      states: { ERROR: 1, OK: 2, IN_PROGRESS: 1 },
      assessments: null,
      verdictTotals: null,
    });
  });

  it('is filled the same from the counts a tracking server aggregated (no paging)', () => {
    const acc = triageOver([overviewSection], []);
    acc.addAggregate({ kind: 'states', counts: { OK: 2, ERROR: 1, IN_PROGRESS: 1 }, first: T0, last: T0 + 5 * 3_600_000 });
    const paged = triageOver([overviewSection], [traceAt(1, 0), traceAt(2, 5, { state: 'ERROR' }), traceAt(3, 2), traceAt(4, 1, { state: 'IN_PROGRESS' })]);
    expect(acc.result().traces).toBe(4);
    expect(acc.result().window).toEqual(paged.result().window);
    expect(acc.result().states).toEqual({ OK: 2, ERROR: 1, IN_PROGRESS: 1 });
  });

  it('the server counts the whole window; the traces read (its newest) keep their exact end, and are exact when they are all', () => {
    const newest = [traceAt(1, 30), traceAt(2, 31, { state: 'ERROR' })];
    const acc = triageOver([overviewSection], newest);
    acc.addAggregate({ kind: 'states', counts: { OK: 90, ERROR: 10 }, first: T0, last: T0 + 32 * 3_600_000 - 1 });
    acc.addAggregate({ kind: 'assessments', counts: { correct: 7 } });
    expect(acc.result()).toEqual({
      traces: 100,
      window: { first: new Date(T0).toISOString(), last: new Date(T0 + 31 * 3_600_000).toISOString() },
      states: { OK: 90, ERROR: 10 },
      assessments: { correct: 7 },
      verdictTotals: null,
    });
    const all = triageOver([overviewSection], [traceAt(1, 0.5), traceAt(2, 2)]);
    all.addAggregate({ kind: 'states', counts: { OK: 2 }, first: T0, last: T0 + 3 * 3_600_000 - 1 });
    expect(all.result().window.first).toBe(new Date(T0 + 1_800_000).toISOString());
  });

  it('says nothing of a window when no trace has a time', () => {
    const t = traceAt(1, 0);
    t.info.requestTimeMs = null;
    expect(triageOver([overviewSection], [t]).result().window).toEqual({ first: null, last: null });
  });
});
