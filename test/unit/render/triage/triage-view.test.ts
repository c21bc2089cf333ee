/** triage_traces' screen: what it says about the edges of what it read. */
import { describe, expect, it } from 'vitest';
import type { FailureCluster } from '../../../../scripts/lib/analysis/triage/failure-clusters.js';
import { startsAtCut } from '../../../../scripts/lib/render/triage/failures.js';
import { NO_SOURCE_SPLIT } from '../../../../scripts/lib/analysis/triage/sections/overview.js';
import type { TriageFindings } from '../../../../scripts/lib/analysis/triage/accumulator.js';
import { cutLine, figuresLines, overviewView, silenceLine, verdictTotalsLines } from '../../../../scripts/lib/render/triage/overview.js';
import { noMatchText } from '../../../../scripts/lib/render/triage/triage-view.js';
import type { TriageRun } from '../../../../scripts/lib/render/triage/view.js';

const H = 3_600_000;
const run = (o: Partial<TriageRun>): TriageRun => ({
  experimentId: '1',
  filter: '',
  source: null,
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

describe('overviewView header', () => {
  const f = { traces: 3, window: { first: '2026-12-07T02:00:00Z', last: '2026-12-08T01:00:00Z' }, states: { OK: 3 } } as unknown as TriageFindings;
  const follow = { inspect: () => '', compare: () => '', all: '', json: '', judges: () => '' };
  const header = (o: Partial<TriageRun>) => overviewView(f, run(o), follow)[0]?.lines.join('\n') ?? '';
  it('states the window asked for under the traces read, in UTC', () => {
    const w = { sinceMs: Date.parse('2026-12-07T01:40Z'), nowMs: Date.parse('2026-12-08T01:40Z'), flags: ['--since', '24h'] };
    expect(header({ window: w }).split('\n')[1]).toBe('Window: 2026-12-07 01:40 → now, 2026-12-08 01:40 UTC (--since 24h)');
  });
  it('says nothing of a window with neither bound: the filter line says every trace', () => {
    expect(header({ window: { nowMs: 0, flags: [] } })).not.toMatch(/Window:/);
  });
});

describe('silenceLine (a window that runs to now, with nothing lately)', () => {
  it('says how long nothing arrived, and asks whether the app still logs', () => {
    expect(silenceLine(run({ silentForMs: 28 * H, windowMs: 48 * H }))).toBe(
      'No trace in the last 28 h: the newest matching trace is 28 h old. Is the application still running and logging to this experiment?',
    );
    expect(silenceLine(run({ silentForMs: 5 * 24 * H, windowMs: 14 * 24 * H }))).toMatch(/^No trace in the last 5 days/);
  });
  it('with a filter beyond the time bound (an old release), does not ask whether the app still logs', () => {
    const line = silenceLine(run({ silentForMs: 21 * H, windowMs: 7 * 24 * H, filter: "trace.timestamp_ms >= 1 AND tag.release = '2025.11.3'" }));
    expect(line).toBe(
      'No matching trace in the last 21 h: the newest is 21 h old (the filter selects only some traces; drop it to see whether the application still logs).',
    );
    expect(silenceLine(run({ silentForMs: 21 * H, windowMs: 7 * 24 * H, filter: 'trace.timestamp_ms >= 1' }))).toMatch(/Is the application still running/);
  });
  it('stays quiet under an hour, under a tenth of the window, or without a window that ends now', () => {
    expect(silenceLine(run({ silentForMs: 0.5 * H, windowMs: 2 * H }))).toBeNull();
    expect(silenceLine(run({ silentForMs: 2 * H, windowMs: 14 * 24 * H }))).toBeNull();
    expect(silenceLine(run({}))).toBeNull();
  });
});

describe('startsAtCut (a failure cluster that begins with the first trace read)', () => {
  const first = '2026-11-27T23:29:00.000Z';
  const cluster = (firstSeen: string) => ({ firstSeen }) as FailureCluster;
  it('says why its onset may be earlier: the limit, the window, or the traces themselves', () => {
    expect(startsAtCut(cluster(first), first, { more: true, filter: '' })).toMatch(
      /oldest trace read: it may have begun earlier; EARLIER IN THE WINDOW, or --limit 0/,
    );
    expect(startsAtCut(cluster(first), first, { more: false, filter: 'trace.timestamp_ms >= 1795900000000' })).toMatch(/window's first trace: a wider --since/);
    expect(startsAtCut(cluster(first), first, { more: false, filter: '' })).toMatch(/oldest matching trace: none is older, so it may predate the traces/);
  });
  it('says nothing for a cluster that began later', () => {
    for (const more of [true, false]) expect(startsAtCut(cluster('2026-11-28T05:00:00.000Z'), first, { more, filter: '' })).toBe('');
  });
});

describe('noMatchText', () => {
  it('after --trace-name, says the tag may be missing (OTLP ingest) and offers --span-name', () => {
    expect(noMatchText('1', "tag.`mlflow.traceName` = 'faq'", 'faq')).toMatch(/--trace-name reads the tag mlflow.traceName[^\n]*--span-name "faq"/);
    expect(noMatchText('1', "trace.status = 'ERROR'")).not.toContain('--span-name');
    const week = { newestMs: Date.parse('2026-10-07T23:50:00Z'), command: 'triage 1 --since 2026-09-30T23:51Z --until 2026-10-07T23:51Z' };
    expect(noMatchText('1', 'trace.timestamp_ms >= 1', undefined, week)).toBe(
      'No trace in experiment 1 matches the filter.\nFilter: trace.timestamp_ms >= 1\n' +
        "The experiment's newest trace is from 2026-10-07 23:50 UTC, before the window starts.\n" +
        'The week up to it: triage 1 --since 2026-09-30T23:51Z --until 2026-10-07T23:51Z',
    );
    // An experiment given by name is named, with its id beside it; mlflow's own command takes the id.
    expect(noMatchText('1', '', undefined, null, 'bank-helpdesk')).toMatch(/^No trace in experiment bank-helpdesk \(id 1\) matches[\s\S]*traces search -x 1`/);
  });
});

describe('figuresLines (which path answered the whole-window figures)', () => {
  const follow = {
    inspect: (x: string) => x,
    compare: (x: string) => x,
    all: 'triage --limit 0',
    json: 'triage --json',
    paging: 'triage --paging --limit 0',
    judges: (n: string) => n,
  };
  const figures = (paged: Array<[string, string]> = []) =>
    (['traces', 'latency', 'tokens', 'costPerDay', 'costByModel', 'assessments', 'verdictTotals'] as const).map((figure) => {
      const why = paged.find(([f]) => f === figure)?.[1];
      return why ? { figure, path: 'paging' as const, why } : { figure, path: 'server' as const };
    });
  it('the metrics path: the server’s figures over every matching trace, what the newest read give, a declined figure and why', () => {
    const r = run({
      read: 500,
      more: true,
      server: { path: 'server', why: null, traces: 100_000, requests: 6, figures: figures([['latency', 'the server declined traces latency (HTTP 400): no']]) },
    });
    expect(figuresLines(r, follow)).toEqual([
      "From the tracking server's metrics endpoint (6 requests), over all 100,000 matching traces: traces per state, median tokens, cost per day, cost per model, assessments per name, positive and negative feedback per name.",
      'Clusters, verdicts, the slow tail, token outliers and what changed: the newest 500 read (every trace, page by page: triage --paging --limit 0).',
      'latency p50/p95/max from the traces read instead: the server declined traces latency (HTTP 400): no',
    ]);
    expect(cutLine(r, follow)).toBeNull();
  });
  it('paging on a server says why; a local store says nothing (as before)', () => {
    const paged = (why: string) => run({ server: { path: 'paging', why, traces: null, requests: 1, figures: [] } });
    expect(figuresLines(paged('this server has no trace-metrics endpoint (HTTP 404)'), follow)).toEqual([
      'Every figure from the traces read, page by page: this server has no trace-metrics endpoint (HTTP 404).',
    ]);
    expect(figuresLines(paged('the tracking URI is a local or SQL store, not a tracking server'), follow)).toEqual([]);
    expect(figuresLines(run({}), follow)).toEqual([]);
  });
});

describe('verdictTotalsLines (feedback over the window, and where the split by source is)', () => {
  it('every source together from the server, said so and why; the split by source over the traces read', () => {
    const totals = {
      perName: { correct: { judged: 9_000, positive: 7_800, negative: 1_200, noValue: 0 }, judge: { judged: 0, positive: 0, negative: 0, noValue: 4 } },
      bySource: [
        { figure: 'assessments' as const, split: false, over: 'window' as const, why: NO_SOURCE_SPLIT },
        { figure: 'verdictTotals' as const, split: false, over: 'window' as const, why: NO_SOURCE_SPLIT },
        { figure: 'verdicts' as const, split: true, over: 'traces read' as const, why: null },
      ],
    };
    const lines = verdictTotalsLines(totals, run({ read: 500 }));
    expect(lines[0]).toBe('Feedback over the window: correct 1,200 negative, 7,800 positive of 9,000');
    expect(lines[1]).toContain(
      'assessments logged and feedback: every source together (HUMAN, LLM_JUDGE and CODE not apart): ' +
        "the tracking server's metrics endpoint groups assessments by name and value only (no source dimension or filter in MLflow 3.x); " +
        'by source: NEGATIVE VERDICTS, over the newest 500 read',
    );
    expect(verdictTotalsLines(null, run({}))).toEqual([]);
  });
});
