/**
 * Where each value the model produced came from, computed once per trace from the dataflow
 * record: the sources in time order (user messages, system prompt, retrieved documents, tool
 * outputs, the model's earlier replies, and every other span's text as a last resort), the tool
 * calls with their arguments and results, and the reply. Lookups go through one token index
 * (ids, emails, numbers), so a 30,000-span trace costs one pass over capped texts.
 */
import { spanOutputs, spanTokenUsage } from '../../trace/conventions.js';
import { replyText } from '../../trace/messages.js';
import type { SpanNode, SpanTree } from '../../trace/tree.js';
import { endOf } from '../../trace/tree.js';
import { normaliseText } from '../common/text-match.js';
import { readsOnly } from '../common/tool-verbs.js';
import { editDistance, extractValues, PHONE_RE, phoneKey, type Value } from '../common/values.js';
import { recordDataflow, type Dataflow, type FlowRecord } from './dataflow.js';
import { addSpan, SourceList, type Source, type SourceKind, type ToolCall } from './source-list.js';
import type { TurnRecord } from './tool-output.js';

export { argumentLeaves, toolRecords, type TurnRecord } from './tool-output.js';
export type { Source, SourceKind, ToolCall } from './source-list.js';

/** An earlier turn of the same session, as its user message and reply (from spans or MLflow's previews). */
export interface EarlierTurn {
  n: number;
  traceId: string;
  user: string | null;
  reply: string | null;
  /** Its tools' outputs in order, when its spans were read. */
  tools?: readonly TurnRecord[];
}

export interface Provenance {
  flow: Dataflow;
  sources: Source[];
  calls: ToolCall[];
  reply: { text: string; atMs: number } | null;
  /** Sources holding a token (an id, an email, a number as written), first few each. */
  index: Map<string, number[]>;
  ref: (node: SpanNode) => string;
  /** Whether a document or tool output's text reached a model call's input (normalised containment). */
  reachedModel: (text: string, afterMs: number) => FlowRecord | null;
  /** Token usage of the model calls that started within a window. */
  tokensBetween: (fromMs: number, toMs: number) => number | null;
}

const TOKEN_RE = /[A-Za-z0-9][\w.@+-]*[A-Za-z0-9]|\d/g;
const PER_TOKEN = 6;

/** Index tokens that could be a checkable value: they hold a digit or an @; a phone number written with spaces by its digits (its key). */
function indexText(index: Map<string, number[]>, text: string, at: number): void {
  const add = (key: string) => {
    const list = index.get(key);
    if (!list) index.set(key, [at]);
    else if (list.length < PER_TOKEN && list.at(-1) !== at) list.push(at);
  };
  for (const m of text.matchAll(TOKEN_RE)) if (/[\d@]/.test(m[0])) add(m[0].toUpperCase());
  if (text.includes('+')) for (const m of text.matchAll(PHONE_RE)) add(phoneKey(m[0]));
}

/**
 * The session's earlier turns, after this trace's own sources (a message the history replays is
 * this trace's, where --span finds it): what the user wrote there and what the reply said, held
 * before anything in this trace.
 */
function addTurnSources(tree: SpanTree, earlier: readonly EarlierTurn[], list: SourceList, current: readonly ToolCall[]): void {
  const root = tree.roots[0];
  if (!root) return;
  const before = Number.NEGATIVE_INFINITY;
  const changed = changedAfter(earlier, current);
  for (const t of earlier) {
    const turn = { n: t.n, traceId: t.traceId };
    if (t.user) list.add('user', root, t.user, before, { turn });
    if (t.reply) list.add('model-output', root, t.reply, before, { turn });
    (t.tools ?? []).forEach((r, j) => list.add('tool-output', root, r.text, before, { turn: { ...turn, tool: r.tool, changedSince: changed(t, j) } }));
  }
}

/** Whether a tool that may write (by its name) ran after an earlier turn's j-th tool: in that turn, a later turn, or this trace. */
function changedAfter(earlier: readonly EarlierTurn[], current: readonly ToolCall[]): (t: EarlierTurn, j: number) => boolean {
  const writes = (tools: readonly { tool: string }[]) => tools.some((x) => !readsOnly(x.tool));
  const now = writes(current);
  return (t, j) => now || writes((t.tools ?? []).slice(j + 1)) || earlier.some((u) => u.n > t.n && writes(u.tools ?? []));
}

/** A tool's output in an earlier turn that nothing may have changed since: a record that stands in this turn too. */
export const isTurnRecord = (s: Source): boolean => s.kind === 'tool-output' && !!s.turn?.tool && !s.turn.changedSince;

/** Each pass's source list, kept so that earlier turns read after it join it (the same caps and de-duplication). */
const sourceLists = new WeakMap<Provenance, SourceList>();

/** Adds the session's earlier turns to a pass already made, as if given to traceProvenance (no second pass). */
export function addEarlierTurns(p: Provenance, tree: SpanTree, earlier: readonly EarlierTurn[]): void {
  const list = sourceLists.get(p);
  if (!list || !earlier.length) return;
  const from = list.sources.length;
  addTurnSources(tree, earlier, list, p.calls);
  for (let i = from; i < list.sources.length; i++) indexText(p.index, (list.sources[i] as Source).text, i);
}

/** Tokens of the model calls that started between two times (null: none recorded). */
function tokensBetween(models: readonly FlowRecord[], fromMs: number, toMs: number): number | null {
  let sum = 0;
  let any = false;
  for (const m of models) {
    if (m.node.span.startMs < fromMs || m.node.span.startMs > toMs) continue;
    const u = spanTokenUsage(m.node.span);
    if (u?.total != null) {
      sum += u.total;
      any = true;
    }
  }
  return any ? sum : null;
}

/** How many provenance passes this process made: a test counts them (one per trace and view). */
export const provenancePasses = { count: 0 };

export function traceProvenance(
  tree: SpanTree,
  flow: Dataflow = recordDataflow(tree),
  reply: string | null = null,
  earlier: readonly EarlierTurn[] = [],
): Provenance {
  provenancePasses.count++;
  const list = new SourceList();
  const calls: ToolCall[] = [];
  const byStart = [...flow.records].sort((a, b) => a.node.span.startMs - b.node.span.startMs);
  for (const rec of byStart) addSpan(rec, list, calls);
  const sources = list.sources;
  const index = new Map<string, number[]>();
  for (let i = 0; i < sources.length; i++) indexText(index, (sources[i] as Source).text, i);
  const root = tree.roots[0];
  const replyText_ = reply ?? (root ? (replyText(spanOutputs(root.span)?.value)?.text ?? null) : null);
  const models = flow.models;
  const p: Provenance = {
    flow,
    sources,
    calls,
    reply: replyText_ ? { text: replyText_, atMs: root ? endOf(root.span) : Number.POSITIVE_INFINITY } : null,
    index,
    ref: flow.ref,
    reachedModel: (text, afterMs) => {
      const needle = normaliseText(text.slice(0, 400)).slice(0, 120);
      if (needle.length < 8) return null;
      return models.find((m) => m.node.span.startMs >= afterMs && (m.model?.norm.includes(needle) ?? false)) ?? null;
    },
    tokensBetween: (fromMs, toMs) => tokensBetween(models, fromMs, toMs),
  };
  sourceLists.set(p, list);
  addEarlierTurns(p, tree, earlier);
  return p;
}

/** The moment a model decided what it produced at `atMs`: the start of the last model call before it. */
export function decidedAt(p: Provenance, atMs: number): number {
  let t = atMs;
  for (const m of p.flow.models) {
    const s = m.node.span.startMs;
    if (s <= atMs) t = s;
  }
  return t;
}

/** The sources that held a value's token before a moment (an id, an email, a number as written). */
export function sourcesHolding(p: Provenance, token: string, beforeMs: number): Source[] {
  return (p.index.get(token.toUpperCase()) ?? []).map((i) => p.sources[i] as Source).filter((s) => s.atMs <= beforeMs);
}

export interface Candidate {
  token: string;
  source: Source;
  distance: number;
}

/** Tokens of the same shape one or two edits away (a transposition is one), nearest first. */
export function nearestTokens(p: Provenance, token: string, beforeMs: number, kinds: readonly SourceKind[]): Candidate[] {
  const want = token.toUpperCase();
  const shape = (t: string) => t.replace(/\d/g, '9').replace(/[A-Z]/g, 'A');
  const out: Candidate[] = [];
  let scanned = 0;
  for (const [t, at] of p.index) {
    if (++scanned > 200_000) break;
    if (t === want || Math.abs(t.length - want.length) > 1) continue;
    if (t.length === want.length && shape(t) !== shape(want)) continue;
    const d = editDistance(want, t, 2);
    if (d > 2) continue;
    const src = at.map((i) => p.sources[i] as Source).find((s) => s.atMs <= beforeMs && kinds.includes(s.kind));
    if (src) out.push({ token: t, source: src, distance: d });
  }
  // This turn's sources before an earlier turn's, at the same distance.
  const fromEarlier = (c: Candidate) => (c.source.turn ? 1 : 0);
  return out.sort((a, b) => a.distance - b.distance || kindOrder(a.source.kind) - kindOrder(b.source.kind) || fromEarlier(a) - fromEarlier(b));
}

const ORDER: SourceKind[] = ['user', 'system', 'document', 'tool-output', 'model-output', 'other'];
export const kindOrder = (k: SourceKind): number => ORDER.indexOf(k);

/** The values of a source or of the reply, extracted once (chrono is the costly part). */
const valueCache = new WeakMap<object, Value[]>();
function valuesOnce(key: object, text: string): Value[] {
  let v = valueCache.get(key);
  if (!v) valueCache.set(key, (v = extractValues(text)));
  return v;
}
export const sourceValues = (s: Source): Value[] => valuesOnce(s, s.text);
/** The reply's values, once per trace: the reply-contradicts and sources-disagree findings and the earlier-turns check read the same list. */
export const replyValues = (p: Provenance): Value[] => (p.reply ? valuesOnce(p.reply, p.reply.text) : []);
