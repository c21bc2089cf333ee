/**
 * Tree previews that show what matters for a span's kind:
 * - a model call: whether its prompt has a system message and the retrieved context (and their
 *   sizes), how many messages, and the last tool message, rather than the user's message again
 *   on every row (it is shown once, where it differs from the other calls');
 * - a retriever or reranker: `top_k` / `top_n` and the document ids in order, with scores;
 * - an output of N identical items: said in so many words.
 * Every text test is bounded (snippets of ≤ 80 chars, a prompt read up to 200,000 chars).
 */
import { spanInputs, spanOutputs, spanType } from '../trace/conventions.js';
import { isModelCall } from '../trace/model-spans.js';
import { messagesOf, replyText, textOrPreview, toolCallsOf, type Message } from '../trace/messages.js';
import { resultLimit, retrievedDocs, type RetrievedDoc } from '../trace/retrieved-docs.js';
import { endOf, type SpanNode, type SpanTree } from '../trace/tree.js';
import { clipKeeping, fmtInt, oneLine, plural } from './format.js';
import { objectPreview } from './json-summary.js';

const DOC_TYPES = new Set(['RETRIEVER', 'RERANKER']);
const PROMPT_CHARS = 200_000;
const SNIPPET = 80;
const MAX_DOCS = 20;

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function promptMessages(node: SpanNode): Message[] | null {
  if (!isModelCall(node)) return null;
  const i = spanInputs(node.span);
  return i ? messagesOf(i.value) : null;
}

interface TreeFacts {
  /** Retriever and reranker spans that returned documents, by end time. */
  sources: Array<{ node: SpanNode; docs: RetrievedDoc[] }>;
  /** How many model calls' prompts end with each user message. */
  lastUser: Map<string, number>;
}

const factsCache = new WeakMap<SpanTree, TreeFacts>();
function factsOf(tree: SpanTree): TreeFacts {
  let f = factsCache.get(tree);
  if (f) return f;
  f = { sources: [], lastUser: new Map() };
  for (const n of tree.nodes) {
    const t = spanType(n.span);
    if (t && DOC_TYPES.has(t)) {
      const docs = retrievedDocs(n.span);
      if (docs?.length) f.sources.push({ node: n, docs });
    }
    const msgs = promptMessages(n);
    const user = msgs ? [...msgs].reverse().find((m) => m.role === 'user') : undefined;
    if (user) f.lastUser.set(user.text, (f.lastUser.get(user.text) ?? 0) + 1);
  }
  f.sources.sort((a, b) => endOf(a.node.span) - endOf(b.node.span));
  factsCache.set(tree, f);
  return f;
}

/** The retriever or reranker that ended last before `node` started. */
function sourceBefore(facts: TreeFacts, node: SpanNode): TreeFacts['sources'][number] | null {
  let lo = 0;
  let hi = facts.sources.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (endOf((facts.sources[mid] as TreeFacts['sources'][number]).node.span) <= node.span.startMs) lo = mid + 1;
    else hi = mid;
  }
  return facts.sources[lo - 1] ?? null;
}

function contextPart(facts: TreeFacts, node: SpanNode, prompt: string): string | null {
  const src = sourceBefore(facts, node);
  if (!src) return null;
  const docs = src.docs.slice(0, MAX_DOCS);
  const found = docs.filter((d) => {
    const snip = squash(d.text).slice(0, SNIPPET);
    return snip.length >= 12 && prompt.includes(snip);
  });
  const chars = found.reduce((s, d) => s + d.text.length, 0);
  const of = `${plural(src.docs.length, 'doc')} from ${src.node.span.name}${docs.length < src.docs.length ? ` (the first ${docs.length} checked)` : ''}`;
  const missing = docs
    .map((d, i) => ({ d, i }))
    .filter(({ d }) => !found.includes(d))
    .slice(0, 2)
    .map(({ d, i }) => `#${i + 1}${d.id ? ` ${d.id}` : ''}`);
  const miss = found.length && missing.length ? `; not in it: ${missing.join(', ')}${docs.length - found.length > 2 ? ', …' : ''}` : '';
  return found.length ? `context ${found.length} of ${of} (${fmtInt(chars)} chars${miss})` : `context: none of the ${of}`;
}

/**
 * The `in:` line of a model call whose input is a message list; null for anything else. Its cut
 * (the last tool message is often long) keeps the values a finding quotes.
 */
export function modelInputLine(tree: SpanTree, node: SpanNode, max: number, keep: Keep = NO_KEEP): string | null {
  const msgs = promptMessages(node);
  if (!msgs) return null;
  const facts = factsOf(tree);
  const system = msgs.filter((m) => m.role === 'system').reduce((s, m) => s + m.text.length, 0);
  const prompt = squash(
    msgs
      .map((m) => m.text)
      .join('\n')
      .slice(0, PROMPT_CHARS),
  );
  const parts = [system ? `system ${fmtInt(system)} chars` : 'no system prompt'];
  const ctx = contextPart(facts, node, prompt);
  if (ctx) parts.push(ctx);
  parts.push(plural(msgs.length, 'msg'));
  const last = msgs.at(-1);
  const lastTool = [...msgs].reverse().find((m) => m.role === 'tool');
  const user = [...msgs].reverse().find((m) => m.role === 'user');
  if (lastTool) parts.push(`last tool: ${oneLine(lastTool.text) || '(empty)'}`);
  else if (user && (facts.lastUser.get(user.text) ?? 0) < 2) parts.push(`user: ${oneLine(user.text)}`);
  else if (last && last.role !== 'user') parts.push(`last ${last.role}: ${oneLine(last.text)}`);
  return `in:  ${keptCut(keep, node, parts.join(' · '), max)}`;
}

/** The `out:` line of a retriever or reranker: its limit and document ids in order. */
export function docsOutputLine(node: SpanNode, max: number, keep: Keep = NO_KEEP): string | null {
  const t = spanType(node.span);
  if (!t || !DOC_TYPES.has(t)) return null;
  const docs = retrievedDocs(node.span);
  if (!docs) return null;
  const limit = resultLimit(node.span);
  const list = docs
    .slice(0, 8)
    .map((d, i) => `${d.id ?? `#${i + 1} (no id)`}${d.score !== null ? ` ${Number(d.score.toFixed(3))}` : ''}`)
    .join(', ');
  const limited = limit ? `${limit.key}=${limit.value} · ` : '';
  const more = docs.length > 8 ? `, … ${docs.length - 8} more` : '';
  return `out: ${keptCut(keep, node, `${limited}${plural(docs.length, 'doc')}: ${list}${more}`, max)}`;
}

/** "40 items, all identical: …" for a list of ≥ 3 equal items; null otherwise. */
export function identicalItems(value: unknown, max: number, keep: readonly string[] = []): string | null {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  let list: unknown = value;
  if (isObj(value)) {
    const arrays = Object.values(value).filter(Array.isArray);
    if (arrays.length === 1) list = arrays[0];
  }
  // Past 10,000 items the comparison is not worth its cost in a one-line preview.
  if (!Array.isArray(list) || list.length < 3 || list.length > 10_000) return null;
  let first: string;
  try {
    first = JSON.stringify(list[0]) ?? 'null';
    for (let i = 1; i < list.length; i++) if ((JSON.stringify(list[i]) ?? 'null') !== first) return null;
  } catch {
    return null;
  }
  return `${fmtInt(list.length)} items, all identical: ${clipKeeping(first, max, keep)}`;
}

/**
 * The `out:` line of a model call that asked for tools: each call with its arguments as the
 * model wrote them (a wrong id is seen on the row), and its text when it wrote some too.
 */
export function toolCallsLine(node: SpanNode, max: number, keep: Keep = NO_KEEP): string | null {
  if (!isModelCall(node)) return null;
  const out = spanOutputs(node.span)?.value;
  const calls = toolCallsOf(out);
  if (!calls.length) return null;
  const list = calls
    .slice(0, 5)
    .map((c) => `${c.name}(${oneLine(c.args)})`)
    .join(', ');
  const text = replyText(out)?.text;
  const said = text && !text.startsWith('[tool call') && !text.includes('[[ ## ') ? ` · text: ${oneLine(text)}` : '';
  return `out: ${keptCut(keep, node, `${plural(calls.length, 'tool call')}: ${list}${calls.length > 5 ? `, … ${calls.length - 5} more` : ''}${said}`, max)}`;
}

/**
 * The `out:` text of any other span: its reply text, else its JSON; a large JSON object says what
 * it holds (its keys, short values, list sizes: json-summary.ts), not its first string or chars.
 */
export function outputText(value: unknown, max: number, keep: Keep = NO_KEEP): string | null {
  const ot = textOrPreview(value, 'out', keptRoom(keep, max));
  return ot && (objectPreview(value, ot.shape === 'json' ? null : ot, max, keep.values) ?? ot.text);
}

/** Values a preview's cut keeps (the ones the trace's findings quote), and the command that shows a span whole. */
export interface Keep {
  values: readonly string[];
  whole: (spanId: string) => string;
}
export const NO_KEEP: Keep = { values: [], whole: () => '' };

/** How much of a JSON value a preview reads: with values to keep, enough to find them past the cut. */
export const keptRoom = (keep: Keep, max: number): number => (keep.values.length ? 20_000 : max + 20);

/** A preview's text cut at `max`, keeping the values and naming the span's whole when it keeps any. */
export const keptCut = (keep: Keep, node: SpanNode, text: string, max: number): string =>
  clipKeeping(oneLine(text), max, keep.values, keep.values.length ? keep.whole(node.span.id) : undefined);
