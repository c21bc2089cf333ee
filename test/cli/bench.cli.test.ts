/** CI runs a smoke of the benchmark: it must run end to end and produce its table. */
import { execa } from 'execa';
import { expect, inject, it } from 'vitest';
import { MLFLOW_FORKED, ROOT } from '../support/helpers.js';

it('bench --smoke measures every script against its CLI floor', async () => {
  // The suite's server and one of its sessions stand in for the server the full run starts.
  const server = inject('server');
  const borrowed = server
    ? { BENCH_SERVER_URL: server.url, BENCH_SERVER_EXPERIMENT: server.manifest.experiment_id, BENCH_SERVER_SESSION: server.manifest.sessions.wrapper?.id ?? '' }
    : {};
  const r = await execa('node', ['--import', 'tsx', 'bench/bench.ts', '--smoke'], {
    cwd: ROOT,
    reject: false,
    env: { BENCH_REPS: '1', BENCH_MLFLOW_BIN: MLFLOW_FORKED, ...borrowed },
    timeout: 600_000,
  });
  expect(r.exitCode).toBe(0);
  for (const script of ['health_check', 'inspect_turn', 'discover_schema', 'session_transcript']) {
    // session_transcript reads a short session twice: its turns, then their spans.
    const calls = script === 'session_transcript' ? 2 : 1;
    expect(r.stdout).toMatch(new RegExp(`\\| ${script} \\| [^|]+ \\| \\d+ \\| \\d+ \\| [\\d.]+× \\| ${calls} \\|`));
  }
  expect(r.stdout).toMatch(/Ours, one call: \d+ ms/);
}, 620_000);
