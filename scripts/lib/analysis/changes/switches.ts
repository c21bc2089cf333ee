/**
 * Change detection over (time, value) pairs: "value A until t1, value B from t2". A deploy shows
 * up as a key (app_version, prompt_version, model, max_tokens, …) whose values come in a few long
 * runs; a key whose values interleave (region eu/us, user) has no switch, however few its values.
 * Pure functions over plain data, so they are tested without mlflow.
 */

export interface Point {
  t: number;
  value: string;
}

export interface Change {
  from: string;
  to: string;
  /** The last trace with `from` before the change, and the first with `to`. */
  lastFromMs: number;
  firstToMs: number;
  /** Traces in the run before and after the change. */
  before: number;
  after: number;
  /**
   * A rollout: the new value ran beside the old one (a canary) before it took over. firstSeenMs is
   * its first trace (the canary's start); firstToMs is when it took over; lastOldMs the old value's
   * last trace anywhere (a straggler after the takeover, or the takeover's eve).
   */
  rollout?: { firstSeenMs: number; lastOldMs: number; canary: number; stragglers: number };
}

export interface SwitchFinding {
  key: string;
  /**
   * `switch`: one change; `rollout`: one change after a stretch where both values interleave (a
   * canary); `back-and-forth`: several, each listed; `constant` or `interleaved`: none.
   */
  kind: 'switch' | 'rollout' | 'back-and-forth' | 'constant' | 'interleaved';
  changes: Change[];
  values: Array<{ value: string; count: number; firstMs: number; lastMs: number }>;
  points: number;
  /** Points in runs too short to count (left out of the changes). */
  strays?: number;
  /** Whether the mix of values shifts over time (value-shift.ts; set by keySwitches): a key worth splitting by. */
  shifts?: boolean;
}

export interface SwitchOptions {
  /** At most this many changes for a key to count as switching (more is interleaving). */
  maxChanges?: number;
  /** A run shorter than this many points (and than `minShare` of all) is noise, not a change. */
  minRun?: number;
  minShare?: number;
}

interface Run {
  value: string;
  n: number;
  firstMs: number;
  lastMs: number;
}

function runsOf(sorted: readonly Point[]): Run[] {
  const runs: Run[] = [];
  for (const p of sorted) {
    const last = runs.at(-1);
    if (last && last.value === p.value) {
      last.n += 1;
      last.lastMs = p.t;
    } else runs.push({ value: p.value, n: 1, firstMs: p.t, lastMs: p.t });
  }
  return runs;
}

function valueTable(points: readonly Point[]): SwitchFinding['values'] {
  const m = new Map<string, { value: string; count: number; firstMs: number; lastMs: number }>();
  for (const p of points) {
    const v = m.get(p.value);
    if (!v) m.set(p.value, { value: p.value, count: 1, firstMs: p.t, lastMs: p.t });
    else {
      v.count += 1;
      v.firstMs = Math.min(v.firstMs, p.t);
      v.lastMs = Math.max(v.lastMs, p.t);
    }
  }
  return [...m.values()].sort((a, b) => a.firstMs - b.firstMs);
}

/** The switch (or switches back and forth) in one key's values over time. */
export function detectSwitch(key: string, points: readonly Point[], opts: SwitchOptions = {}): SwitchFinding {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const values = valueTable(sorted);
  const base = { key, values, points: sorted.length };
  if (values.length <= 1) return { ...base, kind: 'constant', changes: [] };
  const maxChanges = opts.maxChanges ?? 4;
  const minRun = Math.max(opts.minRun ?? 3, Math.floor((opts.minShare ?? 0.02) * sorted.length));
  // A few strays (one old-version trace replayed after the deploy) are noise, not changes; when
  // short runs are more than that, the values interleave.
  const short = runsOf(sorted).filter((r) => r.n < minRun);
  const strays = short.reduce((s, r) => s + r.n, 0);
  if (strays > Math.max(2, 0.05 * sorted.length)) {
    const change = takeover(sorted, minRun);
    return change ? { ...base, kind: 'rollout', changes: [change], strays } : { ...base, kind: 'interleaved', changes: [], strays };
  }
  const noise = new Set(short);
  const runs = runsOf(sorted.filter((_p, i) => !inRun(noise, sorted, i)));
  if (runs.length <= 1) return { ...base, kind: 'constant', changes: [], strays };
  if (runs.length - 1 > maxChanges) {
    const change = takeover(sorted, minRun);
    return change ? { ...base, kind: 'rollout', changes: [change], strays } : { ...base, kind: 'interleaved', changes: [], strays };
  }
  const changes: Change[] = [];
  for (let i = 1; i < runs.length; i++) {
    const a = runs[i - 1] as Run;
    const b = runs[i] as Run;
    changes.push({ from: a.value, to: b.value, lastFromMs: a.lastMs, firstToMs: b.firstMs, before: a.n, after: b.n });
  }
  return { ...base, kind: changes.length === 1 ? 'switch' : 'back-and-forth', changes, strays };
}

/** A value dominates a side when it holds at least this share of its points. */
const DOMINANT = 0.75;

/**
 * A value that takes over: the old one dominates every point before some moment, the new one
 * every point after, with both interleaved around it (a canary, a gradual rollout). The moment is
 * the split that puts most points on their own value's side. Values that alternate throughout (a
 * region) dominate neither side and give none.
 */
export function takeover(sorted: readonly Point[], minRun: number): Change | null {
  const counts = new Map<string, number>();
  for (const p of sorted) counts.set(p.value, (counts.get(p.value) ?? 0) + 1);
  const n = sorted.length;
  let best: { i: number; from: string; to: string; score: number } | null = null;
  const top = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([v]) => v);
  for (const from of top)
    for (const to of top) {
      if (from === to) continue;
      let fromBefore = 0;
      let toAfter = counts.get(to) ?? 0;
      for (let i = 1; i < n; i++) {
        const v = (sorted[i - 1] as Point).value;
        if (v === from) fromBefore += 1;
        if (v === to) toAfter -= 1;
        if (i < minRun || n - i < minRun) continue;
        if (fromBefore < DOMINANT * i || toAfter < DOMINANT * (n - i)) continue;
        const score = fromBefore + toAfter;
        if (!best || score > best.score) best = { i, from, to, score };
      }
    }
  if (!best) return null;
  const { i, from, to } = best;
  const before = sorted.slice(0, i);
  const after = sorted.slice(i);
  const lastFrom = before.filter((p) => p.value === from).at(-1) as Point;
  const firstTo = after.find((p) => p.value === to) as Point;
  const firstSeen = sorted.find((p) => p.value === to) as Point;
  const lastOld = sorted.filter((p) => p.value === from).at(-1) as Point;
  return {
    from,
    to,
    lastFromMs: lastFrom.t,
    firstToMs: firstTo.t,
    before: before.filter((p) => p.value === from).length,
    after: after.filter((p) => p.value === to).length,
    rollout: {
      firstSeenMs: firstSeen.t,
      lastOldMs: lastOld.t,
      canary: before.filter((p) => p.value === to).length,
      stragglers: after.filter((p) => p.value === from).length,
    },
  };
}

/** Whether point i falls in one of the (short) runs given; runs are contiguous, so by time and value. */
function inRun(runs: ReadonlySet<Run>, sorted: readonly Point[], i: number): boolean {
  const p = sorted[i] as Point;
  for (const r of runs) if (r.value === p.value && p.t >= r.firstMs && p.t <= r.lastMs) return true;
  return false;
}

/** The values a key took in order, change by change: [a, b, a] after a rollback (never "a → a"). */
export function valuePath(changes: readonly Change[]): string[] {
  const first = changes[0];
  return first ? [first.from, ...changes.map((c) => c.to)] : [];
}

/** Keys whose names say "a release": preferred as the cohort key when several switch at once. */
export const RELEASE_KEY = /version|release|deploy|build|commit|revision|model|prompt|variant|image|tag$/i;

/**
 * Of several keys' findings, the ones that switch, best first: a release-like name, a single
 * clean switch, then the most points. A span parameter comes after every tag or metadata key: it
 * is seen only in the samples read with spans (the two ends of a cohort), so a rollback of the
 * version there would show as one clean switch of the parameter. Keys that change at the same moment are grouped, so
 * "app_version and prompt_version changed together" is one finding.
 */
export function rankSwitches(findings: readonly SwitchFinding[]): Array<{ lead: SwitchFinding; together: SwitchFinding[] }> {
  const switching = findings.filter((f) => f.kind === 'switch' || f.kind === 'rollout' || f.kind === 'back-and-forth');
  const score = (f: SwitchFinding) => (RELEASE_KEY.test(f.key) ? 0 : 4) + (f.kind === 'back-and-forth' ? 2 : 0) + (f.key.startsWith('span.') ? 3 : 0);
  const sorted = [...switching].sort((a, b) => score(a) - score(b) || b.points - a.points || a.key.localeCompare(b.key));
  const groups: Array<{ lead: SwitchFinding; together: SwitchFinding[] }> = [];
  const sameMoment = (a: SwitchFinding, b: SwitchFinding) =>
    a.changes.length === b.changes.length &&
    a.changes.every((c, i) => {
      const d = b.changes[i] as Change;
      // Within the gap between two traces either side: the same deploy.
      return Math.max(c.lastFromMs, d.lastFromMs) <= Math.min(c.firstToMs, d.firstToMs);
    });
  for (const f of sorted) {
    const g = groups.find((x) => sameMoment(x.lead, f));
    if (g) g.together.push(f);
    else groups.push({ lead: f, together: [] });
  }
  return groups;
}
