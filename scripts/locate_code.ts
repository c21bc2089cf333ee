#!/usr/bin/env -S npx tsx
/**
 * locate_code: from the culprit span of a trace to the line of code — stack frames inside the
 * repository, the function behind the span, the span's name in tracing calls, the entry script —
 * and whether that code changed since the commit the trace ran.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { codeTargets, functionNameOf, traceSource, type CodeTarget } from './lib/analysis/code-target.js';
import { bool, parseFlags, runScript, str } from './lib/cli/run.js';
import { driftState, loadDrift, resolveLines } from './lib/code/drift.js';
import { parseFrames, type Frame } from './lib/code/frames.js';
import { gitCallCount, repoState, type RepoState } from './lib/code/git.js';
import { locate, type Candidate, type LocateQuery, type SearchInfo } from './lib/code/locate.js';
import { SkillError } from './lib/core/errors.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { buildTree } from './lib/trace/tree.js';
import { renderBudgeted } from './lib/render/budget.js';
import { plural } from './lib/render/format.js';
import { codeSections, notHereText, type CodeReport } from './lib/render/code.js';
import { repoMatch, traceFiles } from './lib/code/repo-match.js';
import { resolveSpan } from './lib/trace/span-ref.js';
import { cacheStatus } from './lib/mlflow/cache.js';
import { rawJsonLines } from './lib/render/files.js';
import { jsonIdNote } from './lib/render/inspect.js';
import { help, loadTraceJob, singleTraceOptions } from './lib/commands/trace-job.js';

const HELP = help(
  'Usage: locate_code <TRACE_ID> [--span ID|NAME] [--repo DIR] [options]\n\nFrom the culprit span to the line of code: stack frames inside the repository (paths from another\nmachine mapped by path suffix), the definition of the function behind the span, the span name in\ntracing calls, the entry script; and, when the trace\'s git commit is in the repository, whether each\nfile changed since, with the line then beside the line now. One mlflow call; git where it exists.',
  singleTraceOptions('  --span ID|NAME     the span to locate (default: the deepest failing span(s), else the root)\n  --repo DIR         the application\'s repository (default: the git root of the current directory)\n'),
);

/** --repo must be a readable directory: checked before any mlflow call. */
function checkRepo(dir: string): string {
  const abs = resolve(dir);
  const hint = 'Pass the directory of the application\'s repository (the code the trace ran).';
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new SkillError('usage', `--repo ${abs} does not exist.`, { hint });
  }
  if (!isDir) throw new SkillError('usage', `--repo ${abs} is not a directory.`, { hint: 'Pass the directory of the application\'s repository, not a file in it.' });
  try {
    accessSync(abs, constants.R_OK | constants.X_OK);
  } catch {
    throw new SkillError('usage', `--repo ${abs} is not readable.`, { hint });
  }
  return abs;
}

function queryFor(t: CodeTarget, entryScript: string | null, ancestors: string[]): LocateQuery {
  const functions: LocateQuery['functions'] = [];
  const spanNames: string[] = [];
  // A framework's span is not the user's code: look for the nearest ancestor that is.
  const own = t.framework && t.userAncestor ? { name: t.userAncestor.name, functionName: t.userAncestor.functionName } : { name: t.name, functionName: t.functionName };
  if (own.functionName) functions.push({ name: own.functionName, from: 'mlflow.spanFunctionName', span: own.name });
  else functions.push({ name: own.name, from: 'span name', span: own.name });
  spanNames.push(own.name);
  const seen = new Set<string>();
  const frames: Frame[] = [];
  for (const st of t.stackTraces) {
    for (const f of parseFrames(st)) {
      const k = `${f.file}:${f.line}`;
      if (!seen.has(k)) frames.push(f), seen.add(k);
    }
  }
  return { functions, spanNames, frames, entryScript, entryCalls: ancestors };
}

function notFoundMessage(results: Array<{ target: CodeTarget; search: SearchInfo }>, root: string): string {
  const r = results[0];
  if (!r) return `The trace has no spans to locate in ${root}.`;
  const s = r.search;
  const what = [s.searchedFor.length ? `definitions and span-name literals of ${s.searchedFor.map((n) => JSON.stringify(n)).join(', ')} (${s.method})` : null,
    s.frames.total ? `${plural(s.frames.total, 'stack frame')} (${s.frames.inRepo} in the repository)` : 'no stack trace in the trace',
    s.entryScript ? `entry script ${s.entryScript.given} (not in the repository)` : 'no entry script (mlflow.source.name)'].filter(Boolean).join('; ');
  return `No code found in ${root} for span ${r.target.name}: searched ${what}.`;
}

await runScript(async (argv) => {
  const flags = parseFlags(argv, { string: ['trace-id', 'span', 'repo'] });
  if (bool(flags, 'help')) return HELP;
  const repoFlag = str(flags, 'repo');
  const repoDir = checkRepo(repoFlag ?? process.cwd());
  const job = await loadTraceJob(flags);
  const tree = buildTree(job.trace.spans);
  const spanKey = str(flags, 'span');
  // The same span references as inspect_turn: hex id or prefix, base64 id, name, NAME#N.
  const requested = spanKey ? resolveSpan(tree, spanKey, job.trace.info.traceId).node : undefined;

  const git: RepoState | null = await repoState(repoDir);
  const root = git?.root ?? repoDir;
  const meta = traceSource(job.trace);
  const source = { entryScript: meta?.entryScript ?? null, commit: meta?.commit ?? null, branch: meta?.branch ?? null };
  // Not the app's checkout: say so at once rather than search for look-alikes.
  const match = repoMatch(root, traceFiles(job.trace, source.entryScript));
  if (!match.here) throw new SkillError('code-not-found', `No code found: ${notHereText(match)}.`, { hint: `Run it where the application's code is, or pass it: ${job.again('locate_code', [...(spanKey ? ['--span', spanKey] : []), '--repo', 'APP_DIR'])}  (APP_DIR: the application's checkout)` });
  const targets = codeTargets(tree, requested);
  const results: Array<{ target: CodeTarget; candidates: Candidate[]; search: SearchInfo }> = [];
  const all: Candidate[] = [];
  for (const t of targets) {
    // The traced functions from the root down: the entry script calls the outermost.
    const chain: string[] = [];
    for (let n = tree.byId.get(t.spanId) ?? null; n; n = n.parent) {
      const fn = functionNameOf(n);
      if (fn) chain.unshift(fn);
    }
    const found = await locate(root, queryFor(t, source.entryScript, chain), { useGit: !!git });
    results.push({ target: t, ...found });
    all.push(...found.candidates);
  }
  if (!all.length) {
    throw new SkillError('code-not-found', notFoundMessage(results, root), { hint: 'Check --repo (the code the trace ran), or pass --span for another span; the trace names no file this repository has.' });
  }
  const drift = await driftState(git, source.commit);
  const ctx = await loadDrift(root, drift, [...new Set(all.map((c) => c.path))]);
  const report: CodeReport = {
    traceId: job.trace.info.traceId,
    repo: { root, git },
    source,
    drift,
    fileDrift: ctx.files,
    results: results.map((r) => ({ target: r.target, located: resolveLines(ctx, r.candidates), search: r.search })),
  };
  const jsonCommand = job.again('locate_code', [...(spanKey ? ['--span', spanKey] : []), ...(repoFlag ? ['--repo', root] : []), '--json']);
  if (bool(flags, 'json')) {
    return JSON.stringify({ ...report, results: report.results.map(({ target: { stackTraces, ...target }, ...rest }) => ({ target: { ...target, stackTraceCount: stackTraces.length }, ...rest })), files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount(), gitCalls: gitCallCount(), cache: cacheStatus() }, null, 2);
  }
  const footer = rawJsonLines('trace', job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() });
  return renderBudgeted(codeSections(report, jsonCommand), footer, job.maxChars, jsonCommand).text;
});
