/**
 * locate_code as a user runs it, on the code test bed: a small git app traced at commit 1 and
 * changed at commit 2 (lines moved), whose traceback paths belong to a checkout that no longer
 * exists. Each scenario runs once; most reuse the trace JSON saved by the first real CLI call.
 */
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, main, ROOT, run, tempDir, type Run } from '../support/helpers.js';

interface CodeManifest {
  tracking_uri: string;
  traces: { failing: string; ok: string };
  repo: string;
  commits: { traced: string; head: string };
}
const codeStore = join(ROOT, '.testbed', 'code');
const code = JSON.parse(readFileSync(join(codeStore, 'manifest.json'), 'utf8')) as CodeManifest;
const repo = join(codeStore, code.repo);
const env = { MLFLOW_TRACKING_URI: code.tracking_uri };
const traced = code.commits.traced.slice(0, 7);
const head = code.commits.head.slice(0, 7);

describe("locate_code on the failing trace, at HEAD and at the trace's commit (real CLI)", () => {
  let text: Run;
  let json: Run;
  let health: Run;
  let healthElsewhere: Run;
  beforeAll(async () => {
    [text, json, health] = await Promise.all([
      run('locate_code', [code.traces.failing, '--repo', repo], env),
      run('locate_code', [code.traces.failing, '--repo', repo, '--json'], env),
      run('health_check', [code.traces.failing], env, undefined, repo),
    ]);
  });

  it('puts the raising line first, at its place in the working tree, mapped from another checkout by suffix', () => {
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/TARGET fetch_forecast \[TOOL\] ✗ ERROR \(deepest failing span\) — LookupError: no forecast for Atlantis/);
    expect(text.stdout).toMatch(/function: get_weather \(mlflow\.spanFunctionName; the span was renamed from it\)/);
    expect(text.stdout).toMatch(/ 1\. app\/tools\/weather\.py:19 {2}raise LookupError\(f"no forecast for \{city\}"\)/);
    const printed = /the trace printed (\S+\/app\/tools\/weather\.py), mapped by path suffix/.exec(text.stdout)?.[1] ?? '';
    expect(printed).toMatch(/\.testbed\/code\.tmp-\d+\/app\/app\/tools\/weather\.py$/);
    expect(existsSync(printed)).toBe(false);
  });

  it("shows each line as it was at the trace's commit beside the line now", () => {
    expect(text.stdout).toMatch(new RegExp(`Trace ran: entry script app/main\\.py · commit ${traced} · branch main — 1 commit since, to HEAD ${head}`));
    expect(text.stdout).toMatch(new RegExp(`at ${traced}: line 13 {2}raise LookupError\\(f"no forecast for \\{city\\}"\\) {2}\\(same text; moved \\+6\\)`));
    expect(text.stdout).toMatch(
      new RegExp(
        `app/tools/weather\\.py:14 {2}return _lookup\\(normalise\\(city\\)\\)[^\\n]*\\n[^\\n]*\\n\\s+at ${traced}: line 8 {2}return _lookup\\(city\\) {2}\\(edited since; moved \\+6\\)`,
      ),
    );
  });

  it("finds the renamed span's function, its decorator and the entry script", () => {
    expect(text.stdout).toMatch(
      /app\/tools\/weather\.py:13 {2}def get_weather\(city: str\) -> dict:\n\s+[^\n]*definition of function get_weather \(span fetch_forecast's mlflow\.spanFunctionName\)/,
    );
    expect(text.stdout).toMatch(
      /app\/tools\/weather\.py:12 {2}@mlflow\.trace\(name="fetch_forecast", span_type="TOOL"\)\n\s+span name "fetch_forecast" given to a tracing call/,
    );
    expect(text.stdout).toMatch(/app\/main\.py:17 {2}handle_request\("What is the weather in Atlantis\?"\)\n\s+entry script/);
    // Decoy definitions in node_modules, .venv and the ignored build/ are never searched.
    expect(text.stdout).not.toMatch(/node_modules|\.venv\/lib\/site|build\/stale/);
  });

  it('reports the drift per file: commits between and a diff stat', () => {
    expect(text.stdout).toMatch(new RegExp(`app/tools/weather\\.py: changed — 1 commit \\(${head} Normalise city names before the lookup\\), \\+7 −1`));
    expect(text.stdout).toMatch(/app\/main\.py: unchanged/);
    expect(text.stdout).toMatch(new RegExp(`see: git -C \\S+ diff ${traced} -- app/tools/weather\\.py app/agent\\.py`));
  });

  it('--json carries the same findings, one mlflow call', () => {
    const j = json.json() as Record<string, any>;
    expect(j).toMatchObject({
      mlflowCalls: 1,
      drift: { kind: 'compared', commit: code.commits.traced, head: code.commits.head, commitsSince: 1, ancestor: true },
    });
    expect(j.results[0].located[0]).toMatchObject({
      path: 'app/tools/weather.py',
      kind: 'stack frame',
      now: { line: 19 },
      then: { line: 13 },
      lineChanged: false,
    });
    expect(j.fileDrift.find((f: { path: string }) => f.path === 'app/tools/weather.py')).toMatchObject({ changed: true, added: 7, deleted: 1 });
    expect(j.results[0].target).toMatchObject({ name: 'fetch_forecast', functionName: 'get_weather', stackTraceCount: 2 });
  });

  it('health_check prints the locate_code command beside the culprit', () => {
    expect(health.exitCode).toBe(0);
    expect(health.stdout).toMatch(
      new RegExp(
        `span: [0-9a-f]{16} [^\\n]*\\n {4}code: .*locate_code\\.(?:ts|mjs) ${code.traces.failing} --span [0-9a-f]{16} {2}\\(file:line at commit ${traced} and now\\)`,
      ),
    );
  });

  it("health_check run outside the app's checkout says so at once and shows --repo", async () => {
    healthElsewhere = await run('health_check', [code.traces.failing], env, undefined, tempDir('elsewhere-'));
    expect(healthElsewhere.stdout).toMatch(
      / {4}code: \S+elsewhere-\S+ is not the application's repository \(none of the \d+ files? the trace names is in it: [^)]*weather\.py[^)]*\): .*locate_code\.(?:ts|mjs) \S+ --span [0-9a-f]{16} --repo APP_DIR {2}\(APP_DIR: the application's checkout\)/,
    );
  });
});

describe('locate_code: other spans, other checkouts, no git, bad input', () => {
  let saved = '';
  const r: Record<string, Run> = {};
  const work = tempDir('locate-');
  beforeAll(async () => {
    const outDir = join(work, 'out');
    const first = await run('locate_code', [code.traces.failing, '--repo', repo, '--out-dir', outDir, '--span', 'plan_step'], env);
    r.plan = first;
    saved = join(outDir, `trace-${code.traces.failing}.json`);
    const clone = join(work, 'clone');
    const shallow = join(work, 'shallow');
    const nogit = join(work, 'nogit');
    await execa('git', ['clone', '-q', repo, clone]);
    await execa('git', ['clone', '-q', '--depth', '1', `file://${repo}`, shallow]);
    cpSync(repo, nogit, { recursive: true });
    rmSync(join(nogit, '.git'), { recursive: true, force: true });
    const from = ['--from-file', saved];
    const tasks: Array<[string, Promise<Run>]> = [
      ['framework', run('locate_code', [...from, '--repo', repo, '--span', 'ChatOpenAI'])],
      ['badSpan', run('locate_code', [...from, '--repo', repo, '--span', 'nope'])],
      ['clone', run('locate_code', [...from, '--repo', clone])],
      ['shallow', run('locate_code', [...from, '--repo', shallow])],
      ['nogit', run('locate_code', [...from, '--repo', nogit])],
      ['nogitPlan', run('locate_code', [...from, '--repo', nogit, '--span', 'plan_step'])],
      ['missingRepo', run('locate_code', [code.traces.failing, '--repo', join(work, 'does-not-exist')], { MLFLOW_BIN: '/nonexistent' })],
      ['fileRepo', run('locate_code', [...from, '--repo', saved])],
      ['noCommit', run('locate_code', [main.traces.failing as string, '--repo', ROOT])],
      ['nothing', run('locate_code', [main.traces.healthy as string, '--repo', repo, '--json'])],
    ];
    const done = await Promise.all(tasks.map(([, p]) => p));
    tasks.forEach(([k], i) => (r[k] = done[i] as Run));
  });

  it('--span of a span that did not fail: its method, no stack frames borrowed from failing ancestors', () => {
    const p = r.plan as Run;
    expect(p.exitCode).toBe(0);
    expect(p.stdout).toMatch(/TARGET plan_step \[UNKNOWN\] ✓ OK \(requested with --span\)/);
    expect(p.stdout).toMatch(/ 1\. app\/agent\.py:15 {2}def plan\(self, question: str\) -> dict:\n\s+definition of method Planner\.plan/);
    expect(p.stdout).toMatch(new RegExp(`at ${traced}: line 10 {2}def plan`));
    expect(p.stdout).not.toMatch(/stack frame/);
    expect(p.stdout).toMatch(/searched: git grep; for "plan", "plan_step"; no stack trace/);
  });

  it("a framework's span (ChatOpenAI) is named as such, and its nearest own ancestor located", () => {
    const f = r.framework as Run;
    expect(f.stdout).toMatch(/! a framework's span: the name "ChatOpenAI" is a framework's/);
    expect(f.stdout).toMatch(/nearest ancestor that is your code: plan_step \(function plan\)/);
    expect(f.stdout).toMatch(/app\/agent\.py:15 {2}def plan/);
  });

  it('a span not in the trace → 5 (as inspect_turn), one line', () => {
    expect(r.badSpan?.exitCode).toBe(5);
    expect(r.badSpan?.stderr).toMatch(/^error: No span "nope" in trace tr-/);
  });

  it('a clone elsewhere: the traceback is mapped by suffix and the commit found', () => {
    const c = r.clone as Run;
    expect(c.exitCode).toBe(0);
    expect(c.stdout).toMatch(/Repository: \S+\/clone \(git/);
    expect(c.stdout).toMatch(/ 1\. app\/tools\/weather\.py:19 {2}raise LookupError/);
    expect(c.stdout).toMatch(/1 commit since/);
  });

  it("a shallow clone without the trace's commit: said, and lines found again by the traceback's code", () => {
    const s = r.shallow as Run;
    expect(s.exitCode).toBe(0);
    expect(s.stdout).toMatch(new RegExp(`commit ${traced} is not in this repository \\(a shallow clone: \`git fetch --unshallow\``));
    expect(s.stdout).toMatch(
      / 1\. app\/tools\/weather\.py:19 {2}raise LookupError[^\n]*\n[^\n]*\n\s+the trace recorded line 13; found again by the code the traceback printed \(moved \+6\)/,
    );
  });

  it('no git: said; a walk that honours .gitignore and skips node_modules and .venv', () => {
    const n = r.nogit as Run;
    expect(n.exitCode).toBe(0);
    expect(n.stdout).toMatch(/\(no git: a file walk that honours \.gitignore stands in for git grep\)/);
    expect(n.stdout).toMatch(/the repository has no git, so the code at that commit cannot be compared/);
    expect(n.stdout).toMatch(/app\/tools\/weather\.py:13 {2}def get_weather/);
    // Every name was found in the files the traceback names: no walk needed.
    expect(n.stdout).toMatch(/searched: the files the stack trace names \(every name was found there/);
    const p = r.nogitPlan as Run;
    expect(p.stdout).toMatch(/searched: file walk over \d+ source files; for "plan", "plan_step"; no stack trace/);
    expect(p.stdout).toMatch(/ 1\. app\/agent\.py:15 {2}def plan/);
    for (const out of [n.stdout, p.stdout]) expect(out).not.toMatch(/node_modules|\.venv\/lib\/site|build\/stale/);
  });

  it('a --repo that does not exist, or is a file → 2 before any mlflow call', () => {
    expect(r.missingRepo?.exitCode).toBe(2);
    expect(r.missingRepo?.stderr).toMatch(/^error: --repo \S+does-not-exist does not exist\.\nhint: /);
    expect(r.fileRepo?.exitCode).toBe(2);
    expect(r.fileRepo?.stderr).toMatch(/is not a directory/);
    expect(hasStackTrace(r.missingRepo?.stderr ?? '')).toBe(false);
  });

  it('a trace with no git commit (the main store): said, and its frames still located', () => {
    const m = r.noCommit as Run;
    expect(m.exitCode).toBe(0);
    expect(m.stdout).toMatch(/the trace records no git commit \(mlflow\.source\.git\.commit is empty or absent\)/);
    expect(m.stdout).toMatch(/testbed\/seed\.py:\d+ {2}raise exc/);
    expect(m.stdout).not.toMatch(/DRIFT/);
  });

  it('nothing to find (no stack, no function, entry script elsewhere) → 5, saying what was searched', () => {
    const x = r.nothing as Run;
    expect(x.exitCode).toBe(5);
    // The trace names one file (its entry script) and it is not here: said at once, no search.
    expect(x.stderr).toMatch(
      /^error: No code found: \S+ is not the application's repository \(none of the 1 file the trace names is in it: \S+seed\.py\)\.\nhint: .*--repo APP_DIR {2}\(APP_DIR: the application's checkout\)/,
    );
    expect(x.json()).toMatchObject({ error: { kind: 'code-not-found', exitCode: 5 } });
  });
});
