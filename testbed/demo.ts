/**
 * `npm run demo`: the main job on the embedded sample store — a failing trace, a trace with
 * wrong retrieval and every kind of assessment, and a six-turn chat session that goes wrong.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { MLFLOW, readManifest, ROOT } from './server.js';

const m = readManifest('main');
const env = { ...process.env, MLFLOW_BIN: process.env.MLFLOW_BIN ?? MLFLOW, MLFLOW_TRACKING_URI: m.tracking_uri };

function show(title: string, script: string, args: string[]): void {
  const shown = `node dist/${script}.mjs ${args.map((a) => (/^[\w.:/-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`;
  process.stdout.write(`\n━━━ ${title}\n$ MLFLOW_TRACKING_URI=${m.tracking_uri} ${shown}\n\n`);
  spawnSync('node', [join(ROOT, 'dist', `${script}.mjs`), ...args], { stdio: 'inherit', env, cwd: ROOT });
}

show('Why did this trace fail?', 'health_check', [m.traces.failing as string]);
show('The answer was wrong although the trace is OK', 'inspect_turn', [m.traces.wrong_retrieval as string, '--max-chars', '6000']);
show('Where did this chat go wrong?', 'session_transcript', [m.experiment_id, m.sessions.hotel?.id as string]);
process.stdout.write(`\nTry your own: export MLFLOW_TRACKING_URI=${m.tracking_uri} MLFLOW_BIN=${MLFLOW}\n`);
