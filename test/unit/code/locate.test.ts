/**
 * locate_code's parts on their own: recognising definitions and span-name literals (Python and
 * TypeScript, on the test bed's own files), stack frames and their mapping by path suffix, line
 * mapping through a diff, .gitignore rules and the walk, and which span is the target.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeTargets, frameworkReason, traceSource } from '../../../scripts/lib/analysis/code/code-target.js';
import { analyseTrace } from '../../../scripts/lib/analysis/trace/trace-report.js';
import { nearestLineWith } from '../../../scripts/lib/code/drift.js';
import { definitionOn, enclosingClass, findDefinitions, spanNameLiteralAt } from '../../../scripts/lib/code/definitions.js';
import type { Candidate, LocateQuery } from '../../../scripts/lib/code/candidates.js';
import { locate } from '../../../scripts/lib/code/locate.js';
import { isLibraryPath, mapFrame, parseFrames } from '../../../scripts/lib/code/frames.js';
import { mapLine, parseHunks } from '../../../scripts/lib/code/line-map.js';
import { gitignoreRule, walkRepo } from '../../../scripts/lib/code/walk.js';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { parseTrace } from '../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../scripts/lib/trace/tree.js';
import { locateHint } from '../../../scripts/lib/render/code.js';
import { resolveSpan } from '../../../scripts/lib/trace/span-ref.js';
import { testRepo } from '../../support/git-repo.js';
import { fixture, ROOT, tempDir } from '../../support/helpers.js';

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

describe('locate: from what a trace says to ranked places in a repository (a repository made here)', () => {
  const stack = [
    'Traceback (most recent call last):',
    '  File "/usr/lib/python3.11/site-packages/mlflow/tracing.py", line 10, in wrapper',
    '    return fn()',
    '  File "/home/ci/build/app/tools/weather.py", line 8, in get_weather',
    '    return _lookup(city)',
    '  File "/elsewhere/gone.py", line 3, in helper',
    '    x()',
    '  File "/home/ci/build/app/tools/weather.py", line 4, in _lookup',
    '    raise LookupError(city)',
    'LookupError: x',
  ].join('\n');
  const frames = parseFrames(stack);
  const failing: LocateQuery = {
    functions: [{ name: 'get_weather', from: 'mlflow.spanFunctionName', span: 'fetch_forecast' }],
    spanNames: ['fetch_forecast'],
    frames,
    entryScript: '/home/ci/build/app/main.py',
    entryCalls: ['get_weather'],
  };
  const elsewhere: LocateQuery = {
    functions: [{ name: 'format_reply', from: 'span name', span: 'format_reply' }],
    spanNames: [],
    frames,
    entryScript: null,
    entryCalls: [],
  };
  let root = '';
  beforeAll(async () => {
    const repo = await testRepo({
      'app/tools/weather.py':
        'import mlflow\n\ndef _lookup(city):\n    raise LookupError(city)\n\n@mlflow.trace(name="fetch_forecast")\ndef get_weather(city):\n    return _lookup(city)\n',
      'app/main.py': 'from app.tools.weather import get_weather\n\nif __name__ == "__main__":\n    get_weather("x")\n',
      'app/formatting.py': 'class Reply:\n    def format_reply(self, text):\n        return text\n',
      'node_modules/x/format_reply.py': 'def format_reply(): pass\n',
    });
    await repo.commit('the app');
    root = repo.root;
  });
  const brief = (c: Candidate) => [c.kind, c.path, c.nowLine ?? `traced ${c.tracedLine}`, c.score];

  for (const useGit of [true, false]) {
    it(`${useGit ? 'git grep' : 'a file walk'}: the raising frame, its caller, the definition, the span-name literal, the entry script`, async () => {
      const { candidates, search } = await locate(root, failing, { useGit });
      expect(candidates.map(brief)).toEqual([
        ['stack frame', 'app/tools/weather.py', 'traced 4', 100],
        ['stack frame', 'app/tools/weather.py', 'traced 8', 99],
        ['definition', 'app/tools/weather.py', 7, 90],
        ['span name', 'app/tools/weather.py', 6, 80],
        ['entry script', 'app/main.py', 4, 20],
      ]);
      expect(candidates[0]?.why).toEqual([
        'stack frame where it was raised in _lookup; the trace printed /home/ci/build/app/tools/weather.py, mapped by path suffix',
      ]);
      expect(candidates[0]).toMatchObject({ tracedFile: '/home/ci/build/app/tools/weather.py', tracedCode: 'raise LookupError(city)' });
      expect(candidates[2]?.why).toEqual(["definition of function get_weather (span fetch_forecast's mlflow.spanFunctionName)"]);
      expect(candidates[3]?.why).toEqual(['span name "fetch_forecast" given to a tracing call']);
      expect(candidates[4]?.why).toEqual(['entry script (mlflow.source.name /home/ci/build/app/main.py), where it calls the traced code']);
      // Every name was found in the files the stack trace names: the repository was not searched.
      expect(search).toEqual({
        method: useGit ? 'git grep' : 'file walk',
        scope: 'files in the stack trace',
        filesSearched: null,
        stoppedEarly: null,
        searchedFor: ['get_weather', 'fetch_forecast'],
        frames: { total: 4, inRepo: 2, library: 1, unmapped: ['/elsewhere/gone.py'] },
        entryScript: { given: '/home/ci/build/app/main.py', found: 'app/main.py' },
      });
    });

    it(`${useGit ? 'git grep' : 'a file walk'}: a name the stack does not hold is searched for in the repository, skipped dirs left out`, async () => {
      const { candidates, search } = await locate(root, elsewhere, { useGit });
      expect(candidates.map(brief).slice(2)).toEqual([['definition', 'app/formatting.py', 2, 60]]);
      expect(candidates[2]?.why).toEqual(['definition of method Reply.format_reply (named like span format_reply)']);
      expect(search).toMatchObject({ method: useGit ? 'git grep' : 'file walk', scope: 'repository', filesSearched: useGit ? null : 3, entryScript: null });
    });
  }

  it('outside a git repository, git grep falls back to the walk', async () => {
    const plain = tempDir('plain-');
    mkdirSync(join(plain, 'app'));
    writeFileSync(join(plain, 'app', 'formatting.py'), 'def format_reply(text):\n    return text\n');
    const { candidates, search } = await locate(plain, { ...elsewhere, frames: [] }, { useGit: true });
    expect(candidates.map(brief)).toEqual([['definition', 'app/formatting.py', 1, 60]]);
    expect(search.method).toBe('file walk');
  });

  it('an entry script that calls none of the traced functions: its __main__ line', async () => {
    const { candidates } = await locate(
      root,
      { ...elsewhere, functions: [], frames: [], entryScript: 'app/main.py', entryCalls: ['nothing_here'] },
      { useGit: true },
    );
    expect(candidates.map(brief)).toEqual([['entry script', 'app/main.py', 3, 20]]);
    expect(candidates[0]?.why).toEqual(['entry script (mlflow.source.name app/main.py)']);
  });
});
