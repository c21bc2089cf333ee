import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, SkillError } from '../../scripts/lib/core/errors.js';
import { getTrace, pageSizeFor } from '../../scripts/lib/mlflow/reads.js';
import { quoteFilterValue, sessionFilter } from '../../scripts/lib/mlflow/filter.js';
import { classifyFailure } from '../../scripts/lib/mlflow/failures.js';
import { resolveMlflowBin, runMlflow } from '../../scripts/lib/mlflow/runner.js';
import { redact } from '../../scripts/lib/core/redact.js';
import { MLFLOW, main, tempDir } from '../support/helpers.js';

// runMlflow refuses to start without a tracking URI (a read must not create a store): these
// in-process calls read the seeded one.
process.env.MLFLOW_TRACKING_URI ??= main.tracking_uri;

/** A fake mlflow, only for faults the real one cannot be made to show. */
function fakeMlflow(body: string): string {
  const dir = tempDir('fake-mlflow-');
  const bin = join(dir, 'mlflow');
  writeFileSync(bin, `#!/bin/sh\n${body}\n`);
  chmodSync(bin, 0o755);
  return bin;
}

async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
  }
}

const failure = async (p: Promise<unknown>): Promise<SkillError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof SkillError) return e;
    throw e;
  }
  throw new Error('expected a SkillError');
};

describe('the session filter', () => {
  it('single-quotes plain ids and backticks the dotted key', () => {
    expect(sessionFilter('abc')).toBe("metadata.`mlflow.trace.session` = 'abc'");
  });
  it("double-quotes ids holding ' and refuses ids holding both quotes", () => {
    expect(quoteFilterValue("o'brien `x` $(y)", 'id')).toBe('"o\'brien `x` $(y)"');
    expect(() => sessionFilter(`it's "both"`)).toThrow(/both ' and " quotes/);
  });
});

describe('secrets never printed', () => {
  it('masks user:password@, token query parameters and env tokens', () => {
    process.env.MLFLOW_TRACKING_TOKEN = 'tok-SECRET-123';
    const s = redact('http://alice:hunter2@host:5000/api?token=abc&x=1&api_key=zzz tok-SECRET-123');
    expect(s).toBe(
      'http://alice:[redacted url-password]@host:5000/api?token=[redacted token]&x=1&api_key=[redacted api-key] [redacted env MLFLOW_TRACKING_TOKEN]',
    );
    delete process.env.MLFLOW_TRACKING_TOKEN;
  });
});

describe('finding mlflow', () => {
  it('uses MLFLOW_BIN, and says clearly when it is not executable', () => {
    expect(resolveMlflowBin({ MLFLOW_BIN: MLFLOW })).toBe(MLFLOW);
    const plain = join(tempDir(), 'mlflow');
    writeFileSync(plain, 'not a program');
    chmodSync(plain, 0o644);
    expect(() => resolveMlflowBin({ MLFLOW_BIN: plain })).toThrow(/not an executable/);
  });
  it('says how to install it when it is not on PATH', () => {
    expect(() => resolveMlflowBin({ PATH: '/nonexistent' })).toThrow(/not found on PATH/);
  });
});

describe('page sizes', () => {
  it('asks a SQL store for 50,000 (its CLI cannot print a page token) and a server for ≤ 500', () => {
    expect(pageSizeFor('sqlite:///x.db', 1)).toBe(50_000);
    expect(pageSizeFor(undefined)).toBe(50_000);
    expect(pageSizeFor('http://127.0.0.1:5000', 1)).toBe(1);
    expect(pageSizeFor('https://host')).toBe(500);
  });
});

describe('mlflow failures become typed errors (classification of real stderr lines)', () => {
  it.each([
    [1, "mlflow.exceptions.MlflowException: Trace with ID 'tr-1' not found.", 'trace-not-found', ExitCode.NOT_FOUND],
    [
      1,
      'mlflow.exceptions.MlflowException: API request to http://u:p@h/api failed with exception HTTPConnectionPool(host=h): Max retries exceeded',
      'unreachable',
      ExitCode.UNREACHABLE,
    ],
    [2, "Error: No such command 'traces'.", 'mlflow-too-old', ExitCode.MLFLOW_MISSING],
    [1, "mlflow.exceptions.MlflowException: invalid literal for int() with base 10: 'abc'", 'experiment-not-found', ExitCode.NOT_FOUND],
    [1, 'TypeError: Object of type bytes is not JSON serializable', 'page-token-bug', ExitCode.MLFLOW_FAILED],
    [2, 'Error: No such option: --bogus', 'mlflow-failed', ExitCode.MLFLOW_FAILED],
  ])('exit %i: %s', (code, stderr, kind, exit) => {
    const e = classifyFailure(code, `Traceback (most recent call last):\n  File "x"\n${stderr}\n`, ['traces', 'get', '--trace-id', 'tr-1']);
    expect(e.kind).toBe(kind);
    expect(e.exitCode).toBe(exit);
    expect(e.message).not.toMatch(/u:p@/);
  });
});

it('names the missing trace from stderr when the command had no --trace-id (a search)', () => {
  const e = classifyFailure(1, "mlflow.exceptions.MlflowException: Trace with ID 'tr-abc' not found.", ['traces', 'search', '--experiment-id', '1']);
  expect(e.message).toBe('Trace tr-abc was not found in this tracking store.');
});

describe('faults only a fake mlflow can show', () => {
  const dir = tempDir();
  it('garbage on stdout is bad data, not a crash', async () => {
    const e = await withEnv({ MLFLOW_BIN: fakeMlflow('echo "hello, not json"') }, () => failure(getTrace('tr-0', { dir })));
    expect(e.kind).toBe('bad-data');
    expect(e.message).toMatch(/not JSON/);
  });
  it('truncated JSON is reported as truncated', async () => {
    const e = await withEnv({ MLFLOW_BIN: fakeMlflow(`printf '{"info": {"trace_id": "tr-1", "sta'`) }, () => failure(getTrace('tr-0', { dir })));
    expect(e.message).toMatch(/truncated/);
  });
  it('log lines before the JSON are tolerated', async () => {
    const bin = fakeMlflow(`echo "2026/11/25 INFO something"; echo '{"info": {"trace_id": "tr-1"}, "data": {"spans": []}}'`);
    const got = await withEnv({ MLFLOW_BIN: bin }, () => getTrace('tr-0', { dir }));
    expect(got.json).toMatchObject({ info: { trace_id: 'tr-1' } });
  });
  it('a 60 MB answer reaches the file whole (no buffer limit on stdout)', async () => {
    const bin = fakeMlflow(
      `python3 -c "import json,sys; sys.stdout.write(json.dumps({'info': {'trace_id': 'tr-big'}, 'data': {'spans': []}, 'pad': 'z' * 60_000_000}))"`,
    );
    const got = await withEnv({ MLFLOW_BIN: bin }, () => getTrace('tr-0', { dir }));
    expect((got.json as { pad: string }).pad.length).toBe(60_000_000);
  });
  it('a hang is cut by our own timeout, which ends the whole process group', async () => {
    // The fake starts a grandchild that would keep running (and keep stderr open) if only the
    // direct child were killed; it records its pid so we can check that it is gone.
    const pidFile = join(dir, 'grandchild.pid');
    const bin = fakeMlflow(`sleep 300 & echo $! > "${pidFile}"; wait`);
    const e = await withEnv({ MLFLOW_BIN: bin }, () => failure(runMlflow(['traces'], join(dir, 'hang.json'), { timeoutMs: 1500 })));
    expect(e.kind).toBe('timeout');
    expect(e.message).toBe('mlflow did not finish within 2 s.');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    const alive = () => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    // SIGTERM reaches the group at once (SIGKILL follows 2 s later for a process ignoring it).
    for (let i = 0; i < 50 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  });
  it("mlflow runs with MLflow's HTTP retries off and a request timeout, unless the user set them", async () => {
    const envFile = join(dir, 'env.txt');
    const bin = fakeMlflow(`env > "${envFile}"; echo '{}'`);
    await withEnv({ MLFLOW_BIN: bin, MLFLOW_HTTP_REQUEST_MAX_RETRIES: undefined, MLFLOW_HTTP_REQUEST_TIMEOUT: undefined }, () =>
      runMlflow(['traces'], join(dir, 'e.json')),
    );
    const seen = readFileSync(envFile, 'utf8');
    expect(seen).toMatch(/^MLFLOW_HTTP_REQUEST_MAX_RETRIES=0$/m);
    expect(seen).toMatch(/^MLFLOW_HTTP_REQUEST_TIMEOUT=15$/m);
    await withEnv({ MLFLOW_BIN: bin, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '3', MLFLOW_HTTP_REQUEST_TIMEOUT: '60' }, () =>
      runMlflow(['traces'], join(dir, 'e.json')),
    );
    const own = readFileSync(envFile, 'utf8');
    expect(own).toMatch(/^MLFLOW_HTTP_REQUEST_MAX_RETRIES=3$/m);
    expect(own).toMatch(/^MLFLOW_HTTP_REQUEST_TIMEOUT=60$/m);
  });
  it('the raw output file is 0600 even when an earlier run left it with another mode', async () => {
    const out = join(dir, 'mode.json');
    writeFileSync(out, 'old');
    chmodSync(out, 0o644);
    await withEnv({ MLFLOW_BIN: fakeMlflow(`echo '{}'`) }, () => runMlflow(['traces'], out));
    expect((statSync(out).mode & 0o777).toString(8)).toBe('600');
  });
  it('an argument reaches mlflow as written: quoted for the shell, never run by it', async () => {
    const bin = fakeMlflow('for a in "$@"; do printf "%s\\n" "$a"; done > "$(dirname "$0")/args.txt"; echo "{}"');
    const evil = '$(touch pwned) `id` \'x\' "y" \\ $HOME ; | & *';
    await withEnv({ MLFLOW_BIN: bin }, () => runMlflow(['traces', 'get', '--trace-id', evil, ''], join(dir, 'a.json')));
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(existsSync('pwned')).toBe(false);
    expect(readFileSync(join(dirname(bin), 'args.txt'), 'utf8')).toBe(`traces\nget\n--trace-id\n${evil}\n\n`);
  });
  it('an mlflow that cannot start is named, with exit 126 or 127 as the shell gives it', async () => {
    const bin = join(dir, 'bad-interpreter');
    writeFileSync(bin, '#!/nonexistent/python\n');
    chmodSync(bin, 0o755);
    const e = await withEnv({ MLFLOW_BIN: bin }, () => failure(runMlflow(['traces'], join(dir, 'bad.json'))));
    expect(e.kind).toBe('mlflow-missing');
    expect(e.message).toBe(`Could not start ${bin} (not found).`);
  });
});

describe('the real mlflow CLI through the runner', () => {
  const dir = tempDir();
  it('rejects an old-style bad flag as an mlflow usage error', async () => {
    const e = await withEnv({ MLFLOW_BIN: MLFLOW, MLFLOW_TRACKING_URI: main.tracking_uri }, () =>
      failure(runMlflow(['traces', 'search', '--experiment-id', '1', '--bogus-flag'], join(dir, 'x.json'))),
    );
    expect(e.kind).toBe('mlflow-failed');
    expect(e.message).toMatch(/No such option/);
  });
});
