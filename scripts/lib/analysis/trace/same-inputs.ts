/**
 * Whether repeated spans were called with the same inputs (timing's repeats: retries or a loop),
 * without stringifying every input of a 30,000-span trace: inputs are bucketed by a cheap
 * fingerprint first, and only those that share one are compared whole.
 */
import { spanInputsUnkept, storedInput } from '../../trace/conventions.js';
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

/**
 * A span's bucket: its inputs as stored when one JSON string holds them (its length and ends:
 * nothing decoded, 30,000 inputs of 1.5 KB cost 45 MB of parsing), else a fingerprint of the
 * decoded value; null when it logged none. Equal stored strings share a bucket; inputs stored
 * in different forms (other whitespace) are not compared.
 */
function bucketOf(node: SpanNode): string | null {
  const raw = storedInput(node.span);
  if (raw !== null && raw !== 'null') return `\u0001${raw.length}:${raw.slice(0, 24)}${raw.slice(-24)}`;
  const i = spanInputsUnkept(node.span);
  return i ? roughKey(i.value) : null;
}

/** Most spans among these with identical logged inputs, and whether any logged inputs at all. */
export function sameInputsOf(nodes: readonly SpanNode[]): { most: number; logged: boolean } {
  const buckets = new Map<string, SpanNode[]>();
  for (const n of nodes) {
    const k = bucketOf(n);
    if (k === null) continue;
    const list = buckets.get(k);
    if (list) list.push(n);
    else buckets.set(k, [n]);
  }
  let most = 0;
  for (const list of buckets.values()) {
    if (list.length < 2) {
      most = Math.max(most, 1);
      continue;
    }
    const counts = new Map<string, number>();
    for (const n of list) {
      const k = inputKey(spanInputsUnkept(n.span)?.value);
      if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    most = Math.max(most, 0, ...counts.values());
  }
  return { most, logged: buckets.size > 0 };
}
