import {
  nameRef
} from "./chunk-LIIUCRUZ.mjs";
import {
  decodeValue,
  endOf,
  messagesOf,
  parseCost,
  parseUsageDict,
  replyText,
  spanCost,
  spanExceptions,
  spanInputs,
  spanModel,
  spanOutputs,
  spanTokenUsage,
  spanType
} from "./chunk-AWLKMLHY.mjs";

// scripts/lib/analysis/findings.ts
var MODEL_TYPES = /* @__PURE__ */ new Set(["LLM", "CHAT_MODEL"]);
var ERROR_WORDS = /\b(error|exception|traceback|failed|failure|refused|timed? ?out|unavailable)\b/i;
function catcher(node) {
  for (let p = node.parent; p; p = p.parent) if (p.span.status !== "ERROR") return p;
  return null;
}
function errorText(node) {
  const ex = spanExceptions(node.span).at(-1);
  if (ex) return `${ex.type}: ${ex.message}`.trim();
  return node.span.statusMessage || "(no message)";
}
function toolMessages(node) {
  const inputs = spanInputs(node.span)?.value;
  const msgs = inputs === void 0 ? null : messagesOf(inputs);
  return (msgs ?? []).filter((m) => m.role === "tool").map((m) => m.text);
}
var producedAnswer = (node) => {
  if (node.span.status === "ERROR") return false;
  const out = spanOutputs(node.span)?.value;
  if (out === void 0 || out === null) return false;
  const reply = replyText(out);
  return reply ? reply.text.trim() !== "" && !reply.text.startsWith("[tool call") : true;
};
var MAX_EACH = 20;
function analyseFindings(trace, tree, errors) {
  const caught = [];
  for (const c of errors.culprits) {
    const node = tree.byId.get(c.spanId);
    const by = node ? catcher(node) : null;
    if (!node || !by) continue;
    caught.push({ spanId: c.spanId, name: c.name, caughtIn: { spanId: by.span.id, name: by.span.name, status: by.span.status === "OK" ? "OK" : "UNSET" } });
  }
  const okDespiteFailures = trace.info.state === "OK" && errors.errorSpanCount > 0 ? errors.errorSpanCount : null;
  const models = tree.nodes.filter((n) => MODEL_TYPES.has(spanType(n.span) ?? "")).sort((a, b) => a.span.startMs - b.span.startMs);
  const failedTools = tree.nodes.filter((n) => n.span.status === "ERROR" && spanType(n.span) === "TOOL");
  const answered = [];
  if (models.length) {
    const usedTools = /* @__PURE__ */ new Set();
    for (const m of models) {
      if (answered.length >= MAX_EACH) break;
      if (!producedAnswer(m)) continue;
      const given = toolMessages(m);
      const fromInput = failedTools.find((t) => !usedTools.has(t) && given.some((g) => mentions(g, t)));
      const before = failedTools.filter((t) => !usedTools.has(t) && endOf(t.span) <= m.span.startMs).at(-1);
      const tool = fromInput ?? before;
      if (tool) {
        usedTools.add(tool);
        const msg = given.find((g) => mentions(g, tool));
        answered.push({ llmSpanId: m.span.id, llmName: m.span.name, llmRef: nameRef(tree, m), toolSpanId: tool.span.id, toolName: tool.span.name, toolRef: nameRef(tree, tool), error: msg ?? errorText(tool), errorInInput: msg !== void 0 });
        continue;
      }
      const errMsg = given.find((g) => ERROR_WORDS.test(g));
      if (errMsg !== void 0) {
        const toolSpan = tree.nodes.filter((n) => spanType(n.span) === "TOOL" && endOf(n.span) <= m.span.startMs).at(-1);
        if (toolSpan && usedTools.has(toolSpan)) continue;
        if (toolSpan) usedTools.add(toolSpan);
        answered.push({ llmSpanId: m.span.id, llmName: m.span.name, llmRef: nameRef(tree, m), toolSpanId: toolSpan?.span.id ?? "", toolName: toolSpan?.span.name ?? "a tool", toolRef: toolSpan ? nameRef(tree, toolSpan) : "a tool", error: errMsg, errorInInput: true });
      }
    }
  }
  return { caught: caught.slice(0, MAX_EACH), okDespiteFailures, answeredAfterFailedTool: answered };
}
function mentions(text, tool) {
  const ex = spanExceptions(tool.span).at(-1);
  const needle = (ex?.message || tool.span.statusMessage).trim().slice(0, 60);
  if (needle && text.includes(needle)) return true;
  return ERROR_WORDS.test(text) && (text.includes(tool.span.name) || !needle);
}
function modelHistory(tree, fallback = null) {
  const models = tree.nodes.filter((n) => MODEL_TYPES.has(spanType(n.span) ?? "")).sort((a, b) => a.span.startMs - b.span.startMs);
  for (const node of [...models, ...fallback ? [fallback] : []]) {
    const value = spanInputs(node.span)?.value;
    const msgs = value === void 0 ? null : messagesOf(value);
    if (!msgs) continue;
    let lastUser = -1;
    msgs.forEach((m, i) => {
      if (m.role === "user") lastUser = i;
    });
    if (lastUser < 0) continue;
    const earlier = msgs.slice(0, lastUser).filter((m) => m.role === "user" || m.role === "assistant").length;
    return { spanId: node.span.id, spanName: node.span.name, earlierMessages: earlier };
  }
  return null;
}

// scripts/lib/analysis/tokens.ts
var add = (a, b) => a === null && b === null ? null : (a ?? 0) + (b ?? 0);
function analyseTokens(trace, tree) {
  const counted = [];
  const stack = [...tree.roots];
  while (stack.length) {
    const node = stack.pop();
    const u = spanTokenUsage(node.span);
    if (u) counted.push({ node, usage: u });
    else stack.push(...node.children);
  }
  let total = null;
  let source = null;
  const models = /* @__PURE__ */ new Map();
  if (counted.length) {
    total = { input: null, output: null, total: null };
    for (const { node, usage } of counted) {
      total = { input: add(total.input, usage.input), output: add(total.output, usage.output), total: add(total.total, usage.total) };
      const model = spanModel(node.span) ?? "(model not recorded)";
      const m = models.get(model) ?? { model, calls: 0, input: null, output: null, total: null };
      m.calls += 1;
      m.input = add(m.input, usage.input);
      m.output = add(m.output, usage.output);
      m.total = add(m.total, usage.total);
      models.set(model, m);
    }
    source = `span attributes (${[...new Set(counted.map((c) => c.usage.convention))].join(", ")})`;
  } else {
    const meta = parseUsageDict(decodeValue(trace.info.metadata["mlflow.trace.tokenUsage"]));
    if (meta) {
      total = meta;
      source = "trace metadata mlflow.trace.tokenUsage";
    }
  }
  const sumSpanCosts = () => {
    let sum = null;
    for (const node of tree.nodes) {
      const c = spanCost(node.span);
      if (!c) continue;
      const prev = sum ?? { input: null, output: null, total: null };
      sum = { input: add(prev.input, c.input), output: add(prev.output, c.output), total: add(prev.total, c.total) };
    }
    return sum;
  };
  const cost = parseCost(decodeValue(trace.info.metadata["mlflow.trace.cost"])) ?? sumSpanCosts();
  return { total, source, byModel: [...models.values()].sort((a, b) => (b.total ?? 0) - (a.total ?? 0)), cost };
}

export {
  analyseFindings,
  modelHistory,
  analyseTokens
};
