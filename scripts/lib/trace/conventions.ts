/**
 * Where a span keeps its inputs, outputs, token usage, model and kind, across the attribute
 * conventions that reach MLflow: MLflow's own (`mlflow.spanInputs`, `mlflow.chat.tokenUsage`),
 * OTel GenAI (`gen_ai.*`), OpenInference (`input.value`, `llm.*`) and OpenLLMetry
 * (`traceloop.*`, `llm.usage.*`). Each answer says which key it came from, so an agent can
 * follow up in the raw JSON.
 */
import { flattenedMessages, type Message } from './messages.js';
import { attr, attrUnkept, type Span } from './trace.js';

export type Convention = 'mlflow' | 'otel-genai' | 'openinference' | 'openllmetry';

export interface Located {
  value: unknown;
  key: string;
  convention: Convention;
}

const INPUT_KEYS: ReadonlyArray<readonly [string, Convention]> = [
  ['mlflow.spanInputs', 'mlflow'],
  ['gen_ai.input.messages', 'otel-genai'],
  ['gen_ai.prompt', 'otel-genai'],
  ['input.value', 'openinference'],
  ['traceloop.entity.input', 'openllmetry'],
];
const OUTPUT_KEYS: ReadonlyArray<readonly [string, Convention]> = [
  ['mlflow.spanOutputs', 'mlflow'],
  ['gen_ai.output.messages', 'otel-genai'],
  ['gen_ai.completion', 'otel-genai'],
  ['output.value', 'openinference'],
  ['traceloop.entity.output', 'openllmetry'],
];
const FLAT_INPUTS: ReadonlyArray<readonly [string, Convention]> = [
  ['llm.input_messages', 'openinference'],
  ['gen_ai.prompt', 'openllmetry'],
];
const FLAT_OUTPUTS: ReadonlyArray<readonly [string, Convention]> = [
  ['llm.output_messages', 'openinference'],
  ['gen_ai.completion', 'openllmetry'],
];

function locate(span: Span, keys: typeof INPUT_KEYS, flat: typeof FLAT_INPUTS, read: typeof attr = attr): Located | null {
  for (const [key, convention] of keys) {
    const value = read(span, key);
    if (value !== undefined && value !== null) return { value: decodeNested(value), key, convention };
  }
  for (const [prefix, convention] of flat) {
    const msgs = flattenedMessages(span.rawAttributes, prefix);
    if (msgs) return { value: { messages: msgs.map(toChat) }, key: `${prefix}.N.*`, convention };
  }
  return null;
}

const toChat = (m: Message) => ({ role: m.role, content: m.text });

/** Some exporters double-encode (a JSON string holding JSON): decode one more level when so. */
function decodeNested(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  return value;
}

export const spanInputs = (span: Span): Located | null => locate(span, INPUT_KEYS, FLAT_INPUTS);
/** spanInputs without keeping the decoded value on the span (a pass over every span that needs each once). */
export const spanInputsUnkept = (span: Span): Located | null => locate(span, INPUT_KEYS, FLAT_INPUTS, attrUnkept);

/** A span's inputs as stored when one JSON string holds them (the first input key present), else null: read without decoding. */
export function storedInput(span: Span): string | null {
  const raw = firstDirect(span, 'in')?.raw;
  return typeof raw === 'string' ? raw : null;
}

/**
 * Every input or output key a span carries, with its convention: MLflow's OTLP ingest copies
 * `gen_ai.input.messages` and the like into `mlflow.spanInputs`, and both are worth naming.
 */
export function ioKeysPresent(span: Span, side: 'in' | 'out'): Array<{ key: string; convention: Convention }> {
  const found = directKeys(side)
    .filter(([k]) => k in span.rawAttributes)
    .map(([key, convention]) => ({ key, convention }));
  for (const [prefix, convention] of flatKeys(side)) if (hasFlat(span, prefix)) found.push({ key: `${prefix}.N.*`, convention });
  return found;
}

const directKeys = (side: 'in' | 'out') => (side === 'in' ? INPUT_KEYS : OUTPUT_KEYS);
const flatKeys = (side: 'in' | 'out') => (side === 'in' ? FLAT_INPUTS : FLAT_OUTPUTS);

/** Whether a span carries flattened messages under a prefix (`llm.input_messages.0.…`), without listing its keys. */
function hasFlat(span: Span, prefix: string): boolean {
  const dotted = `${prefix}.`;
  for (const k in span.rawAttributes) if (k.startsWith(dotted)) return true;
  return false;
}

/**
 * A side as stored, not decoded when one JSON string holds it (ioKeysPresent's first key): the
 * string itself; decoded (spanInputs / spanOutputs) when stored otherwise; null when absent.
 */
export function storedSide(span: Span, side: 'in' | 'out'): Located | null {
  const first = firstDirect(span, side);
  if (typeof first?.raw === 'string')
    return first.raw === 'null' || first.raw === '' ? null : { value: first.raw, key: first.key, convention: first.convention };
  if (!first && !flatKeys(side).some(([prefix]) => hasFlat(span, prefix))) return null;
  return side === 'in' ? spanInputs(span) : spanOutputs(span);
}

/** The first whole-side key a span carries (ioKeysPresent's order), with its value as stored. */
function firstDirect(span: Span, side: 'in' | 'out'): { key: string; convention: Convention; raw: unknown } | null {
  for (const [key, convention] of directKeys(side)) if (key in span.rawAttributes) return { key, convention, raw: span.rawAttributes[key] };
  return null;
}
export const spanOutputs = (span: Span): Located | null => locate(span, OUTPUT_KEYS, FLAT_OUTPUTS);

export interface TokenUsage {
  input: number | null;
  output: number | null;
  total: number | null;
}

export interface LocatedUsage extends TokenUsage {
  key: string;
  convention: Convention;
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};

function usage(input: unknown, output: unknown, total: unknown): TokenUsage | null {
  const u = { input: num(input), output: num(output), total: num(total) };
  if (u.input === null && u.output === null && u.total === null) return null;
  // No call reads zero tokens: all zeros is what a framework sums when no call reported usage
  // (MLflow's DSPy autolog over a model that records none), so it is "none recorded".
  if (!u.input && !u.output && !u.total) return null;
  if (u.total === null && (u.input !== null || u.output !== null)) u.total = (u.input ?? 0) + (u.output ?? 0);
  return u;
}

/** MLflow's JSON usage dict: {input_tokens, output_tokens, total_tokens}. */
export function parseUsageDict(value: unknown): TokenUsage | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  return usage(v.input_tokens ?? v.prompt_tokens, v.output_tokens ?? v.completion_tokens, v.total_tokens);
}

/** Every key spanTokenUsage reads. */
const USAGE_KEYS = [
  'mlflow.chat.tokenUsage',
  ...['input_tokens', 'prompt_tokens', 'output_tokens', 'completion_tokens', 'total_tokens'].map((k) => `gen_ai.usage.${k}`),
  ...['prompt', 'completion', 'total'].map((k) => `llm.token_count.${k}`),
  ...['prompt_tokens', 'completion_tokens', 'total_tokens'].map((k) => `llm.usage.${k}`),
];

const USAGE_KEY_SET = new Set(USAGE_KEYS);

/** Whether a span holds any usage key: a tool's few keys looked up in a set (not a dozen lookups per span per pass); a span with many keys by name. */
function holdsUsage(span: Span): boolean {
  let seen = 0;
  for (const k in span.rawAttributes) {
    if (USAGE_KEY_SET.has(k)) return true;
    if (++seen > USAGE_KEYS.length) return USAGE_KEYS.some((u) => u in span.rawAttributes);
  }
  return false;
}

/**
 * Token usage recorded on one span. Conventions are merged field by field in priority order:
 * MLflow's OTLP ingest writes its own `mlflow.chat.tokenUsage` beside the original keys, and
 * sometimes with fewer fields than the original (OpenLLMetry: total only).
 */
export function spanTokenUsage(span: Span): LocatedUsage | null {
  // Most spans (tools, chains) hold none of the keys: no arrays and objects built to say so (30,000 spans, read by several passes).
  if (!holdsUsage(span)) return null;
  const a = (k: string) => attr(span, k);
  const found: Array<[TokenUsage | null, string, Convention]> = [
    [parseUsageDict(a('mlflow.chat.tokenUsage')), 'mlflow.chat.tokenUsage', 'mlflow'],
    [
      usage(
        a('gen_ai.usage.input_tokens') ?? a('gen_ai.usage.prompt_tokens'),
        a('gen_ai.usage.output_tokens') ?? a('gen_ai.usage.completion_tokens'),
        a('gen_ai.usage.total_tokens'),
      ),
      'gen_ai.usage.*',
      'otel-genai',
    ],
    [usage(a('llm.token_count.prompt'), a('llm.token_count.completion'), a('llm.token_count.total')), 'llm.token_count.*', 'openinference'],
    [usage(a('llm.usage.prompt_tokens'), a('llm.usage.completion_tokens'), a('llm.usage.total_tokens')), 'llm.usage.*', 'openllmetry'],
  ];
  let merged: LocatedUsage | null = null;
  for (const [u, key, convention] of found) {
    if (!u) continue;
    if (!merged) merged = { ...u, key, convention };
    else {
      merged.input ??= u.input;
      merged.output ??= u.output;
      merged.total ??= u.total;
    }
  }
  return merged;
}

export interface Cost {
  input: number | null;
  output: number | null;
  total: number | null;
}

export function parseCost(value: unknown): Cost | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const c = { input: num(v.input_cost), output: num(v.output_cost), total: num(v.total_cost) };
  return c.input === null && c.output === null && c.total === null ? null : c;
}

export const spanCost = (span: Span): Cost | null => parseCost(attr(span, 'mlflow.llm.cost'));

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** The model a span called, from whichever key names it. */
export function spanModel(span: Span): string | null {
  for (const k of ['mlflow.llm.model', 'gen_ai.response.model', 'gen_ai.request.model', 'llm.model_name', 'llm.request.model', 'llm.response.model']) {
    const v = str(attr(span, k));
    if (v) return v;
  }
  const inputs = attr(span, 'mlflow.spanInputs');
  if (inputs && typeof inputs === 'object' && !Array.isArray(inputs)) return str((inputs as Record<string, unknown>).model);
  return null;
}

const OPENINFERENCE_KIND: Record<string, string> = {
  LLM: 'LLM',
  CHAIN: 'CHAIN',
  TOOL: 'TOOL',
  AGENT: 'AGENT',
  RETRIEVER: 'RETRIEVER',
  EMBEDDING: 'EMBEDDING',
  RERANKER: 'RERANKER',
  GUARDRAIL: 'GUARDRAIL',
  EVALUATOR: 'EVALUATOR',
};
const GENAI_OPERATION: Record<string, string> = {
  chat: 'CHAT_MODEL',
  text_completion: 'LLM',
  generate_content: 'LLM',
  embeddings: 'EMBEDDING',
  execute_tool: 'TOOL',
  invoke_agent: 'AGENT',
  create_agent: 'AGENT',
};

const kinds = new WeakMap<Span, string | null>();

/** The span's kind (LLM, TOOL, AGENT, …) from MLflow's type or the OTel conventions' equivalents; once per span (every pass asks it of every span). */
export function spanType(span: Span): string | null {
  let kind = kinds.get(span);
  if (kind === undefined) kinds.set(span, (kind = kindOf(span)));
  return kind;
}

// Unkept: the kind is cached above, and a decoded-attribute map per span cost 30,000 maps on a wide trace.
function kindOf(span: Span): string | null {
  const t = str(attrUnkept(span, 'mlflow.spanType'));
  if (t) return t;
  const oi = str(attrUnkept(span, 'openinference.span.kind'));
  if (oi) return OPENINFERENCE_KIND[oi.toUpperCase()] ?? oi.toUpperCase();
  const op = str(attrUnkept(span, 'gen_ai.operation.name'));
  if (op) return GENAI_OPERATION[op] ?? op.toUpperCase();
  const tl = str(attrUnkept(span, 'traceloop.span.kind'));
  if (tl) return tl.toUpperCase();
  return null;
}

/** Exception events: MLflow and OTel both name them `exception` with `exception.*` attributes. */
export interface ExceptionInfo {
  type: string;
  message: string;
  stackTrace: string | null;
}

export function spanExceptions(span: Span): ExceptionInfo[] {
  return span.events
    .filter((e) => e.name === 'exception' || 'exception.type' in e.attributes || 'exception.message' in e.attributes)
    .map((e) => {
      const a = e.attributes;
      const s = (k: string) => (a[k] === undefined || a[k] === null ? null : typeof a[k] === 'string' ? (a[k] as string) : JSON.stringify(a[k]));
      return { type: s('exception.type') ?? 'Exception', message: s('exception.message') ?? '', stackTrace: s('exception.stacktrace') };
    });
}
