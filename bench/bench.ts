/**
 * `npm run bench`: what our scripts cost on top of the mlflow CLI they wrap, measured in one run.
 *
 * For each script and size: wall time (median of N runs), the wall time of the bare mlflow
 * call(s) the script needs (the floor) and the ratio, mlflow processes spawned, our own CPU
 * (this process only, mlflow excluded), our peak memory, bytes printed. Plus the seed skill's
 * two-call discover recipe against ours, and our start-up. Writes bench/RESULTS.md.
 *
 *   tsx bench/bench.ts            full run on the bench store (setup.mjs --bench)
 *   tsx bench/bench.ts --smoke    one repetition on the main store, results to a temp file (CI)
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, statSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { MLFLOW, readManifest, ROOT, startServerOn } from '../testbed/server.js';

const smoke = process.argv.includes('--smoke');
const reps = Number(process.env.BENCH_REPS ?? (smoke ? 1 : 3));
const manifest = readManifest(smoke ? 'main' : 'bench');
const uri = manifest.tracking_uri;
const X = manifest.experiment_id;
const work = mkdtempSync(join(tmpdir(), 'bench-'));

interface Sample {
  wallMs: number;
  cpuMs: number | null;
  maxRssKb: number | null;
  mlflowCalls: number | null;
  mlflowWallMs: number | null;
  bytesOut: number;
  exitCode: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length ? (s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2) : Number.NaN;
};

/** Runs a command once, stdout into a file (as our runner does), and reads our profile line. */
function once(cmd: string, args: string[], env: Record<string, string> = {}): Promise<Sample> {
  return new Promise((resolve) => {
    const outFile = join(work, `out-${Math.random().toString(36).slice(2)}`);
    const fd = openSync(outFile, 'w');
    const started = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, MLFLOW_TRACKING_URI: uri, MLFLOW_BIN: MLFLOW, NO_COLOR: '1', SKILL_PROFILE: '1', ...env }, stdio: ['ignore', fd, 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      closeSync(fd);
      const prof = /SKILL_PROFILE (\{.*\})/.exec(stderr)?.[1];
      const p = prof ? (JSON.parse(prof) as { cpuMs: number; maxRssKb: number; mlflowCalls: number; mlflowWallMs: number }) : null;
      resolve({ wallMs, cpuMs: p?.cpuMs ?? null, maxRssKb: p?.maxRssKb ?? null, mlflowCalls: p?.mlflowCalls ?? null, mlflowWallMs: p?.mlflowWallMs ?? null, bytesOut: statSync(outFile).size, exitCode: code ?? -1 });
    });
  });
}

async function repeat(cmd: string, args: string[], env?: Record<string, string>): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < reps; i++) out.push(await once(cmd, args, env));
  return out;
}

const script = (name: string) => join(ROOT, 'dist', `${name}.mjs`);
const sessionFilter = (id: string) => `metadata.\`mlflow.trace.session\` = '${id}'`;

interface Row {
  script: string;
  size: string;
  wall: number;
  floor: number;
  calls: number | null;
  cpu: number | null;
  ourMs: number | null;
  rssMb: number | null;
  fileMb: number | null;
  bytesOut: number;
}

async function cell(name: string, size: string, args: string[], floorArgs: string[][], file?: () => string | null): Promise<Row> {
  const ours = await repeat('node', [script(name), ...args]);
  const floors: number[] = [];
  for (let i = 0; i < reps; i++) {
    let t = 0;
    for (const fa of floorArgs) t += (await once(MLFLOW, fa)).wallMs;
    floors.push(t);
  }
  const okRuns = ours.filter((s) => s.exitCode === 0);
  if (!okRuns.length) throw new Error(`${name} ${size} failed (exit ${ours[0]?.exitCode})`);
  const f = file?.();
  const row: Row = {
    script: name, size,
    wall: median(okRuns.map((s) => s.wallMs)),
    floor: median(floors),
    calls: okRuns[0]?.mlflowCalls ?? null,
    cpu: median(okRuns.map((s) => s.cpuMs ?? Number.NaN)),
    ourMs: median(okRuns.map((s) => s.wallMs - (s.mlflowWallMs ?? 0))),
    rssMb: median(okRuns.map((s) => (s.maxRssKb ?? 0) / 1024)),
    fileMb: f ? statSync(f).size / 1e6 : null,
    bytesOut: median(okRuns.map((s) => s.bytesOut)),
  };
  process.stderr.write(`  ${name} ${size}: ${row.wall.toFixed(0)} ms vs floor ${row.floor.toFixed(0)} ms\n`);
  return row;
}

const rows: Row[] = [];
const traceSizes: Array<[string, string]> = smoke
  ? [['7 spans', manifest.traces.failing as string]]
  : [['3 spans', manifest.traces.spans_3 as string], ['1,000 spans', manifest.traces.spans_1000 as string], ['30,000 spans', manifest.traces.spans_30000 as string]];
for (const [size, id] of traceSizes) {
  const outDir = join(work, `keep-${id}`);
  const traceFile = () => join(outDir, `trace-${id}.json`);
  for (const name of ['health_check', 'inspect_turn']) {
    rows.push(await cell(name, size, [id, '--out-dir', outDir], [['traces', 'get', '--trace-id', id]], traceFile));
  }
}
const sessions: Array<[string, string]> = smoke ? [['6 turns', manifest.sessions.hotel?.id as string]] : [['10 turns', 'bench-session-10'], ['1,000 turns', 'bench-session-1000']];
for (const [size, id] of sessions) {
  const search = (spans: boolean) => ['traces', 'search', '--experiment-id', X, '--output', 'json', '--max-results', '50000', '--filter-string', sessionFilter(id), '--order-by', 'timestamp_ms ASC', ...(spans ? [] : ['--no-include-spans'])];
  rows.push(await cell('discover_schema', size, [X, id], [search(true)]));
  rows.push(await cell('session_transcript', size, [X, id], [search(false)]));
}

// The seed skill's discover recipe (search for the first trace id, then `traces get`) against
// ours, on a tracking server: on a SQL store the recipe's `--max-results 1` crashes the CLI.
const server = await startServerOn(uri.replace(/^sqlite:\/\//, ''));
let seedVsOurs: { seed: number; ours: number; seedOnSqliteExit: number } | null = null;
try {
  const sid = sessions[0]?.[1] as string;
  const first = ['traces', 'search', '--experiment-id', X, '--filter-string', sessionFilter(sid), '--order-by', 'timestamp_ms ASC', '--extract-fields', 'info.trace_id', '--output', 'json', '--max-results', '1'];
  const seedOnSqlite = await once(MLFLOW, first);
  const seedTimes: number[] = [];
  const ourTimes: number[] = [];
  for (let i = 0; i < reps; i++) {
    const a = await once(MLFLOW, first, { MLFLOW_TRACKING_URI: server.url });
    const tid = spawnSync(MLFLOW, first, { env: { ...process.env, MLFLOW_TRACKING_URI: server.url }, encoding: 'utf8' }).stdout.match(/tr-[0-9a-f]{32}/)?.[0] ?? '';
    const b = await once(MLFLOW, ['traces', 'get', '--trace-id', tid], { MLFLOW_TRACKING_URI: server.url });
    seedTimes.push(a.wallMs + b.wallMs);
    ourTimes.push((await once('node', [script('discover_schema'), X, sid], { MLFLOW_TRACKING_URI: server.url })).wallMs);
  }
  seedVsOurs = { seed: median(seedTimes), ours: median(ourTimes), seedOnSqliteExit: seedOnSqlite.exitCode };
} finally {
  server.stop();
}

const startupRuns: number[] = [];
for (let i = 0; i < 5; i++) startupRuns.push((await once('node', [script('health_check'), '--help'])).wallMs);
const startup = median(startupRuns);
const startupTsx = median((await repeat(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'health_check.ts'), '--help'])).map((x) => x.wallMs));
const mlflowVersion = spawnSync(MLFLOW, ['--version'], { encoding: 'utf8' }).stdout.trim();

const f0 = (n: number | null) => (n === null || Number.isNaN(n) ? '–' : n.toFixed(0));
const lines = [
  '# Benchmark results',
  '',
  `${smoke ? 'Smoke run (1 repetition, main store)' : `Full run, median of ${reps} repetitions`} · ${new Date().toISOString().slice(0, 10)} · ${mlflowVersion} · Node ${process.version} · ${platform()} ${arch()}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
  '',
  'Wall times include the mlflow CLI. **Floor** is the bare mlflow call(s) the script needs, stdout to a file. **Our CPU** is the Node process alone (mlflow excluded); **our wall** is the script\'s wall time minus the time spent waiting on mlflow (start-up, parsing, analysis, rendering).',
  '',
  '| script | size | wall ms | floor ms | ratio | mlflow calls | our CPU ms | our wall ms | peak RSS MB | JSON MB | bytes printed |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.script} | ${r.size} | ${f0(r.wall)} | ${f0(r.floor)} | ${(r.wall / r.floor).toFixed(2)}× | ${r.calls ?? '–'} | ${f0(r.cpu)} | ${f0(r.ourMs)} | ${r.rssMb?.toFixed(0) ?? '–'} | ${r.fileMb?.toFixed(1) ?? '–'} | ${r.bytesOut.toLocaleString('en-US')} |`),
  '',
  '## discover_schema against the seed recipe (tracking server)',
  '',
  seedVsOurs
    ? `The seed skill finds the first trace with \`traces search --max-results 1\`, then runs \`traces get\`: ${f0(seedVsOurs.seed)} ms. Ours, one call: ${f0(seedVsOurs.ours)} ms (**${(seedVsOurs.ours / seedVsOurs.seed).toFixed(2)}×**). On the sqlite store the recipe's first call exits ${seedVsOurs.seedOnSqliteExit} (the CLI cannot print a full page's bytes token).`
    : 'not measured',
  '',
  '## Start-up of our code',
  '',
  `\`node dist/health_check.mjs --help\`: ${f0(startup)} ms (median of 5). \`tsx scripts/health_check.ts --help\`: ${f0(startupTsx)} ms. For comparison, \`mlflow --version\` alone costs seconds.`,
  '',
];
const target = smoke ? join(work, 'RESULTS.md') : join(ROOT, 'bench', 'RESULTS.md');
writeFileSync(target, lines.join('\n'));
process.stdout.write(`${lines.join('\n')}\nwritten: ${target}\n`);
