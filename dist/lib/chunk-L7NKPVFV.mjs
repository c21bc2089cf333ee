import {
  replyText,
  spanInputs,
  spanOutputs,
  textOrPreview,
  userText
} from "./chunk-2IPHA5SA.mjs";
import {
  decodeValue,
  mainRoot
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/trace/turn-io.ts
var OPAQUE = /^<[\w.]+(?: object)? at 0x[0-9a-f]+>$|^<[\w.]+ object>$/i;
var readable = (e) => !!e && e.shape !== "json" && !OPAQUE.test(e.text.trim()) && e.text.trim() !== "";
var keyOf = (l) => l ? { key: l.key, convention: l.convention } : null;
var TURN_TEXT_MAX = 4e3;
function bounded(e) {
  if (!e || e.text.length <= TURN_TEXT_MAX) return e;
  return { ...e, text: `${e.text.slice(0, TURN_TEXT_MAX)}… [+${(e.text.length - TURN_TEXT_MAX).toLocaleString("en-US")} chars; whole: inspect_turn --span]` };
}
function readSpan(node) {
  const inputs = spanInputs(node.span);
  const outputs = spanOutputs(node.span);
  return { inputs, outputs, user: inputs ? userText(inputs.value) : null, reply: outputs ? replyText(outputs.value) : null };
}
var replyProse = (turn) => turn.reply && turn.reply.shape !== "json" ? turn.reply.text : null;
function locateTurn(trace, tree) {
  const root = mainRoot(tree);
  if (!root)
    return {
      ...turnFromInfo(trace.info),
      spanId: null,
      spanName: null,
      depth: 0,
      inputs: null,
      outputs: null,
      rootIsWrapper: false,
      source: "trace info (no spans)"
    };
  const rootRead = readSpan(root);
  let chosen = { node: root, read: rootRead };
  if (!readable(rootRead.user)) {
    let partial = null;
    const queue = [...root.children];
    for (let i = 0; i < queue.length && i < 5e3; i++) {
      const node = queue[i];
      const read = readSpan(node);
      const u = readable(read.user);
      const r = readable(read.reply);
      if (u && r) {
        partial = null;
        chosen = { node, read };
        break;
      }
      if (!partial && (u || r)) partial = { node, read };
      queue.push(...node.children);
    }
    if (partial) chosen = partial;
  }
  const rootIsWrapper = chosen.node !== root;
  const keys = [chosen.read.inputs?.key, chosen.read.outputs?.key].filter(Boolean).join(" / ");
  return {
    spanId: chosen.node.span.id,
    spanName: chosen.node.span.name,
    depth: chosen.node.depth,
    inputs: keyOf(chosen.read.inputs),
    outputs: keyOf(chosen.read.outputs),
    user: bounded(readable(chosen.read.user) ? chosen.read.user : chosen.read.inputs ? textOrPreview(chosen.read.inputs.value, "in") : null),
    reply: bounded(readable(chosen.read.reply) ? chosen.read.reply : chosen.read.outputs ? textOrPreview(chosen.read.outputs.value, "out") : null),
    rootIsWrapper,
    source: `span "${chosen.node.span.name}"${keys ? ` (${keys})` : ""}`
  };
}
function turnFromInfo(info) {
  const from = (preview, meta, side) => {
    for (const raw of [preview, meta]) {
      if (!raw) continue;
      const found = textOrPreview(decodeValue(raw), side);
      if (found && !OPAQUE.test(found.text.trim())) return found;
    }
    return null;
  };
  return {
    user: bounded(from(info.requestPreview, info.metadata["mlflow.traceInputs"], "in")),
    reply: bounded(from(info.responsePreview, info.metadata["mlflow.traceOutputs"], "out"))
  };
}

export {
  replyProse,
  locateTurn,
  turnFromInfo
};
