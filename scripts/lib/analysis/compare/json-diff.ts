/** What differs between two JSON values: compared in canonical form (key order never counts), shown as a short line diff. */
/** Canonical JSON (sorted keys), so key order never counts as a difference. */
export function canonical(v: unknown): string {
  const sort = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sort);
    if (x && typeof x === 'object')
      return Object.fromEntries(
        Object.keys(x as object)
          .sort()
          .map((k) => [k, sort((x as Record<string, unknown>)[k])]),
      );
    return x;
  };
  return JSON.stringify(sort(v), null, 1) ?? 'null';
}

export interface TextDiff {
  /** `- ` / `+ ` lines, only the ones that differ, at most `max`. */
  lines: string[];
  /** Differing lines left out. */
  more: number;
}

/** A short line diff of two JSON values (longest common subsequence of their lines). */
export function shortDiff(a: unknown, b: unknown, max = 8): TextDiff {
  // Trailing commas dropped: the last key of an object would otherwise differ by its comma.
  const la = canonical(a)
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .slice(0, 400);
  const lb = canonical(b)
    .split('\n')
    .map((l) => l.trim().replace(/,$/, ''))
    .slice(0, 400);
  const m = la.length;
  const n = lb.length;
  const lcs: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--) lcs[i]![j] = la[i] === lb[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && la[i] === lb[j]) {
      i++;
      j++;
    } else if (i < m && (j >= n || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) out.push(`- ${la[i++]}`);
    else out.push(`+ ${lb[j++]}`);
  }
  const meaningful = out.filter((l) => !/^[-+] [\]}[{]$/.test(l));
  return { lines: meaningful.slice(0, max), more: Math.max(0, meaningful.length - max) };
}
