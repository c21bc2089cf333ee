/** --from-file: analysis of saved CLI output with no mlflow call, and every way a file can be bad. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { fixture, hasStackTrace, ROOT, run, tempDir } from '../support/helpers.js';

const noMlflow = { MLFLOW_BIN: '/nonexistent/mlflow' };

describe('saved traces analysed offline (no mlflow at all)', () => {
  it('health_check on a saved `traces get` finds the same culprit', async () => {
    const r = await run('health_check', ['--from-file', fixture('get-failing.json'), '--json'], noMlflow);
    expect(r.exitCode).toBe(0);
    expect(r.json()).toMatchObject({ mlflowCalls: 0, errors: { culprits: [expect.objectContaining({ name: 'call_airline_api', count: 3 })] } });
  });

  it('picks one trace out of a saved search by id, and asks which when there are several', async () => {
    const [ambiguous] = await Promise.all([run('inspect_turn', ['--from-file', fixture('search-shapes.json')], noMlflow)]);
    expect(ambiguous.exitCode).toBe(2);
    const id = /e\.g\. (tr-\w+)/.exec(ambiguous.stderr)?.[1] as string;
    const r = await run('inspect_turn', [id, '--from-file', fixture('search-shapes.json')], noMlflow);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/SPAN TREE — 1 span/);
  });

  it('reads the 3.5.0 variant and 2.x-era JSON', async () => {
    const [v35, v2] = await Promise.all([
      run('health_check', ['--from-file', fixture('mlflow-3.5.0-get-healthy.json'), '--json'], noMlflow),
      run('health_check', ['--from-file', fixture('handwritten-2x-trace.json')], noMlflow),
    ]);
    expect(v35.json()).toMatchObject({ format: '3.5.0', spanCount: 6, state: 'OK' });
    expect(v2.stdout).toMatch(/✗ retrieve \[RETRIEVER\] — ValueError: vector store unavailable/);
    expect(v2.stdout).toMatch(/✗ faithfulness = "no"/);
  });

  it('session_transcript on a saved search, OTel GenAI spans included', async () => {
    const r = await run('session_transcript', ['-', 'otel-genai-session', '--from-file', fixture('server-search-otel-genai.json'), '--json'], noMlflow);
    expect(r.exitCode).toBe(0);
    expect((r.json() as { turns: Array<{ user: { text: string } }> }).turns.map((t) => t.user.text)).toEqual([
      'Which planet is largest?',
      'How many moons does it have?',
      'And Saturn?',
    ]);
  });
});

describe('bad files: one clear line and a documented exit code', () => {
  const dir = tempDir();
  const file = (name: string, content: string | Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };
  const good = JSON.stringify({ info: { trace_id: 'tr-1', state: 'OK' }, data: { spans: [] } });
  mkdirSync(join(dir, 'a-directory'));

  it.each([
    ['missing', join(dir, 'nope.json'), 2, /does not exist/],
    ['a directory', join(dir, 'a-directory'), 2, /is a directory/],
    ['empty', file('empty.json', ''), 6, /empty/],
    ['not JSON', file('text.json', 'hello world\n'), 6, /is not JSON/],
    ['truncated', file('cut.json', good.slice(0, 40)), 6, /truncated JSON/],
    ['the wrong shape', file('shape.json', '{"hello": 1}'), 6, /not an MLflow trace: at info/],
    [
      'spans of the wrong shape',
      file('spans.json', '{"info": {"trace_id": "tr-1"}, "data": {"spans": [{"name": 3}]}}'),
      6,
      /not an MLflow trace: at data\.spans\[0\]/,
    ],
  ])('%s', async (_what, path, code, message) => {
    const r = await run('health_check', ['--from-file', path], noMlflow);
    expect(r.exitCode).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(r.stdout).toBe('');
  });

  it('tolerates log lines before the JSON and invalid UTF-8 bytes', async () => {
    const raw = Buffer.concat([
      Buffer.from('2026/11/25 WARNING mlflow: something\n{"info": {"trace_id": "tr-1", "state": "OK", "request_preview": "bad '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' bytes"}, "data": {"spans": []}}'),
    ]);
    const r = await run('health_check', ['--from-file', file('logs.json', raw)], noMlflow);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Trace tr-1/);
  });

  it('a cyclic, orphaned, duplicated trace renders with warnings, not a hang', async () => {
    const span = (id: string, parent: string | null) => ({
      span_id: id,
      parent_span_id: parent,
      name: `s-${id}`,
      start_time_unix_nano: 1e18,
      end_time_unix_nano: 1e18 + 1e6,
      status: { code: 'STATUS_CODE_OK' },
      attributes: {},
    });
    const t = {
      info: { trace_id: 'tr-2', state: 'OK' },
      data: { spans: [span('r', null), span('a', 'b'), span('b', 'a'), span('o', 'ghost'), span('r', null), span('s', 's')] },
    };
    const r = await run('inspect_turn', ['--from-file', file('weird.json', JSON.stringify(t))], noMlflow);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/orphan span/);
    expect(r.stdout).toMatch(/parent cycle/);
    expect(r.stdout).toMatch(/duplicate span id/);
  });
});

describe('colours', () => {
  // `script` gives the process a pseudo-terminal, as a person's shell would.
  const inTty = (extra: Record<string, string>) => {
    const { NO_COLOR: _ignored, ...env } = process.env;
    const cmd = `node ${join(ROOT, 'dist', 'health_check.mjs')} --from-file ${fixture('get-failing.json')}`;
    return execa('script', ['-qec', cmd, '/dev/null'], { env: { ...env, TERM: 'xterm', ...extra }, extendEnv: false, reject: false });
  };

  it('are used on a terminal', async () => {
    expect(String((await inTty({})).stdout)).toMatch(/\u001b\[31mERROR/);
  });

  it('are never used with NO_COLOR, nor when stdout is not a terminal', async () => {
    expect(String((await inTty({ NO_COLOR: '1' })).stdout)).not.toMatch(/\u001b\[/);
    const piped = await run('health_check', ['--from-file', fixture('get-failing.json')], { NO_COLOR: undefined });
    expect(piped.stdout).not.toMatch(/\u001b\[/);
  });
});
