/**
 * Stack frames out of an exception's stack trace (Python tracebacks, Node/V8 stacks), deepest
 * first, and their mapping onto a repository: a path inside the repository is taken as it is;
 * a path from another machine or checkout is mapped by the longest path suffix that exists in
 * the repository. Library frames (site-packages, node_modules, the standard library) are
 * recognised and left out.
 */
import { statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export interface Frame {
  /** The path as the stack trace printed it. */
  file: string;
  line: number;
  func: string | null;
  /** The source line as the stack trace printed it (Python tracebacks do), trimmed. */
  code: string | null;
}

const PY_FRAME = /^\s*File "([^"]+)", line (\d+)(?:, in (.+?))?\s*$/;
const JS_FRAME = /^\s*at (?:(.+?) \()?(?:file:\/\/)?((?:\/|[A-Za-z]:[\\/])[^()]*?):(\d+)(?::\d+)?\)?\s*$/;

/** Frames of one stack trace, deepest (where it was raised) first. */
export function parseFrames(stack: string): Frame[] {
  const py: Frame[] = [];
  const js: Frame[] = [];
  const lines = stack.split('\n');
  lines.forEach((l, i) => {
    const p = PY_FRAME.exec(l);
    if (p) {
      // The next line is the code, unless it is another frame, a ^^^ marker or the error line.
      const next = lines[i + 1] ?? '';
      const code = /^\s{4,}\S/.test(next) && !PY_FRAME.test(next) && !/^\s*[\^~]+\s*$/.test(next) ? next.trim() : null;
      py.push({ file: p[1] as string, line: Number(p[2]), func: p[3] ?? null, code });
      return;
    }
    const j = JS_FRAME.exec(l);
    if (j) js.push({ file: j[2] as string, line: Number(j[3]), func: j[1] ?? null, code: null });
  });
  // Python prints the outermost call first; V8 the innermost.
  return [...py.reverse(), ...js];
}

const LIBRARY = /(?:^|[\\/])(?:site-packages|dist-packages|node_modules|\.venv|lib[\\/]python\d[\d.]*|lib[\\/]pypy[\d.]*)(?:[\\/]|$)|^<|^node:/;
export const isLibraryPath = (file: string): boolean => LIBRARY.test(file);

export interface MappedFrame extends Frame {
  /** Repository-relative path ('/'-separated). */
  path: string;
  how: 'in the repository' | 'by path suffix';
}

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The frame's file in the repository at `root`, or null (a library, or no suffix exists). */
export function mapFrame(frame: Frame, root: string, exists: (rel: string) => boolean = (rel) => isFile(join(root, rel))): MappedFrame | null {
  if (isLibraryPath(frame.file)) return null;
  const file = frame.file.replace(/\\/g, '/');
  if (isAbsolute(frame.file) && frame.file.startsWith(root + sep)) {
    const rel = relative(root, frame.file).split(sep).join('/');
    if (exists(rel)) return { ...frame, path: rel, how: 'in the repository' };
  }
  const parts = file.split('/').filter((p) => p && p !== '.');
  // Longest suffix first: /home/ci/build/app/tools/x.py → build/app/tools/x.py → app/tools/x.py → …
  for (let i = 0; i < parts.length; i++) {
    const rel = parts.slice(i).join('/');
    if (rel.includes('..')) continue;
    if (exists(rel)) return { ...frame, path: rel, how: 'by path suffix' };
  }
  return null;
}
