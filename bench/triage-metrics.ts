/**
 * Issue 28's benchmark: triage_traces on a local `mlflow server` at 10,000 and 100,000 traces,
 * the metrics path (the server aggregates the window; the newest 500 are read for examples)
 * against today's paging (`--paging`: the newest 5,000 read, the older window sampled), in one
 * run: requests to the metrics endpoint, mlflow calls, wall time, our CPU and peak memory.
 * The 100,000-trace store is the 10,000 one grown tenfold in its sqlite file (bench/bulk_copy.py:
 * seeding 100,000 through the SDK takes too long on two cores). Writes its section of
 * bench/RESULTS.md between `<!-- triage-metrics -->` markers.
 *
 *   node bench/triage-store.mjs && node testbed/build.mjs && tsx bench/triage-metrics.ts
 *   tsx bench/triage-metrics.ts --metrics-only   # the metrics path alone (paging 100,000 takes ~12 minutes):
 *                                                # its own section, with the load and each call's time
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServerOn, VENV_BIN } from '../testbed/server.js';
// @ts-expect-error plain JS helper without types
import { ensureTriageBenchStore } from './triage-store.mjs';

interface Timed {
  mlflow?: string;
  request?: string;
  atMs: number;
  ms: number;
}
interface Profile {
  cpuMs: number;
  maxRssKb: number;
  mlflowCalls: number;
  mlflowWallMs: number;
  timeline?: Timed[];
}
interface Out {
  read: number;
  traces: number;
  figures: { path: string; requests: number; traces: number | null };
  windowTraces: { n: number; lo: number; hi: number } | null;
  latency: { traces: { p95: number | null } };
}
interface Measured {
  wallMs: number;
  profile: Profile;
  out: Out;
  /** The 1-minute load average before and after the run: what the machine was doing meanwhile. */
  load: [number, number];
}

const metricsOnly = process.argv.includes('--metrics-only');

const dir10k = ensureTriageBenchStore() as string;
const manifest = JSON.parse(readFileSync(join(dir10k, 'manifest.json'), 'utf8')) as { experiment_id: string };
const work = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
const script = join(ROOT, 'dist', 'triage_traces.mjs');

/** The 10,000-trace store grown tenfold, kept beside it (rebuilt when missing). */
function store100k(): { db: string; seconds: number | null } {
  const out = join(ROOT, '.testbed', 'triage-bench-100k');
  const db = join(out, 'mlflow.db');
  if (existsSync(db)) return { db, seconds: null };
  mkdirSync(out, { recursive: true });
  const t0 = performance.now();
  const r = spawnSync(join(VENV_BIN, 'python'), [join(ROOT, 'bench', 'bulk_copy.py'), join(dir10k, 'mlflow.db'), db, manifest.experiment_id, '10'], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bulk_copy.py failed: ${r.stderr.slice(-500)}`);
  return { db, seconds: (performance.now() - t0) / 1000 };
}

function once(args: string[], uri: string): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const file = join(work, `out-${Math.random().toString(36).slice(2)}.json`);
    const fd = openSync(file, 'w');
    const started = performance.now();
    const loadBefore = loadavg()[0] ?? 0;
    const child = spawn('node', [script, manifest.experiment_id, '--json', '--timeout', '900', ...args], {
      env: {
        ...process.env,
        MLFLOW_TRACKING_URI: uri,
        MLFLOW_BIN: join(VENV_BIN, 'mlflow'),
        SKILL_PROFILE: '1',
        XDG_CACHE_HOME: mkdtempSync(join(work, 'xdg-')),
      },
      stdio: ['ignore', fd, 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      closeSync(fd);
      const prof = /SKILL_PROFILE (\{.*\})/.exec(stderr)?.[1];
      if (code !== 0 || !prof) return reject(new Error(`triage_traces exited ${code}: ${stderr.slice(-400)}`));
      resolve({
        wallMs: performance.now() - started,
        profile: JSON.parse(prof) as Profile,
        out: JSON.parse(readFileSync(file, 'utf8')) as Out,
        load: [loadBefore, loadavg()[0] ?? 0],
      });
    });
  });
}

async function measure(db: string): Promise<{ metrics: Measured; paging: Measured | null }> {
  const server = process.env.TRIAGE_BENCH_URL && db.includes(dir10k) ? { url: process.env.TRIAGE_BENCH_URL, stop: () => undefined } : await startServerOn(db);
  try {
    const metrics = await once([], server.url);
    const paging = metricsOnly ? null : await once(['--paging'], server.url);
    return { metrics, paging };
  } finally {
    server.stop();
  }
}

const big = store100k();
const runs = [
  { n: 10_000, ...(await measure(join(dir10k, 'mlflow.db'))) },
  { n: 100_000, ...(await measure(big.db)) },
];

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const mb = (kb: number) => (kb / 1024).toFixed(0);
const counted = (o: Out) =>
  o.figures.traces !== null
    ? `${int(o.figures.traces)} (counted by the server)`
    : o.windowTraces
      ? `≈ ${int(o.windowTraces.n)} (estimated from slices)`
      : int(o.traces);
const measured = (r: (typeof runs)[number]) => (r.paging ? [r.metrics, r.paging] : [r.metrics]);
const cells = (f: (m: Measured) => string) => runs.flatMap((r) => measured(r).map(f)).join(' | ');
const load = (m: Measured) => `${m.load[0].toFixed(1)} → ${m.load[1].toFixed(1)}`;
/** Each mlflow process and metrics request of a run, in order, with its start (since our start) and duration. */
const timeline = (m: Measured) =>
  (m.profile.timeline ?? []).map((x) => `${x.mlflow ? `mlflow ${x.mlflow}` : `request ${x.request}`}: at ${int(x.atMs)} ms, ${int(x.ms)} ms`);
const columns = runs.flatMap((r) => (r.paging ? [`${int(r.n)} metrics`, `${int(r.n)} paging`] : [`${int(r.n)} metrics`]));
const targets = `- targets: 10,000 in ≤ 20 s wall: ${(runs[0]?.metrics.wallMs ?? 0) <= 20_000 ? 'met' : '**not met**'} (${int(runs[0]?.metrics.wallMs ?? 0)} ms); 100,000 in ≤ 30 s: ${(runs[1]?.metrics.wallMs ?? 0) <= 30_000 ? 'met' : '**not met**'} (${int(runs[1]?.metrics.wallMs ?? 0)} ms); our memory flat: ${mb(runs[0]?.metrics.profile.maxRssKb ?? 0)} MB → ${mb(runs[1]?.metrics.profile.maxRssKb ?? 0)} MB for 10× the traces.`;
const marker = metricsOnly ? 'triage-metrics-only' : 'triage-metrics';
const section = [
  `<!-- ${marker} -->`,
  metricsOnly
    ? "## triage_traces on the tracking server's engine: the metrics path alone (`tsx bench/triage-metrics.ts --metrics-only`)"
    : "## triage_traces on the tracking server's engine (issue 28): metrics path against paging",
  '',
  `Stores: \`node bench/triage-store.mjs\` (10,000 stream traces + 2, seeded by the SDK) and the same grown tenfold in its sqlite file by bench/bulk_copy.py (${big.seconds === null ? 'built earlier' : `${big.seconds.toFixed(0)} s`}; copies shifted back in time, new ids), each behind a local \`mlflow server\` (sqlite, one worker). Run: \`tsx bench/triage-metrics.ts${metricsOnly ? ' --metrics-only' : ''}\`, ${new Date().toISOString().slice(0, 16)}Z on ${cpus().length} cores; the load average of each run is in the table (other engineers' work shares the cores: wall times stretch with it). Metrics path: no flag (the server counts the window; the newest 500 read).${metricsOnly ? '' : ' Paging: `--paging` (the newest 5,000 read, the older window in 8 sampled slices).'}`,
  '',
  `| | ${columns.join(' | ')} |`,
  `|---|${columns.map(() => '---:').join('|')}|`,
  `| traces in the window | ${cells((m) => counted(m.out))} |`,
  `| trace infos read | ${cells((m) => int(m.out.read))} |`,
  `| metrics requests | ${cells((m) => String(m.out.figures.requests))} |`,
  `| mlflow calls | ${cells((m) => String(m.profile.mlflowCalls))} |`,
  `| wall (ms) | ${cells((m) => int(m.wallMs))} |`,
  `| of which waiting on mlflow processes (ms) | ${cells((m) => int(m.profile.mlflowWallMs))} |`,
  `| our CPU (ms, mlflow excluded) | ${cells((m) => int(m.profile.cpuMs))} |`,
  `| our peak RSS (MB) | ${cells((m) => mb(m.profile.maxRssKb))} |`,
  `| load average (1 min, before → after) | ${cells(load)} |`,
  '',
  targets,
  ...runs.flatMap((r) => [`- the metrics path at ${int(r.n)}, call by call:`, ...timeline(r.metrics).map((l) => `  - ${l}`)]),
  `<!-- /${marker} -->`,
].join('\n');

const results = join(ROOT, 'bench', 'RESULTS.md');
const text = existsSync(results) ? readFileSync(results, 'utf8') : '# Benchmark results\n';
const marked = new RegExp(`<!-- ${marker} -->[\\s\\S]*<!-- \\/${marker} -->`);
writeFileSync(results, marked.test(text) ? text.replace(marked, section) : `${text.trimEnd()}\n\n${section}\n`);
process.stdout.write(`${section}\n`);
