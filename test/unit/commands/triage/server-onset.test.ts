/**
 * WHAT CHANGED's onset located by a stand-in tracking server: counts per day of every trace and of
 * the version's, narrowed per hour and minute; the look-back answers when the server declines.
 * (The read around the switch is an mlflow search: test/cli/costs.cli.test.ts runs it on a real server.)
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { startServerOnset } from '../../../../scripts/lib/commands/triage/server-onset.js';
import type { TriageArgs } from '../../../../scripts/lib/commands/triage/triage-args.js';
import { type MetricsBody, type StandIn, standInMetricsServer } from '../../../support/metrics-server.js';
import { trace } from '../../../support/spans.js';

let server: StandIn;
beforeAll(async () => {
  server = await standInMetricsServer();
});
afterAll(() => server.close());
afterEach(() => vi.unstubAllEnvs());

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const READ_FROM = T0 + 9 * DAY;
// Every trace read has v42.
const changes = new ChangeAccumulator();
for (let i = 0; i < 40; i++) changes.addInfo(trace(`tr-${i}`, { requestTimeMs: READ_FROM + i * 60_000, tags: { app_version: 'v42' } }));
const args = (o: Partial<TriageArgs> = {}) => ({ experimentId: '1', spec: {}, cli: { timeoutMs: 5_000 }, ...o }) as unknown as TriageArgs;
const bucket = (ms: number, n: number) => ({ dimensions: { time_bucket: new Date(ms).toISOString() }, values: { COUNT: n } });

/** Ten days of 40 traces; v42 from day 9 on (the days before: another version). */
const tenDays = (b: MetricsBody) => {
  const withValue = b.filters?.some((f) => f.includes('app_version'));
  const points = Array.from({ length: 10 }, (_, d) => bucket(T0 + d * DAY, withValue ? (d >= 9 ? 40 : 0) : 40)).filter((p) => p.values.COUNT > 0);
  return { status: 200, body: { data_points: b.time_interval_seconds === 86_400 ? points : [] } };
};

describe('startServerOnset', () => {
  it('not on the paging path, nor with --by: the look-back answers', () => {
    expect(startServerOnset(args(), changes, false, READ_FROM)).toBeNull();
    expect(startServerOnset(args({ by: 'app_version' }), changes, true, READ_FROM)).toBeNull();
  });

  it('counts per day, every trace against the version, over everything up to the window end, filtered by the key', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', server.url);
    server.seen.length = 0;
    server.reply = tenDays;
    // The read around it (an mlflow search) is left out: the traces read start where the last other one's day does.
    const started = startServerOnset(args(), changes, true, T0 + 8 * DAY);
    const run = await started?.run;
    // Located before any read: the same onset, for the cohorts' cost to be asked beside the span reads.
    expect(await started?.located).toBe(run && 'onset' in run ? run.onset : undefined);
    expect(run && 'onset' in run).toBe(true);
    const onset = run && 'onset' in run ? run.onset : null;
    expect(onset?.server).toMatchObject({ traces: 400, withValue: 40, firstSeen: { at: new Date(T0 + 9 * DAY).toISOString() } });
    expect(onset?.server?.lastOther).toMatchObject({ at: new Date(T0 + 8 * DAY).toISOString(), traces: 40 });
    const days = server.seen.filter((b) => b.time_interval_seconds === 86_400);
    expect(days.map((b) => b.filters?.at(-1) ?? null).sort()).toEqual(['trace.tag.app_version = "v42"', null].sort());
    expect(days.every((b) => b.start_time_ms === 0)).toBe(true);
    // Finer counts asked inside the day that first held it and the day a trace last went without it.
    expect(server.seen.filter((b) => b.time_interval_seconds === 3_600).length).toBeGreaterThan(0);
  });

  it('a server that declines a count: said, for the look-back to answer', async () => {
    vi.stubEnv('MLFLOW_TRACKING_URI', server.url);
    server.reply = () => ({ status: 400, body: { error_code: 'INVALID_PARAMETER_VALUE', message: 'no such filter' } });
    const started = startServerOnset(args(), changes, true, READ_FROM);
    expect(await started?.run).toMatchObject({ declined: expect.stringMatching(/no such filter/) });
    // Nothing located: no cohort cost is asked early.
    expect(await started?.located).toBeNull();
  });
});
