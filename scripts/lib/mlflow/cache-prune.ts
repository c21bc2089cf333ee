/** The trace cache kept small: entries past their keep time, the oldest beyond the size bound, temp files of dead writers. */
import { lstatSync, readdirSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';

/** Entries older than this are deleted (the printed path stays valid for a working day). */
export const KEEP_MS = 24 * 3_600_000;
/** Above this total, the oldest entries go first. */
export const MAX_BYTES = 512 * 1024 * 1024;
/** A temp file this old belongs to a writer that died. */
const ORPHAN_MS = 10 * 60_000;

export interface PruneOptions {
  now?: number;
  keepMs?: number;
  maxBytes?: number;
  /** Never deleted (the entry this run just wrote). */
  spare?: readonly string[];
}

/**
 * Deletes entries older than `keepMs`, orphaned temp files, then the oldest entries until the
 * whole cache fits in `maxBytes`. Best effort: a file another process removed first is fine.
 */
export function prune(root: string, opts: PruneOptions = {}): { removed: number; bytes: number } {
  const now = opts.now ?? Date.now();
  const keepMs = opts.keepMs ?? KEEP_MS;
  const maxBytes = opts.maxBytes ?? MAX_BYTES;
  const spare = new Set(opts.spare ?? []);
  const files: Array<{ path: string; size: number; mtimeMs: number }> = [];
  let removed = 0;
  const remove = (path: string) => {
    try {
      unlinkSync(path);
      removed += 1;
    } catch {
      // gone already
    }
  };
  for (const sub of safeList(root)) {
    const dir = join(root, sub);
    for (const name of safeList(dir)) {
      const path = join(dir, name);
      let st;
      try {
        st = lstatSync(path);
      } catch {
        continue;
      }
      if (!st.isFile() || spare.has(path)) continue;
      const age = now - st.mtimeMs;
      if (name.includes('.tmp-') ? age > ORPHAN_MS : age > keepMs) remove(path);
      else if (!name.includes('.tmp-')) files.push({ path, size: st.size, mtimeMs: st.mtimeMs });
    }
    // An empty store directory unused for as long as an entry is kept goes too (a young one may
    // have just been made by a run about to write into it).
    try {
      if (now - statSync(dir).mtimeMs > keepMs) rmdirSync(dir); // only succeeds when empty
    } catch {
      // not empty, or not a directory
    }
  }
  let total = files.reduce((s, f) => s + f.size, 0) + [...spare].reduce((s, p) => s + sizeOf(p), 0);
  for (const f of files.sort((a, b) => a.mtimeMs - b.mtimeMs)) {
    if (total <= maxBytes) break;
    remove(f.path);
    total -= f.size;
  }
  return { removed, bytes: total };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
