import {
  messagesOf,
  modelCallIds,
  spanInputs
} from "./chunk-2IPHA5SA.mjs";
import {
  buildTree,
  mainRoot
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/actions/regression-case.ts
var isObj = (v) => !!v && typeof v === "object" && !Array.isArray(v);
var VERSION_KEY = /version|release|git\.(commit|branch|repoURL)|modelId|model_id|^mlflow\.source\.name$/i;
function versionTags(trace) {
  const out = {};
  for (const [k, v] of [...Object.entries(trace.info.metadata), ...Object.entries(trace.info.tags)]) {
    if (v.trim() && VERSION_KEY.test(k) && !/sizeBytes|schema/i.test(k)) out[k] = v;
  }
  return out;
}
function modelHistory(trace) {
  const spans = [...trace.spans].sort((a, b) => a.startMs - b.startMs);
  const calls = modelCallIds(spans);
  for (const span of spans) {
    if (!calls.has(span.id)) continue;
    const value = spanInputs(span)?.value;
    const msgs = messagesOf(value);
    if (!msgs || !msgs.length) continue;
    const raw = isObj(value) ? value.messages ?? value.input ?? value.contents ?? value : value;
    return { messages: raw, span: span.name };
  }
  return null;
}
function previewObject(preview) {
  if (!preview?.trimStart().startsWith("{")) return null;
  try {
    const v = JSON.parse(preview);
    return isObj(v) ? v : null;
  } catch {
    return null;
  }
}
function buildCase(trace, extra) {
  const root = mainRoot(buildTree(trace.spans));
  const rootIn = root ? spanInputs(root.span)?.value : void 0;
  const fromPreview = root ? null : previewObject(trace.info.requestPreview);
  let inputs = isObj(rootIn) ? rootIn : fromPreview ?? { request: rootIn ?? trace.info.requestPreview };
  let inputsFrom = root ? `the root span ${root.span.name}'s inputs` : fromPreview ? "the trace's request (a JSON object)" : "the request preview";
  const rootHistory = (messagesOf(rootIn)?.length ?? 0) > 1;
  if (trace.info.sessionId !== null && !rootHistory) {
    const history = modelHistory(trace);
    if (history) {
      inputs = { messages: history.messages };
      inputsFrom = `the messages the model span ${history.span} received (the session history it was given)`;
    }
  }
  const expectations = {};
  const fromTrace = [];
  for (const a of trace.info.assessments) {
    if (a.kind !== "expectation" || !a.valid) continue;
    expectations[a.name] = a.value;
    fromTrace.push(a.name);
  }
  if (extra.facts.length) {
    const before = Array.isArray(expectations.expected_facts) ? expectations.expected_facts : [];
    expectations.expected_facts = [.../* @__PURE__ */ new Set([...before, ...extra.facts])];
  }
  if (extra.response !== void 0) expectations.expected_response = extra.response;
  return { record: { inputs, expectations, source_trace_id: trace.info.traceId, tags: versionTags(trace) }, inputsFrom, fromTrace };
}
function replaceCase(existing, record) {
  const kept = [];
  let replaced = 0;
  for (const line of existing.split("\n")) {
    if (!line.trim()) continue;
    let id;
    try {
      id = JSON.parse(line).source_trace_id;
    } catch {
      id = void 0;
    }
    if (id === record.source_trace_id) replaced++;
    else kept.push(line);
  }
  kept.push(JSON.stringify(record));
  return { text: `${kept.join("\n")}
`, replaced, total: kept.length };
}

export {
  buildCase,
  replaceCase
};
