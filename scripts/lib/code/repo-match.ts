/**
 * Is this directory the application's repository? The trace names files: the frames of its
 * stack traces (library frames left out) and its entry script (`mlflow.source.name`). When it
 * names some and none of them exists here (by path or path suffix, as locate_code maps them),
 * this is not the app's checkout, and saying so at once beats a search that can only find
 * look-alikes. When the trace names no file, nothing is decided.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { spanExceptions } from '../trace/conventions.js';
import type { Trace } from '../trace/trace.js';
import { isLibraryPath, mapFrame, parseFrames } from './frames.js';

export interface RepoMatch {
  root: string;
  /** The files the trace names (deduplicated, at most MAX_FILES). */
  files: string[];
  /** The first of them found under root, or null. */
  found: string | null;
  /** False only when the trace names files and none is here. */
  here: boolean;
}

const MAX_FILES = 40;
const MAX_EXCEPTIONS = 50;

/** The git root above `dir` (a `.git` entry), else `dir`: no git process needed. */
export function checkoutRoot(dir: string): string {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return resolve(dir);
  }
}

export function traceFiles(trace: Trace, entryScript: string | null): string[] {
  const files = new Set<string>();
  let seen = 0;
  for (const s of trace.spans) {
    if (s.status !== 'ERROR' && !s.events.length) continue;
    for (const e of spanExceptions(s)) {
      if (++seen > MAX_EXCEPTIONS || files.size >= MAX_FILES) break;
      for (const f of e.stackTrace ? parseFrames(e.stackTrace) : []) if (!isLibraryPath(f.file)) files.add(f.file);
    }
  }
  if (entryScript) files.add(entryScript);
  return [...files].slice(0, MAX_FILES);
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

export function repoMatch(root: string, files: string[]): RepoMatch {
  const found = files.find((file) => mapFrame({ file, line: 1, func: null, code: null }, root, (rel) => isFile(join(root, rel)))) ?? null;
  return { root, files, found, here: !files.length || found !== null };
}
