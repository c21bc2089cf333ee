/**
 * triage_traces against the real CLI: the triage store (1,202 traces over five days, seeded by
 * testbed/seed_triage.py) read as a sqlite store (one call per pass) and through a real
 * `mlflow server` over the same file (500 a page). One run per scenario, many assertions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerOn } from '../../testbed/server.js';
import { expectSameFigures } from '../support/metrics-path.js';
import { execa } from 'execa';
import { hasStackTrace, MLFLOW_FORKED, ROOT, run, type Run, tempDir } from '../support/helpers.js';

interface TriageManifest {
  tracking_uri: string;
  experiment_id: string;
  traces: Record<string, string>;
  stream: {
    count: number;
    failures: Record<'order' | 'llm' | 'index', number>;
    version_counts: Record<'v41' | 'v42', number>;
    slow_retrieve: number;
    token_outlier: string;
    negative_correctness: number;
    judge_failures: Record<string, number>;
    switch_ms: number;
  };
}
const m = JSON.parse(readFileSync(join(ROOT, '.testbed', 'triage', 'manifest.json'), 'utf8')) as TriageManifest;
const env = { MLFLOW_TRACKING_URI: m.tracking_uri };
const exp = m.experiment_id;
const TOTAL = m.stream.count + 2; // the stream and the compare pair
const FAILING = m.stream.failures.order + m.stream.failures.llm + m.stream.failures.index;
// Several passes of several mlflow processes each, on a shared 2-core machine: a long leash.
const LONG = 900_000;
const triage = (args: string[], e: Record<string, string> = env) => run('triage_traces', args, e, LONG);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('triage_traces on the sqlite store', () => {
  let json: Json;
  let text: Run;
  let small: Run;
  let window: Json;
  // The text view after the JSON one, in the same cache: a second view costs no mlflow call.
  const shared = { ...env, XDG_CACHE_HOME: tempDir('xdg-') };
  beforeAll(async () => {
    const views = (async () => {
      const first = await triage([exp, '--json'], shared);
      return [first, await triage([exp], shared)] as const;
    })();
    const [[j, t], s, w] = await Promise.all([
      views,
      triage([exp, '--limit', '100', '--max-chars', '2500']),
      triage([exp, '--since', '2026-11-13', '--until', '2026-11-14', '--json']),
    ]);
    expect(j.exitCode, j.stderr).toBe(0);
    json = j.json();
    text = t;
    small = s;
    window = w.json();
  }, LONG);

  it('reads every trace in one call per pass: infos, failing spans, slow tail', () => {
    expect(json.read).toBe(TOTAL);
    expect(json.more).toBe(false);
    expect(json.states).toEqual({ OK: TOTAL - FAILING, ERROR: FAILING });
    expect(json.mlflowCallsBy).toMatchObject({ infos: 1, failingSpans: 1, slowSpans: 1, changes: 2 });
    expect(json.mlflowCalls).toBe(5);
    expect(json.failing).toEqual({ count: FAILING, spansRead: FAILING });
  });

  it('caches alone the traces its answer names, not every failing trace it read: a follow-up on one costs no call', async () => {
    const cached = readdirSync(shared.XDG_CACHE_HOME, { recursive: true, encoding: 'utf8' })
      .map((f) => /(?:^|\/)trace-(tr-[0-9a-f]{32})\.json$/.exec(f)?.[1])
      .filter((id): id is string => !!id);
    const named = new Set(JSON.stringify(json).match(/tr-[0-9a-f]{32}/g));
    expect(cached.length).toBeGreaterThan(0);
    expect(cached.length).toBeLessThan(FAILING);
    for (const id of cached) expect(named.has(id), id).toBe(true);
    const newest = (json.clusters as Json[])[0]?.newest.traceId as string;
    expect(cached).toContain(newest);
    const follow = await run('health_check', [newest, '--json'], shared);
    expect(follow.json().mlflowCalls).toBe(0);
  });

  it('clusters the three failure kinds despite their varying numbers, ids, hex and paths', () => {
    const clusters = json.clusters as Json[];
    expect(clusters.map((c) => [c.span, c.exceptionType, c.count])).toEqual([
      ['lookup_order', 'LookupError', m.stream.failures.order],
      ['call_llm', 'TimeoutError', m.stream.failures.llm],
      ['retrieve_docs', 'FileNotFoundError', m.stream.failures.index],
    ]);
    expect(clusters[0]?.fingerprint).toBe('order <n> not found in shard <n> (request id <id>)');
    expect(clusters[1]?.fingerprint).toBe('request to <url> timed out after <n>s (id <hex>)');
    expect(clusters[2]?.fingerprint).toBe('[Errno <n>] No such file or directory: <path>');
    expect(clusters[0]?.firstSeen).toBe(new Date(m.stream.switch_ms).toISOString());
    expect(clusters[0]?.newest.traceId).toMatch(/^tr-/);
  });

  it("tallies each failing span's inputs: many order ids (not one input), and the model parameters the OK calls read share", () => {
    const [order, llm] = json.clusters as Json[];
    expect(order?.inputs[0]).toMatchObject({ key: 'order_id', traces: m.stream.failures.order, distinct: m.stream.failures.order });
    const shared = (llm?.inputs as Json[]).filter((k) => k.distinct === 1 && k.ok.traces >= 3 && k.ok.withTop === k.ok.traces);
    expect(shared.map((k) => k.key).sort()).toEqual(['max_tokens', 'model', 'temperature']);
    expect(text.stdout).toMatch(/input order_id: \d+ different values in \d+ \(e\.g\. .*\): it fails on many inputs, not one/);
    expect(text.stdout).toContain('same in the OK calls read (not what fails): max_tokens = 512, model = "gpt-4o-mini", temperature = 0');
  });

  it('names the version tag over-represented in the cluster that began with it', () => {
    const share = m.stream.version_counts.v42 / TOTAL;
    expect(json.clusters[0].overRepresented[0]).toMatchObject({
      key: 'tag.app_version',
      value: 'v42',
      inCluster: m.stream.failures.order,
      clusterSize: m.stream.failures.order,
    });
    expect(json.clusters[0].overRepresented[0].overallShare).toBeCloseTo(share + 1 / TOTAL, 2);
    expect((json.clusters[1].overRepresented as Json[]).some((o) => o.value === 'v42')).toBe(false);
  });

  it('keeps judge failures apart from negative verdicts and trace failures', () => {
    // The judge's negatives and the reviewer's one are counted apart (they were one 81 before).
    const negative = (json.verdicts as Json[]).filter((v) => v.count > 0);
    expect(negative.map((v) => [v.name, v.source, v.count])).toEqual([
      ['correctness', 'LLM_JUDGE', m.stream.negative_correctness],
      ['correctness', 'HUMAN', 1],
    ]);
    expect(negative[1]).toMatchObject({ positive: 1, judged: 2 });
    expect(json.verdicts[0].topRationale.text).toMatch(/The answer (contradicts|does not cite)/);
    expect((json.judgeFailures as Json[]).map((g) => [g.name, g.code, g.count]).sort()).toEqual(
      Object.entries(m.stream.judge_failures)
        .map(([code, n]) => ['groundedness', code, n])
        .sort(),
    );
  });

  it('finds the slow tail on retrieve_docs, the token outlier, no IN_PROGRESS', () => {
    expect(json.latency.slowTail.count).toBe(m.stream.slow_retrieve);
    expect(json.latency.tailSpan.name).toBe('retrieve_docs');
    expect(json.latency.tailSpan.tailSelfP50).toBeGreaterThan(3_000);
    const retrieve = (json.latency.spans as Json[]).find((s) => s.name === 'retrieve_docs');
    expect(retrieve?.max).toBe(3_700);
    expect(json.tokens.outliers.map((o: Json) => o.traceId)).toEqual([m.stream.token_outlier]);
    expect(json.inProgress.count).toBe(0);
  });

  it('shows failures per day, the jump on the day of the switch visible', () => {
    expect(json.histogram.unit).toBe('day');
    const fails = (json.histogram.buckets as Json[]).map((b) => b.failures);
    expect(fails.reduce((s, x) => s + x, 0)).toBe(FAILING);
    expect(fails[3]).toBeGreaterThan(2 * (fails[2] as number));
  });

  it('prints the same findings as text, under the budget, with follow-up commands', () => {
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout.length).toBeLessThanOrEqual(20_000);
    expect(text.stdout).toContain(`FAILURES — ${FAILING} failing traces`);
    expect(text.stdout).toContain(`over-represented tag.app_version=v42: ${m.stream.failures.order} of ${m.stream.failures.order} here, 40% overall`);
    expect(text.stdout).toMatch(/JUDGE FAILURES — 30 scorer errors: the judge failed, not the trace/);
    expect(text.stdout).toMatch(/the time goes to retrieve_docs/);
    expect(text.stdout).toMatch(/FAILURES PER DAY \(UTC\)\n/);
    expect(text.stdout).toMatch(/inspect_turn\.(?:ts|mjs) tr-[0-9a-f]{32}/);
    // Served by the --json run's searches: every pass from the cache, and said so.
    expect(text.stdout).toMatch(/mlflow calls: 0 for trace infos, 0 for spans of failing traces, 0 for the slow tail, 0 for what changed/);
    expect(text.stdout).toMatch(/from cache: fetched \d+ (s|min) ago; --fresh to refetch/);
    // Each search's JSON is its cache entry, as the other scripts print it (no temp directory of links).
    const saved = /^Full search JSON \(unredacted, 0600\): (.+)$/m.exec(text.stdout)?.[1]?.split(', ') ?? [];
    expect(saved.length).toBeGreaterThan(0);
    for (const f of saved) expect(f.startsWith(join(shared.XDG_CACHE_HOME, 'analyzing-mlflow-traces')), f).toBe(true);
    expect(hasStackTrace(text.stdout + text.stderr)).toBe(false);
  });

  it('states every cut of a small budget with the command for the rest', () => {
    expect(small.exitCode, small.stderr).toBe(0);
    expect(small.stdout.length).toBeLessThanOrEqual(2_500);
    expect(small.stdout).toMatch(/more lines \([\d,]+ chars\) cut; see: .*triage_traces\.(?:ts|mjs) .* --json/);
    expect(small.stdout).toContain('FAILURES —');
  });

  it('--since / --until select one day, pushed to the store as a timestamp filter', () => {
    expect(window.read).toBe(240);
    expect(window.filter).toBe(`trace.timestamp_ms >= ${Date.parse('2026-11-13T00:00:00Z')} AND trace.timestamp_ms < ${Date.parse('2026-11-14T00:00:00Z')}`);
    expect(window.histogram.unit).toBe('hour');
    expect(window.clusters[0]).toMatchObject({ span: 'lookup_order', count: 24 });
  });

  it('--limit reads the newest N and says how many matched, with the command for all', () => {
    expect(small.stdout).toMatch(/^TRIAGE — experiment \d+: 100 traces read \(2026-11-14T14:00Z … 2026-11-14T23:54Z\)/);
    expect(small.stdout).toContain(
      `Read the newest 100 of ${TOTAL.toLocaleString('en-US')} matching (--limit 100) and a sample of the earlier window (EARLIER IN THE WINDOW); --limit 0 for all: `,
    );
    // A SQL store answered whole: the earlier window is counted from that one page, at no call.
    expect(small.stdout).toMatch(/mlflow calls: 1 for trace infos, \d+ for spans of failing/);
    expect(small.stdout).toMatch(new RegExp(`triage_traces\\.(?:ts|mjs) ${exp} --max-chars 2500 --limit 0`));
  });
});

describe('triage_traces: bad input gets one line and its exit code', () => {
  let r: Record<string, Run>;
  beforeAll(async () => {
    const cases: Record<string, string[]> = {
      nonNumeric: ['abc'],
      badSince: [exp, '--since', 'yesterday'],
      untilBeforeSince: [exp, '--since', '2026-11-14', '--until', '2026-11-13'],
      bothQuotesTag: [exp, '--tag', `note=it's "x"`],
      bothQuotesUser: [exp, '--user', `o'brien "jr"`],
      badTag: [exp, '--tag', 'novalue'],
      unknownExperiment: ['987654'],
      badFilter: [exp, '--filter', "tag.app_version == = 'x'"],
      noMatch: [exp, '--since', '24h'],
      quotedUser: [exp, '--user', "o'brien", '--since', '2026-11-14T20:00Z', '--json'],
    };
    const entries = await Promise.all(Object.entries(cases).map(async ([k, args]) => [k, await triage(args)] as const));
    r = Object.fromEntries(entries);
  }, LONG);

  it.each([
    ['nonNumeric', 5, /No experiment is named "abc" in this tracking store/],
    ['badSince', 2, /--since "yesterday" is neither a duration .* nor a date/],
    ['untilBeforeSince', 2, /--until 2026-11-13 is not after --since 2026-11-14/],
    ['bothQuotesTag', 2, /contains both ' and " quotes/],
    ['bothQuotesUser', 2, /user id contains both ' and " quotes/],
    ['badTag', 2, /--tag takes KEY=VALUE/],
    ['unknownExperiment', 5, /Experiment 987654 has no traces \(or does not exist/],
    ['badFilter', 2, /^error: MLflow rejected the filter: Invalid clause/],
  ])('%s → exit %i', (name, code, message) => {
    const res = r[name] as Run;
    expect(res.exitCode, res.stderr).toBe(code);
    expect(res.stderr.split('\n')[0]).toMatch(message);
    expect(res.stdout).toBe('');
    expect(hasStackTrace(res.stderr)).toBe(false);
  });

  it('no matching traces: said, with the filter used, exit 0', () => {
    const res = r.noMatch as Run;
    expect(res.exitCode, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/^No trace in experiment \d+ matches the filter\.\nFilter: trace\.timestamp_ms >= \d+/);
    // The data ends before the window: said, from one read of the newest trace, with the week up to it.
    expect(res.stdout).toMatch(
      /\nThe experiment's newest trace is from \d{4}-\d\d-\d\d \d\d:\d\d UTC, before the window starts\.\nThe week up to it: \S+ \S+ \d+ --since \S+Z --until \S+Z/,
    );
  });

  it("a user id holding ' is double-quoted and matches", () => {
    const res = r.quotedUser as Run;
    expect(res.exitCode, res.stderr).toBe(0);
    const j = res.json() as Json;
    expect(j.filter).toContain(`metadata.\`mlflow.trace.user\` = "o'brien"`);
    expect(j.read).toBeGreaterThan(0);
  });
});

describe('triage_traces through a tracking server: 500 a page', () => {
  let server: { url: string; stop: () => void };
  let json: Json;
  let sampled: Json;
  let served: Json;
  let cliPage: unknown;
  beforeAll(async () => {
    // A server on a loaded machine can miss its 90 s start-up window: one more try, or
    // TRIAGE_TEST_SERVER_URL names one already serving .testbed/triage/mlflow.db.
    const db = join(ROOT, '.testbed', 'triage', 'mlflow.db');
    const given = process.env.TRIAGE_TEST_SERVER_URL;
    server = given ? { url: given, stop: () => undefined } : await startServerOn(db).catch(() => startServerOn(db));
    // One cache: the sampled run's infos pages are the first run's (same page size and tokens).
    const e = { MLFLOW_TRACKING_URI: server.url, XDG_CACHE_HOME: tempDir('xdg-') };
    // --paging: these runs check the paging path on a server; the metrics path's run is compared to it.
    const res = await triage([exp, '--json', '--paging'], e);
    const s = await triage([exp, '--limit', '600', '--slices', '4', '--json', '--paging'], e);
    const m = await triage([exp, '--json'], e);
    expect(res.exitCode, res.stderr).toBe(0);
    expect(m.exitCode, m.stderr).toBe(0);
    json = res.json();
    sampled = s.json();
    served = m.json();
    // The same first page as the CLI prints it, for the REST read to be compared with.
    const argv = [
      'traces',
      'search',
      '--experiment-id',
      exp,
      '--output',
      'json',
      '--max-results',
      '500',
      '--order-by',
      'timestamp_ms DESC',
      '--no-include-spans',
    ];
    cliPage = JSON.parse((await execa(MLFLOW_FORKED, argv, { env: { MLFLOW_TRACKING_URI: server.url } })).stdout);
  }, LONG);

  it('trace infos come from the search endpoint over REST, no mlflow process: the same JSON as the CLI prints, verdicts and all', () => {
    expect(json.mlflowCallsBy).toMatchObject({ infos: 0, restSearches: Math.ceil(TOTAL / 500) });
    const page = JSON.parse(readFileSync(json.files.infos[0], 'utf8'));
    expect(page.traces).toHaveLength(500);
    expect(page.traces.some((t: { info: { assessments?: unknown[] } }) => t.info.assessments?.length)).toBe(true);
    expect(page).toEqual(cliPage);
  });

  it('beyond --limit: the older window in 4 slices of ≤ 150, one REST page each (+1 for its start), counts estimated with a range that holds the truth', () => {
    expect(sampled.read).toBe(600);
    expect(sampled.mlflowCallsBy).toMatchObject({ infos: 0, sample: 0, restSearches: 5 });
    expect(sampled.files.infos).toHaveLength(2);
    expect(sampled.sample.cap).toBe(150);
    expect(sampled.sample.slices).toHaveLength(4);
    for (const x of sampled.sample.slices) expect(x.read).toBeLessThanOrEqual(150);
    const older = sampled.sample.traces;
    expect(older.exact).toBe(false);
    expect(older.lo).toBeLessThanOrEqual(TOTAL - 600);
    expect(older.hi).toBeGreaterThanOrEqual(TOTAL - 600);
    expect(sampled.windowTraces.n).toBe(600 + older.n);
    expect(sampled.cut).toMatch(/and a sample of the earlier window/);
  });
  afterAll(() => server?.stop());

  it('follows the pages: ⌈N/500⌉ REST pages for infos plus one mlflow call for a page of failing spans and one of the slow tail', () => {
    expect(json.read).toBe(TOTAL);
    expect(json.mlflowCallsBy).toMatchObject({ infos: 0, restSearches: Math.ceil(TOTAL / 500), failingSpans: Math.ceil(FAILING / 500), slowSpans: 1 });
    expect(json.files.infos).toHaveLength(Math.ceil(TOTAL / 500));
  });

  it('the metrics path: the same whole-window figures as paging all 1,202, from 6 requests and the newest 500 read', () => {
    expectSameFigures(served, json);
    expect(served.read).toBe(500);
    expect(served.figures).toMatchObject({ path: 'server', traces: TOTAL });
    expect(served.mlflowCallsBy.sample).toBe(0);
    expect(served.clusters.length).toBeGreaterThan(0);
    // The failing and slow-tail traces are among the newest 500 read: one search by id reads both passes' spans.
    expect(served.mlflowCallsBy).toMatchObject({ failingSpans: 1, slowSpans: 0 });
    expect(served.failing.spansRead).toBe(served.failing.count);
    expect(served.latency.spansFrom).toMatchObject({ failing: served.failing.count, slowTail: served.latency.slowTail.count });
    // Its JSON is the search's cache entry (no --out-dir), as every script prints it.
    expect(served.files.failingSpans[0]).toMatch(/analyzing-mlflow-traces\/[0-9a-f]{16}\/search-[\w.-]+\.json$/);
    // The switch v41 → v42 lies among them too: both cohorts' span samples came with that search, none of their own.
    expect(served.mlflowCallsBy.changes).toBe(0);
    expect(served.changes.report.cohorts.map((c: Json) => [c.value, c.spansRead > 0])).toEqual([
      ['v41', true],
      ['v42', true],
    ]);
  });

  it('finds the same clusters as the sqlite store', () => {
    expect((json.clusters as Json[]).map((c) => c.count)).toEqual([m.stream.failures.order, m.stream.failures.llm, m.stream.failures.index]);
    expect(json.clusters[0].overRepresented[0]).toMatchObject({ key: 'tag.app_version', value: 'v42' });
  });
});
