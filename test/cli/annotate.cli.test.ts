/**
 * annotate_trace against a copy of the test-bed store (never the shared one) and the local
 * tracking server: write → the next view shows it without --fresh → undo removes exactly it;
 * a session-level verdict in session_transcript; every bad input. Writes run in sequence.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ExitCode } from '../../scripts/lib/core/errors.js';
import { hasStackTrace, main, run as runScript, tempDir, type Run, type Script } from '../support/helpers.js';

/** Each write is an mlflow process: on a loaded machine one can take minutes, so the limits are wide. */
const run = (script: Script, args: string[], env: Record<string, string | undefined>) => runScript(script, [...args, '--timeout', '600'], env, 900_000);

const LONG = 3_600_000;
const T = main.traces.failing as string;
// Built from fragments so no tracked file holds a string secret scanners match.
const SECRET = ['sk', 'proj', 'Zq9xW3vB7nM2kL5pR8tY1uI4oA6sD0fG'].join('-');

interface HealthJson {
  assessments: {
    verdicts: Array<{ id: string; name: string; rationale: string | null; spanName: string | null; sourceType: string; sourceId: string }>;
    expectations: Array<{ name: string; value: unknown }>;
  };
}
const health = (r: Run) => r.json() as unknown as HealthJson;

describe('annotate_trace on a copy of the sqlite test bed', () => {
  const dir = tempDir('annotate-');
  copyFileSync(main.tracking_uri.replace('sqlite:///', ''), join(dir, 'mlflow.db'));
  // One cache for the whole sequence: the view after a write must not need --fresh.
  const env = { MLFLOW_TRACKING_URI: `sqlite:///${join(dir, 'mlflow.db')}`, XDG_CACHE_HOME: join(dir, 'xdg') };
  let before: Run;
  let write: Run;
  let after: Run;
  let undo: Run;
  let afterUndo: Run;
  let session: Run;
  let sessionView: Run;
  let dry: Run;
  beforeAll(async () => {
    before = await run('health_check', [T, '--json', '--show-secrets'], env);
    write = await run(
      'annotate_trace',
      [
        T,
        '--json',
        '--feedback',
        'root cause "quoted" it\'s=the airline API was down',
        '--feedback',
        'correctness=no',
        '--rationale',
        `retries all failed; key ${SECRET}`,
        '--expectation',
        'expected_response={"booked": false}',
        '--tag',
        'diagnosis note=api outage',
        '--span',
        'book_flight',
      ],
      env,
    );
    after = await run('health_check', [T, '--json', '--show-secrets'], env);
    dry = await run('annotate_trace', [T, '--feedback', 'x=1', '--dry-run'], env);
    undo = await run('annotate_trace', [T, '--json', '--undo', String(write.json().runId)], env);
    afterUndo = await run('health_check', [T, '--json', '--show-secrets'], env);
    session = await run(
      'annotate_trace',
      ['--session', main.experiment_id, 'hotel-booking-42', '--feedback', 'session_goal_met=no', '--rationale', 'the booking never happened', '--json'],
      env,
    );
    sessionView = await run('session_transcript', [main.experiment_id, 'hotel-booking-42', '--json'], env);
  }, LONG);

  it('writes each assessment with the run id, a HUMAN source naming the skill, on the span', () => {
    expect(write.exitCode, write.stderr).toBe(0);
    const w = write.json() as { runId: string; writes: Array<{ what: string; assessmentId: string | null }>; undoCommand: string; cacheEntriesDropped: number };
    expect(w.runId).toMatch(/^ann-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(w.writes.map((x) => x.what)).toEqual([
      expect.stringMatching(/^marker tag analyzing-mlflow-traces\.run\.ann-/),
      'tag diagnosis note = api outage',
      'feedback root cause "quoted" it\'s = the airline API was down',
      'feedback correctness = no',
      'expectation expected_response = {"booked": false}',
    ]);
    expect(w.undoCommand).toMatch(new RegExp(`annotate_trace\\.(?:ts|mjs) ${T} --undo ${w.runId}$`));
    expect(w.cacheEntriesDropped).toBeGreaterThan(0);
  });

  it('the next health_check shows the writes without --fresh; the secret was not written', () => {
    const v = health(after).assessments.verdicts;
    const rc = v.find((a) => a.name === 'root cause "quoted" it\'s');
    expect(rc).toMatchObject({ spanName: 'book_flight', sourceType: 'HUMAN', sourceId: expect.stringMatching(/^analyzing-mlflow-traces \(/) });
    expect(rc?.rationale).toMatch(/retries all failed; key \[redacted/);
    expect(after.stdout).not.toContain(SECRET);
    expect(health(after).assessments.expectations).toContainEqual(expect.objectContaining({ name: 'expected_response', value: { booked: false } }));
    expect(v.length).toBe(health(before).assessments.verdicts.length + 2);
  });

  it('--dry-run prints the mlflow commands and runs none of them', () => {
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Would write on trace .* \(dry run: nothing was changed\)/);
    expect(dry.stdout).toMatch(new RegExp(`mlflow traces log-feedback --trace-id ${T} --name x --value 1 --source-type HUMAN`));
    expect(dry.stdout).toMatch(/^Undo: /m);
  });

  it('--undo removes exactly what the run wrote, and the next view shows the trace as before', () => {
    expect(undo.exitCode, undo.stderr).toBe(0);
    const u = undo.json() as { writes: Array<{ what: string }> };
    expect(u.writes.map((x) => x.what)).toEqual([
      expect.stringMatching(/^delete feedback root cause/),
      expect.stringMatching(/^delete feedback correctness/),
      expect.stringMatching(/^delete expectation expected_response/),
      'delete tag diagnosis note',
      expect.stringMatching(/^delete tag analyzing-mlflow-traces\.run\./),
    ]);
    expect(health(afterUndo).assessments).toEqual(health(before).assessments);
  });

  it('a session-level assessment lands on the first trace and is a session verdict in session_transcript', () => {
    expect(session.exitCode, session.stderr).toBe(0);
    expect(session.json()).toMatchObject({ sessionId: 'hotel-booking-42', traceId: main.sessions.hotel?.traces?.[0] });
    const s = sessionView.json() as { sessionAssessments: { verdicts: Array<{ name: string; value: unknown; rationale: string }> } };
    expect(s.sessionAssessments.verdicts).toContainEqual(
      expect.objectContaining({ name: 'session_goal_met', value: 'no', rationale: 'the booking never happened' }),
    );
  });

  describe('bad input', () => {
    let unknownTrace: Run;
    let unknownSpan: Run;
    let unknownRun: Run;
    let readOnly: Run;
    const quick: Record<string, Run> = {};
    beforeAll(async () => {
      [unknownTrace, unknownSpan, unknownRun, readOnly] = await Promise.all([
        run('annotate_trace', ['tr-00000000000000000000000000000000', '--feedback', 'x=1'], env),
        run('annotate_trace', [T, '--feedback', 'x=1', '--span', 'no_such_span'], env),
        run('annotate_trace', [T, '--undo', 'ann-20200101-000000-abcd'], env),
        run('annotate_trace', [T, '--tag', 'k=v'], { ...env, MLFLOW_TRACKING_URI: `sqlite:///file:${join(dir, 'mlflow.db')}?mode=ro&uri=true` }),
      ]);
      for (const [name, args] of Object.entries({
        noEquals: [T, '--feedback', 'correctness'],
        badJson: [T, '--feedback', 'score={"a": 0.2'],
        nothing: [T],
        badRun: [T, '--undo', 'yesterday'],
        tagWithSession: ['--session', '1', 's', '--tag', 'a=b'],
        sourceType: [T, '--feedback', 'a=b', '--source-type', 'LLM_JUDGE'],
      }))
        quick[name] = await run('annotate_trace', args, env);
    }, LONG);

    it('usage errors (exit 2) before any mlflow call, one line each', () => {
      for (const [name, r] of Object.entries(quick)) {
        expect(r.exitCode, name).toBe(ExitCode.USAGE);
        expect(r.stderr.split('\n')[0], name).toMatch(/^error: /);
        expect(hasStackTrace(r.stderr)).toBe(false);
      }
      expect(quick.badJson?.stderr).toMatch(/starts like JSON but is not JSON/);
    });

    it('an unknown trace or span is exit 5; an unknown run is exit 5 and deletes nothing', () => {
      expect(unknownTrace.exitCode).toBe(ExitCode.NOT_FOUND);
      expect(unknownSpan.exitCode).toBe(ExitCode.NOT_FOUND);
      expect(unknownSpan.stderr).toMatch(/No span "no_such_span"/);
      expect(unknownRun.exitCode).toBe(ExitCode.NOT_FOUND);
      expect(unknownRun.stderr).toMatch(/wrote nothing that is still on trace .*; nothing was deleted/);
    });

    it("a read-only store gives MLflow's reason in one line", () => {
      expect(readOnly.exitCode).toBe(ExitCode.MLFLOW_FAILED);
      expect(readOnly.stderr).toMatch(/^error: The tracking store refused the write: .*attempt to write a readonly database\n/);
      expect(readOnly.stderr).toMatch(/hint: Nothing was written\./);
      expect(hasStackTrace(readOnly.stderr)).toBe(false);
    });
  });
});

const server = inject('server');

describe.skipIf(!server)('annotate_trace through the local tracking server', () => {
  const env = { MLFLOW_TRACKING_URI: server?.url, XDG_CACHE_HOME: tempDir('xdg-') };
  const X = server?.manifest.experiment_id as string;
  const trace = server?.manifest.traces.healthy as string;
  let write: Run;
  let view: Run;
  let rejected: Run;
  let undo: Run;
  let undoRejected: Run;
  beforeAll(async () => {
    write = await run('annotate_trace', [trace, '--feedback', 'helpfulness=yes', '--source-type', 'CODE', '--source-id', 'ci check'], env);
    view = await run('health_check', [trace], env);
    rejected = await run('annotate_trace', [trace, '--tag', 'ok=1', '--tag', 'bad "key"=1', '--json'], env);
    undo = await run('annotate_trace', [trace, '--undo', /--undo (\S+)/.exec(write.stdout)?.[1] as string], env);
    const partialUndo = /Undo them with: .* --undo (\S+)/.exec(rejected.stderr)?.[1] as string;
    undoRejected = await run('annotate_trace', [trace, '--undo', partialUndo, '--json'], env);
  }, LONG);

  it('writes through REST, links the trace in the UI, and the next view shows it', () => {
    expect(write.exitCode, write.stderr).toBe(0);
    expect(write.stdout).toMatch(new RegExp(`MLflow UI: ${server?.url}/#/experiments/${X}/traces\\?selectedEvaluationId=${trace}`));
    expect(view.stdout).toMatch(/helpfulness/);
  });

  it("a write the server rejects: MLflow's reason in one line, what was written, and its undo", () => {
    expect(rejected.exitCode).toBe(ExitCode.MLFLOW_FAILED);
    expect(rejected.stderr.split('\n')[0]).toMatch(/^error: The tracking store refused the write: .*Names may only contain/);
    expect(rejected.stderr).toMatch(/hint: Written before the failure: marker tag .*; tag ok = 1\. Undo them with: /);
    expect(undoRejected.exitCode, undoRejected.stderr).toBe(0);
    expect((undoRejected.json() as { writes: Array<{ what: string }> }).writes.map((w) => w.what)).toEqual([
      'delete tag ok',
      expect.stringMatching(/^delete tag analyzing-mlflow-traces\.run\./),
    ]);
  });

  it('undo through the server', () => {
    expect(undo.exitCode, undo.stderr).toBe(0);
    expect(undo.stdout).toMatch(/^Removed on trace .*\n {2}- delete feedback helpfulness/);
  });
});
