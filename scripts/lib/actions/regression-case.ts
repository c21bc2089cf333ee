/**
 * A trace as a regression case in MLflow's evaluation-dataset record shape: `inputs` (what
 * `mlflow.genai.evaluate` hands the app's predict function as keyword arguments), `expectations`
 * (what right looks like), plus where it came from (`source_trace_id`) and the version tags that
 * say which build failed. For a session turn the inputs hold the history the model was given,
 * since the last message alone does not reproduce the turn.
 */
import { spanInputs } from '../trace/conventions.js';
import { modelCallIds } from '../trace/model-spans.js';
import { messagesOf } from '../trace/messages.js';
import type { Trace } from '../trace/trace.js';
import type { AnnotateResult } from './annotation.js';
import { buildTree, mainRoot } from '../trace/tree.js';

export interface RegressionCase {
  inputs: Record<string, unknown>;
  expectations: Record<string, unknown>;
  source_trace_id: string;
  tags: Record<string, string>;
}

export interface CaseBuild {
  record: RegressionCase;
  /** Where the inputs came from, said in the output (a heuristic choice for session turns). */
  inputsFrom: string;
  /** Expectation names that were already on the trace. */
  fromTrace: string[];
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Keys that say which version of the app ran: git, model, prompt and app versions. */
const VERSION_KEY = /version|release|git\.(commit|branch|repoURL)|modelId|model_id|^mlflow\.source\.name$/i;

export function versionTags(trace: Trace): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of [...Object.entries(trace.info.metadata), ...Object.entries(trace.info.tags)]) {
    if (v.trim() && VERSION_KEY.test(k) && !/sizeBytes|schema/i.test(k)) out[k] = v;
  }
  return out;
}

/** The chat history the first model call received, as the span recorded it. */
function modelHistory(trace: Trace): { messages: unknown; span: string } | null {
  const spans = [...trace.spans].sort((a, b) => a.startMs - b.startMs);
  const calls = modelCallIds(spans);
  for (const span of spans) {
    if (!calls.has(span.id)) continue;
    const value = spanInputs(span)?.value;
    const msgs = messagesOf(value);
    if (!msgs || !msgs.length) continue;
    const raw = isObj(value) ? (value.messages ?? value.input ?? value.contents ?? value) : value;
    return { messages: raw, span: span.name };
  }
  return null;
}

/** The request preview as the inputs object it records (`{"question": …}`), when it parses as one; null when cut or not JSON. */
function previewObject(preview: string | null): Record<string, unknown> | null {
  if (!preview?.trimStart().startsWith('{')) return null;
  try {
    const v: unknown = JSON.parse(preview);
    return isObj(v) ? v : null;
  } catch {
    return null; // MLflow cuts long previews: not JSON any more, kept as text
  }
}

export function buildCase(trace: Trace, extra: { facts: string[]; response?: string }): CaseBuild {
  const root = mainRoot(buildTree(trace.spans));
  const rootIn = root ? spanInputs(root.span)?.value : undefined;
  // As MLflow's own records from traces: the root's inputs object (the predict function's kwargs), not its text.
  const fromPreview = root ? null : previewObject(trace.info.requestPreview);
  let inputs: Record<string, unknown> = isObj(rootIn) ? rootIn : (fromPreview ?? { request: rootIn ?? trace.info.requestPreview });
  let inputsFrom = root ? `the root span ${root.span.name}'s inputs` : fromPreview ? "the trace's request (a JSON object)" : 'the request preview';
  const rootHistory = (messagesOf(rootIn)?.length ?? 0) > 1;
  if (trace.info.sessionId !== null && !rootHistory) {
    const history = modelHistory(trace);
    if (history) {
      inputs = { messages: history.messages };
      inputsFrom = `the messages the model span ${history.span} received (the session history it was given)`;
    }
  }
  const expectations: Record<string, unknown> = {};
  const fromTrace: string[] = [];
  for (const a of trace.info.assessments) {
    if (a.kind !== 'expectation' || !a.valid) continue;
    expectations[a.name] = a.value;
    fromTrace.push(a.name);
  }
  if (extra.facts.length) {
    const before = Array.isArray(expectations.expected_facts) ? (expectations.expected_facts as unknown[]) : [];
    expectations.expected_facts = [...new Set([...before, ...extra.facts])];
  }
  if (extra.response !== undefined) expectations.expected_response = extra.response;
  return { record: { inputs, expectations, source_trace_id: trace.info.traceId, tags: versionTags(trace) }, inputsFrom, fromTrace };
}

/** The JSONL file with this case in place of any earlier export of the same trace. */
export function replaceCase(existing: string, record: RegressionCase): { text: string; replaced: number; total: number } {
  const kept: string[] = [];
  let replaced = 0;
  for (const line of existing.split('\n')) {
    if (!line.trim()) continue;
    let id: unknown;
    try {
      id = (JSON.parse(line) as { source_trace_id?: unknown }).source_trace_id;
    } catch {
      id = undefined; // not ours to judge: a line we cannot read is kept as it is
    }
    if (id === record.source_trace_id) replaced++;
    else kept.push(line);
  }
  kept.push(JSON.stringify(record));
  return { text: `${kept.join('\n')}\n`, replaced, total: kept.length };
}

/** What one export_case run wrote, and where. */
export interface ExportResult {
  record: RegressionCase;
  file: string;
  /** The file as the snippet names it: relative to the working directory when below it. */
  fileShown: string;
  replaced: number;
  total: number;
  inputsFrom: string;
  fromTrace: string[];
  logged: AnnotateResult | null;
  link: string | null;
  dryRun: boolean;
}
