/**
 * locate_code's parts on their own: recognising definitions and span-name literals (Python and
 * TypeScript, on the test bed's own files), stack frames and their mapping by path suffix, line
 * mapping through a diff, .gitignore rules and the walk, and which span is the target.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeTargets, frameworkReason, traceSource } from '../../../scripts/lib/analysis/code/code-target.js';
import { analyseTrace } from '../../../scripts/lib/analysis/trace/trace-report.js';
import { nearestLineWith } from '../../../scripts/lib/code/drift.js';
import { definitionOn, enclosingClass, findDefinitions, spanNameLiteralAt } from '../../../scripts/lib/code/definitions.js';
import { isLibraryPath, mapFrame, parseFrames } from '../../../scripts/lib/code/frames.js';
import { mapLine, parseHunks } from '../../../scripts/lib/code/line-map.js';
import { gitignoreRule, walkRepo } from '../../../scripts/lib/code/walk.js';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { parseTrace } from '../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../scripts/lib/trace/tree.js';
import { locateHint } from '../../../scripts/lib/render/code.js';
import { resolveSpan } from '../../../scripts/lib/trace/span-ref.js';
import { fixture, ROOT } from '../../support/helpers.js';

const APP = join(ROOT, 'testbed', 'code_app');
const read = (rel: string) => readFileSync(join(APP, rel), 'utf8');

describe("TypeScript / JavaScript definitions (the test bed's web/client.ts)", () => {
  const text = read('v1/web/client.ts');
  const defs = (name: string) => findDefinitions(text, name, 'js').map((d) => [d.line, d.kind, d.className]);

  it('finds functions, methods, class-field and const arrow functions, object members', () => {
    expect(defs('fetchForecast')).toEqual([[9, 'function', null]]);
    expect(defs('lookup')).toEqual([[17, 'method', 'WeatherClient']]);
    expect(defs('create')).toEqual([[25, 'method', 'WeatherClient']]);
    expect(defs('clear')).toEqual([[29, 'arrow function', 'WeatherClient']]);
    expect(defs('renderCard')).toEqual([[34, 'arrow function', null]]);
    expect(defs('summarise')).toEqual([[36, 'arrow function', null]]);
    expect(defs('onSubmit')).toEqual([[42, 'arrow function', null]]);
    expect(defs('onReset')).toEqual([[43, 'method', null]]);
    expect(defs('summariseAll')).toEqual([[50, 'function', null]]);
  });

  it('does not take calls, fields or wrapped values for definitions', () => {
    expect(defs('tracedForecast')).toEqual([]);
    expect(defs('cache')).toEqual([]);
    expect(definitionOn('    const fresh = await fetchForecast(city);', 'fetchForecast', 'js')).toBeNull();
    expect(definitionOn('  lookup(city);', 'lookup', 'js')).toBeNull();
  });

  it('finds span names given to the TS SDK: trace(fn, {name}) and withSpan over several lines', () => {
    const lines = text.split('\n');
    const at = (s: string) =>
      lines
        .map((_, i) => i)
        .filter((i) => spanNameLiteralAt(lines, i, s))
        .map((i) => i + 1);
    expect(at('forecast_call')).toEqual([48]);
    expect(at('summarise_cities')).toEqual([52]);
  });
});

describe("Python definitions and span-name literals (the test bed's app, commit 2)", () => {
  it('finds def and methods with their class, not calls', () => {
    const agent = read('v2/app/agent.py');
    expect(findDefinitions(agent, 'plan', 'python').map((d) => [d.line, d.kind, d.className])).toEqual([[15, 'method', 'Planner']]);
    expect(findDefinitions(agent, 'handle_request', 'python').map((d) => [d.line, d.kind])).toEqual([[22, 'function']]);
    expect(findDefinitions(read('v2/app/tools/weather.py'), 'get_weather', 'python').map((d) => d.line)).toEqual([13]);
    expect(definitionOn('async def fetch(x):', 'fetch', 'python')).toBe('function');
    expect(definitionOn('    forecast = get_weather(plan["city"])', 'get_weather', 'python')).toBeNull();
  });

  it('takes a quoted span name only when a tracing call passes it', () => {
    const lines = [
      '@mlflow.trace(name="fetch_forecast", span_type="TOOL")',
      'log.info("fetch_forecast")',
      'with mlflow.start_span(',
      '    name="inner",',
      '):',
    ];
    expect(spanNameLiteralAt(lines, 0, 'fetch_forecast')).toBe(true);
    expect(spanNameLiteralAt(lines, 1, 'fetch_forecast')).toBe(false);
    expect(spanNameLiteralAt(lines, 3, 'inner')).toBe(true);
  });

  it('the enclosing class ends at a dedent', () => {
    const lines = ['class A:', '    def m(self):', '        pass', 'def f():', '    pass'];
    expect(enclosingClass(lines, 1, 'python')).toBe('A');
    expect(enclosingClass(lines, 3, 'python')).toBeNull();
  });
});

describe('stack frames: parsed deepest first, mapped by the longest path suffix', () => {
  const py = `Traceback (most recent call last):
  File "/srv/ci/checkout/app/agent.py", line 19, in handle_request
    forecast = get_weather(plan["city"])
               ^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/site-packages/mlflow/tracing/fluent.py", line 383, in wrapper
    return wrapping_coro.send(fn(*args, **kwargs))
  File "/srv/ci/checkout/app/tools/weather.py", line 13, in _lookup
    raise LookupError(f"no forecast for {city}")
LookupError: no forecast for Atlantis`;

  it('reads file, line, function and the code line of a Python traceback', () => {
    const f = parseFrames(py);
    expect(f.map((x) => [x.file, x.line, x.func])).toEqual([
      ['/srv/ci/checkout/app/tools/weather.py', 13, '_lookup'],
      ['/usr/lib/python3.11/site-packages/mlflow/tracing/fluent.py', 383, 'wrapper'],
      ['/srv/ci/checkout/app/agent.py', 19, 'handle_request'],
    ]);
    expect(f[0]?.code).toBe('raise LookupError(f"no forecast for {city}")');
    expect(f[2]?.code).toBe('forecast = get_weather(plan["city"])');
  });

  it('reads a V8 stack (innermost first already)', () => {
    const f = parseFrames(
      'Error: boom\n    at WeatherClient.lookup (/home/u/web/client.ts:18:11)\n    at /home/u/web/main.js:3:1\n    at node:internal/main:1:1',
    );
    expect(f.map((x) => [x.file, x.line, x.func])).toEqual([
      ['/home/u/web/client.ts', 18, 'WeatherClient.lookup'],
      ['/home/u/web/main.js', 3, null],
    ]);
  });

  it("maps another machine's path by the longest suffix the repository has; libraries are left out", () => {
    const files = new Set(['app/tools/weather.py', 'tools/weather.py', 'app/agent.py']);
    const exists = (rel: string) => files.has(rel);
    const [raise, lib, agent] = parseFrames(py);
    expect(mapFrame(raise!, '/repo', exists)).toMatchObject({ path: 'app/tools/weather.py', how: 'by path suffix' });
    expect(mapFrame(agent!, '/repo', exists)?.path).toBe('app/agent.py');
    expect(mapFrame(lib!, '/repo', exists)).toBeNull();
    expect(isLibraryPath('/home/u/proj/node_modules/openai/index.js')).toBe(true);
    expect(mapFrame({ file: '/repo/app/agent.py', line: 1, func: null, code: null }, '/repo', exists)).toMatchObject({
      path: 'app/agent.py',
      how: 'in the repository',
    });
    expect(mapFrame({ file: '/elsewhere/unknown.py', line: 1, func: null, code: null }, '/repo', exists)).toBeNull();
  });

  it('finds a line again by its code, nearest to where it was', () => {
    expect(nearestLineWith(['x', 'raise E()', 'y', 'y', 'raise E()'], 'raise E()', 4)).toBe(5);
    expect(nearestLineWith(['x'], 'raise E()', 1)).toBeNull();
  });
});

describe('line mapping through a zero-context diff', () => {
  // Old → new: 2 lines inserted after old line 1; old line 5 edited; old line 9 removed.
  const hunks = parseHunks('diff --git a/f b/f\n@@ -1,0 +2,2 @@\n+a\n+b\n@@ -5 +7 @@\n-x\n+y\n@@ -9 +10,0 @@\n-z\n');

  it('shifts untouched lines and flags edited ones', () => {
    expect(mapLine(hunks, 1, 'old-to-new')).toEqual({ line: 1, changed: false });
    expect(mapLine(hunks, 3, 'old-to-new')).toEqual({ line: 5, changed: false });
    expect(mapLine(hunks, 5, 'old-to-new')).toMatchObject({ line: 7, changed: true });
    expect(mapLine(hunks, 9, 'old-to-new')).toMatchObject({ changed: true });
    expect(mapLine(hunks, 12, 'old-to-new')).toEqual({ line: 13, changed: false });
  });

  it('maps back from now to then; added lines have no counterpart', () => {
    expect(mapLine(hunks, 5, 'new-to-old')).toEqual({ line: 3, changed: false });
    expect(mapLine(hunks, 2, 'new-to-old')).toMatchObject({ changed: true });
    expect(mapLine(hunks, 13, 'new-to-old')).toEqual({ line: 12, changed: false });
  });
});

describe('.gitignore rules and the walk without git', () => {
  const ig = (p: string, path: string, dir = false) => {
    const r = gitignoreRule(p, '');
    return !!r && (!r.dirOnly || dir) && r.re.test(path);
  };

  it('matches names anywhere, anchored paths at their root, ** across directories', () => {
    expect(ig('*.log', 'a/b/x.log')).toBe(true);
    expect(ig('build/', 'sub/build', true)).toBe(true);
    expect(ig('build/', 'sub/build', false)).toBe(false);
    expect(ig('/only-root.py', 'only-root.py')).toBe(true);
    expect(ig('/only-root.py', 'a/only-root.py')).toBe(false);
    expect(ig('docs/**/gen', 'docs/a/b/gen')).toBe(true);
    expect(gitignoreRule('# comment', '')).toBeNull();
    expect(gitignoreRule('!keep.log', '')?.negate).toBe(true);
  });

  it('skips ignored files, nested rules, negations and dependency folders', () => {
    const dir = mkdtempSync(join(tmpdir(), 'walk-'));
    const put = (rel: string) => {
      mkdirSync(join(dir, rel, '..'), { recursive: true });
      writeFileSync(join(dir, rel), 'x');
    };
    writeFileSync(join(dir, '.gitignore'), 'build/\n*.log\n!keep.log\n');
    for (const f of ['app/a.py', 'app/b.log', 'app/keep.log', 'build/c.py', 'node_modules/x/i.js', '.venv/lib/s.py', 'web/gen/z.ts', 'web/y.ts']) put(f);
    writeFileSync(join(dir, 'web', '.gitignore'), 'gen/\n');
    const w = walkRepo(dir);
    expect(w.files.sort()).toEqual(['.gitignore', 'app/a.py', 'app/keep.log', 'web/.gitignore', 'web/y.ts']);
    expect(w.stoppedEarly).toBeNull();
    const bounded = walkRepo(dir, { maxFiles: 1 });
    expect(bounded.stoppedEarly).toMatch(/stopped after \d+ files \(limit\)/);
  });
});

describe("the target span and the trace's source (the code test bed's failing trace, real CLI output)", () => {
  const trace = parseTrace(readJsonFile(fixture('get-code-failing.json'), 'fixture'));
  const tree = buildTree(trace.spans);

  it('defaults to the deepest failing span, with its renamed function and both stack traces', () => {
    const [t, more] = codeTargets(tree);
    expect(more).toBeUndefined();
    expect(t).toMatchObject({ name: 'fetch_forecast', functionName: 'get_weather', why: 'deepest failing span', framework: null, path: ['answer_question'] });
    expect(t?.stackTraces).toHaveLength(2);
  });

  it('a span that did not fail borrows no stack trace from its failing ancestors', () => {
    const [t] = codeTargets(tree, resolveSpan(tree, 'plan_step', 'tr').node);
    expect(t).toMatchObject({ name: 'plan_step', functionName: 'plan', status: 'OK', stackTraces: [] });
  });

  it("a framework's autologged span points at the nearest ancestor that is the user's code", () => {
    const node = resolveSpan(tree, 'ChatOpenAI', 'tr').node;
    expect(frameworkReason(node)).toMatch(/framework/);
    const [t] = codeTargets(tree, node);
    expect(t?.userAncestor).toMatchObject({ name: 'plan_step', functionName: 'plan' });
  });

  it("reads entry script, commit and branch; health_check's pointer names the commit", () => {
    expect(traceSource(trace)).toMatchObject({ entryScript: 'app/main.py', branch: 'main', hasFunctionNames: true });
    expect(traceSource(trace)?.commit).toMatch(/^[0-9a-f]{40}$/);
    const r = analyseTrace(trace, tree);
    const hint = locateHint(r, r.errors.culprits[0]!, (id) => `locate_code ${trace.info.traceId} --span ${id}`);
    expect(hint).toMatch(/^ {4}code: locate_code tr-\w+ --span [0-9a-f]{16} {2}\(file:line at commit [0-9a-f]{7} and now\)$/);
    expect(locateHint(r, r.errors.culprits[0]!, undefined)).toBeNull();
  });

  it('a trace with no source metadata and no stack gets no pointer', () => {
    const healthy = parseTrace(readJsonFile(fixture('get-healthy.json'), 'fixture'));
    healthy.info.metadata = {};
    const r = analyseTrace(healthy);
    expect(r.source).toBeNull();
  });
});
