import {
  SkillError,
  attr,
  attrUnkept,
  isSecretKey
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/cli/out-dir.ts
import { accessSync, constants, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
function prepareOutDir(outDir) {
  if (!outDir) return mkdtempSync(join(tmpdir(), "mlflow-traces-"));
  const dir = resolve(outDir);
  try {
    makeDirs(dir);
    if (!statSync(dir).isDirectory()) throw new Error("not a directory");
    accessSync(dir, constants.W_OK);
  } catch {
    throw new SkillError("output-dir", `Cannot write to --out-dir ${dir}.`, {
      hint: "Pick a writable directory, or leave --out-dir out to use a private temp directory."
    });
  }
  return dir;
}
function makeDirs(dir) {
  const missing = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d, { mode: 448 });
}
var SPECIAL = /^\/(?:dev|proc|sys)(?:\/|$)/;
function linkTarget(file) {
  try {
    return lstatSync(file).isSymbolicLink() ? resolve(dirname(file), readlinkSync(file)) : "";
  } catch {
    return "";
  }
}
var MAX_OUT_BYTES = 256 * 1024 * 1024;
function checkOutputFile(path, flag, writes) {
  const hint = `Give ${flag} the path of a regular file in a writable directory (it is created if missing).`;
  if (path === "-")
    throw new SkillError("usage", `${flag} - would write a file named "-": this option takes a file path.`, {
      hint: `${hint} --json prints the case on stdout.`
    });
  const file = resolve(path);
  const refuse = (why) => new SkillError("output-dir", `Cannot use ${flag} ${file}: ${why}.`, { hint });
  if (SPECIAL.test(file) || SPECIAL.test(linkTarget(file))) throw refuse("it is a device or process file, not a regular file");
  let st;
  try {
    st = statSync(file);
  } catch (err) {
    if (err.code !== "ENOENT") throw refuse(`it cannot be read (${err.code})`);
  }
  if (st?.isDirectory()) throw refuse("it is a directory");
  if (st && !st.isFile()) throw refuse("it is not a regular file (a device, FIFO or socket)");
  if (st && st.size > MAX_OUT_BYTES) throw refuse(`it is ${Math.round(st.size / 1048576)} MB, too large to be a file of cases`);
  if (!writes) return file;
  let dir = dirname(file);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  try {
    if (!statSync(dir).isDirectory()) throw refuse(`${dir} is not a directory`);
    accessSync(st ? file : dir, constants.W_OK);
  } catch (err) {
    throw err instanceof SkillError ? err : refuse(`${st ? "the file" : dir} is not writable`);
  }
  return file;
}

// scripts/lib/trace/part-messages.ts
var isObj = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var isPartMessage = (v) => isObj(v) && Array.isArray(v.parts) && (v.kind === "request" || v.kind === "response");
var text = (v) => {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return String(v);
  }
};
function partMessage(p) {
  if (!isObj(p)) return null;
  switch (p.part_kind) {
    case "system-prompt":
      return { role: "system", text: text(p.content) };
    case "user-prompt":
      return { role: "user", text: Array.isArray(p.content) ? p.content.filter((c) => typeof c === "string").join("\n") : text(p.content) };
    case "tool-return":
      return { role: "tool", text: text(p.content) };
    // A tool's ModelRetry (or arguments that failed validation) goes back to the model as a retry prompt.
    case "retry-prompt":
      return { role: typeof p.tool_name === "string" ? "tool" : "user", text: text(p.content) };
    case "text":
      return { role: "assistant", text: text(p.content) };
    case "tool-call":
      return { role: "assistant", text: `[tool call: ${String(p.tool_name)}]` };
    default:
      return null;
  }
}
function partMessages(list) {
  if (!list.length || !list.every(isPartMessage)) return null;
  const instructions = [...list].reverse().find((m) => m.kind === "request" && typeof m.instructions === "string");
  const out = [];
  if (instructions) out.push({ role: "system", text: String(instructions.instructions) });
  for (const m of list) for (const p of m.parts) out.push(...[partMessage(p)].filter((x) => x !== null));
  return out;
}
function partReply(value) {
  if (!isPartMessage(value) || value.kind !== "response") return null;
  const msgs = value.parts.map(partMessage).filter((m) => m !== null && m.role === "assistant");
  const texts = msgs.filter((m) => !m.text.startsWith("[tool call: "));
  if (texts.length) return texts.map((m) => m.text).join("\n");
  return msgs.length ? `[tool call: ${msgs.map((m) => m.text.slice(12, -1)).join(", ")}]` : null;
}
function partToolCalls(value) {
  if (!isPartMessage(value)) return [];
  return value.parts.filter((p) => isObj(p) && p.part_kind === "tool-call" && typeof p.tool_name === "string").map((p) => ({ name: String(p.tool_name), args: p.args === void 0 || p.args === null ? "" : text(p.args) }));
}

// scripts/lib/trace/messages.ts
var isObj2 = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
var ROLE_ALIASES = {
  user: "user",
  human: "user",
  humanmessage: "user",
  input: "user",
  assistant: "assistant",
  ai: "assistant",
  aimessage: "assistant",
  model: "assistant",
  bot: "assistant",
  aimessagechunk: "assistant",
  system: "system",
  systemmessage: "system",
  developer: "system",
  tool: "tool",
  function: "tool",
  toolmessage: "tool",
  ipython: "tool"
};
function roleOf(m) {
  const raw = m.role ?? m.type ?? (isObj2(m.kwargs) ? m.kwargs.type : void 0) ?? (Array.isArray(m.id) ? m.id.at(-1) : void 0);
  if (typeof raw !== "string") return null;
  return ROLE_ALIASES[raw.toLowerCase()] ?? "other";
}
function contentText(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const texts = content.map((b) => {
      if (typeof b === "string") return b;
      if (!isObj2(b)) return null;
      if (typeof b.text === "string") return b.text;
      if (typeof b.content === "string") return b.content;
      if (isObj2(b.text) && typeof b.text.value === "string") return b.text.value;
      return null;
    }).filter((t) => t !== null);
    return texts.length ? texts.join("\n") : null;
  }
  if (isObj2(content) && typeof content.text === "string") return content.text;
  return null;
}
function messageOf(m) {
  if (!isObj2(m)) return null;
  const role = roleOf(m);
  if (!role) return null;
  const body = isObj2(m.kwargs) ? m.kwargs : m;
  const text2 = contentText(body.content ?? body.parts ?? body.text);
  if (text2 !== null) return { role, text: text2 };
  const calls = body.tool_calls ?? (isObj2(body.additional_kwargs) ? body.additional_kwargs.tool_calls : void 0);
  if (Array.isArray(calls) && calls.length) {
    const names = calls.map((c) => isObj2(c) && isObj2(c.function) ? c.function.name : isObj2(c) ? c.name : "?").join(", ");
    return { role, text: `[tool call: ${names}]` };
  }
  return { role, text: "" };
}
function messagesOf(value) {
  let list = value;
  if (isObj2(value)) {
    list = value.messages ?? value.input ?? value.output ?? value.contents;
    if (Array.isArray(list) && list.length === 1 && Array.isArray(list[0])) list = list[0];
  }
  if (!Array.isArray(list) || list.length === 0) return null;
  const parts = partMessages(list);
  if (parts) return parts;
  const msgs = list.map(messageOf);
  if (msgs.some((m) => m === null)) return null;
  return msgs;
}
function flattenedMessages(attrs, prefix) {
  const re = new RegExp(`^${prefix.replace(/\./g, "\\.")}\\.(\\d+)\\.(?:message\\.)?(role|content)$`);
  const slots = /* @__PURE__ */ new Map();
  for (const [key, value] of Object.entries(attrs)) {
    const m = re.exec(key);
    if (!m) continue;
    const slot = slots.get(Number(m[1])) ?? {};
    const v = typeof value === "string" ? value : JSON.stringify(value);
    if (m[2] === "role") slot.role = v;
    else slot.content = v;
    slots.set(Number(m[1]), slot);
  }
  if (!slots.size) return null;
  return [...slots.entries()].sort((a, b) => a[0] - b[0]).map(([, s]) => ({
    role: ROLE_ALIASES[(s.role ?? "").toLowerCase()] ?? "other",
    text: s.content ?? ""
  }));
}
var TEXT_FIELDS_IN = ["query", "question", "input", "prompt", "user_input", "message", "text", "content", "request", "inputs"];
var TEXT_FIELDS_OUT = ["answer", "output", "response", "result", "text", "content", "completion", "reply", "outputs", "generated_text"];
function preview(value, max = 200) {
  let s;
  try {
    s = typeof value === "string" ? value : JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
function singleField(value, fields, depth, side) {
  for (const f of fields) {
    if (!(f in value)) continue;
    const inner = side === "in" ? userText(value[f], depth + 1) : replyText(value[f], depth + 1);
    if (inner && inner.shape !== "json") return { text: inner.text, shape: `${f}${inner.shape === "string" ? "" : `.${inner.shape}`}` };
  }
  const strings = Object.entries(value).filter(([k, v]) => typeof v === "string" && !isSecretKey(k));
  const scalarsBeside = Object.values(value).some((v) => typeof v === "number" || typeof v === "boolean");
  if (strings.length === 1 && Object.keys(value).length <= 3 && !scalarsBeside) {
    const [k, v] = strings[0];
    return { text: v, shape: k, lone: true };
  }
  return null;
}
function userText(value, depth = 0) {
  if (value === void 0 || value === null || depth > 4) return null;
  if (typeof value === "string") return value.trim() ? { text: value, shape: "string" } : null;
  const msgs = messagesOf(value);
  if (msgs) {
    const lastUser = [...msgs].reverse().find((m) => m.role === "user");
    if (lastUser) return { text: lastUser.text, shape: "messages[last user]" };
    const last = msgs.at(-1);
    if (last) return { text: last.text, shape: "messages[last]" };
  }
  if (isObj2(value)) {
    if (isObj2(value.request)) return userText(value.request, depth + 1);
    return singleField(value, TEXT_FIELDS_IN, depth, "in");
  }
  return null;
}
function replyText(value, depth = 0) {
  if (value === void 0 || value === null || depth > 4) return null;
  if (typeof value === "string") return value.trim() ? { text: value, shape: "string" } : null;
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === "string") return replyText(value[0], depth + 1);
  const parts = partReply(value);
  if (parts !== null) return { text: parts, shape: "parts" };
  if (isObj2(value)) {
    const choices = value.choices;
    if (Array.isArray(choices) && isObj2(choices[0])) {
      const c = choices[0];
      const t = isObj2(c.message) ? contentText(c.message.content) ?? messageOf(c.message)?.text : typeof c.text === "string" ? c.text : null;
      if (t != null) return { text: t, shape: "choices[0].message" };
    }
    const gens = value.generations;
    if (Array.isArray(gens)) {
      const g = Array.isArray(gens[0]) ? gens[0][0] : gens[0];
      if (isObj2(g) && typeof g.text === "string") return { text: g.text, shape: "generations[0][0].text" };
    }
    if (value.role !== void 0 && value.content !== void 0) {
      const m = messageOf(value);
      if (m) return { text: m.text, shape: "message.content" };
    }
  }
  const msgs = messagesOf(value);
  if (msgs) {
    const lastReply = [...msgs].reverse().find((m) => m.role === "assistant");
    if (lastReply) return { text: lastReply.text, shape: "messages[last assistant]" };
  }
  if (isObj2(value)) return singleField(value, TEXT_FIELDS_OUT, depth, "out");
  return null;
}
function textOrPreview(value, side, max = 200) {
  if (value === void 0 || value === null) return null;
  const found = side === "in" ? userText(value) : replyText(value);
  if (found) return found;
  const p = preview(value, max);
  return p === "{}" || p === "[]" || p === '""' ? null : { text: p, shape: "json" };
}
var argsText = (v) => {
  if (v === void 0 || v === null) return "";
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v) ?? "";
  } catch {
    return "";
  }
};
function callOf(c) {
  if (!isObj2(c)) return null;
  if (isObj2(c.function) && typeof c.function.name === "string") return { name: c.function.name, args: argsText(c.function.arguments) };
  if (c.type === "tool_use" && typeof c.name === "string") return { name: c.name, args: argsText(c.input) };
  if (c.type === "function_call" && typeof c.name === "string") return { name: c.name, args: argsText(c.arguments) };
  if (typeof c.name === "string" && ("args" in c || "arguments" in c)) return { name: c.name, args: argsText(c.args ?? c.arguments) };
  return null;
}
var callsIn = (list) => Array.isArray(list) ? list.map(callOf).filter((c) => c !== null) : [];
function toolCallsOf(value, depth = 0) {
  if (typeof value === "string") return dspyToolCall(value);
  if (isPartMessage(value)) return partToolCalls(value);
  if (!isObj2(value) || depth > 3) return Array.isArray(value) && depth <= 3 ? value.flatMap((v) => toolCallsOf(v, depth + 1)) : [];
  const choices = value.choices;
  if (Array.isArray(choices) && isObj2(choices[0])) return toolCallsOf(choices[0].message, depth + 1);
  const gens = value.generations;
  if (Array.isArray(gens)) {
    const g = Array.isArray(gens[0]) ? gens[0][0] : gens[0];
    return isObj2(g) ? toolCallsOf(g.message, depth + 1) : [];
  }
  const body = isObj2(value.kwargs) ? value.kwargs : value;
  const direct = callsIn(body.tool_calls ?? (isObj2(body.additional_kwargs) ? body.additional_kwargs.tool_calls : void 0));
  if (direct.length) return direct;
  const blocks = callsIn(Array.isArray(body.content) ? body.content : body.output);
  if (blocks.length) return blocks;
  if (typeof body.next_tool_name === "string" && body.next_tool_name !== "finish") return [{ name: body.next_tool_name, args: argsText(body.next_tool_args) }];
  return [];
}
function dspyToolCall(text2) {
  const field = (name2) => {
    const at = text2.indexOf(`[[ ## ${name2} ## ]]`);
    if (at < 0) return null;
    const rest = text2.slice(at + name2.length + 12);
    const end = rest.indexOf("[[ ## ");
    return (end < 0 ? rest : rest.slice(0, end)).trim();
  };
  const name = field("next_tool_name");
  return name && name !== "finish" ? [{ name, args: field("next_tool_args") ?? "" }] : [];
}

// scripts/lib/trace/conventions.ts
var INPUT_KEYS = [
  ["mlflow.spanInputs", "mlflow"],
  ["gen_ai.input.messages", "otel-genai"],
  ["gen_ai.prompt", "otel-genai"],
  ["input.value", "openinference"],
  ["traceloop.entity.input", "openllmetry"]
];
var OUTPUT_KEYS = [
  ["mlflow.spanOutputs", "mlflow"],
  ["gen_ai.output.messages", "otel-genai"],
  ["gen_ai.completion", "otel-genai"],
  ["output.value", "openinference"],
  ["traceloop.entity.output", "openllmetry"]
];
var FLAT_INPUTS = [
  ["llm.input_messages", "openinference"],
  ["gen_ai.prompt", "openllmetry"]
];
var FLAT_OUTPUTS = [
  ["llm.output_messages", "openinference"],
  ["gen_ai.completion", "openllmetry"]
];
function locate(span, keys, flat, read = attr) {
  for (const [key, convention] of keys) {
    const value = read(span, key);
    if (value !== void 0 && value !== null) return { value: decodeNested(value), key, convention };
  }
  for (const [prefix, convention] of flat) {
    const msgs = flattenedMessages(span.rawAttributes, prefix);
    if (msgs) return { value: { messages: msgs.map(toChat) }, key: `${prefix}.N.*`, convention };
  }
  return null;
}
var toChat = (m) => ({ role: m.role, content: m.text });
function decodeNested(value) {
  if (typeof value !== "string") return value;
  const t = value.trim();
  if (t.startsWith("{") && t.endsWith("}") || t.startsWith("[") && t.endsWith("]")) {
    try {
      return JSON.parse(t);
    } catch {
      return value;
    }
  }
  return value;
}
var spanInputs = (span) => locate(span, INPUT_KEYS, FLAT_INPUTS);
var spanInputsUnkept = (span) => locate(span, INPUT_KEYS, FLAT_INPUTS, attrUnkept);
function storedInput(span) {
  const raw = firstDirect(span, "in")?.raw;
  return typeof raw === "string" ? raw : null;
}
function ioKeysPresent(span, side) {
  const found = directKeys(side).filter(([k]) => k in span.rawAttributes).map(([key, convention]) => ({ key, convention }));
  for (const [prefix, convention] of flatKeys(side)) if (hasFlat(span, prefix)) found.push({ key: `${prefix}.N.*`, convention });
  return found;
}
var directKeys = (side) => side === "in" ? INPUT_KEYS : OUTPUT_KEYS;
var flatKeys = (side) => side === "in" ? FLAT_INPUTS : FLAT_OUTPUTS;
function hasFlat(span, prefix) {
  const dotted = `${prefix}.`;
  for (const k in span.rawAttributes) if (k.startsWith(dotted)) return true;
  return false;
}
function storedSide(span, side) {
  const first = firstDirect(span, side);
  if (typeof first?.raw === "string")
    return first.raw === "null" || first.raw === "" ? null : { value: first.raw, key: first.key, convention: first.convention };
  if (!first && !flatKeys(side).some(([prefix]) => hasFlat(span, prefix))) return null;
  return side === "in" ? spanInputs(span) : spanOutputs(span);
}
function firstDirect(span, side) {
  for (const [key, convention] of directKeys(side)) if (key in span.rawAttributes) return { key, convention, raw: span.rawAttributes[key] };
  return null;
}
var spanOutputs = (span) => locate(span, OUTPUT_KEYS, FLAT_OUTPUTS);
var num = (v) => {
  const n = typeof v === "string" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
};
function usage(input, output, total) {
  const u = { input: num(input), output: num(output), total: num(total) };
  if (u.input === null && u.output === null && u.total === null) return null;
  if (!u.input && !u.output && !u.total) return null;
  if (u.total === null && (u.input !== null || u.output !== null)) u.total = (u.input ?? 0) + (u.output ?? 0);
  return u;
}
function parseUsageDict(value) {
  if (typeof value !== "object" || value === null) return null;
  const v = value;
  return usage(v.input_tokens ?? v.prompt_tokens, v.output_tokens ?? v.completion_tokens, v.total_tokens);
}
var USAGE_KEYS = [
  "mlflow.chat.tokenUsage",
  ...["input_tokens", "prompt_tokens", "output_tokens", "completion_tokens", "total_tokens"].map((k) => `gen_ai.usage.${k}`),
  ...["prompt", "completion", "total"].map((k) => `llm.token_count.${k}`),
  ...["prompt_tokens", "completion_tokens", "total_tokens"].map((k) => `llm.usage.${k}`)
];
var USAGE_KEY_SET = new Set(USAGE_KEYS);
function holdsUsage(span) {
  let seen = 0;
  for (const k in span.rawAttributes) {
    if (USAGE_KEY_SET.has(k)) return true;
    if (++seen > USAGE_KEYS.length) return USAGE_KEYS.some((u) => u in span.rawAttributes);
  }
  return false;
}
function spanTokenUsage(span) {
  if (!holdsUsage(span)) return null;
  const a = (k) => attr(span, k);
  const found = [
    [parseUsageDict(a("mlflow.chat.tokenUsage")), "mlflow.chat.tokenUsage", "mlflow"],
    [
      usage(
        a("gen_ai.usage.input_tokens") ?? a("gen_ai.usage.prompt_tokens"),
        a("gen_ai.usage.output_tokens") ?? a("gen_ai.usage.completion_tokens"),
        a("gen_ai.usage.total_tokens")
      ),
      "gen_ai.usage.*",
      "otel-genai"
    ],
    [usage(a("llm.token_count.prompt"), a("llm.token_count.completion"), a("llm.token_count.total")), "llm.token_count.*", "openinference"],
    [usage(a("llm.usage.prompt_tokens"), a("llm.usage.completion_tokens"), a("llm.usage.total_tokens")), "llm.usage.*", "openllmetry"]
  ];
  let merged = null;
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
function parseCost(value) {
  if (typeof value !== "object" || value === null) return null;
  const v = value;
  const c = { input: num(v.input_cost), output: num(v.output_cost), total: num(v.total_cost) };
  return c.input === null && c.output === null && c.total === null ? null : c;
}
var spanCost = (span) => parseCost(attr(span, "mlflow.llm.cost"));
var str = (v) => typeof v === "string" && v ? v : null;
function spanModel(span) {
  for (const k of ["mlflow.llm.model", "gen_ai.response.model", "gen_ai.request.model", "llm.model_name", "llm.request.model", "llm.response.model"]) {
    const v = str(attr(span, k));
    if (v) return v;
  }
  const inputs = attr(span, "mlflow.spanInputs");
  if (inputs && typeof inputs === "object" && !Array.isArray(inputs)) return str(inputs.model);
  return null;
}
var OPENINFERENCE_KIND = {
  LLM: "LLM",
  CHAIN: "CHAIN",
  TOOL: "TOOL",
  AGENT: "AGENT",
  RETRIEVER: "RETRIEVER",
  EMBEDDING: "EMBEDDING",
  RERANKER: "RERANKER",
  GUARDRAIL: "GUARDRAIL",
  EVALUATOR: "EVALUATOR"
};
var GENAI_OPERATION = {
  chat: "CHAT_MODEL",
  text_completion: "LLM",
  generate_content: "LLM",
  embeddings: "EMBEDDING",
  execute_tool: "TOOL",
  invoke_agent: "AGENT",
  create_agent: "AGENT"
};
var kinds = /* @__PURE__ */ new WeakMap();
function spanType(span) {
  let kind = kinds.get(span);
  if (kind === void 0) kinds.set(span, kind = kindOf(span));
  return kind;
}
function kindOf(span) {
  const t = str(attrUnkept(span, "mlflow.spanType"));
  if (t) return t;
  const oi = str(attrUnkept(span, "openinference.span.kind"));
  if (oi) return OPENINFERENCE_KIND[oi.toUpperCase()] ?? oi.toUpperCase();
  const op = str(attrUnkept(span, "gen_ai.operation.name"));
  if (op) return GENAI_OPERATION[op] ?? op.toUpperCase();
  const tl = str(attrUnkept(span, "traceloop.span.kind"));
  if (tl) return tl.toUpperCase();
  return null;
}
function spanExceptions(span) {
  return span.events.filter((e) => e.name === "exception" || "exception.type" in e.attributes || "exception.message" in e.attributes).map((e) => {
    const a = e.attributes;
    const s = (k) => a[k] === void 0 || a[k] === null ? null : typeof a[k] === "string" ? a[k] : JSON.stringify(a[k]);
    return { type: s("exception.type") ?? "Exception", message: s("exception.message") ?? "", stackTrace: s("exception.stacktrace") };
  });
}

// scripts/lib/trace/model-spans.ts
var MODEL_SPAN_TYPES = /* @__PURE__ */ new Set(["LLM", "CHAT_MODEL"]);
var isModelSpan = (span) => MODEL_SPAN_TYPES.has(spanType(span) ?? "");
var wrappers = /* @__PURE__ */ new WeakMap();
function isModelCall(node) {
  if (!isModelSpan(node.span)) return false;
  let wraps = wrappers.get(node);
  if (wraps === void 0) {
    wraps = false;
    const stack = [...node.children];
    while (stack.length && !wraps) {
      const n = stack.pop();
      if (isModelSpan(n.span)) wraps = true;
      else stack.push(...n.children);
    }
    wrappers.set(node, wraps);
  }
  return !wraps;
}
function modelCallIds(spans) {
  const parent = new Map(spans.map((s) => [s.id, s.parentId]));
  const wrapping = /* @__PURE__ */ new Set();
  for (const s of spans) {
    if (!isModelSpan(s)) continue;
    const seen = /* @__PURE__ */ new Set();
    for (let p = s.parentId; p && !seen.has(p); p = parent.get(p) ?? null) seen.add(p);
    for (const p of seen) wrapping.add(p);
  }
  return new Set(spans.filter((s) => isModelSpan(s) && !wrapping.has(s.id)).map((s) => s.id));
}
function modelCallNote(span) {
  const parts = [];
  const model = spanModel(span);
  if (model) parts.push(model);
  const cache = attr(span, "cache");
  if (cache === true || cache === "true") parts.push("cache on");
  const hit = cachedTokens(span);
  if (hit) parts.push(`${hit.toLocaleString("en-US")} input tokens from cache`);
  return parts.length ? parts.join(", ") : null;
}
function cachedTokens(span) {
  for (const k of ["gen_ai.usage.cache_read_input_tokens", "gen_ai.usage.cache_read.input_tokens", "llm.token_count.prompt_details.cache_read"]) {
    const v = Number(attr(span, k));
    if (Number.isFinite(v) && v > 0) return v;
  }
  return null;
}

export {
  messagesOf,
  userText,
  replyText,
  textOrPreview,
  toolCallsOf,
  spanInputs,
  spanInputsUnkept,
  storedInput,
  ioKeysPresent,
  storedSide,
  spanOutputs,
  parseUsageDict,
  spanTokenUsage,
  parseCost,
  spanCost,
  spanModel,
  spanType,
  spanExceptions,
  isModelCall,
  modelCallIds,
  modelCallNote,
  prepareOutDir,
  checkOutputFile
};
