/**
 * `npm run demo`: the three jobs on the embedded sample store: one trace (a failing one, then an
 * OK one with a wrong answer), one chat session that goes wrong, and many traces (triage). It sets
 * up only what it shows: the venv and the `main` store, each reused when already there.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
// @ts-expect-error plain JS helper without types
import { ensureStore, ensureVenv } from './setup.mjs';
import { startForkServer } from './forkserver.js';
import { MLFLOW, readManifest, ROOT } from './server.js';

const started = Date.now();
ensureVenv();
ensureStore('main');
const m = readManifest('main');
const failing = m.traces.failing as string;
const quote = (a: string) => (/^[\w.:/=-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`);
const command = (script: string, args: string[]) => `node dist/${script}.mjs ${args.map(quote).join(' ')}`;

// Each mlflow call is a fork of one process that imported mlflow once (testbed/mlflow-fork, the
// cli suite's MLFLOW_BIN; same output): the demo's calls then cost ~0.3 s each instead of ~6 s.
const forked = !process.env.MLFLOW_BIN;
const stopForks = forked ? await startForkServer() : () => {};
const env = { ...process.env, MLFLOW_BIN: process.env.MLFLOW_BIN ?? join(ROOT, 'testbed', 'mlflow-fork'), MLFLOW_TRACKING_URI: m.tracking_uri };

function show(title: string, script: string, args: string[]): void {
  process.stdout.write(`\n━━━ ${title}\n$ ${command(script, args)}\n\n`);
  spawnSync('node', [join(ROOT, 'dist', `${script}.mjs`), ...args], { stdio: 'inherit', env, cwd: ROOT });
}

try {
  process.stdout.write(`Sample store: ${m.tracking_uri} (seeded by the MLflow SDK; experiment ${m.experiment_id})\n`);
  show('One trace: why did it fail?', 'health_check', [failing]);
  show('One trace: the answer was wrong although the trace is OK', 'inspect_turn', [m.traces.wrong_retrieval as string, '--max-chars', '6000']);
  show('One session: where did this chat go wrong?', 'session_transcript', [m.experiment_id, m.sessions.hotel?.id as string]);
  show('Many traces: what is failing across the experiment?', 'triage_traces', [m.experiment_id, '--max-chars', '6000']);
} finally {
  stopForks();
}

const next: [string, string][] = [
  ['the same triage, failing traces only, as JSON', command('triage_traces', [m.experiment_id, '--status', 'ERROR', '--json'])],
  ['another session (its turns live under a wrapper span)', command('session_transcript', [m.experiment_id, m.sessions.wrapper?.id as string])],
  ['where its user input and reply live', command('discover_schema', [m.experiment_id, m.sessions.wrapper?.id as string])],
  ['the failing trace as data', command('health_check', [failing, '--json'])],
  ['its culprit span whole', command('inspect_turn', [failing, '--span', 'call_airline_api'])],
];
const width = Math.max(...next.map(([, c]) => c.length));
process.stdout.write(
  [
    '',
    `━━━ Next, in this shell (the demo took ${((Date.now() - started) / 1000).toFixed(0)} s${forked ? '; by hand, each mlflow call starts Python: a few seconds' : ''})`,
    `export MLFLOW_TRACKING_URI=${quote(m.tracking_uri)} MLFLOW_BIN=${quote(MLFLOW)}`,
    ...next.map(([what, c]) => `${c.padEnd(width)}   # ${what}`),
    'Every script has --help; SKILL.md says which to run for which question.',
    '',
  ].join('\n'),
);
