/**
 * locate_code: from the culprit span of a trace to the line of code — stack frames inside the
 * repository, the function behind the span, the span's name in tracing calls, the entry script —
 * and whether that code changed since the commit the trace ran.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { codeTargets, functionNameOf, traceSource, type CodeTarget } from '../../analysis/code/code-target.js';
import { defineCommand } from '../../cli/command.js';
import { text } from '../../cli/options.js';
import { driftState, loadDrift, resolveLines } from '../../code/drift.js';
import { parseFrames, type Frame } from '../../code/frames.js';
import { gitCallCount, repoState, type RepoState } from '../../code/git.js';
import type { Candidate, LocateQuery } from '../../code/candidates.js';
import { locate, type SearchInfo } from '../../code/locate.js';
import { SkillError } from '../../core/errors.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { renderBudgeted } from '../../render/budget.js';
import { codeSections, notHereText, type CodeReport } from '../../render/code.js';
import { repoMatch, traceFiles } from '../../code/repo-match.js';
import { rawJsonLines } from '../../render/files.js';
import { plural } from '../../render/format.js';
import { jsonIdNote } from '../../render/inspect.js';
import { resolveSpan } from '../../trace/span-ref.js';
import { buildTree, type SpanTree } from '../../trace/tree.js';
import { loadTraceJob, TRACE_ARGS, TRACE_SOURCE_OPTIONS } from './trace-job.js';

export const locateCode = defineCommand({
  name: 'locate_code',
  summary:
    'From the culprit span to the line of code: stack frames inside the repository (paths from another\n' +
    'machine mapped by path suffix), the definition of the function behind the span, the span name in\n' +
    "tracing calls, the entry script; and, when the trace's git commit is in the repository, whether each\n" +
    'file changed since, with the line then beside the line now. One mlflow call; git where it exists.',
  args: TRACE_ARGS,
  options: {
    ...TRACE_SOURCE_OPTIONS,
    span: text('ID|NAME', 'the span to locate (default: the deepest failing span(s), else the root)'),
    repo: text('DIR', "the application's repository (default: the git root of the current directory)"),
  },
  async run({ args, opts }) {
    const repoDir = checkRepo(opts.repo ?? process.cwd());
    const job = await loadTraceJob({ ...opts, traceId: args.traceId });
    const tree = buildTree(job.trace.spans);
    // The same span references as inspect_turn: hex id or prefix, base64 id, name, NAME#N.
    const requested = opts.span ? resolveSpan(tree, opts.span, job.trace.info.traceId).node : undefined;
    const git: RepoState | null = await repoState(repoDir);
    const root = git?.root ?? repoDir;
    const meta = traceSource(job.trace);
    const source = { entryScript: meta?.entryScript ?? null, commit: meta?.commit ?? null, branch: meta?.branch ?? null };
    // Not the app's checkout: say so at once rather than search for look-alikes.
    const match = repoMatch(root, traceFiles(job.trace, source.entryScript));
    const again = job.again('locate_code', [...(opts.span ? ['--span', opts.span] : []), '--repo', 'APP_DIR']);
    if (!match.here)
      throw new SkillError('code-not-found', `No code found: ${notHereText(match)}.`, {
        hint: `Run it where the application's code is, or pass it: ${again}  (APP_DIR: the application's checkout)`,
      });
    const results = await locateTargets(tree, codeTargets(tree, requested), root, source.entryScript, !!git);
    const all = results.flatMap((r) => r.candidates);
    if (!all.length) {
      throw new SkillError('code-not-found', notFoundMessage(results, root), {
        hint: 'Check --repo (the code the trace ran), or pass --span for another span; the trace names no file this repository has.',
      });
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
    const jsonCommand = job.again('locate_code', [...(opts.span ? ['--span', opts.span] : []), ...(opts.repo ? ['--repo', root] : []), '--json']);
    return {
      json: {
        ...report,
        results: report.results.map(({ target: { stackTraces, ...target }, ...rest }) => ({
          target: { ...target, stackTraceCount: stackTraces.length },
          ...rest,
        })),
        gitCalls: gitCallCount(),
      },
      files: { traceJson: job.files[0] ?? null },
      text: () => {
        const footer = rawJsonLines('trace', job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() });
        return renderBudgeted(codeSections(report, jsonCommand), footer, opts.maxChars, jsonCommand).text;
      },
    };
  },
});

interface Located {
  target: CodeTarget;
  candidates: Candidate[];
  search: SearchInfo;
}

async function locateTargets(tree: SpanTree, targets: CodeTarget[], root: string, entryScript: string | null, useGit: boolean): Promise<Located[]> {
  const results: Located[] = [];
  for (const t of targets) {
    // The traced functions from the root down: the entry script calls the outermost.
    const chain: string[] = [];
    for (let n = tree.byId.get(t.spanId) ?? null; n; n = n.parent) {
      const fn = functionNameOf(n);
      if (fn) chain.unshift(fn);
    }
    results.push({ target: t, ...(await locate(root, queryFor(t, entryScript, chain), { useGit })) });
  }
  return results;
}

/** --repo must be a readable directory: checked before any mlflow call. */
function checkRepo(dir: string): string {
  const abs = resolve(dir);
  const hint = "Pass the directory of the application's repository (the code the trace ran).";
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new SkillError('usage', `--repo ${abs} does not exist.`, { hint });
  }
  if (!isDir)
    throw new SkillError('usage', `--repo ${abs} is not a directory.`, { hint: "Pass the directory of the application's repository, not a file in it." });
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
  const own =
    t.framework && t.userAncestor ? { name: t.userAncestor.name, functionName: t.userAncestor.functionName } : { name: t.name, functionName: t.functionName };
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

function notFoundMessage(results: Located[], root: string): string {
  const r = results[0];
  if (!r) return `The trace has no spans to locate in ${root}.`;
  const s = r.search;
  const what = [
    s.searchedFor.length ? `definitions and span-name literals of ${s.searchedFor.map((n) => JSON.stringify(n)).join(', ')} (${s.method})` : null,
    s.frames.total ? `${plural(s.frames.total, 'stack frame')} (${s.frames.inRepo} in the repository)` : 'no stack trace in the trace',
    s.entryScript ? `entry script ${s.entryScript.given} (not in the repository)` : 'no entry script (mlflow.source.name)',
  ]
    .filter(Boolean)
    .join('; ');
  return `No code found in ${root} for span ${r.target.name}: searched ${what}.`;
}
