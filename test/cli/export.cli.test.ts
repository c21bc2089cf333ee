/**
 * export_case on a copy of the sqlite test bed: the JSONL record, re-export replacing it, a
 * session turn's history as inputs, --log-expectation, and the printed snippet run for real
 * with .venv/bin/python (a stub predict function, the snippet's code scorer).
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../scripts/lib/core/errors.js';
import { PREDICT_PLACEHOLDER } from '../../scripts/lib/render/export-view.js';
import { main, MLFLOW, run as runScript, tempDir, type Run, type Script } from '../support/helpers.js';

/** Each write is an mlflow process: on a loaded machine one can take minutes, so the limits are wide. */
const run = (script: Script, args: string[], env: Record<string, string | undefined>) => runScript(script, [...args, '--timeout', '600'], env, 900_000);

const LONG = 3_600_000;
const T = main.traces.failing as string;
const TURN = main.sessions.hotel?.traces?.[2] as string;
const PYTHON = join(MLFLOW, '..', 'python');

interface Record_ {
  inputs: Record<string, unknown>;
  expectations: Record<string, unknown>;
  source_trace_id: string;
  tags: Record<string, string>;
}
const lines = (file: string): Record_[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record_);

describe('export_case on a copy of the sqlite test bed', () => {
  const dir = tempDir('export-');
  copyFileSync(main.tracking_uri.replace('sqlite:///', ''), join(dir, 'mlflow.db'));
  const env = { MLFLOW_TRACKING_URI: `sqlite:///${join(dir, 'mlflow.db')}`, XDG_CACHE_HOME: join(dir, 'xdg') };
  const out = join(dir, 'cases.jsonl');
  let first: Run;
  let again: Run;
  let turn: Run;
  let unknown: Run;
  let evaluated: { exitCode: number | undefined; stdout: string; stderr: string };
  beforeAll(async () => {
    first = await run('export_case', [T, '--expect', 'the airline API is down', '--out', out], env);
    again = await run(
      'export_case',
      [T, '--expect', 'apologise', '--expect-response', 'Sorry, booking failed.', '--out', out, '--log-expectation', '--json'],
      env,
    );
    [turn, unknown] = await Promise.all([
      run('export_case', [TURN, '--out', out, '--json'], env),
      run('export_case', ['tr-00000000000000000000000000000000', '--out', out], env),
    ]);
    const snippet = (again.json() as { snippet: string }).snippet.replace(PREDICT_PLACEHOLDER, 'return "Sorry, the airline API is down: I apologise."');
    writeFileSync(join(dir, 'run_cases.py'), snippet);
    const r = await execa(PYTHON, ['run_cases.py'], {
      cwd: dir,
      reject: false,
      env: { ...process.env, ...env, PYTHONWARNINGS: 'ignore', MLFLOW_LOGGING_LEVEL: 'WARNING' },
      timeout: LONG,
    });
    evaluated = { exitCode: r.exitCode, stdout: String(r.stdout), stderr: String(r.stderr) };
  }, LONG);

  it('writes one record in the evaluation-dataset shape, with the version tags, and prints the snippet', () => {
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Appended the regression case for tr-/);
    expect(first.stdout).toContain('mlflow.genai.evaluate(data=data, predict_fn=predict_fn');
  });

  it('re-export replaces the case; --log-expectation logs it on the trace with an undo', () => {
    expect(again.exitCode, again.stderr).toBe(0);
    const j = again.json() as { replaced: number; logged: { runId: string; writes: Array<{ what: string }>; undoCommand: string } };
    expect(j.replaced).toBe(1);
    expect(j.logged.writes.map((w) => w.what)).toEqual([
      'expectation expected_facts = ["apologise"]',
      'expectation expected_response = "Sorry, booking failed."',
    ]);
    expect(j.logged.undoCommand).toMatch(/annotate_trace\.(?:ts|mjs) tr-\S+ --undo ann-/);
  });

  it('a session turn keeps the history the model was given; one line per source trace', () => {
    expect(turn.exitCode, turn.stderr).toBe(0);
    const cases = lines(out);
    expect(cases.map((c) => c.source_trace_id)).toEqual([T, TURN]);
    expect(cases[0]?.expectations).toMatchObject({ expected_facts: ['apologise'], expected_response: 'Sorry, booking failed.' });
    expect(Object.keys(cases[0]?.inputs ?? {}).length).toBeGreaterThan(0);
    const msgs = cases[1]?.inputs.messages as unknown[] | undefined;
    expect((turn.json() as { inputsFrom: string }).inputsFrom).toBeTruthy();
    if (msgs) expect(msgs.length).toBeGreaterThan(1);
  });

  it('the printed snippet runs with mlflow.genai.evaluate, a stub predict function and its code scorer', () => {
    expect(evaluated.exitCode, evaluated.stderr.slice(-2000)).toBe(0);
    expect(evaluated.stdout).toMatch(/meets_expected_facts/);
  });

  it('an unknown trace is exit 5', () => {
    expect(unknown.exitCode).toBe(ExitCode.NOT_FOUND);
  });
});
