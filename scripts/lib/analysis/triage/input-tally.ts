/**
 * The values one span received, tallied over many traces: does one input make a failing span
 * fail (every failure had sku "VOY-16"), or does it fail on all sorts? Counted per top-level key
 * of the span's inputs, scalars only: ids, names and parameters, not prompts or documents.
 */

const MAX_KEYS = 12;
const MAX_VALUES = 50;
/** Longer strings are text, not an id or a parameter. */
const MAX_SCALAR_CHARS = 120;

export interface InputKeySummary {
  key: string;
  /** Traces whose span had this key with a scalar value. */
  traces: number;
  /** Distinct values (a lower bound when `capped`: counting stops at 50). */
  distinct: number;
  capped: boolean;
  /** The commonest values, most frequent first (JSON: strings keep their quotes). */
  top: Array<{ value: string; count: number }>;
  /** Every value counted (up to 50; `capped` says when there were more), most frequent first: "which orders failed". */
  values: Array<{ value: string; count: number }>;
  /** A trace whose span had the commonest value (when trace ids were given), to pair with an OK call. */
  example: string | null;
  /**
   * The same span in OK traces whose spans were read (slow tail, cohort samples): how many had
   * this key, and how many of those the commonest value here. A value every OK call has too is
   * not what fails.
   */
  ok: { traces: number; withTop: number; example: string | null } | null;
}

interface KeyAcc {
  traces: number;
  values: Map<string, number>;
  capped: boolean;
  /** One trace per value (the first added), for a compare_traces pair. */
  examples: Map<string, string>;
}

const scalar = (v: unknown): string | null => {
  if (typeof v === 'string') return v.length <= MAX_SCALAR_CHARS ? JSON.stringify(v) : null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
};

/** `n` more of a value (past MAX_VALUES values a new one is only noted as capped), and its first example trace. */
function count(k: KeyAcc, value: string, n: number, traceId: string | undefined): void {
  if (k.values.has(value) || k.values.size < MAX_VALUES) k.values.set(value, (k.values.get(value) ?? 0) + n);
  else k.capped = true;
  if (traceId && k.values.has(value) && !k.examples.has(value)) k.examples.set(value, traceId);
}

export class InputTally {
  private readonly keys = new Map<string, KeyAcc>();
  private spans = 0;

  /** Calls added (those with inputs). */
  get calls(): number {
    return this.spans;
  }

  /** One trace's inputs of the span (an object, or one scalar). */
  add(inputs: unknown, traceId?: string): void {
    if (inputs === undefined || inputs === null) return;
    this.spans += 1;
    const entries: Array<[string, unknown]> = typeof inputs === 'object' && !Array.isArray(inputs) ? Object.entries(inputs) : [['(input)', inputs]];
    for (const [key, v] of entries) {
      const value = scalar(v);
      const k = value === null ? undefined : this.keyAcc(key);
      if (value === null || !k) continue;
      k.traces += 1;
      count(k, value, 1, traceId);
    }
  }

  /** Another tally's counts added to this one (clusters merged), under the same caps. */
  merge(other: InputTally): void {
    this.spans += other.spans;
    for (const [key, o] of other.keys) {
      const k = this.keyAcc(key);
      if (!k) continue;
      k.traces += o.traces;
      k.capped ||= o.capped;
      for (const [value, n] of o.values) count(k, value, n, o.examples.get(value));
    }
  }

  /** A key's counts, created on first sight while there is room for another key. */
  private keyAcc(key: string): KeyAcc | undefined {
    let k = this.keys.get(key);
    if (!k && this.keys.size < MAX_KEYS) this.keys.set(key, (k = { traces: 0, values: new Map(), capped: false, examples: new Map() }));
    return k;
  }

  /** Keys present in at least half the spans, the most concentrated (top value's share) first. */
  summary(ok?: InputTally): InputKeySummary[] {
    const out: InputKeySummary[] = [];
    for (const [key, k] of this.keys) {
      if (k.traces * 2 < this.spans) continue;
      const top = [...k.values.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count);
      const base = ok?.keys.get(key);
      const withTop = top[0] ? (base?.values.get(top[0].value) ?? 0) : 0;
      out.push({
        key,
        traces: k.traces,
        distinct: k.values.size,
        capped: k.capped,
        top: top.slice(0, 3),
        values: top,
        example: (top[0] && k.examples.get(top[0].value)) ?? null,
        ok: ok ? { traces: base?.traces ?? 0, withTop, example: (top[0] && base?.examples.get(top[0].value)) ?? null } : null,
      });
    }
    const share = (s: InputKeySummary) => (s.top[0]?.count ?? 0) / s.traces;
    return out.sort((a, b) => share(b) - share(a) || b.traces - a.traces || a.key.localeCompare(b.key));
  }
}
