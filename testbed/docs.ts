/**
 * `npm run docs`: regenerates README.md's example outputs from the test bed. Each example runs
 * the committed bundle (dist/<script>.mjs, as an installed skill runs it) against a seeded store
 * and replaces the fenced block between `<!-- docs:NAME -->` and `<!-- /docs -->`.
 * `npm run docs -- --check` changes nothing and exits 1 when a block differs (the drift check;
 * test/docs.cli.test.ts runs it too).
 *
 * What changes from one seeding or machine to the next is normalised, so that the README only
 * changes when the output does: trace, span and assessment ids (the SDK draws them at random:
 * each is replaced by a stable stand-in in order of appearance), the checkout's path, the cache
 * directory and temp paths.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Manifest, MLFLOW, ROOT } from './server.js';

type Store = 'main' | 'triage' | 'code';
interface CodeManifest extends Manifest {
  repo: string;
}
export interface Example {
  /** The marker name: `<!-- docs:NAME -->`. */
  name: string;
  store: Store;
  script: string;
  args: (m: Manifest) => string[];
}

export const EXAMPLES: Example[] = [
  { name: 'health_check', store: 'main', script: 'health_check', args: (m) => [m.traces.failing as string] },
  { name: 'inspect_turn', store: 'main', script: 'inspect_turn', args: (m) => [m.traces.wrong_retrieval as string] },
  { name: 'discover_schema', store: 'main', script: 'discover_schema', args: (m) => [m.experiment_id, m.sessions.wrapper?.id as string] },
  { name: 'session_transcript', store: 'main', script: 'session_transcript', args: (m) => [m.experiment_id, m.sessions.hotel?.id as string] },
  { name: 'triage_traces', store: 'triage', script: 'triage_traces', args: (m) => [m.experiment_id, '--max-chars', '6000'] },
  {
    name: 'compare_traces',
    store: 'triage',
    script: 'compare_traces',
    args: (m) => [m.traces.pair_good as string, m.traces.pair_bad as string, '--experiment-id', m.experiment_id],
  },
  {
    name: 'locate_code',
    store: 'code',
    script: 'locate_code',
    args: (m) => [m.traces.failing as string, '--repo', join('.testbed', 'code', (m as CodeManifest).repo)],
  },
];

const manifest = (store: Store): Manifest => JSON.parse(readFileSync(join(ROOT, '.testbed', store, 'manifest.json'), 'utf8')) as Manifest;
const quote = (a: string): string => (/^[\w.:/=@+-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);

/** Replaces each distinct match of `re` by a stand-in derived from the example and its order. */
function standIns(text: string, re: RegExp, seed: string, make: (hex: string) => string): string {
  const seen = new Map<string, string>();
  return text.replace(re, (id) => {
    if (!seen.has(id)) seen.set(id, make(createHash('sha256').update(`${seed}:${seen.size}`).digest('hex')));
    return seen.get(id) as string;
  });
}

/** The output with everything that varies between seedings and machines made stable. */
export function normalise(text: string, name: string, cache: string): string {
  let t = text
    .split(cache)
    .join('~/.cache')
    .replace(/(analyzing-mlflow-traces\/)[0-9a-f]{16}\//g, '$1<store>/');
  // Paths into a checkout: this one, or the one the seeders ran from (recorded in the traces).
  t = t.replace(/(?:\/[\w.+-]+)+?\/(\.?testbed)\//g, '~/src/analyzing-mlflow-traces/$1/').replace(/\.tmp-\d+/g, '.tmp-4242');
  t = t.split(ROOT).join('~/src/analyzing-mlflow-traces');
  t = t.replace(/\/tmp\/[\w.-]+\//g, '/tmp/…/');
  t = t.replace(/fetched \d+ (min|s) ago/g, 'fetched 1 min ago');
  t = standIns(t, /tr-[0-9a-f]{32}/g, `${name}:trace`, (h) => `tr-${h.slice(0, 32)}`);
  t = standIns(t, /a-[0-9a-f]{32}/g, `${name}:assessment`, (h) => `a-${h.slice(0, 32)}`);
  // Span ids: a tree row prints the first 8 hex digits, a span line all 16: both map to one
  // stand-in. An 8-digit id with no letter is left as it is (it could be a number).
  const full = [...new Set(t.match(/(?<![0-9a-f])[0-9a-f]{16}(?![0-9a-f])/g) ?? [])];
  const stand = new Map<string, string>();
  const of = (id: string): string => {
    if (!stand.has(id)) stand.set(id, createHash('sha256').update(`${name}:span:${stand.size}`).digest('hex').slice(0, 16));
    return stand.get(id) as string;
  };
  for (const id of full) of(id);
  // Where only a span id can stand (a tree row's `· id`, "the same failure in: a, b"), an id of
  // digits alone (one seeding in ~40) is an id too, not a number.
  // Every id of the list, not only its last (a first id of digits alone drifted once a fresh seeding made one).
  const placed = new Set([
    ...[...t.matchAll(/· ([0-9a-f]{8})(?![0-9a-f])/g)].map((m) => m[1] as string),
    ...[...t.matchAll(/the same failure in: ((?:[0-9a-f]{8}, )*[0-9a-f]{8})(?![0-9a-f])/g)].flatMap((m) => (m[1] as string).split(', ')),
  ]);
  t = t.replace(/(?<![0-9a-f])(?:[0-9a-f]{16}|[0-9a-f]{8})(?![0-9a-f])/g, (id) => {
    if (id.length === 16) return of(id);
    const whole = full.find((f) => f.startsWith(id));
    if (whole) return of(whole).slice(0, 8);
    return /[a-f]/.test(id) || placed.has(id) ? of(id).slice(0, 8) : id;
  });
  return t;
}

/**
 * Runs one example as a user would (from the checkout, the bundle, a fresh cache). The drift test
 * passes the cli suite's forked mlflow (testbed/mlflow-fork); `npm run docs` the real one.
 */
export function render(ex: Example, mlflowBin = MLFLOW): string {
  const m = manifest(ex.store);
  const args = ex.args(m);
  const cache = mkdtempSync(join(tmpdir(), 'docs-xdg-'));
  try {
    let out: string;
    try {
      // A generous --timeout (not shown: it changes nothing in the output) so that a machine
      // busy with other work does not fail the drift check.
      out = execFileSync('node', [join('dist', `${ex.script}.mjs`), ...args, '--timeout', '900'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, MLFLOW_BIN: mlflowBin, MLFLOW_TRACKING_URI: m.tracking_uri, NO_COLOR: '1', XDG_CACHE_HOME: cache, COLUMNS: '160' },
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (e) {
      const err = e as { status?: number; stderr?: string };
      throw new Error(`docs example ${ex.name} exited ${err.status}: ${String(err.stderr).slice(0, 500)}`);
    }
    const shown = `$ node dist/${ex.script}.mjs ${args.map(quote).join(' ')}`;
    return normalise(`${shown}\n${out.trimEnd()}`, ex.name, cache);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

const BLOCK = /(<!-- docs:([\w-]+) -->\n)([\s\S]*?)(<!-- \/docs -->)/g;

/** README with every marked block regenerated; `names` lists the markers found. */
export function regenerate(readme: string, outputs: Map<string, string>): { text: string; names: string[] } {
  const names: string[] = [];
  const text = readme.replace(BLOCK, (_all, open: string, name: string, _old: string, close: string) => {
    names.push(name);
    const out = outputs.get(name);
    if (out === undefined) throw new Error(`README has <!-- docs:${name} --> but testbed/docs.ts has no example of that name`);
    return `${open}\`\`\`\n${out}\n\`\`\`\n${close}`;
  });
  return { text, names };
}

/** The drift check: the names of the blocks whose text differs from a fresh run. */
export function drift(readme: string, outputs: Map<string, string>): string[] {
  const fresh = regenerate(readme, outputs).text;
  const blocks = (s: string) => new Map([...s.matchAll(BLOCK)].map((m) => [m[2] as string, m[3] as string]));
  const now = blocks(readme);
  return [...blocks(fresh)].filter(([name, text]) => now.get(name) !== text).map(([name]) => name);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const check = process.argv.includes('--check');
  const readmePath = join(ROOT, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  // DOCS_MLFLOW_BIN: another mlflow to answer (testbed/mlflow-fork with a fork server running is 20× faster).
  const outputs = new Map(EXAMPLES.map((ex) => [ex.name, render(ex, process.env.DOCS_MLFLOW_BIN ?? MLFLOW)]));
  const { text, names } = regenerate(readme, outputs);
  const missing = EXAMPLES.filter((ex) => !names.includes(ex.name)).map((ex) => ex.name);
  if (missing.length) process.stderr.write(`[docs] no <!-- docs:NAME --> block in README.md for: ${missing.join(', ')}\n`);
  if (check) {
    const stale = drift(readme, outputs);
    if (stale.length) {
      process.stderr.write(`[docs] README.md examples differ from the test bed: ${stale.join(', ')} (run npm run docs)\n`);
      process.exit(1);
    }
    process.stderr.write(`[docs] README.md examples are current (${names.length} blocks)\n`);
  } else {
    writeFileSync(readmePath, text);
    process.stderr.write(`[docs] README.md: ${names.length} example blocks regenerated\n`);
  }
}
