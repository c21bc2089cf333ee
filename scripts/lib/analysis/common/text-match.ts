/**
 * "Did this value or passage appear there?", answered in one place:
 * - passages: texts compared normalised (normaliseText): a document in a prompt, by id or by
 *   windows of its text (docInPrompt); the head of a reply, a claim or an error in a model's
 *   output or input (passageHead);
 * - errors: a tool's error in a message the model was given (mentionsError);
 * - values: one span's output in another's input, by the output's distinctive values looked up
 *   in the input's JSON text (outputFeeds);
 * - scalars: an input equal to an earlier output field, or scaled by a unit (scalarRelation).
 * Facts in an answer (amounts, dates, ids) are found by text-facts.ts and looked up by the
 * grounding kind, which sums and rounds numbers as well.
 */
import { spanInputs, spanOutputs } from '../../trace/conventions.js';
import type { SpanNode } from '../../trace/tree.js';

// ---------------------------------------------------------------------------------------------
// passages
// ---------------------------------------------------------------------------------------------

/** Lower-case letters and digits, every other run one space: text compared across formats. */
export function normaliseText(s: string): string {
  // ASCII text (most prompts and documents) skips Unicode normalisation: same result, far cheaper.
  if (/^[\x00-\x7f]*$/.test(s))
    return s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The normalised head of a passage, to look for in normalised text: the first `chars`
 * characters of the normalised text (of its first `rawCap` characters, when given: a bound).
 */
export const passageHead = (text: string, chars: number, rawCap?: number): string =>
  normaliseText(rawCap === undefined ? text : text.slice(0, rawCap)).slice(0, chars);

// ---------------------------------------------------------------------------------------------
// errors
// ---------------------------------------------------------------------------------------------

/** Words that say a text reports a failure. */
export const ERROR_WORDS = /\b(error|exception|traceback|failed|failure|refused|timed? ?out|unavailable)\b/i;

/**
 * Whether `text` carries a failure's error: the start of its message (60 chars), or an error
 * word beside the failing span's name (or any error word when the failure had no message).
 */
export function mentionsError(text: string, message: string, spanName: string): boolean {
  const needle = message.trim().slice(0, 60);
  if (needle && text.includes(needle)) return true;
  return ERROR_WORDS.test(text) && (text.includes(spanName) || !needle);
}

// ---------------------------------------------------------------------------------------------
// documents in a prompt
// ---------------------------------------------------------------------------------------------

/** A document as the prompt check needs it: its id and normalised windows of its text. */
export interface DocText {
  id: string | null;
  windows: string[];
}

/** An id worth looking for: 4+ normalised characters, not digits alone (a "1" is in every prompt). */
export const usableId = (id: string | null): string | null => {
  if (!id) return null;
  const n = normaliseText(id);
  return n.length >= 4 && !/^\d+$/.test(n) ? n : null;
};

/** Whether the document is in the (normalised) prompt: true, false, or null when it cannot be told. */
export function docInPrompt(doc: DocText, promptNorm: string): boolean | null {
  const id = usableId(doc.id);
  if (id && promptNorm.includes(id)) return true;
  if (doc.windows.some((w) => promptNorm.includes(w))) return true;
  return doc.windows.length ? false : null;
}

// ---------------------------------------------------------------------------------------------
// values: did one span's output reach another span's input? A bounded text test: the distinctive
// values of the output (strings of 4+ characters, numbers with 3+ digits, and shorter strings as
// whole JSON values: a currency "JPY", a country "JP"), less those the span only echoed from its
// own input, looked up in the other input's JSON text. Every bound is fixed, so a 100 MB output
// or a 30,000-span trace costs the same small amount per pair.
// ---------------------------------------------------------------------------------------------

/** Values taken from one output, nodes visited while taking them, characters of text searched. */
export const FLOW_LIMITS = { values: 40, nodes: 400, valueChars: 160, textChars: 50_000 } as const;

const textCache = new WeakMap<SpanNode, string | null>();

/** A span's logged inputs as JSON text, cut at FLOW_LIMITS.textChars (null when none logged). */
export function inputText(node: SpanNode): string | null {
  if (textCache.has(node)) return textCache.get(node) ?? null;
  const i = spanInputs(node.span);
  let text: string | null = null;
  if (i) {
    try {
      // Always JSON, strings included, so values compare in one escaped form.
      text = (JSON.stringify(i.value) ?? '').slice(0, FLOW_LIMITS.textChars);
    } catch {
      text = null;
    }
  }
  textCache.set(node, text);
  return text;
}

/** Words every chat payload holds (roles, finish reasons, flags): they tie no call to another. */
const ROLES = 'assistant|user|system|tool|tools|function|developer|human|ai';
const FLAGS = String.raw`stop|length|tool_calls|end_turn|chat\.completion|text|json|auto|none|null|true|false|success|ok|error`;
const VOCABULARY = new RegExp(`^(?:${ROLES}|${FLAGS})$`, 'i');

/** The distinctive values of a JSON value (strings JSON-escaped, as in inputText), breadth-first and bounded. */
export function distinctiveValues(value: unknown): string[] {
  const out = new Set<string>();
  const queue: unknown[] = [value];
  let visited = 0;
  while (queue.length && visited < FLOW_LIMITS.nodes && out.size < FLOW_LIMITS.values) {
    const v = queue.shift();
    visited += 1;
    if (typeof v === 'string') {
      const s = v.trim();
      if (s.length >= 4 && !VOCABULARY.test(s)) out.add(JSON.stringify(s.slice(0, FLOW_LIMITS.valueChars)).slice(1, -1));
      // Short codes match only as a whole value, quotes included: "JP" is not found inside "JPY".
      else if (s.length >= 2 && s === v && !VOCABULARY.test(s)) out.add(JSON.stringify(s));
    } else if (typeof v === 'number' && Number.isFinite(v)) {
      const s = String(v);
      if (s.replace(/[^0-9]/g, '').length >= 3) out.add(s);
    } else if (Array.isArray(v)) queue.push(...v.slice(0, 50));
    else if (v && typeof v === 'object') queue.push(...Object.values(v).slice(0, 50));
  }
  return [...out];
}

export type Flow = 'fed' | 'independent' | 'unknown';

/**
 * Whether `from`'s output shows up in `to`'s input. 'unknown' when either side logged nothing,
 * or the output holds nothing distinctive to look for ({"risk": "ok"}): a finding that cannot
 * be decided is not made.
 */
export function outputFeeds(from: SpanNode, to: SpanNode): Flow {
  const out = spanOutputs(from.span);
  const target = inputText(to);
  if (!out || target === null) return 'unknown';
  const own = inputText(from) ?? '';
  const values = distinctiveValues(out.value);
  if (!values.length) return 'unknown';
  return values.some((v) => !own.includes(v) && target.includes(v)) ? 'fed' : 'independent';
}

// ---------------------------------------------------------------------------------------------
// scalars: an input made from an earlier output
// ---------------------------------------------------------------------------------------------

export type Scalar = string | number;

/** Unit conversions worth naming; anything else is taken as coincidence. */
const SCALES = [100, 1000, 0.01, 0.001] as const;

/** How `input` derives from `output`, or null: the same value, or a unit scale of a number. */
export function scalarRelation(input: Scalar, output: Scalar): string | null {
  if (typeof input === 'string' || typeof output === 'string') return input === output ? '' : null;
  if (input === output) return '';
  for (const k of SCALES) {
    const scaled = output * k;
    // An integer target allows rounding or truncation (int(0.29 × 100) is 28 in floating point)
    // when the scaled value is 10 or more; below that it must match exactly, or 2 = 0.015 × 100.
    const close = Number.isInteger(input) && Math.abs(scaled) >= 10 ? Math.abs(input - scaled) < 1 : Math.abs(input - scaled) <= 1e-9 * Math.abs(input);
    if (close) return ` × ${k}`;
  }
  return null;
}
