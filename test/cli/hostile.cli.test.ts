/**
 * Hostile but realistic input, one table: malformed ids and numbers, shell metacharacters, huge
 * values, --from-file and --out on every kind of wrong file, missing and odd tracking URIs,
 * broken mlflow binaries, refusing servers. Each case asserts its exit code, exactly one error
 * line plus a hint, no stack, no secret, no file created outside the output target, and the
 * store's checksum unchanged. Most refusals happen before mlflow runs; the rest share the
 * forked mlflow, so the table stays quick.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, main, run, type Script, tempDir } from '../support/helpers.js';

const PASSWORD = 'Hunter2-Xq9-pass';
const API_KEY = ['sk-', 'proj-', 'H0stileT3stKey1234567890abcd'].join('');
// Built from fragments: the secret scanner test flags a literal token in a tracked file.
const DAPI = ['dapi', '0123456789abcdef'.repeat(2)].join('');
const SECRETS = [PASSWORD, API_KEY, 'pa55w0rdInUri', DAPI];

let work = '';
let store = '';
let uri = '';
let bins: Record<string, string> = {};
const files: Record<string, string> = {};

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** Every path under dir, relative: what a case may not add to. */
const listing = (dir: string): string[] => readdirSync(dir, { recursive: true }).map(String).sort();

function fakeMlflow(name: string, body: string): string {
  const path = join(work, 'bin', name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

beforeAll(() => {
  work = tempDir('hostile-');
  mkdirSync(join(work, 'bin'));
  mkdirSync(join(work, 'cwd'));
  mkdirSync(join(work, 'store'));
  mkdirSync(join(work, 'files'));
  // A private copy of the seeded store: its checksum is this suite's alone.
  store = join(work, 'store', 'mlflow.db');
  copyFileSync(main.tracking_uri.replace(/^sqlite:\/\//, ''), store);
  uri = `sqlite:///${store}`;
  const f = (name: string, text: string | Buffer) => {
    files[name] = join(work, 'files', name);
    writeFileSync(files[name] as string, text);
  };
  f('empty.json', '');
  f('null.json', 'null\n');
  f('number.json', '42');
  f('string.json', '"tr-1"');
  f('object.json', '{}');
  f('array.json', '[]');
  f('truncated.json', '{"info": {"trace_id": "tr-1", "state": "OK"');
  f('binary.json', Buffer.from([0, 1, 2, 0xff, 0xfe, 0x80, 0x81]));
  f('html.json', '<html><body>502 Bad Gateway</body></html>');
  f('existing.txt', 'not a directory');
  files.fifo = join(work, 'files', 'fifo');
  execFileSync('mkfifo', [files.fifo]);
  bins = {
    silentFail: fakeMlflow('silent-fail', 'exit 1'),
    garbage: fakeMlflow('garbage', 'echo "this is not json"\nexit 0'),
    tooOld: fakeMlflow('too-old', 'echo "Error: No such command \'traces\'." >&2\nexit 2'),
    refused: fakeMlflow('refused', 'echo "requests.exceptions.ConnectionError: Max retries exceeded (Connection refused)" >&2\nexit 1'),
    leaky: fakeMlflow('leaky', `echo "RestException: token ${PASSWORD} is invalid for http://u:pa55w0rdInUri@h" >&2\nexit 1`),
    notExec: join(work, 'bin', 'not-exec'),
  };
  writeFileSync(bins.notExec as string, 'x');
});

const T = () => main.traces.failing as string;
const X = () => main.experiment_id;
const big = 'x'.repeat(100_000);

interface Case {
  what: string;
  script: Script;
  args: () => string[];
  code: number;
  /** The error line must match this. */
  says?: RegExp;
  env?: () => Record<string, string | undefined>;
  /** Paths that must not exist afterwards. */
  absent?: () => string[];
}

const c = (what: string, script: Script, args: () => string[], code: number, says?: RegExp, more: Partial<Case> = {}): Case => ({
  what,
  script,
  args,
  code,
  says,
  ...more,
});

const CASES: Case[] = [
  // ---------------------------------------------------------------- arguments and numbers (exit 2)
  c('no trace id', 'health_check', () => [], 2, /trace id is required/),
  c('two ids where one is taken', 'health_check', () => ['tr-a1', 'tr-b2'], 2, /got 2 arguments/),
  c('one id where two are taken', 'compare_traces', () => ['tr-a1b2c3d4'], 2, /Expected two trace ids, got 1\./),
  c('a positional beyond --trace-id: "1 argument"', 'health_check', () => ['--trace-id', T(), 'extra'], 2, /got 1 argument\./),
  c('four positionals', 'inspect_turn', () => ['a1b2', 'b', 'c', 'd'], 2, /got 4 arguments/),
  c('an unknown option', 'health_check', () => [T(), '--bogus'], 2, /Unknown option --bogus/),
  c('an unknown option 100,000 chars long', 'health_check', () => [T(), `--${big}`], 2, /Unknown option --x+… \(100,002 chars\)/),
  c('--max-chars abc', 'health_check', () => [T(), '--max-chars', 'abc'], 2, /--max-chars takes a positive whole number, not "abc"/),
  c('--max-chars 0', 'health_check', () => [T(), '--max-chars', '0'], 2, /--max-chars takes/),
  c('--max-chars -5', 'health_check', () => [T(), '--max-chars', '-5'], 2, /--max-chars takes/),
  c('--max-chars 1e3', 'health_check', () => [T(), '--max-chars=1e3'], 2, /not "1e3"/),
  c('--max-chars 2.5', 'inspect_turn', () => [T(), '--max-chars', '2.5'], 2, /--max-chars takes/),
  c('--max-chars without its value', 'health_check', () => [T(), '--max-chars'], 2, /--max-chars needs a value/),
  c('--timeout followed by another option', 'health_check', () => [T(), '--timeout', '--fresh'], 2, /--timeout needs a value/),
  c('--timeout 0', 'health_check', () => [T(), '--timeout', '0'], 2, /--timeout takes/),
  c('--timeout beyond a day (Node timer overflow)', 'health_check', () => [T(), '--timeout', '99999999999999999999'], 2, /up to 86,400/),
  c('--timeout= empty', 'health_check', () => [T(), '--timeout='], 2, /--timeout needs a value/),
  c('--max-chars given twice', 'health_check', () => [T(), '--max-chars', '10', '--max-chars', '20'], 2, /more than once/),
  c('--json=maybe', 'health_check', () => [T(), '--json=maybe'], 2, /--json is a switch/),
  c('--page 0', 'inspect_turn', () => [T(), '--span', 'x', '--page', '0'], 2, /--page takes/),
  c('--page abc', 'inspect_turn', () => [T(), '--span', 'x', '--page', 'abc'], 2, /--page takes/),
  c('--page without --span', 'inspect_turn', () => [T(), '--page', '2'], 2, /give --span too/),
  c('--turns abc', 'session_transcript', () => [X(), 's', '--turns', 'abc'], 2, /--turns takes A-B/),
  c('--turns 5-2', 'session_transcript', () => [X(), 's', '--turns', '5-2'], 2, /1-based and ascending/),
  c('--turns 0', 'session_transcript', () => [X(), 's', '--turns', '0'], 2, /1-based/),
  c('--since 99999d (before 1970)', 'triage_traces', () => [X(), '--since', '99999d'], 2, /before 1970/),
  c('--since yesterday', 'triage_traces', () => [X(), '--since', 'yesterday'], 2, /neither a duration/),
  c('--since 0001-01-01', 'session_transcript', () => [X(), 's', '--since', '0001-01-01'], 2, /before 1970/),
  c('--until 2026-13-45', 'triage_traces', () => [X(), '--until', '2026-13-45'], 2, /neither a duration/),
  c('--until before --since', 'triage_traces', () => [X(), '--since', '1d', '--until', '30d'], 2, /is not after --since/),
  c('--since 100,000 chars', 'triage_traces', () => [X(), '--since', big], 2, /"x+"… \(100,000 chars\)/),
  c('--limit -1', 'triage_traces', () => [X(), '--limit', '-1'], 2, /--limit takes/),
  c('--limit abc', 'triage_traces', () => [X(), '--limit', 'abc'], 2, /--limit takes/),
  c('--status MAYBE', 'triage_traces', () => [X(), '--status', 'MAYBE'], 2, /--status takes OK, ERROR or IN_PROGRESS/),
  c('--tag without =', 'triage_traces', () => [X(), '--tag', 'novalue'], 2, /--tag takes KEY=VALUE/),
  c('--min-ms 1.5', 'triage_traces', () => [X(), '--min-ms', '1.5'], 2, /--min-ms takes/),
  c('--feedback without =', 'annotate_trace', () => [T(), '--feedback', 'oops'], 2, /NAME=VALUE/),
  c('annotate with nothing to write', 'annotate_trace', () => [T()], 2, /Nothing to write/),
  c('--source-type ROBOT', 'annotate_trace', () => [T(), '--feedback', 'a=1', '--source-type', 'ROBOT'], 2, /HUMAN or CODE/),
  c('--undo not a run id', 'annotate_trace', () => [T(), '--undo', '$(reboot)'], 2, /not an annotation run id/),
  c('--log-expectation without --expect', 'export_case', () => [T(), '--log-expectation'], 2, /give one/),
  c('the same trace twice', 'compare_traces', () => [T(), T()], 2, /compared with itself/),
  c('an id of shell metacharacters', 'health_check', () => ['$(touch pwned)'], 2, /is not a trace id/, { absent: () => ['pwned'] }),
  c('an id with ; and spaces', 'health_check', () => ['tr-1; rm -rf ~'], 2, /is not a trace id/),
  c('an id with a newline', 'inspect_turn', () => ['tr-1\nhint: fake'], 2, /is not a trace id/),
  c('an id 100,000 chars long', 'health_check', () => [`tr-${big}`], 2, /… \(100,003 chars\)/),
  c('--repo that does not exist', 'locate_code', () => [T(), '--repo', '/nonexistent/repo'], 2, /does not exist/),
  // ---------------------------------------------------------------- --from-file on every kind of wrong file
  c('--from-file /dev/zero (never ends)', 'health_check', () => ['--from-file', '/dev/zero'], 2, /not a regular file/),
  c('--from-file a FIFO (would block)', 'health_check', () => ['--from-file', files.fifo as string], 2, /not a regular file/),
  c('--from-file /dev/stdin', 'inspect_turn', () => ['--from-file', '/dev/stdin'], 2, /not a regular file/),
  c('--from-file a directory', 'health_check', () => ['--from-file', '/tmp'], 2, /is a directory/),
  c('--from-file that does not exist', 'health_check', () => ['--from-file', '/nonexistent.json'], 2, /does not exist/),
  c('--from-file empty', 'health_check', () => ['--from-file', files['empty.json'] as string], 6, /empty file/),
  c('--from-file null', 'health_check', () => ['--from-file', files['null.json'] as string], 6, /holds the JSON value null, not a trace/),
  c('--from-file 42', 'inspect_turn', () => ['--from-file', files['number.json'] as string], 6, /JSON value 42/),
  c('--from-file a JSON string', 'health_check', () => ['--from-file', files['string.json'] as string], 6, /JSON value "tr-1"/),
  c('--from-file {}', 'health_check', () => ['--from-file', files['object.json'] as string], 6),
  c('--from-file []', 'health_check', () => ['--from-file', files['array.json'] as string], 6, /holds no traces/),
  c('--from-file truncated', 'health_check', () => ['--from-file', files['truncated.json'] as string], 6, /truncated JSON/),
  c('--from-file binary', 'health_check', () => ['--from-file', files['binary.json'] as string], 6, /not JSON/),
  c('--from-file an HTML error page', 'session_transcript', () => ['1', 's', '--from-file', files['html.json'] as string], 6, /not JSON/),
  // ---------------------------------------------------------------- output targets (exit 7), checked before mlflow
  c('export --out a directory', 'export_case', () => [T(), '--out', work], 7, /it is a directory/),
  c('export --out /dev/full', 'export_case', () => [T(), '--out', '/dev/full'], 7, /device or process file/),
  c('export --out /dev/stdout', 'export_case', () => [T(), '--out', '/dev/stdout'], 7, /device or process file/),
  c('export --out a FIFO', 'export_case', () => [T(), '--out', files.fifo as string], 7, /not a regular file/),
  c('export --out under /proc', 'export_case', () => [T(), '--out', '/proc/self/cases.jsonl'], 7, /device or process file/),
  c('export --out -', 'export_case', () => [T(), '--out', '-'], 2, /file named "-"/, { absent: () => ['-'] }),
  c('export --out-dir a file', 'export_case', () => [T(), '--out', join(work, 'cases.jsonl'), '--out-dir', files['existing.txt'] as string], 7, /--out-dir/, {
    absent: () => [join(work, 'cases.jsonl')],
  }),
  c('--out-dir /dev/null', 'health_check', () => [T(), '--out-dir', '/dev/null'], 7, /Cannot write to --out-dir/),
  c('--out-dir under /proc', 'inspect_turn', () => [T(), '--out-dir', '/proc/nope/dir'], 7, /Cannot write to --out-dir/),
  // ---------------------------------------------------------------- the tracking store: never created by a read
  c('MLFLOW_TRACKING_URI unset', 'health_check', () => [T()], 2, /MLFLOW_TRACKING_URI is not set/, {
    env: () => ({ MLFLOW_TRACKING_URI: undefined }),
    absent: () => ['mlflow.db', 'mlruns'],
  }),
  c('MLFLOW_TRACKING_URI empty', 'session_transcript', () => [X(), 's'], 2, /not set/, {
    env: () => ({ MLFLOW_TRACKING_URI: '' }),
    absent: () => ['mlflow.db'],
  }),
  c('MLFLOW_TRACKING_URI blank', 'triage_traces', () => [X()], 2, /not set/, { env: () => ({ MLFLOW_TRACKING_URI: '   ' }), absent: () => ['mlflow.db'] }),
  c('a sqlite store that does not exist', 'health_check', () => [T()], 5, /does not exist .*nothing was created/, {
    env: () => ({ MLFLOW_TRACKING_URI: 'sqlite:////nonexistent-hostile/dir/mlflow.db' }),
    absent: () => ['/nonexistent-hostile'],
  }),
  c('a relative sqlite store that does not exist', 'inspect_turn', () => [T()], 5, /does not exist/, {
    env: () => ({ MLFLOW_TRACKING_URI: 'sqlite:///sub/missing.db' }),
    absent: () => ['sub'],
  }),
  c('a file: store that does not exist', 'triage_traces', () => [X()], 5, /does not exist/, {
    env: () => ({ MLFLOW_TRACKING_URI: 'file:///nonexistent-hostile/mlruns' }),
    absent: () => ['/nonexistent-hostile'],
  }),
  c('a bare path store that does not exist', 'discover_schema', () => [X(), 's'], 5, /does not exist/, {
    env: () => ({ MLFLOW_TRACKING_URI: './mlruns' }),
    absent: () => ['mlruns'],
  }),
  // ---------------------------------------------------------------- broken mlflow binaries and servers
  c('MLFLOW_BIN does not exist', 'health_check', () => [T()], 3, /not an executable file/, { env: () => ({ MLFLOW_BIN: '/nonexistent/mlflow' }) }),
  c('MLFLOW_BIN is not executable', 'health_check', () => [T()], 3, /not an executable file/, { env: () => ({ MLFLOW_BIN: bins.notExec }) }),
  c('MLFLOW_BIN is a directory', 'health_check', () => [T()], 3, /not an executable file/, { env: () => ({ MLFLOW_BIN: work }) }),
  c('an mlflow too old for traces', 'health_check', () => [T()], 3, /MLflow 3\.4 or newer/, { env: () => ({ MLFLOW_BIN: bins.tooOld }) }),
  c('an mlflow that exits 1 saying nothing', 'health_check', () => [T()], 8, /mlflow failed \(exit 1\)/, { env: () => ({ MLFLOW_BIN: bins.silentFail }) }),
  c('an mlflow that prints garbage', 'inspect_turn', () => [T()], 6, /not JSON/, { env: () => ({ MLFLOW_BIN: bins.garbage }) }),
  c('an mlflow whose server refused', 'health_check', () => [T()], 4, /did not answer/, { env: () => ({ MLFLOW_BIN: bins.refused }) }),
  c('an mlflow that prints the credentials', 'health_check', () => [T()], 8, /mlflow failed/, { env: () => ({ MLFLOW_BIN: bins.leaky }) }),
  c('a refusing server, password in the URI', 'health_check', () => [T(), '--timeout', '60'], 4, /did not answer|did not finish/, {
    env: () => ({ MLFLOW_TRACKING_URI: 'http://alice:pa55w0rdInUri@127.0.0.1:9/' }),
  }),
  c('a refusing Databricks host fails fast', 'health_check', () => [T()], 4, /Databricks host 127\.0\.0\.1:9 refused the connection/, {
    env: () => ({ MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_HOST: 'https://127.0.0.1:9', DATABRICKS_TOKEN: DAPI }),
  }),
  c('a Databricks host that does not resolve', 'triage_traces', () => [X()], 4, /does not resolve/, {
    env: () => ({
      MLFLOW_TRACKING_URI: 'databricks',
      DATABRICKS_HOST: 'https://no-such-host.invalid',
      DATABRICKS_TOKEN: DAPI,
    }),
  }),
  // ---------------------------------------------------------------- real reads of the store (mlflow runs)
  c('a trace that is not there', 'health_check', () => ['tr-00000000000000000000000000000000'], 5, /was not found/),
  c('a span id 100,000 chars long', 'inspect_turn', () => [T(), '--span', big], 5, /No span "x+"… \(100,000 chars\)/),
  c('a session that is not there', 'session_transcript', () => [X(), 'no-such-session-`$(x)`'], 5, /No trace in experiment/),
  c('an experiment that is not there', 'triage_traces', () => ['999999'], 5, /Experiment 999999 has no traces/),
];

describe('hostile input: one error line, a hint, the documented exit code', () => {
  it('the table holds at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((k) => [k.what, k] as const))('%s', async (_what, k) => {
    const cwd = join(work, 'cwd');
    const before = listing(cwd);
    const sum = sha(store);
    const r = await run(
      k.script,
      k.args(),
      { MLFLOW_TRACKING_URI: uri, MLFLOW_TRACKING_PASSWORD: PASSWORD, OPENAI_API_KEY: API_KEY, ...(k.env?.() ?? {}) },
      120_000,
      cwd,
    );
    const lines = r.stderr.split('\n').filter(Boolean);
    expect({ code: r.exitCode, stderr: r.stderr.slice(0, 600) }).toEqual({ code: k.code, stderr: expect.any(String) });
    expect(lines, r.stderr.slice(0, 600)).toHaveLength(2);
    expect(lines[0]).toMatch(/^error: /);
    expect(lines[1]).toMatch(/^hint: \S/);
    if (k.says) expect(lines[0]).toMatch(k.says);
    expect((lines[0] as string).length).toBeLessThan(1_100);
    expect(r.stdout).toBe('');
    expect(hasStackTrace(r.stderr)).toBe(false);
    for (const s of SECRETS) expect(r.stderr).not.toContain(s);
    expect(listing(cwd)).toEqual(before);
    for (const p of k.absent?.() ?? []) expect(existsSync(p.startsWith('/') ? p : join(cwd, p)), p).toBe(false);
    expect(sha(store)).toBe(sum);
  });

  it('with --json, the same refusal is one JSON object on stdout', async () => {
    const r = await run('health_check', [T(), '--max-chars', 'x', '--json'], { MLFLOW_TRACKING_URI: uri });
    expect(r.exitCode).toBe(2);
    expect(r.json()).toMatchObject({ command: 'health_check', error: { kind: 'usage', exitCode: 2, hint: expect.stringMatching(/--max-chars 20000/) } });
  });

  it('--json with --max-chars says, once on stderr, that JSON is never cut', async () => {
    const r = await run('health_check', ['--from-file', join(process.cwd(), 'fixtures', 'get-failing.json'), '--json', '--max-chars', '500']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(500);
    expect(r.stderr).toMatch(/^note: --max-chars bounds the text view only; --json prints the whole findings/);
  });

  it('export_case honours --out-dir: the raw trace JSON is kept there', async () => {
    const out = tempDir('hostile-out-');
    const r = await run(
      'export_case',
      [T(), '--out', join(out, 'cases.jsonl'), '--out-dir', join(out, 'raw')],
      { MLFLOW_TRACKING_URI: uri },
      120_000,
      join(work, 'cwd'),
    );
    expect(r.exitCode, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'raw'))).toEqual([`trace-${T()}.json`]);
    expect(r.stdout).toContain(`Full trace JSON (unredacted, 0600): ${join(out, 'raw', `trace-${T()}.json`)}`);
  });
});
