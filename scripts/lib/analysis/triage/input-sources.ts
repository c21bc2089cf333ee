/**
 * Where a span's inputs came from: each scalar input matched, by value, against the outputs of
 * the spans that had ended before it started in the same trace: equal, or scaled by a power of
 * ten (cents, milliseconds). One trace proves nothing (a 2 can equal any 2), so only the tally
 * over many traces is reported: `charge_card.amount_minor = load_cart.total × 100` in 24 of 24
 * failures and in 195 of 195 OK calls says how the value was made, which is often the bug.
 */
import { spanInputs, spanOutputs } from '../../trace/conventions.js';
import type { SpanNode, SpanTree } from '../../trace/tree.js';
import { type Scalar, scalarRelation } from '../common/text-match.js';

/** Earlier spans looked at per call: the latest-ending ones (a 30,000-span trace stays linear). */
const MAX_CANDIDATES = 60;
/** Output fields read per span, to depth 2 (`total`, `cart.total`). */
const MAX_FIELDS = 40;
const MAX_KEYS = 12;
const MAX_SOURCES = 50;
/** A source must hold in this share of the traces that had the input, and in two at least. */
const MIN_SHARE = 0.8;

export interface InputSource {
  /** The input key of the span (`amount_minor`). */
  key: string;
  /** How it relates to an earlier span's output: `= load_cart.currency`, `= load_cart.total × 100`. */
  source: string;
  /** Traces where it held, of those whose span had the input as a scalar. */
  holds: number;
  of: number;
  /** The same span in OK traces read: where it held, of those with the input; null when none was read. */
  ok: { holds: number; of: number } | null;
  /**
   * When the OK calls mostly made the input another way, that way (`= weigh_parcel.weight_kg × 1000`):
   * the difference is where the failing calls went wrong.
   */
  okSource: { source: string; holds: number } | null;
}

/** Strings of 2–200 characters and numbers but 0 and ±1 (flags and counts match anything). */
const usable = (v: unknown): v is Scalar =>
  (typeof v === 'string' && v.length >= 2 && v.length <= 200) || (typeof v === 'number' && Number.isFinite(v) && v !== 0 && Math.abs(v) !== 1);

/** An output's scalar fields to depth 2, by path; a bare scalar output is `(output)`. */
function outputFields(value: unknown): Array<[string, Scalar]> {
  if (usable(value)) return [['(output)', value]];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const out: Array<[string, Scalar]> = [];
  for (const [k, v] of Object.entries(value)) {
    if (out.length >= MAX_FIELDS) break;
    if (usable(v)) out.push([k, v]);
    else if (v && typeof v === 'object' && !Array.isArray(v))
      for (const [k2, v2] of Object.entries(v)) if (usable(v2) && out.length < MAX_FIELDS) out.push([`${k}.${k2}`, v2]);
  }
  return out;
}

const isAncestor = (a: SpanNode, node: SpanNode): boolean => {
  for (let p = node.parent; p; p = p.parent) if (p === a) return true;
  return false;
};

/** The spans that had ended when `node` started, latest first, outside its own ancestry. */
function earlierSpans(tree: SpanTree, node: SpanNode): SpanNode[] {
  const start = node.span.startMs;
  const done = tree.nodes.filter((n) => n !== node && n.span.endMs !== null && n.span.endMs <= start && !isAncestor(n, node));
  return done.sort((a, b) => (b.span.endMs ?? 0) - (a.span.endMs ?? 0)).slice(0, MAX_CANDIDATES);
}

/** One call's scalar inputs, by top-level key. */
function scalarInputs(value: unknown): Array<[string, Scalar]> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value)
    .filter((e): e is [string, Scalar] => usable(e[1]))
    .slice(0, MAX_KEYS);
}

/** A few distinct values are enough to tell a constant from a value that moves. */
const MAX_VALUES_KEPT = 3;

interface SourceAcc {
  holds: number;
  values: Set<Scalar>;
}

/** Per input key: traces with it, and per source the traces where it held and a few values it carried. */
export class InputSources {
  private readonly keys = new Map<string, { of: number; sources: Map<string, SourceAcc> }>();

  /** One call of the span, with the tree it ran in (and its inputs, when the caller located them). */
  add(tree: SpanTree, node: SpanNode, value: unknown = spanInputs(node.span)?.value): void {
    const inputs = scalarInputs(value);
    if (!inputs.length) return;
    const fields = earlierSpans(tree, node).flatMap((n) => outputFields(spanOutputs(n.span)?.value).map(([path, v]) => ({ name: n.span.name, path, v })));
    for (const [key, value] of inputs) {
      let acc = this.keys.get(key);
      if (!acc) this.keys.set(key, (acc = { of: 0, sources: new Map() }));
      acc.of += 1;
      const found = new Set<string>();
      for (const f of fields) {
        const rel = scalarRelation(value, f.v);
        if (rel !== null) found.add(`= ${f.name}.${f.path}${rel}`);
      }
      for (const s of found) {
        let src = acc.sources.get(s);
        // Past 50 candidate sources a new one cannot reach 80% of the traces anyway.
        if (!src && acc.sources.size >= MAX_SOURCES) continue;
        if (!src) acc.sources.set(s, (src = { holds: 0, values: new Set() }));
        src.holds += 1;
        if (src.values.size < MAX_VALUES_KEPT) src.values.add(value);
      }
    }
  }

  /** Another tally added to this one (clusters merged). */
  merge(other: InputSources): void {
    for (const [key, o] of other.keys) {
      let acc = this.keys.get(key);
      if (!acc) this.keys.set(key, (acc = { of: 0, sources: new Map() }));
      acc.of += o.of;
      for (const [s, src] of o.sources) {
        let mine = acc.sources.get(s);
        if (!mine && acc.sources.size >= MAX_SOURCES) continue;
        if (!mine) acc.sources.set(s, (mine = { holds: 0, values: new Set() }));
        mine.holds += src.holds;
        for (const v of src.values) if (mine.values.size < MAX_VALUES_KEPT) mine.values.add(v);
      }
    }
  }

  /**
   * Per key, the source that held most often, when it held nearly always; the OK calls' tally
   * beside it. A constant (the same model name in every call) equals any output that names it, so
   * a source is shown only when the value it carried moved, here or in the OK calls. Scaled values
   * come first: a conversion is where a unit goes wrong.
   */
  summary(ok?: InputSources): InputSource[] {
    const out: InputSource[] = [];
    for (const [key, acc] of this.keys) {
      const best = bestSource(acc.sources);
      if (!best || best[1].holds < 2 || best[1].holds < MIN_SHARE * acc.of) continue;
      const base = ok?.keys.get(key);
      const okSame = base?.sources.get(best[0]);
      const okBest = base ? bestSource(base.sources) : undefined;
      const okOther = okBest && okBest[0] !== best[0] && okBest[1].holds >= MIN_SHARE * (base?.of ?? 0) && (okSame?.holds ?? 0) * 2 < (base?.of ?? 0);
      if (new Set([...best[1].values, ...(okSame?.values ?? [])]).size < 2 && !okOther) continue;
      out.push({
        key,
        source: best[0],
        holds: best[1].holds,
        of: acc.of,
        ok: ok && base ? { holds: okSame?.holds ?? 0, of: base.of } : null,
        okSource: okOther && okBest ? { source: okBest[0], holds: okBest[1].holds } : null,
      });
    }
    // Where the OK calls differ first (the failure's path), then conversions (where units go wrong).
    const rank = (s: InputSource) => (s.okSource ? 0 : s.source.includes(' × ') ? 1 : 2);
    return out.sort((a, b) => rank(a) - rank(b));
  }
}

/** The source that held most often (the shorter description on a tie). */
const bestSource = (sources: Map<string, SourceAcc>): [string, SourceAcc] | undefined =>
  [...sources].sort((a, b) => b[1].holds - a[1].holds || a[0].length - b[0].length)[0];
