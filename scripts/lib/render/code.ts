/** locate_code's answer as text, and the one-line pointer health_check / inspect_turn print. */
import type { CodeTarget } from '../analysis/code/code-target.js';
import type { ErrorFinding } from '../analysis/trace/failures.js';
import type { TraceReport } from '../analysis/trace/trace-report.js';
import type { DriftState, FileDrift, Located } from '../code/drift.js';
import type { SearchInfo } from '../code/locate.js';
import type { RepoState } from '../code/git.js';
import type { RepoMatch } from '../code/repo-match.js';
import type { Section } from './budget.js';
import { clip, oneLine, plural } from './format.js';
import { paint } from './style.js';

export interface TargetResult {
  target: CodeTarget;
  located: Located[];
  search: SearchInfo;
}

export interface CodeReport {
  traceId: string;
  repo: { root: string; git: RepoState | null };
  source: { entryScript: string | null; commit: string | null; branch: string | null };
  drift: DriftState;
  fileDrift: FileDrift[];
  results: TargetResult[];
}

const short = (sha: string | null | undefined): string => (sha ? sha.slice(0, 7) : '?');
const code = (s: string | null): string => (s === null ? '(line not in the file)' : clip(s.trim(), 160));
const AS_NOW = 'lines are shown as they are now';

export function driftLine(d: DriftState, source: CodeReport['source']): string {
  const ran = [
    source.entryScript ? `entry script ${source.entryScript}` : null,
    source.commit ? `commit ${short(source.commit)}` : null,
    source.branch ? `branch ${source.branch}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const head = `Trace ran: ${ran || '(no source metadata: no mlflow.source.name, no git commit)'}`;
  switch (d.kind) {
    case 'no-commit':
      return `${head} — the trace records no git commit (mlflow.source.git.commit is empty or absent): ${AS_NOW}, and may have moved since`;
    case 'no-git':
      return `${head} — the repository has no git, so the code at that commit cannot be compared: ${AS_NOW}`;
    case 'missing': {
      const fetch = d.shallow ? ' (a shallow clone: `git fetch --unshallow`, or fetch that commit)' : ' (another clone or branch? `git fetch` it)';
      return `${head} — commit ${short(d.commit)} is not in this repository${fetch}: ${AS_NOW}`;
    }
    case 'compared': {
      if (d.commit === d.head) return `${head} — HEAD is that commit (working-tree edits, if any, are compared below)`;
      const branch = d.ancestor ? '' : ' (that commit is not an ancestor of HEAD: another branch)';
      return `${head} — ${plural(d.commitsSince, 'commit')} since, to HEAD ${short(d.head)}${branch}`;
    }
  }
}

function candidateLines(l: Located, i: number, d: DriftState): string[] {
  const at = l.now ? `${l.path}:${l.now.line}` : `${l.path} (line ${l.then?.line ?? '?'} of the trace's commit is gone)`;
  const out = [`  ${i + 1}. ${at}  ${l.now ? code(l.now.text) : ''}`.trimEnd(), `       ${paint.dim(l.why.join('; '))}`];
  if (d.kind === 'compared') {
    const c = short(d.commit);
    if (!l.then) out.push(`       not in ${c} (added since the trace ran)`);
    else if (l.now && l.then.line === l.now.line && !l.lineChanged) out.push(`       same line at ${c}`);
    else {
      const moved = l.now ? l.now.line - l.then.line : null;
      const how = l.lineChanged ? 'edited since' : 'same text';
      out.push(`       at ${c}: line ${l.then.line}  ${code(l.then.text)}  (${how}${moved ? `; moved ${moved > 0 ? '+' : ''}${moved}` : ''})`);
    }
  } else if (l.kind === 'stack frame' && l.then) {
    // No commit to compare: the traceback's own copy of the line is the only witness.
    const t = l.then;
    if (l.relocatedByText && l.now) {
      const moved = l.now.line - t.line;
      out.push(`       the trace recorded line ${t.line}; found again by the code the traceback printed (moved ${moved > 0 ? '+' : ''}${moved})`);
    } else if (l.lineChanged === false) out.push('       same line and code as the traceback printed');
    else if (t.text) out.push(`       the traceback printed line ${t.line} as: ${code(t.text)} — not in the file now; line ${t.line} as it stands is shown`);
    else out.push(`       line ${t.line} as the trace recorded it; with no commit to compare, the code there may have changed`);
  }
  return out;
}

function targetHead(t: CodeTarget): string[] {
  const status = t.status === 'ERROR' ? paint.error('✗ ERROR') : t.status === 'OK' ? paint.ok('✓ OK') : '○ UNSET';
  const ex = t.exception ? ` — ${clip(oneLine(`${t.exception.type}: ${t.exception.message}`), 240)}` : '';
  const lines = [paint.head(`TARGET ${t.name} [${t.type ?? '?'}]`) + ` ${status} (${t.why})${ex}`];
  lines.push(`  span ${t.spanId} · path: ${[...t.path, t.name].join(' › ')}`);
  if (t.functionName) lines.push(`  function: ${t.functionName} (mlflow.spanFunctionName${t.functionName !== t.name ? '; the span was renamed from it' : ''})`);
  if (t.framework) {
    lines.push(`  ${paint.warn('!')} a framework's span: ${t.framework}. Its code is a library's, not yours.`);
    const a = t.userAncestor;
    lines.push(
      a
        ? `  nearest ancestor that is your code: ${a.name}${a.functionName ? ` (function ${a.functionName})` : ''}, span ${a.spanId}: located below`
        : '  no ancestor looks like your code either: the candidates below come from the span itself',
    );
  }
  return lines;
}

function searchedLine(s: SearchInfo): string {
  const parts = [
    s.scope === 'files in the stack trace'
      ? 'the files the stack trace names (every name was found there, so the rest of the repository was not searched)'
      : `${s.method}${s.filesSearched !== null ? ` over ${plural(s.filesSearched, 'source file')}` : ''}`,
  ];
  if (s.searchedFor.length) parts.push(`for ${s.searchedFor.map((n) => JSON.stringify(n)).join(', ')}`);
  if (s.frames.total) {
    const unmapped = s.frames.unmapped.length ? `, not found: ${s.frames.unmapped.join(', ')}` : '';
    parts.push(`${plural(s.frames.total, 'stack frame')} (${s.frames.inRepo} in the repository, ${s.frames.library} in libraries${unmapped})`);
  } else parts.push('no stack trace');
  if (s.entryScript) parts.push(s.entryScript.found ? `entry script found` : `entry script ${s.entryScript.given} not in the repository`);
  return `  searched: ${parts.join('; ')}${s.stoppedEarly ? ` — ${paint.warn(`incomplete: ${s.stoppedEarly}`)}` : ''}`;
}

/** How the repository was read: its git HEAD, or the file walk standing in for git. */
function repoKind(g: CodeReport['repo']['git']): string {
  if (!g) return ' (no git: a file walk that honours .gitignore stands in for git grep)';
  return ` (git, HEAD ${short(g.head)}${g.branch ? ` on ${g.branch}` : ''}${g.shallow ? ', shallow clone' : ''})`;
}

export function codeSections(r: CodeReport, jsonCommand: string, maxCandidates = 8): Section[] {
  const repoLine = `Repository: ${r.repo.root}${repoKind(r.repo.git)}`;
  const sections: Section[] = [{ name: 'header', priority: 0, lines: [paint.head(`Code for trace ${r.traceId}`), repoLine, driftLine(r.drift, r.source)] }];
  r.results.forEach((res, k) => {
    const lines = targetHead(res.target);
    if (res.located.length) {
      lines.push(`  candidates (best first; path:line in the working tree, then the line):`);
      res.located.slice(0, maxCandidates).forEach((l, i) => lines.push(...candidateLines(l, i, r.drift)));
      if (res.located.length > maxCandidates) lines.push(`  … ${res.located.length - maxCandidates} more candidates: ${jsonCommand}`);
    } else lines.push('  nothing found in the repository for this span');
    lines.push(searchedLine(res.search));
    sections.push({ name: `target ${k + 1}`, priority: k === 0 ? 1 : 3, lines, more: jsonCommand });
  });
  if (r.drift.kind === 'compared' && r.fileDrift.length) {
    const c = short(r.drift.commit);
    const lines = [paint.head(`DRIFT since ${c} (the trace's commit) — per located file, against the working tree`)];
    for (const f of r.fileDrift) {
      if (!f.existedThen) lines.push(`  ${f.path}: not in ${c} (added since)`);
      else if (!f.changed) lines.push(`  ${f.path}: unchanged`);
      else {
        const stat = f.added === null ? 'binary' : `+${f.added} −${f.deleted}`;
        const commits = f.commits.length
          ? `${plural(f.commits.length, 'commit')} (${f.commits
              .slice(0, 3)
              .map((x) => `${x.hash} ${clip(x.subject, 60)}`)
              .join('; ')}${f.commits.length > 3 ? '; …' : ''})`
          : 'uncommitted edits only';
        lines.push(`  ${f.path}: ${paint.warn('changed')} — ${commits}, ${stat}`);
      }
    }
    const changed = r.fileDrift.filter((f) => f.changed && f.existedThen).map((f) => f.path);
    if (changed.length) lines.push(`  see: git -C ${r.repo.root} diff ${c} -- ${changed.join(' ')}`);
    sections.push({ name: 'drift', priority: 2, lines, more: jsonCommand });
  }
  return sections;
}

/**
 * The pointer health_check and inspect_turn print beside a culprit: the locate_code command,
 * when the trace says where its code lives (source metadata, a function name, a stack trace).
 */
export function locateHint(r: TraceReport, c: ErrorFinding, locate: ((spanId: string) => string) | undefined, repo?: RepoMatch): string | null {
  if (!locate) return null;
  const hasStack = !!c.exception?.stackTrace && /File "|\bat .+:\d+/.test(c.exception.stackTrace);
  if (!r.source && !hasStack) return null;
  if (repo && !repo.here) return `    code: ${notHereText(repo)}: ${locate(c.spanId)} --repo APP_DIR  (APP_DIR: the application's checkout)`;
  const commit = r.source?.commit ? ` at commit ${short(r.source.commit)} and now` : '';
  return `    code: ${locate(c.spanId)}  (file:line${commit})`;
}

/** Why this directory is not the application's repository, naming what was looked for. */
export function notHereText(m: RepoMatch): string {
  const shown = m.files.slice(0, 3).join(', ');
  const more = m.files.length > 3 ? ', …' : '';
  return `${m.root} is not the application's repository (none of the ${plural(m.files.length, 'file')} the trace names is in it: ${shown}${more})`;
}
