/**
 * Where a line moved between two versions of a file, from a zero-context unified diff
 * (`git diff -U0 OLD -- path`): a line outside every hunk shifts by the lines added and removed
 * above it; a line inside a hunk was changed, so it has no exact counterpart.
 */

export interface Hunk {
  oldStart: number;
  oldCount: number;
  newStart: number;
  newCount: number;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parseHunks(diff: string): Hunk[] {
  const hunks: Hunk[] = [];
  for (const line of diff.split('\n')) {
    const m = HUNK.exec(line);
    if (!m) continue;
    hunks.push({
      oldStart: Number(m[1]),
      oldCount: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newCount: m[4] === undefined ? 1 : Number(m[4]),
    });
  }
  return hunks;
}

export type Mapped = { line: number; changed: false } | { line: number; changed: true };

/**
 * A line of one side mapped to the other. `changed: true` means the line itself was edited (or
 * removed / added): `line` is then the start of the hunk on the other side, the nearest place.
 */
export function mapLine(hunks: readonly Hunk[], line: number, direction: 'old-to-new' | 'new-to-old'): Mapped {
  let offset = 0;
  for (const h of hunks) {
    const [fromStart, fromCount, toStart, toCount] =
      direction === 'old-to-new' ? [h.oldStart, h.oldCount, h.newStart, h.newCount] : [h.newStart, h.newCount, h.oldStart, h.oldCount];
    // A pure insertion (count 0) sits after line `start`; otherwise the hunk covers start..start+count-1.
    const before = fromCount === 0 ? line <= fromStart : line < fromStart;
    if (before) break;
    const inside = fromCount > 0 && line < fromStart + fromCount;
    if (inside) return { line: Math.max(1, toCount === 0 ? toStart + 1 : toStart), changed: true };
    offset += toCount - fromCount;
  }
  return { line: line + offset, changed: false };
}
