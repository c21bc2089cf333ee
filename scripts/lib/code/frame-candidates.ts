/** Step 1 of locate: the stack frames that fall inside the repository, as candidates, deepest first. */
import type { Candidates } from './candidates.js';
import { type Frame, isLibraryPath, type MappedFrame, mapFrame } from './frames.js';

export interface FrameScan {
  mapped: MappedFrame[];
  unmapped: string[];
  library: number;
  /** Repository paths the stack trace names. */
  paths: Set<string>;
}

/** 1. Stack frames inside the repository, deepest first. */
export function addStackFrames(root: string, frames: Frame[], found: Candidates): FrameScan {
  const mapped: MappedFrame[] = [];
  const unmapped: string[] = [];
  let library = 0;
  for (const f of frames) {
    const m = mapFrame(f, root);
    if (m) mapped.push(m);
    else if (isLibraryPath(f.file)) library += 1;
    else if (!unmapped.includes(f.file)) unmapped.push(f.file);
  }
  const seenFrames = new Set<string>();
  let rank = 0;
  for (const m of mapped) {
    const key = `${m.path}:${m.line}`;
    if (seenFrames.has(key)) continue;
    seenFrames.add(key);
    const where = m.func ? ` in ${m.func}` : '';
    const how = m.how === 'by path suffix' ? `; the trace printed ${m.file}, mapped by path suffix` : '';
    found.add({
      path: m.path,
      kind: 'stack frame',
      score: 100 - Math.min(rank, 20),
      nowLine: null,
      tracedLine: m.line,
      tracedFile: m.file === m.path ? null : m.file,
      tracedCode: m.code,
      why: `${rank === 0 ? 'stack frame where it was raised' : 'stack frame'}${where}${how}`,
    });
    rank += 1;
  }
  return { mapped, unmapped, library, paths: new Set(mapped.map((m) => m.path)) };
}
