/**
 * A JSON object in one line that says what it holds, for a tree row whose output is too long to
 * show whole: its keys in order with short scalar values, a list by its item count, an object by
 * its key count (`{subscriber: "Ola Dahl", invoices: [14 items], …}`). A value a finding names
 * that the summary leaves out follows with its path (`invoices[3].invoice_id: "INV-545432"`).
 */
import type { Extracted } from '../trace/messages.js';
import { fmtInt, plural } from './format.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A string value is cut to this many chars in the summary. */
const SHORT = 24;
/** Values a summary adds by path, at most. */
const KEEP_MAX = 3;

const nested = (x: unknown): boolean => (Array.isArray(x) ? x.length > 0 : isObj(x) && Object.keys(x).length > 0);
const keyText = (k: string): string => (/^[\w$-]+$/.test(k) ? k : JSON.stringify(k));

function valueText(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > SHORT ? `${v.slice(0, SHORT - 1)}…` : v);
  if (Array.isArray(v)) return v.length ? `[${plural(v.length, 'item')}]` : '[]';
  if (isObj(v)) {
    const n = Object.keys(v).length;
    return n ? `{${plural(n, 'key')}}` : '{}';
  }
  return String(v);
}

/** The keys with short values, as many as fit in `max` ("… N more" says the rest). */
export function summariseObject(value: Obj, max: number): string {
  const parts = Object.entries(value).map(([k, v]) => `${keyText(k)}: ${valueText(v)}`);
  let n = parts.length;
  const text = (k: number) => `{${[...parts.slice(0, k), ...(k < parts.length ? [`… ${parts.length - k} more`] : [])].join(', ')}}`;
  while (n > 1 && text(n).length > max) n--;
  return text(n);
}

/** The path and value of the first scalar leaf holding `needle` (lower case), depth-first in key order. */
function leafHolding(v: unknown, needle: string, path: string, depth = 0): { path: string; value: string } | null {
  if (depth > 8) return null;
  if (typeof v === 'string' || typeof v === 'number') return String(v).toLowerCase().includes(needle) ? { path, value: valueWindow(v, needle) } : null;
  const entries: Array<[string, unknown]> = Array.isArray(v)
    ? v.map((x, i) => [`${path}[${i}]`, x])
    : isObj(v)
      ? Object.entries(v).map(([k, x]) => [path ? `${path}.${k}` : k, x])
      : [];
  for (const [p, x] of entries) {
    const hit = leafHolding(x, needle, p, depth + 1);
    if (hit) return hit;
  }
  return null;
}

/** A leaf as written, or the part around the value when it is long. */
function valueWindow(v: string | number, needle: string): string {
  if (typeof v === 'number') return String(v);
  if (v.length <= 60) return JSON.stringify(v);
  const at = v.toLowerCase().indexOf(needle);
  const [s, e] = [Math.max(0, at - 20), Math.min(v.length, at + needle.length + 20)];
  return `${s > 0 ? '…' : ''}${JSON.stringify(v.slice(s, e))}${e < v.length ? '…' : ''}`;
}

/** The summary followed by each kept value it leaves out, with its path. */
function withKept(value: Obj, summary: string, keep: readonly string[]): string {
  const lower = summary.toLowerCase();
  const added: string[] = [];
  for (const k of new Set(keep.map((x) => x.trim().toLowerCase()))) {
    // As clipKeeping: shorter than 3 chars matches anywhere, longer than 80 is prose.
    if (added.length >= KEEP_MAX || k.length < 3 || k.length > 80 || lower.includes(k)) continue;
    const hit = leafHolding(value, k, '');
    if (hit) added.push(`${hit.path}: ${hit.value}`);
  }
  return added.length ? `${summary} · ${added.join(' · ')}` : summary;
}

/**
 * The `out:` preview of a JSON object holding lists or objects, too long for the row (`max`
 * chars) or whose text was only its lone string field ("Ola Dahl" for a subscriber and 14
 * invoices): the summary with the object's size; the object itself when it fits. Null for
 * anything else (a reply under a text field, a flat object, a list, a scalar): as before.
 */
export function objectPreview(value: unknown, found: Extracted | null, max: number, keep: readonly string[] = []): string | null {
  // A flat object reads well as its JSON cut short; a list or object inside is what fills the row.
  if (!isObj(value) || !Object.values(value).some(nested)) return null;
  const lone = !!found?.lone;
  if (found && found.shape !== 'json' && !lone) return null;
  let raw: string;
  try {
    raw = JSON.stringify(value) ?? '';
  } catch {
    return null;
  }
  if (raw.length <= max) return lone ? raw : null;
  const size = ` [${fmtInt(raw.length)} chars]`;
  return `${withKept(value, summariseObject(value, max - size.length), keep)}${size}`;
}
