/**
 * Whether repeated spans were called with the same inputs (timing's repeats: retries or a loop),
 * without stringifying every input of a 30,000-span trace: inputs are bucketed by a cheap
 * fingerprint first, and only those that share one are compared whole.
 */
import { spanInputsUnkept } from '../../trace/conventions.js';
import type { SpanNode } from '../../trace/tree.js';

/** A span's logged inputs as one comparable string (null when it logged none). */
function inputKey(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}

/**
 * A cheap fingerprint of a value (shape, numbers, string lengths and ends, a bounded walk): equal
 * values give equal fingerprints, so only inputs that share one are stringified to be compared.
 */
export function roughKey(v: unknown, budget = { left: 40 }): string {
  if (--budget.left < 0) return '…';
  if (typeof v === 'string') return v.length <= 32 ? JSON.stringify(v) : `s${v.length}:${v.slice(0, 16)}${v.slice(-16)}`;
  // What JSON.stringify writes as null or leaves out must fingerprint alike too.
  if (v === null || v === undefined || typeof v === 'function' || typeof v === 'symbol' || (typeof v === 'number' && !Number.isFinite(v))) return 'null';
  if (typeof v !== 'object') return String(v);
  let out = Array.isArray(v) ? `[${v.length}:` : '{';
  if (Array.isArray(v)) for (const x of v) out += `${roughKey(x, budget)},`;
  else for (const [k, x] of Object.entries(v)) if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') out += `${k}=${roughKey(x, budget)},`;
  return out;
}

/** Most spans among these with identical logged inputs, and whether any logged inputs at all. */
export function sameInputsOf(nodes: readonly SpanNode[]): { most: number; logged: boolean } {
  const byRough = new Map<string, unknown[]>();
  for (const n of nodes) {
    const i = spanInputsUnkept(n.span);
    if (!i) continue;
    const k = roughKey(i.value);
    const list = byRough.get(k);
    if (list) list.push(i.value);
    else byRough.set(k, [i.value]);
  }
  let most = 0;
  for (const values of byRough.values()) {
    if (values.length < 2) {
      most = Math.max(most, 1);
      continue;
    }
    const counts = new Map<string, number>();
    for (const v of values) {
      const k = inputKey(v);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    most = Math.max(most, 0, ...counts.values());
  }
  return { most, logged: byRough.size > 0 };
}
