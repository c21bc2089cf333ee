#!/usr/bin/env node
// Prepares the real MLflow test bed: a project-local venv with the pinned mlflow, and a sqlite
// tracking store seeded by the MLflow Python SDK. Idempotent and fast when already done: each
// step leaves a stamp (a hash of what it was built from) and is skipped while the stamp matches.
//
//   node testbed/setup.mjs            venv + every test store but the large one, two seeders at a time (forks of one Python)
//   node testbed/setup.mjs --all      also the large store (5,000-span trace, 1,100-turn session)
//
// Plain Node with no dependencies, so it runs before or without `npm install`.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const venv = join(root, '.venv');
const python = join(venv, 'bin', 'python');
const requirements = join(root, 'testbed', 'requirements.txt');
const seedScript = join(root, 'testbed', 'seed.py');
const log = (msg) => process.stderr.write(`[setup] ${msg}\n`);

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  if (res.error || res.status !== 0) {
    const why = res.error ? res.error.message : `exit ${res.status}`;
    log(`failed: ${cmd} ${args.join(' ')} (${why})`);
    process.exit(1);
  }
}

const hash = (...files) => {
  const h = createHash('sha256');
  for (const f of files) h.update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
};
const stampOk = (file, value) => existsSync(file) && readFileSync(file, 'utf8') === value;

/** A venv at `dir` with the packages of `reqs` (uv from the shared venv when it has one, else pip). */
function installVenv(dir, reqs) {
  const py = join(dir, 'bin', 'python');
  if (!existsSync(py)) run(process.env.PYTHON ?? 'python3', ['-m', 'venv', dir]);
  // uv resolves mlflow's large dependency tree in seconds; plain pip is the fallback.
  const uv = existsSync(join(venv, 'bin', 'uv')) ? { status: 0 } : spawnSync(python, ['-m', 'pip', 'install', '-q', 'uv'], { stdio: 'inherit' });
  if (uv.status === 0) {
    run(join(venv, 'bin', 'uv'), ['pip', 'install', '-q', '--python', py, '-r', reqs]);
  } else {
    run(py, ['-m', 'pip', 'install', '-q', '-r', reqs]);
  }
}

export function ensureVenv() {
  const stamp = join(venv, '.requirements-stamp');
  // `+pyc`: venvs made before bytecode was compiled at install are compiled once more.
  const want = `${hash(requirements)}+pyc`;
  if (stampOk(stamp, want) && existsSync(join(venv, 'bin', 'mlflow'))) return;
  log(`creating ${venv} with ${readFileSync(requirements, 'utf8').match(/^mlflow==\S+/m)?.[0]}`);
  installVenv(venv, requirements);
  // uv writes no .pyc, and with PYTHONDONTWRITEBYTECODE=1 (set on many CI machines) Python never
  // caches them either: every mlflow process then compiles mlflow from source, 18 s instead of 6.
  log('compiling bytecode');
  // Its exit status is ignored: a few packages ship files that are not meant to compile.
  spawnSync(python, ['-m', 'compileall', '-q', '-j', '0', join(venv, 'lib')], { stdio: 'ignore' });
  writeFileSync(stamp, want);
}

/**
 * The frameworks store's own venv (DSPy, Pydantic AI beside the same mlflow): apart from .venv, so
 * that its packages never rebuild the shared one. Made only when that store is seeded; no bytecode
 * step (one seeder process reads it, and Python caches what it imports).
 */
const frameworksVenv = join(root, '.venv-frameworks');
const frameworksRequirements = join(root, 'testbed', 'requirements-frameworks.txt');
function ensureFrameworksVenv() {
  const stamp = join(frameworksVenv, '.requirements-stamp');
  const want = hash(requirements, frameworksRequirements);
  if (stampOk(stamp, want) && existsSync(join(frameworksVenv, 'bin', 'python'))) return;
  log(`creating ${frameworksVenv} (DSPy, Pydantic AI)`);
  installVenv(frameworksVenv, frameworksRequirements);
  writeFileSync(stamp, want);
}
/** The seeders that run in the frameworks venv, by script. */
const seederVenv = (script) =>
  script.endsWith('seed_frameworks.py') ? { python: join(frameworksVenv, 'bin', 'python'), reqs: [frameworksRequirements] } : null;

/** What a store's stamp must say to be kept: its seeder, the requirements and the arguments. */
const storePlan = (set, extraArgs, script) => {
  const dir = join(root, '.testbed', set);
  // Every seeder may write through the shared batch writer: a change to it reseeds them all.
  const reqs = [requirements, ...(seederVenv(script)?.reqs ?? [])];
  const want = `${hash(...reqs, script, join(root, 'testbed', 'batch_writer.py'))} ${extraArgs.join(' ')}`;
  const fresh = stampOk(join(dir, '.seed-stamp'), want) && existsSync(join(dir, 'manifest.json'));
  return { dir, want, fresh };
};

const seederArgs = (set, extraArgs, script, dir, tmp) => [
  script,
  '--set',
  set,
  '--tracking-uri',
  `sqlite:///${join(tmp, 'mlflow.db')}`,
  '--manifest',
  join(tmp, 'manifest.json'),
  '--artifact-root',
  `file://${join(dir, 'artifacts')}`,
  ...extraArgs,
];
const seederEnv = () => ({ ...process.env, MLFLOW_LOGGING_LEVEL: 'WARNING', PYTHONWARNINGS: 'ignore' });

/** The seeded store into place: its manifest names the final path, then one rename. */
function settle(dir, tmp, want) {
  const manifestPath = join(tmp, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.tracking_uri = `sqlite:///${join(dir, 'mlflow.db')}`;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  writeFileSync(join(tmp, '.seed-stamp'), want);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  renameSync(tmp, dir);
  return dir;
}

const freshTmp = (dir) => {
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  return tmp;
};

/**
 * Seeds one store set into .testbed/<set>/ (built in a temp dir, then renamed: never half-made).
 * `script` is the seeder (testbed/seed.py by default); it takes --set, --tracking-uri, --manifest
 * and --artifact-root, and the store is rebuilt whenever it or the requirements change.
 */
export function ensureStore(set, extraArgs = [], script = seedScript) {
  const { dir, want, fresh } = storePlan(set, extraArgs, script);
  if (fresh) return dir;
  log(`seeding the ${set} store (MLflow Python SDK)`);
  const tmp = freshTmp(dir);
  run(python, seederArgs(set, extraArgs, script, dir, tmp), { cwd: tmp, env: seederEnv() });
  return settle(dir, tmp, want);
}

/** The same, as a child process that runs beside others (each seeder is one busy Python). */
function seedInBackground(set, extraArgs, script) {
  const { dir, want, fresh } = storePlan(set, extraArgs, script);
  if (fresh) return Promise.resolve(dir);
  log(`seeding the ${set} store (MLflow Python SDK)`);
  const started = Date.now();
  const own = seederVenv(script);
  if (own) ensureFrameworksVenv();
  const tmp = freshTmp(dir);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(own?.python ?? python, seederArgs(set, extraArgs, script, dir, tmp), {
      cwd: tmp,
      env: seederEnv(),
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`seeding the ${set} store failed (exit ${code})`));
      log(`seeded the ${set} store in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      resolvePromise(settle(dir, tmp, want));
    });
  });
}

/**
 * The seeders of the shared venv in one Python (testbed/seed_forked.py): mlflow is imported once
 * and each seeder runs in a fork of it, two at a time, instead of ~5 s of import each.
 */
function seedForked(jobs) {
  const plans = jobs.map(([set, extraArgs, script]) => ({ set, extraArgs, script, ...storePlan(set, extraArgs, script) })).filter((p) => !p.fresh);
  if (!plans.length) return Promise.resolve();
  const started = Date.now();
  const lines = plans.map((p) => {
    log(`seeding the ${p.set} store (MLflow Python SDK)`);
    p.tmp = freshTmp(p.dir);
    return JSON.stringify({ id: p.set, script: p.script, argv: seederArgs(p.set, p.extraArgs, p.script, p.dir, p.tmp).slice(1), cwd: p.tmp });
  });
  return new Promise((resolvePromise, reject) => {
    const child = spawn(python, [join(root, 'testbed', 'seed_forked.py'), '2'], { env: seederEnv(), stdio: ['pipe', 'pipe', 'inherit'] });
    const failed = [];
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
        const { id, code } = JSON.parse(out.slice(0, nl));
        out = out.slice(nl + 1);
        const p = plans.find((x) => x.set === id);
        if (code !== 0) failed.push(`${id} (exit ${code})`);
        else {
          settle(p.dir, p.tmp, p.want);
          log(`seeded the ${id} store (${((Date.now() - started) / 1000).toFixed(0)} s into the forked seeders)`);
        }
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (failed.length || code !== 0) return reject(new Error(`seeding failed: ${failed.join(', ') || `the forked seeders exited ${code}`}`));
      resolvePromise();
    });
    child.stdin.end(`${lines.join('\n')}\n`);
  });
}

/** Every store the tests use: the frameworks venv's seeder beside the shared venv's forked ones. */
export async function ensureTestStores({ large = true } = {}) {
  const t = (name) => join(root, 'testbed', name);
  const shared = [
    ...(large ? [['large', [], seedScript]] : []),
    ['changes', [], t('seed_changes.py')],
    ['main', [], seedScript],
    ['triage', [], t('seed_triage.py')],
    ['trials', [], t('seed_trials.py')],
    ['dataflow', [], t('seed_dataflow.py')],
    ['provenance', [], t('seed_provenance.py')],
    ['timing', [], t('seed_timing.py')],
    ['secrets', [], t('seed_secrets.py')],
    ['costs', [], t('seed_costs.py')],
    ['judges', [], t('seed_judges.py')],
    ['demo', [], t('seed_demo.py')],
    ['code', ...codeStoreArgs()],
  ];
  // DSPy and Pydantic AI under mlflow's autologging, from their own venv (~30 s of CPU with its imports).
  await Promise.all([seedInBackground('frameworks', [], t('seed_frameworks.py')), seedForked(shared)]);
}

/**
 * The `code` store (a small git app traced at one commit, changed after: locate_code). Its stamp
 * follows the app's template too: the seeder copies it into a git repository.
 */
function codeStoreArgs() {
  const app = join(root, 'testbed', 'code_app');
  const files = readdirSync(app, { recursive: true })
    .map(String)
    .filter((f) => !statSync(join(app, f)).isDirectory())
    .sort();
  const h = createHash('sha256');
  for (const f of files) h.update(f).update(readFileSync(join(app, f)));
  return [['--template-hash', h.digest('hex').slice(0, 16)], join(root, 'testbed', 'seed_code.py')];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureVenv();
  await ensureTestStores({ large: process.argv.includes('--large') || process.argv.includes('--all') });
  if (process.argv.includes('--bench')) ensureStore('bench', ['--spans', '30000']);
  // Agent trials' store (issue 28: a cost rise, a rollout), named apart from every test's.
  if (process.argv.includes('--costs-trial')) ensureStore('costs-trial', ['--domain', 'trial'], join(root, 'testbed', 'seed_costs.py'));
  // Agent trials' store (coord/trials/30.md): no test reads it.
  if (process.argv.includes('--provenance-trials')) ensureStore('provenance-trials', [], join(root, 'testbed', 'seed_provenance.py'));
  log(`ready: MLFLOW_BIN=${join(venv, 'bin', 'mlflow')} store=.testbed/main/mlflow.db`);
}
