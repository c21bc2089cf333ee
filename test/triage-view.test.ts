/** triage_traces' screen: what it says about the edges of what it read. */
import { describe, expect, it } from 'vitest';
import { silenceLine, type TriageRun } from '../scripts/lib/render/triage.js';

const H = 3_600_000;
const run = (o: Partial<TriageRun>): TriageRun => ({
  experimentId: '1',
  filter: '',
  read: 100,
  limit: 5000,
  more: false,
  totalKnown: null,
  sampled: false,
  silentForMs: null,
  windowMs: null,
  failingSpanBound: 1000,
  slowSpanBound: 200,
  mlflowCalls: 1,
  ...o,
});

describe('silenceLine (a window that runs to now, with nothing lately)', () => {
  it('says how long nothing arrived, and asks whether the app still logs', () => {
    expect(silenceLine(run({ silentForMs: 28 * H, windowMs: 48 * H }))).toBe(
      'No trace in the last 28 h: the newest matching trace is 28 h old. Is the application still running and logging to this experiment?',
    );
    expect(silenceLine(run({ silentForMs: 5 * 24 * H, windowMs: 14 * 24 * H }))).toMatch(/^No trace in the last 5 days/);
  });
  it('stays quiet under an hour, under a tenth of the window, or without a window that ends now', () => {
    expect(silenceLine(run({ silentForMs: 0.5 * H, windowMs: 2 * H }))).toBeNull();
    expect(silenceLine(run({ silentForMs: 2 * H, windowMs: 14 * 24 * H }))).toBeNull();
    expect(silenceLine(run({}))).toBeNull();
  });
});
