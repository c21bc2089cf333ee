/**
 * The bad-input and fault suite: each case run as a subprocess, asserting the exact exit code, a
 * one-line message, no stack trace, and nothing partial presented as complete.
 */
import { chmodSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, main, ROOT, run, tempDir, type Run } from '../support/helpers.js';

const X = main.experiment_id;
const oneLineError = (r: Run) => {
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines[0]).toMatch(/^error: /);
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(hasStackTrace(r.stderr)).toBe(false);
};

describe('environment faults', () => {
  let silent: Server;
  let port = 0;
  beforeAll(async () => {
    // Accepts connections and never answers.
    silent = createServer(() => undefined);
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    port = (silent.address() as { port: number }).port;
  });
  afterAll(() => silent.close());

  it('an MLflow too old for `mlflow traces` → 3', async () => {
    const dir = tempDir();
    const bin = join(dir, 'mlflow');
    writeFileSync(bin, '#!/bin/sh\necho "Usage: mlflow [OPTIONS] COMMAND [ARGS]..." >&2\necho "Error: No such command \'traces\'." >&2\nexit 2\n');
    chmodSync(bin, 0o755);
    const r = await run('health_check', ['tr-00000000000000000000000000000000'], { MLFLOW_BIN: bin });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/needs MLflow 3\.4 or newer/);
    oneLineError(r);
  });

  it('MLFLOW_BIN pointing at a non-executable → 3', async () => {
    const f = join(tempDir(), 'mlflow');
    writeFileSync(f, 'x');
    const r = await run('session_transcript', [X, 'hotel-booking-42'], { MLFLOW_BIN: f });
    expect(r.exitCode).toBe(3);
    oneLineError(r);
  });

  it('a server that accepts and never answers is cut by --timeout → 4', async () => {
    const r = await run('health_check', ['tr-00000000000000000000000000000000', '--timeout', '8'], {
      MLFLOW_TRACKING_URI: `http://user:pa55@127.0.0.1:${port}?token=t0k`,
    });
    expect(r.exitCode).toBe(4);
    // Either our own deadline ended it, or mlflow's HTTP timeout did: both are the mechanism.
    expect(r.stderr).toMatch(/mlflow did not finish within 8 s|tracking server did not answer/);
    expect(r.stderr).not.toMatch(/pa55|t0k/);
    oneLineError(r);
  });
});

describe('session ids of every kind', () => {
  it('an id with a double quote (and a tab) is found', async () => {
    const r = await run('session_transcript', [X, main.sessions.double_quoted?.id as string, '--json']);
    expect(r.exitCode).toBe(0);
    expect((r.json() as { turnCount: number }).turnCount).toBe(1);
  });

  it.each([
    ['a newline', 'line one\nline two'],
    ['a very long id', 'x'.repeat(2000)],
    ['backticks and $(touch x)', '`touch pwned2` $(touch pwned3)'],
  ])('%s that matches nothing → 5, and no command ever runs', async (_what, id) => {
    const r = await run('discover_schema', [X, id]);
    expect(r.exitCode).toBe(5);
    oneLineError(r);
    expect(existsSync(join(ROOT, 'pwned2')) || existsSync(join(ROOT, 'pwned3'))).toBe(false);
  });
});

describe('big and strange files', () => {
  const dir = tempDir();

  it('a 10,000-deep chain renders collapsed, within the bound', async () => {
    const spans = Array.from({ length: 10_000 }, (_, i) => ({
      span_id: i.toString(16).padStart(16, '0'),
      parent_span_id: i ? (i - 1).toString(16).padStart(16, '0') : null,
      name: `level_${i}`,
      start_time_unix_nano: 1e18 + i * 1e6,
      end_time_unix_nano: 1e18 + 2e10 - i * 1e6,
      status: { code: 'STATUS_CODE_UNSET' },
      attributes: {},
    }));
    const f = join(dir, 'deep.json');
    writeFileSync(f, JSON.stringify({ info: { trace_id: 'tr-deep', state: 'OK' }, data: { spans } }));
    const r = await run('inspect_turn', ['--from-file', f, '--max-chars', '8000']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.length).toBeLessThanOrEqual(8000);
    // The command keeps the --max-chars it was run with.
    expect(r.stdout).toMatch(/\+\d+ more spans below \(.*--span [0-9a-f]{16} --max-chars 8000\)/);
  });

  it('a 100 MB attribute value is cut with a marker, not printed', async () => {
    const f = join(dir, 'huge.json');
    const big = 'y'.repeat(100 * 1024 * 1024);
    writeFileSync(
      f,
      `{"info": {"trace_id": "tr-big", "state": "OK"}, "data": {"spans": [{"span_id": "AAAAAAAAAAA=", "parent_span_id": null, "name": "root", "start_time_unix_nano": 1795168800000000000, "end_time_unix_nano": 1795168801000000000, "status": {"code": "STATUS_CODE_OK"}, "attributes": {"mlflow.spanInputs": "${JSON.stringify(JSON.stringify({ query: big })).slice(1, -1)}"}}]}}`,
    );
    const [health, span, json] = await Promise.all([
      run('health_check', ['--from-file', f]),
      run('inspect_turn', ['--from-file', f, '--span', 'root', '--max-chars', '5000']),
      run('health_check', ['--from-file', f, '--json']),
    ]);
    expect(json.exitCode).toBe(0);
    expect(json.stdout.length).toBeLessThan(50_000);
    expect((json.json() as { turn: { user: { text: string } } }).turn.user.text).toMatch(/… \[\+[\d,]+ chars; whole: inspect_turn --span\]$/);
    expect(health.exitCode).toBe(0);
    expect(health.stdout.length).toBeLessThanOrEqual(20_000);
    expect(health.stdout).toMatch(/… \[\+[\d,]+ chars/);
    expect(span.stdout.length).toBeLessThanOrEqual(5000);
    expect(span.stdout).toMatch(/page 1 of \d+ \([\d,]+ more chars\); next: .*--page 2/);
  });

  it('nanosecond times beyond 2^53 give the right millisecond durations', async () => {
    const r = await run('health_check', ['--from-file', join(ROOT, 'fixtures', 'get-failing.json'), '--json']);
    expect(r.json()).toMatchObject({ durationMs: 3100 });
  });
});

describe('the output directory', () => {
  it('re-running into the same --out-dir replaces our files, keeping one per trace', async () => {
    const out = tempDir();
    await run('health_check', [main.traces.healthy as string, '--out-dir', out]);
    const again = await run('health_check', [main.traces.healthy as string, '--out-dir', out]);
    expect(again.exitCode).toBe(0);
    expect(readdirSync(out)).toEqual([`trace-${main.traces.healthy}.json`]);
  });
});
