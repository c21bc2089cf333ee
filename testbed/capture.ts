/**
 * Captures the fixtures in fixtures/ from the real mlflow CLI: `traces get` and `traces search`
 * (with and without spans, with --extract-fields) over the seeded sqlite store and a seeded
 * local `mlflow server` (OTLP traces included). With --mlflow-350 it also captures the 3.5.0
 * span variant from a throwaway venv with mlflow==3.5.0. Run: npm run capture
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MLFLOW, readManifest, ROOT, startSeededServer } from './server.js';

const FIXTURES = join(ROOT, 'fixtures');
mkdirSync(FIXTURES, { recursive: true });

function capture(name: string, args: string[], trackingUri: string, bin = MLFLOW): void {
  const res = spawnSync(bin, args, { env: { ...process.env, MLFLOW_TRACKING_URI: trackingUri }, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (res.status !== 0) throw new Error(`${name}: mlflow ${args.join(' ')} failed:\n${res.stderr.slice(-800)}`);
  writeFileSync(join(FIXTURES, name), res.stdout);
  process.stderr.write(`captured fixtures/${name} (${res.stdout.length} bytes)\n`);
}

const session = (id: string) => `metadata.\`mlflow.trace.session\` = '${id}'`;
const main = readManifest('main');
const uri = main.tracking_uri;
const x = main.experiment_id;
capture('get-healthy.json', ['traces', 'get', '--trace-id', main.traces.healthy as string], uri);
capture('get-failing.json', ['traces', 'get', '--trace-id', main.traces.failing as string], uri);
capture('get-tool-error-answered.json', ['traces', 'get', '--trace-id', main.traces.tool_error_answered as string], uri);
capture('get-wrong-retrieval.json', ['traces', 'get', '--trace-id', main.traces.wrong_retrieval as string], uri);
capture(
  'search-shapes.json',
  ['traces', 'search', '-x', x, '--output', 'json', '--max-results', '50000', '--filter-string', "attribute.name LIKE 'shape_%'"],
  uri,
);
capture(
  'search-hotel-session-nospans.json',
  [
    'traces',
    'search',
    '-x',
    x,
    '--output',
    'json',
    '--max-results',
    '50000',
    '--order-by',
    'timestamp_ms ASC',
    '--no-include-spans',
    '--filter-string',
    session('hotel-booking-42'),
  ],
  uri,
);
capture(
  'search-hotel-session-extract.json',
  [
    'traces',
    'search',
    '-x',
    x,
    '--output',
    'json',
    '--max-results',
    '50000',
    '--order-by',
    'timestamp_ms ASC',
    '--filter-string',
    session('hotel-booking-42'),
    '--extract-fields',
    'info.trace_id,info.state,info.request_time,info.assessments,info.trace_metadata.`mlflow.traceInputs`,info.trace_metadata.`mlflow.traceOutputs`',
  ],
  uri,
);
capture(
  'search-wrapper-session.json',
  [
    'traces',
    'search',
    '-x',
    x,
    '--output',
    'json',
    '--max-results',
    '50000',
    '--order-by',
    'timestamp_ms ASC',
    '--filter-string',
    session('wrapper-session-1'),
  ],
  uri,
);

const server = await startSeededServer();
try {
  const sx = server.manifest.experiment_id;
  capture(
    'server-search-otel-genai.json',
    [
      'traces',
      'search',
      '-x',
      sx,
      '--output',
      'json',
      '--max-results',
      '500',
      '--order-by',
      'timestamp_ms ASC',
      '--filter-string',
      session('otel-genai-session'),
    ],
    server.url,
  );
  capture(
    'server-search-openinference.json',
    [
      'traces',
      'search',
      '-x',
      sx,
      '--output',
      'json',
      '--max-results',
      '500',
      '--order-by',
      'timestamp_ms ASC',
      '--filter-string',
      session('openinference-session'),
    ],
    server.url,
  );
  capture(
    'server-search-openllmetry.json',
    ['traces', 'search', '-x', sx, '--output', 'json', '--max-results', '1', '--order-by', 'timestamp_ms DESC'],
    server.url,
  );
} finally {
  server.stop();
}

if (process.argv.includes('--mlflow-350')) {
  // The 3.5.0 span dict (hex ids, "OK" codes): a throwaway venv, seeded and read by 3.5.0 itself.
  const venv = join(tmpdir(), 'mlflow-350-venv');
  if (!existsSync(join(venv, 'bin', 'mlflow'))) {
    spawnSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
    spawnSync(join(ROOT, '.venv', 'bin', 'uv'), ['pip', 'install', '-q', '--python', join(venv, 'bin', 'python'), 'mlflow==3.5.0', 'sqlalchemy<2.1'], {
      stdio: 'inherit',
    });
  }
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-350-'));
  const store = `sqlite:///${join(dir, 'mlflow.db')}`;
  const seeded = spawnSync(
    join(venv, 'bin', 'python'),
    [join(ROOT, 'testbed', 'seed.py'), '--set', 'server', '--tracking-uri', store, '--manifest', join(dir, 'm.json'), '--artifact-root', `file://${dir}/a`],
    { cwd: dir, encoding: 'utf8' },
  );
  if (seeded.status !== 0) throw new Error(seeded.stderr.slice(-800));
  const m = JSON.parse(spawnSync('cat', [join(dir, 'm.json')], { encoding: 'utf8' }).stdout) as { traces: Record<string, string> };
  capture('mlflow-3.5.0-get-healthy.json', ['traces', 'get', '--trace-id', m.traces.healthy as string], store, join(venv, 'bin', 'mlflow'));
}
