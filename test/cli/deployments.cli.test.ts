/**
 * The deployments users run: a real PostgreSQL store behind `mlflow server --app-name basic-auth`
 * (testbed/deployments.ts), reached through the server with credentials and directly as a
 * `postgresql://` store. The same scenarios are seeded as in the sqlite store, and every script
 * must find the same things on all three. Wrong credentials give exit 9 after one request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../scripts/lib/core/errors.js';
import { pageSizeFor } from '../../scripts/lib/mlflow/reads.js';
import { classifyFailure } from '../../scripts/lib/mlflow/failures.js';
import { startAuthServerOnPostgres, type AuthDeployment } from '../../testbed/deployments.js';
import type { Manifest } from '../../testbed/server.js';
import { fixture, hasStackTrace, main, MLFLOW, run, tempDir, type Run, type Script } from '../support/helpers.js';
import { expectSameFigures } from '../support/metrics-path.js';

describe('SQL stores and the basic-auth server, without a server', () => {
  it('every SQL store URI gets the one-page search (the page-token crash applies to them all)', () => {
    for (const uri of [
      'postgresql://u:p@db:5432/mlflow',
      'postgresql+psycopg://db/mlflow',
      'mysql://u@db/mlflow',
      'mysql+pymysql://db/m',
      'mssql://db/m',
      'sqlite:///x.db',
    ]) {
      expect(pageSizeFor(uri, 1), uri).toBe(50_000);
    }
  });

  it("the basic-auth server's real 401 stderr is an auth error, exit 9, one line", () => {
    const stderr = readFileSync(fixture('stderr/basic-auth-401.txt'), 'utf8');
    const e = classifyFailure(1, stderr, ['traces', 'get', '--trace-id', 'tr-1']);
    expect(e.kind).toBe('auth');
    expect(e.exitCode).toBe(ExitCode.AUTH);
    expect(e.message).toMatch(/^The tracking server refused the credentials \(authentication failed\): .*error code 401 != 200/);
    expect(e.hint).toMatch(/MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD/);
    expect(classifyFailure(1, stderr.replace('401 != 200', '403 != 200').replace(/You are not authenticated[^']*/, 'Permission denied.'), []).message).toMatch(
      /denied access \(permission denied\)/,
    );
  });
});

/** The same question on every deployment: which trace or session, by its name in the manifest. */
const SCENARIOS: Array<{ name: string; script: Script; args: (m: Manifest) => string[] }> = [
  { name: 'failing trace', script: 'health_check', args: (m) => [m.traces.failing as string] },
  { name: 'wrong retrieval', script: 'inspect_turn', args: (m) => [m.traces.wrong_retrieval as string] },
  { name: 'wrapper session', script: 'discover_schema', args: (m) => [m.experiment_id, m.sessions.wrapper?.id as string] },
  { name: 'hotel session', script: 'session_transcript', args: (m) => [m.experiment_id, m.sessions.hotel?.id as string] },
  { name: 'hostile session id', script: 'session_transcript', args: (m) => [m.experiment_id, m.sessions.hostile?.id as string] },
];

interface Outcome {
  /** The text answer: only where a test reads it (each run is a Python start-up of seconds). */
  text: Run | null;
  json: Run;
  outDir: string;
}

async function runAll(m: Manifest, env: Record<string, string | undefined>, withText = false): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const s of SCENARIOS) {
    const outDir = tempDir('deploy-out-');
    const [json, text] = await Promise.all([
      run(s.script, [...s.args(m), '--json', '--out-dir', outDir], env),
      withText ? run(s.script, [...s.args(m), '--out-dir', outDir], env) : null,
    ]);
    outcomes.push({ text, json, outDir });
  }
  return outcomes;
}

const outputs = (o: Outcome): string[] => [o.json.stdout, o.json.stderr, o.text?.stdout ?? '', o.text?.stderr ?? ''];

/** Findings without what differs by store: generated ids, file paths, the UI link. */
function findings(r: Run): unknown {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v)
          // mlflowCalls differ by path: a server answers infos over REST (asserted apart).
          .filter(([k]) => !['files', 'link', 'next', 'source', 'mlflowCalls'].includes(k))
          .map(([k, x]) => [k, strip(x)]),
      );
    }
    if (typeof v === 'string')
      return v
        .replace(/tr-[0-9a-f]{32}/g, 'tr-…')
        .replace(/\ba-[0-9a-f]{32}\b/g, 'a-…')
        .replace(/\b[0-9a-f]{16}\b/g, 'span…');
    return v;
  };
  return strip(r.json());
}

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));

describe('PostgreSQL behind mlflow server --app-name basic-auth', () => {
  let d: AuthDeployment;
  let sqlite: Outcome[];
  beforeAll(async () => {
    // The sqlite answers first, while the cluster and server start (their start-up is mostly waiting).
    const deployment = startAuthServerOnPostgres();
    sqlite = await runAll(main, {});
    d = await deployment;
  }, 900_000);
  afterAll(() => d?.stop());

  it('the sqlite reference answers are all there', () => {
    for (const [i, o] of sqlite.entries()) expect(o.json.exitCode, `${SCENARIOS[i]?.name}: ${o.json.stderr}`).toBe(0);
  });

  describe('through the server, with the right MLFLOW_TRACKING_USERNAME/PASSWORD', () => {
    let got: Outcome[];
    beforeAll(async () => {
      got = await runAll(
        d.manifest,
        { MLFLOW_TRACKING_URI: d.url, MLFLOW_TRACKING_USERNAME: d.admin.username, MLFLOW_TRACKING_PASSWORD: d.admin.password },
        true,
      );
    }, 600_000);

    it.each(SCENARIOS.map((s, i) => [s.name, i] as const))('%s: the same findings as on sqlite', (_name, i) => {
      const o = got[i] as Outcome;
      expect(o.text?.exitCode, o.text?.stderr).toBe(0);
      expect(o.json.exitCode, o.json.stderr).toBe(0);
      expect(findings(o.json)).toEqual(findings((sqlite[i] as Outcome).json));
    });

    it('reads the right things (not just equal): the root cause, the session, the hostile id', () => {
      expect(got[0]?.text?.stdout).toMatch(/call_airline_api \[TOOL\] ×3 — ConnectionError/);
      expect(got[0]?.text?.stdout).toMatch(new RegExp(`MLflow UI: ${d.url}/#/experiments/`));
      expect(got[3]?.text?.stdout).toMatch(/Session "hotel-booking-42" — 6 turns/);
      expect(got[4]?.text?.stdout).toContain("o'brien `whoami` $(touch pwned) chat ✓");
      // The previews over REST (no mlflow process), then the session's spans: one mlflow call.
      expect(got[3]?.json.json()).toMatchObject({ turnCount: 6, mlflowCalls: 1 });
    });

    it('never prints the password, nor writes it to a file', () => {
      for (const o of got) {
        for (const s of outputs(o)) expect(s).not.toContain(d.admin.password);
        for (const f of filesUnder(o.outDir)) expect(readFileSync(f, 'utf8'), f).not.toContain(d.admin.password);
      }
    });
  });

  describe('directly on the postgresql:// store (password in the URI)', () => {
    let got: Outcome[];
    let crash: { exitCode: number | undefined; stderr: string };
    beforeAll(async () => {
      const env = { MLFLOW_TRACKING_URI: d.pg.uri };
      [got, crash] = await Promise.all([
        runAll(d.manifest, env),
        // What the scripts avoid: a full page of a SQL store's search cannot be printed.
        execa(MLFLOW, ['traces', 'search', '--experiment-id', d.manifest.experiment_id, '--max-results', '1', '--output', 'json'], {
          reject: false,
          env: { ...env, MLFLOW_HTTP_REQUEST_MAX_RETRIES: '0' },
        }).then((r) => ({ exitCode: r.exitCode, stderr: String(r.stderr) })),
      ]);
    }, 600_000);

    it('the raw CLI hits the page-token crash on PostgreSQL too', () => {
      expect(crash.exitCode).not.toBe(0);
      expect(crash.stderr).toMatch(/Object of type bytes is not JSON serializable/);
    });

    it.each(SCENARIOS.map((s, i) => [s.name, i] as const))('%s: the same findings as on sqlite, in one search page', (_name, i) => {
      const o = got[i] as Outcome;
      expect(o.json.exitCode, o.json.stderr).toBe(0);
      expect(findings(o.json)).toEqual(findings((sqlite[i] as Outcome).json));
    });

    it('never prints the database password, nor writes it to a file', () => {
      for (const o of got) {
        for (const s of outputs(o)) expect(s).not.toContain(d.pg.password);
        for (const f of filesUnder(o.outDir)) expect(readFileSync(f, 'utf8'), f).not.toContain(d.pg.password);
      }
    });
  });

  describe('wrong or missing credentials', () => {
    const wrong = `wrong-${Date.now().toString(36)}-pw`;
    let text: Run;
    let json: Run;
    let none: Run;
    let denied: Run;
    let outDir: string;
    let logBefore: number;
    beforeAll(async () => {
      outDir = tempDir('deploy-denied-');
      logBefore = d.serverLog().length;
      const env = { MLFLOW_TRACKING_URI: d.url, MLFLOW_TRACKING_USERNAME: d.admin.username, MLFLOW_TRACKING_PASSWORD: wrong };
      const trace = d.manifest.traces.failing as string;
      [text, json, none, denied] = await Promise.all([
        run('health_check', [trace, '--out-dir', outDir], env),
        run('session_transcript', [d.manifest.experiment_id, 'hotel-booking-42', '--json', '--out-dir', outDir], env),
        run('inspect_turn', [trace, '--out-dir', outDir], { MLFLOW_TRACKING_URI: d.url }),
        run('health_check', [trace, '--out-dir', outDir], {
          MLFLOW_TRACKING_URI: d.url,
          MLFLOW_TRACKING_USERNAME: d.viewer.username,
          MLFLOW_TRACKING_PASSWORD: d.viewer.password,
        }),
      ]);
    }, 600_000);

    it('exit 9 with one clear line and a hint, no stack trace', () => {
      for (const r of [text, none]) {
        expect(r.exitCode).toBe(ExitCode.AUTH);
        expect(r.stderr).toMatch(/^error: The tracking server refused the credentials \(authentication failed\): [^\n]*\nhint: [^\n]*MLFLOW_TRACKING_USERNAME/);
        expect(hasStackTrace(r.stderr)).toBe(false);
        expect(r.stdout).toBe('');
      }
    });

    it('a valid account without permission on the experiment: exit 9, permission denied (403)', () => {
      expect(denied.exitCode).toBe(ExitCode.AUTH);
      expect(denied.stderr).toMatch(/^error: The tracking server denied access \(permission denied\): [^\n]*\n/);
      expect(denied.stdout + denied.stderr).not.toContain(d.viewer.password);
    });

    it('--json says the same as data', () => {
      expect(json.exitCode).toBe(ExitCode.AUTH);
      // The session's previews are its first read, over REST: refused there, in the CLI's words, before any mlflow process.
      expect(json.json()).toMatchObject({ error: { kind: 'auth', exitCode: 9 }, mlflowCalls: 0 });
    });

    it('asked the server once per run: MLflow retries nothing on a 401 (why it is quick)', () => {
      const log = d.serverLog().slice(logBefore);
      expect(log.match(/ 401 Unauthorized/g)?.length).toBe(3);
      expect(log.match(/ 403 Forbidden/g)?.length).toBe(1);
    });

    it('the wrong password appears nowhere, nor in the files written', () => {
      for (const r of [text, json, none]) expect(r.stdout + r.stderr).not.toContain(wrong);
      for (const f of filesUnder(outDir)) expect(readFileSync(f, 'utf8')).not.toContain(wrong);
    });
  });
  describe("triage on the tracking server's engine (PostgreSQL): the metrics path against paging, refused credentials", () => {
    let served: Run;
    let paged: Run;
    let refused: Run;
    let log: string;
    beforeAll(async () => {
      const before = d.serverLog().length;
      const env = { MLFLOW_TRACKING_URI: d.url, MLFLOW_TRACKING_USERNAME: d.admin.username, MLFLOW_TRACKING_PASSWORD: d.admin.password };
      const exp = d.manifest.experiment_id;
      [served, paged, refused] = await Promise.all([
        run('triage_traces', [exp, '--json', '--out-dir', tempDir('deploy-triage-')], env),
        run('triage_traces', [exp, '--json', '--paging', '--out-dir', tempDir('deploy-triage-')], env),
        run('triage_traces', [exp, '--out-dir', tempDir('deploy-triage-')], { ...env, MLFLOW_TRACKING_PASSWORD: 'wrong-triage-pw' }),
      ]);
      log = d.serverLog().slice(before);
    }, 600_000);

    it('the same traces, states, window, latency, tokens, cost and assessments as paging every trace', () => {
      expect(served.exitCode, served.stderr).toBe(0);
      expect(paged.exitCode, paged.stderr).toBe(0);
      expectSameFigures(served.json(), paged.json());
      expect((served.json() as { figures: { figures: Array<{ path: string }> } }).figures.figures.every((f) => f.path === 'server')).toBe(true);
      expect(log).toMatch(/POST \/api\/3\.0\/mlflow\/traces\/metrics HTTP\/1\.1" 200/);
    });

    it("a refused password on the metrics endpoint: exit 9, the CLI path's words, no password printed", () => {
      expect(refused.exitCode).toBe(ExitCode.AUTH);
      expect(refused.stderr).toMatch(
        /^error: The tracking server refused the credentials \(authentication failed\): [^\n]*\nhint: [^\n]*MLFLOW_TRACKING_USERNAME/,
      );
      expect(hasStackTrace(refused.stderr)).toBe(false);
      expect(refused.stdout + refused.stderr).not.toContain('wrong-triage-pw');
    });
  });

  describe('an account that may read but not write (READ on the experiment)', () => {
    let read: Run;
    let write: Run;
    let writeJson: Run;
    let after: Run;
    let logBefore: number;
    beforeAll(async () => {
      const trace = d.manifest.traces.healthy as string;
      const env = { MLFLOW_TRACKING_URI: d.url, MLFLOW_TRACKING_USERNAME: d.reader.username, MLFLOW_TRACKING_PASSWORD: d.reader.password };
      logBefore = d.serverLog().length;
      [read, write, writeJson] = await Promise.all([
        run('health_check', [trace], env),
        run('annotate_trace', [trace, '--feedback', 'reader_verdict=no', '--tag', 'reader_tag=1'], env),
        run('annotate_trace', [trace, '--expectation', 'reader_fact=x', '--json'], env),
      ]);
      // What the store holds now, as the admin sees it.
      after = await run('health_check', [trace, '--json'], {
        MLFLOW_TRACKING_URI: d.url,
        MLFLOW_TRACKING_USERNAME: d.admin.username,
        MLFLOW_TRACKING_PASSWORD: d.admin.password,
      });
    }, 600_000);

    it('reads succeed', () => {
      expect(read.exitCode, read.stderr).toBe(0);
    });

    it("the refused write: exit 9, the server's reason in one line, no stack trace, nothing written", () => {
      expect(write.exitCode, write.stderr).toBe(ExitCode.AUTH);
      expect(write.stderr).toMatch(/^error: The tracking server denied access \(permission denied\): [^\n]*\n/);
      expect(hasStackTrace(write.stderr)).toBe(false);
      expect(write.stdout + write.stderr).not.toContain(d.reader.password);
      expect(writeJson.json()).toMatchObject({ error: { kind: 'auth', exitCode: ExitCode.AUTH } });
      expect(after.exitCode, after.stderr).toBe(0);
      expect(after.stdout).not.toMatch(/reader_verdict|reader_tag|reader_fact/);
      expect(d.serverLog().slice(logBefore)).toMatch(/ 403 Forbidden/);
    });
  });
});
