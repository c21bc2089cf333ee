/** Step 5 of locate: the entry script the trace names, at the line that calls into the traced code when one does. */
import type { Candidates, LocateQuery } from './candidates.js';
import { mapFrame } from './frames.js';
import { readLines } from './source-lines.js';

/** The entry script as the trace gave it, and the repository path it maps to (null: not in this repository). */
export type EntryScriptFound = { given: string; found: string | null } | null;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** 5. The entry script, at the line that calls into the traced code when one does. */
export function addEntryScript(root: string, q: LocateQuery, found: Candidates, cache: Map<string, string[] | null>): EntryScriptFound {
  if (!q.entryScript) return null;
  const m = mapFrame({ file: q.entryScript, line: 1, func: null, code: null }, root);
  if (!m) return { given: q.entryScript, found: null };
  const lines = readLines(root, m.path, cache) ?? [];
  const callRe = q.entryCalls.length ? new RegExp(`\\b(?:${q.entryCalls.map(escapeRe).join('|')})\\s*\\(`) : null;
  let idx = callRe ? lines.findIndex((l) => callRe.test(l) && !/^\s*(?:async\s+)?def\s|^\s*(?:from|import)\s/.test(l)) : -1;
  if (idx < 0) idx = lines.findIndex((l) => /__name__\s*==\s*['"]__main__['"]/.test(l));
  found.add({
    path: m.path,
    kind: 'entry script',
    score: 20,
    nowLine: idx < 0 ? 1 : idx + 1,
    tracedLine: null,
    tracedFile: m.path === q.entryScript ? null : q.entryScript,
    tracedCode: null,
    why: `entry script (mlflow.source.name ${q.entryScript})${idx >= 0 && callRe?.test(lines[idx] ?? '') ? ', where it calls the traced code' : ''}`,
  });
  return { given: q.entryScript, found: m.path };
}
