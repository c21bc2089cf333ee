/**
 * "Our LLM bill went up: what drives it, since when?" against the real CLI, on the costs store
 * (testbed/seed_costs.py): prod (costs recorded by MLflow at ingest) has a canary from hour 30 and
 * a takeover at hour 46 that switches draft_decision to gpt-4o with a prompt three times longer;
 * eu (no recorded cost, priced from the table) rolls the same change back, and its classify span
 * calls a model no table prices. Each scenario runs once; many assertions read it.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerOn } from '../../testbed/server.js';
import { hasStackTrace, ROOT, run, tempDir, type Run } from '../support/helpers.js';
import { expectSameFigures } from '../support/metrics-path.js';

interface CostsManifest {
  tracking_uri: string;
  experiment_id: string;
  eu_experiment_id: string;
  names: { draft: string; classify: string };
  prod: { versions: Record<string, number>; traces: Record<string, string> };
  canary: { first_ms: number; traces: number; takeover_ms: number };
}
const m = JSON.parse(readFileSync(join(ROOT, '.testbed', 'costs', 'manifest.json'), 'utf8')) as CostsManifest;
const LONG = 2_400_000;
const T = ['--timeout', '900'];
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
// Times as triage prints them: ISO to the minute, Z for UTC.
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
/** The first screen: what an agent reads before anything scrolls. */
const firstScreen = (r: Run) => r.stdout.split('\n').slice(0, 40).join('\n');

describe('what drives the cost (triage_traces on the costs store)', () => {
  let prod: Json;
  let prodText: Run;
  let region: Run;
  let eu: Run;
  let euPriced: Run;
  let badPrices: Run;
  let missingPrices: Run;
  beforeAll(async () => {
    const env = (cache: string) => ({ MLFLOW_TRACKING_URI: m.tracking_uri, XDG_CACHE_HOME: cache });
    const dir = tempDir('prices-');
    const good = join(dir, 'prices.json');
    writeFileSync(good, JSON.stringify({ as_of: '2026-10-01', models: { 'acme-triage-7b': { input: 0.2, output: 0.2 } } }));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ as_of: '2026-10-01', models: { 'gpt-4o': { input: 'cheap', output: 10 } } }));
    const prodRuns = (async () => {
      const e = env(tempDir('xdg-'));
      const j = await run('triage_traces', [m.experiment_id, '--json', ...T], e, LONG);
      expect(j.exitCode, j.stderr).toBe(0);
      prod = j.json();
      prodText = await run('triage_traces', [m.experiment_id, ...T], e, LONG);
      region = await run('triage_traces', [m.experiment_id, '--by', 'region', ...T], e, LONG);
    })();
    const euRuns = (async () => {
      const e = env(tempDir('xdg-'));
      eu = await run('triage_traces', [m.eu_experiment_id, ...T], e, LONG);
      euPriced = await run('triage_traces', [m.eu_experiment_id, '--prices', good, ...T], e, LONG);
    })();
    const errs = (async () => {
      badPrices = await run('triage_traces', [m.eu_experiment_id, '--prices', bad, ...T], env(tempDir('xdg-')), LONG);
      missingPrices = await run('triage_traces', [m.eu_experiment_id, '--prices', join(dir, 'none.json'), ...T], env(tempDir('xdg-')), LONG);
    })();
    await Promise.all([prodRuns, euRuns, errs]);
  }, LONG);

  it('finds the rollout behind the canary: first seen and took over', () => {
    const s = prod.changes.report.switches[0];
    expect(s).toMatchObject({ key: 'tag.app_version', kind: 'rollout' });
    expect(s.changes.at(-1).rollout.firstSeenMs).toBe(m.canary.first_ms);
    // Took over: the first 2.8.0 trace from which on 2.7.0 is a straggler (the canary's last trace may be it, minutes before every trace is 2.8.0).
    const took = s.changes.at(-1).firstToMs;
    expect(Math.abs(took - m.canary.takeover_ms)).toBeLessThanOrEqual(30 * 60_000);
    expect(firstScreen(prodText)).toContain(`app_version 2.7.0 → 2.8.0, a rollout: first seen ${utc(m.canary.first_ms)} (a canary: `);
    expect(firstScreen(prodText)).toMatch(new RegExp(`took over (between \\S+ and |at )${utc(took)} \\(\\d+ traces with 2\\.7\\.0 before`));
    expect(prodText.stdout).not.toMatch(/Z UTC|\d 2\.7\.0 stragglers/);
  });

  it('says what a request costs on both sides, from MLflow recorded cost, and which span and model explain it, on the first screen', () => {
    const [a, b] = ['2.7.0', '2.8.0'].map((v) => prod.changes.report.cohorts.find((c: Json) => c.value === v).cost);
    expect(a.recordedCalls).toBeGreaterThan(0);
    expect(a.pricedCalls + b.pricedCalls).toBe(0);
    expect(b.perTrace / a.perTrace).toBeGreaterThan(20);
    const screen = firstScreen(prodText);
    expect(screen).toMatch(
      /cost per request: \$0\.000\d+ \(2\.7\.0\) → \$0\.01\d+ \(2\.8\.0\) \(×\d\d\.\d\), over 100 and 100 traces read with spans; from MLflow's recorded cost/,
    );
    expect(screen).toMatch(
      new RegExp(
        `${m.names.draft}: \\S+ → \\S+ per trace: model gpt-4o-mini → gpt-4o; input tokens per call 1,2\\d\\d → 3,6\\d\\d \\(×3\\.0: a longer prompt or history\\)`,
      ),
    );
  });

  it('--by region (a tag that alternates): both samples from the same time range, so no false cost gap or model switch', () => {
    expect(region.exitCode, region.stderr).toBe(0);
    expect(region.stdout).toMatch(/span samples .*the newest of each cohort, both cut to \S+ … \S+, so time does not pass for region/);
    const ratio = /cost per request: \S+ \(\w+\) → \S+ \(\w+\) \((×|÷)([\d.]+)\)/.exec(region.stdout);
    expect(ratio?.[1] === '×' ? Number(ratio?.[2]) : 1 / Number(ratio?.[2])).toBeGreaterThan(0.7);
    expect(region.stdout).not.toMatch(/parameter changed: .*model/);
  });

  it('a rollback reads in time order, each stretch from its own sample, names the price table, and the model it cannot price', () => {
    expect(eu.exitCode, eu.stderr).toBe(0);
    const screen = firstScreen(eu);
    expect(screen).toMatch(
      /cost per request.*, app_version 2\.7\.0 → 2\.8\.0 → 2\.7\.0 \(rolled back\): \$0\.000\d+ → \$0\.01\d+ → \$0\.000\d+ per request \(the release ×\d\d\.\d, the rollback ÷\d\d\.\d\), over 50, 100 and 50 traces read with spans, one sample per stretch; from built-in price table, USD per 1M tokens, from MLflow 3\.17\.2/,
    );
    expect(screen).not.toMatch(/\(2\.8\.0\) → \S+ \(2\.7\.0\)/);
    expect(screen).toMatch(
      new RegExp(
        `\\n {4}${m.names.draft}, the release 2\\.7\\.0 → 2\\.8\\.0: ×\\d\\d\\.\\d per request: ×1\\d\\.\\d price \\(gpt-4o-mini → gpt-4o at the same tokens, priced from the built-in`,
      ),
    );
    expect(screen).toMatch(
      /what the rollback changed \(2\.8\.0 → 2\.7\.0\), by span:\n.*input tokens per call 3,6\d\d → 1,2\d\d \(÷3\.0: a shorter prompt or history\)/,
    );
    expect(screen).not.toMatch(/×0\.\d\b/);
    expect(screen).toContain('no price for model acme-triage-7b (no recorded cost, not in the price table; --prices FILE adds it)');
  });

  it('no recorded cost: COST PER DAY says so and prices each day from the table over the traces read with spans, naming them', () => {
    expect(eu.stdout).toMatch(
      /\nCOST PER DAY \(UTC\) — MLflow recorded no cost on these traces \(no mlflow\.trace\.cost on any of the 432 traces read\); priced from built-in price table, .*, over the 200 of them read with spans \(samples \(cohorts, OK calls\) 200\), not every trace: \$\d/,
    );
    expect(eu.stdout).toMatch(
      /\n {2}2026-10-05\s+144\s+50\s+\$\S+\s+\$0\.000\d+\n {2}2026-10-06\s+144\s+100\s+\$\S+\s+\$0\.01\d+\n {2}2026-10-07\s+144\s+50\s+\$\S+\s+\$0\.000\d+\n/,
    );
    expect(eu.stdout).toMatch(
      /\n {2}no price for model acme-triage-7b \(\d+ calls; not in the price table; --prices FILE adds it\): its calls are left out\n {2}every trace read priced: .*triage_traces\S* 2 .*--spans/,
    );
  });

  it('the rise on the span whose model switched, split into price (the new model at the old tokens, from the table) and tokens', () => {
    const [split] = prod.changes.report.costSplits;
    expect(split).toMatchObject({ span: m.names.draft, modelFrom: 'gpt-4o-mini', modelTo: 'gpt-4o', priceFrom: 'the built-in price table (2026-11)' });
    expect(split.price * split.tokens * split.calls).toBeCloseTo(split.ratio, 6);
    expect(split.price).toBeGreaterThan(10);
    expect(firstScreen(prodText)).toMatch(
      new RegExp(
        `${m.names.draft}: .*\\n {6}on this span, ×\\d\\d\\.\\d per request: ×1\\d\\.\\d price \\(gpt-4o-mini → gpt-4o at the same tokens, priced from the built-in price table \\(2026-11\\)\\), ` +
          '×\\d\\.\\d tokens \\(input 1,2\\d\\d → 3,6\\d\\d, output \\d+ → \\d+ per call\\)',
      ),
    );
  });

  it('offers to split by keys whose mix shifts over time only: not the region or the user, which take turns', () => {
    expect(prod.changes.report.splitKeys.map((k: Json) => k.key)).toEqual(['tag.app_version']);
    expect(prodText.stdout).not.toMatch(/keys to split by/);
  });

  it('--prices FILE prices the unknown model and says where the prices come from', () => {
    expect(euPriced.exitCode, euPriced.stderr).toBe(0);
    expect(euPriced.stdout).toMatch(/from \S+prices\.json \(as of 2026-10-01, USD per 1M tokens\) over the built-in table/);
    expect(euPriced.stdout).not.toContain('no price for model acme-triage-7b');
  });

  it('a bad price file is one line and a hint, exit 2, before any mlflow call', () => {
    for (const r of [badPrices, missingPrices]) {
      expect(r.exitCode).toBe(2);
      expect(hasStackTrace(r.stderr)).toBe(false);
      expect(r.stdout).toBe('');
    }
    expect(badPrices.stderr).toMatch(/^error: --prices \S+bad\.json: models\.gpt-4o\.input: .*\nhint: Expected \{"as_of"/);
    expect(missingPrices.stderr).toMatch(/none\.json/);
    expect(missingPrices.stderr).toMatch(/hint: /);
  });

  describe("the same store behind mlflow server (sqlite): the figures from the tracking server's engine", () => {
    let served: Json;
    let servedText: Run;
    let pair: Run;
    let log: string;
    let stop = () => {};
    beforeAll(async () => {
      const dir = tempDir('costs-server-');
      copyFileSync(join(ROOT, '.testbed', 'costs', 'mlflow.db'), join(dir, 'mlflow.db'));
      log = join(dir, 'server.log');
      const server = await startServerOn(join(dir, 'mlflow.db'), log);
      stop = server.stop;
      const env = { MLFLOW_TRACKING_URI: server.url, XDG_CACHE_HOME: tempDir('xdg-') };
      // --limit 100: the server counts all 432 while only the newest 100 are read.
      const [j, t] = await Promise.all([
        run('triage_traces', [m.experiment_id, '--json', '--limit', '100', ...T], env, LONG),
        run('triage_traces', [m.experiment_id, '--limit', '100', ...T], env, LONG),
      ]);
      expect(j.exitCode, j.stderr).toBe(0);
      served = j.json();
      servedText = t;
      // The pair command triage prints (the paging run's: the newest 100 hold no switch), against the server: it asked for 50,000 traces, which a server refuses.
      const printed = /compare_traces\.\w+ (tr-\w+) (tr-\w+) --experiment-id (\S+)/.exec(prodText.stdout);
      const [, x = '(no pair printed)', y = '', e = ''] = printed ?? [];
      pair = await run('compare_traces', [x, y, '--experiment-id', e, ...T], env, LONG);
    }, LONG);
    afterAll(() => stop());

    it('the same traces, states, window, latency, tokens and cost per day as paging every trace of the store', () => {
      expect(served.read).toBe(100);
      expectSameFigures(served, prod);
      expect(served.costByModel.map((x: Json) => x.model)).toEqual(['gpt-4o', 'gpt-4o-mini']);
      expect(served.figures).toMatchObject({ path: 'server', traces: 432 });
    });

    it('says which path answered, and the server log holds the metrics requests', () => {
      expect(servedText.exitCode, servedText.stderr).toBe(0);
      expect(servedText.stdout).toMatch(/^TRIAGE — experiment \d+: 432 traces in the window/);
      expect(servedText.stdout).toMatch(
        /From the tracking server's metrics endpoint \(\d+ requests\), over all 432 matching traces: traces per state, latency/,
      );
      expect(servedText.stdout).toMatch(/the newest 100 read \(every trace, page by page: .*--paging --limit 0\)/);
      expect(servedText.stdout).toContain('per model over the window (tracking server): gpt-4o $2.00');
      expect(readFileSync(log, 'utf8').match(/POST \/api\/3\.0\/mlflow\/traces\/metrics/g)?.length).toBe(2 * served.figures.requests);
    });

    it('the compare_traces pair command it prints runs on the server', () => {
      expect(pair.exitCode, pair.stderr).toBe(0);
      expect(pair.stdout).toMatch(/^COMPARE/);
    });

    it("WHAT CHANGED's cost per request over every trace of each cohort, summed by the server (the spans still from the sample), said so", () => {
      const c = served.changes.report.cohortCost;
      expect(c).toMatchObject({ path: 'server', why: null, requests: 6 });
      const traces = (v: string) => prod.changes.report.cohorts.find((x: Json) => x.value === v).traces;
      expect(c.cohorts.map((x: Json) => [x.value, x.traces])).toEqual([
        ['2.7.0', traces('2.7.0')],
        ['2.8.0', traces('2.8.0')],
      ]);
      expect(c.cohorts.reduce((s: number, x: Json) => s + x.usd, 0)).toBeCloseTo(prod.costPerDay.usd, 9);
      expect(servedText.stdout).toContain(
        `over all ${traces('2.7.0')} and ${traces('2.8.0')} traces of each cohort in the window (tracking server's metrics endpoint, MLflow's recorded cost)`,
      );
      expect(servedText.stdout).toMatch(
        /\n {4}tokens per request: 1,7\d\d → 4,1\d\d \(×2\.4\), the same traces\n {4}by span below: over \d+ and \d+ traces read with spans/,
      );
    });

    it('the switch older than the traces read: located by the server over every trace (first seen, the last trace without it), one read around it', () => {
      const o = served.changes.onset;
      expect(o).toMatchObject({ key: 'tag.app_version', value: '2.8.0', lastGood: { traceId: m.prod.traces['last_2.7.0'], value: '2.7.0' } });
      expect(o.server).toMatchObject({
        traces: 432,
        withValue: m.prod.versions['2.8.0'],
        firstSeen: { at: new Date(m.canary.first_ms).toISOString(), sizeS: 60 },
        lastOther: { traces: expect.any(Number) },
      });
      expect(Date.parse(o.server.lastOther.at)).toBeLessThanOrEqual(Date.parse(o.lastGood.time));
      expect(Date.parse(o.onset.time)).toBeGreaterThanOrEqual(Date.parse(o.lastGood.time));
      // Both cohorts' span samples come from that one read: no look-back, no sample per cohort.
      expect(served.mlflowCallsBy).toMatchObject({ changes: 1, failingSpans: 0, slowSpans: 0 });
      expect(o.read).toBeGreaterThan(100);
      expect(served.changes.report.cohorts.map((c: Json) => c.value)).toEqual(['2.7.0', '2.8.0']);
      expect(servedText.stdout).toContain(
        `every trace read (from ${utc(Date.parse(o.windowStart))}) has app_version=2.8.0; the tracking server counted 175 of 432 traces with it (`,
      );
      expect(servedText.stdout).toContain(`app_version → 2.8.0: first seen in the minute from ${utc(m.canary.first_ms)}; the last trace without it in the `);
      expect(servedText.stdout).toMatch(
        new RegExp(`\\d+ traces read around it \\(1 search, with spans; .*\\): last 2\\.7\\.0 trace \\(last good\\) ${m.prod.traces['last_2.7.0']} at `),
      );
    });

    it('feedback totals from the server are not split by source, and say why; the split is the traces read', () => {
      expect(served.verdictTotals.bySource).toEqual([
        { figure: 'assessments', split: false, over: 'window', why: expect.stringMatching(/no source dimension/) },
        { figure: 'verdictTotals', split: false, over: 'window', why: expect.stringMatching(/no source dimension/) },
        { figure: 'verdicts', split: true, over: 'traces read', why: null },
      ]);
    });
  });
});
