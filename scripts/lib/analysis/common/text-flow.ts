/**
 * Did one span's output reach another span's input? A bounded text test: the distinctive values
 * of the output (strings of 4+ characters, numbers with 3+ digits, and shorter strings as whole
 * JSON values: a currency "JPY", a country "JP"), less those the span only echoed from its own
 * input, looked up in the other input's JSON text. Every bound is fixed, so
 * a 100 MB output or a 30,000-span trace costs the same small amount per pair.
 */
import { spanInputs, spanOutputs } from '../../trace/conventions.js';
import type { SpanNode } from '../../trace/tree.js';

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
const VOCABULARY =
  /^(?:assistant|user|system|tool|tools|function|developer|human|ai|stop|length|tool_calls|end_turn|chat\.completion|text|json|auto|none|null|true|false|success|ok|error)$/i;

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
