/** Reading a repository's source files: their lines (read once, cached per search), and the hits of some names without git. */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { langOf } from './definitions.js';
import type { GrepHit } from './git.js';
import { walkRepo } from './walk.js';

const MAX_FILE_BYTES = 2_000_000;
export function readLines(root: string, path: string, cache: Map<string, string[] | null>): string[] | null {
  if (cache.has(path)) return cache.get(path) ?? null;
  let lines: string[] | null = null;
  try {
    const abs = join(root, path);
    if (statSync(abs).size <= MAX_FILE_BYTES) lines = readFileSync(abs, 'utf8').split('\n');
  } catch {
    lines = null;
  }
  cache.set(path, lines);
  return lines;
}

/** Hits of `needles` without git: walk, then scan each source file holding one of them. */
export function walkHits(
  root: string,
  needles: string[],
  timeLimitMs: number,
  cache: Map<string, string[] | null>,
): { hits: GrepHit[]; files: number; stoppedEarly: string | null } {
  const deadline = Date.now() + timeLimitMs;
  const walked = walkRepo(root, { keep: (n) => langOf(n) !== null, timeLimitMs });
  const hits: GrepHit[] = [];
  let scanned = 0;
  let stoppedEarly = walked.stoppedEarly;
  for (const path of walked.files) {
    if (Date.now() > deadline) {
      stoppedEarly = `scanned ${scanned.toLocaleString('en-US')} of ${walked.files.length.toLocaleString('en-US')} source files (time limit ${timeLimitMs} ms)`;
      break;
    }
    scanned += 1;
    let text: string;
    try {
      const abs = join(root, path);
      if (statSync(abs).size > MAX_FILE_BYTES) continue;
      text = readFileSync(abs, 'utf8');
    } catch {
      continue;
    }
    if (!needles.some((n) => text.includes(n))) continue;
    const lines = text.split('\n');
    cache.set(path, lines);
    lines.forEach((l, i) => {
      if (needles.some((n) => l.includes(n))) hits.push({ path, line: i + 1, text: l });
    });
  }
  return { hits, files: scanned, stoppedEarly };
}
