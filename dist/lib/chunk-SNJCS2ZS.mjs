import {
  findErrors
} from "./chunk-SUSXR56T.mjs";
import {
  prepareOutDir,
  spanExceptions,
  spanType
} from "./chunk-2IPHA5SA.mjs";
import {
  loadTrace
} from "./chunk-XMU4V6IM.mjs";
import {
  ancestry,
  attr,
  commandFor,
  mainRoot,
  text
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/code/code-target.ts
var meta = (m, k) => {
  const v = m[k]?.trim();
  return v ? v : null;
};
var functionNameOf = (node) => {
  const v = attr(node.span, "mlflow.spanFunctionName");
  return typeof v === "string" && v ? v : null;
};
function traceSource(trace) {
  const m = trace.info.metadata;
  const entry = meta(m, "mlflow.source.name");
  const source = {
    // '<console>' is what MLflow records for an interactive session: no file to find.
    entryScript: entry && !entry.startsWith("<") ? entry : null,
    commit: meta(m, "mlflow.source.git.commit"),
    branch: meta(m, "mlflow.source.git.branch"),
    hasFunctionNames: trace.spans.some((s) => "mlflow.spanFunctionName" in s.rawAttributes)
  };
  return source.entryScript || source.commit || source.hasFunctionNames ? source : null;
}
var LANGCHAIN_NAMES = [
  String.raw`Chat[A-Z]\w*|Azure\w*|RunnableSequence|RunnableLambda|RunnableParallel\w*|RunnablePassthrough|RunnableAssign|RunnableWithMessageHistory`,
  String.raw`AgentExecutor|\w+Chain|\w*Retriever|\w*OutputParser|\w*PromptTemplate|LangGraph|CompiledStateGraph|\w+ToolNode|ToolNode`
];
var SDK_NAMES = [
  String.raw`Completions|AsyncCompletions|Chat\.Completions|Embeddings|Responses|Messages|AsyncMessages|Converse\w*|InvokeModel\w*`,
  String.raw`BaseChatModel|BaseLLM|OpenAI|Anthropic|Bedrock\w*|VertexAI\w*|GenerativeModel\.\w+|Predict|ChainOfThought|ReAct`
];
var OPERATION_NAMES = "(?:chat|text_completion|embeddings|generate_content|execute_tool|invoke_agent|create_agent) .+";
var PROVIDER_NAMES = "(?:openai|anthropic|langchain|llama_index|dspy|litellm|bedrock|gemini)[.:/ ].*";
var FRAMEWORK_NAME = new RegExp(`^(?:${[...LANGCHAIN_NAMES, ...SDK_NAMES, OPERATION_NAMES, PROVIDER_NAMES].join("|")})$`);
var INSTRUMENTATION_KEYS = ["gen_ai.system", "gen_ai.provider.name", "llm.provider", "llm.system", "traceloop.entity.name", "openinference.span.kind"];
function frameworkReason(node) {
  if (functionNameOf(node)) return null;
  const s = node.span;
  if (FRAMEWORK_NAME.test(s.name)) return `the name "${s.name}" is a framework's (autologging), and the span names no function of yours`;
  const key = INSTRUMENTATION_KEYS.find((k) => k in s.rawAttributes);
  if (key) return `it carries the instrumentation attribute ${key} and names no function of yours`;
  return null;
}
function describe(node, why) {
  const chain = ancestry(node);
  const stackTraces = [];
  for (const n of [node, ...[...chain].reverse()]) {
    if (n !== node && n.span.status !== "ERROR") break;
    for (const e of spanExceptions(n.span)) if (e.stackTrace && !stackTraces.includes(e.stackTrace)) stackTraces.push(e.stackTrace);
    if (n === node && !stackTraces.length && node.span.status !== "ERROR") break;
  }
  const framework = frameworkReason(node);
  let userAncestor = null;
  if (framework) {
    const mine = [...chain].reverse().find((a) => functionNameOf(a)) ?? [...chain].reverse().find((a) => !frameworkReason(a));
    if (mine) userAncestor = { spanId: mine.span.id, name: mine.span.name, functionName: functionNameOf(mine) };
  }
  return {
    spanId: node.span.id,
    name: node.span.name,
    type: spanType(node.span),
    status: node.span.status,
    why,
    functionName: functionNameOf(node),
    exception: spanExceptions(node.span).at(-1) ?? null,
    stackTraces,
    framework,
    userAncestor,
    path: chain.map((a) => a.span.name)
  };
}
function codeTargets(tree, requested) {
  if (requested) return [describe(requested, "requested with --span")];
  const culprits = findErrors(tree).culprits;
  const nodes = culprits.map((c) => tree.byId.get(c.spanId)).filter((n) => !!n);
  if (nodes.length) return nodes.map((n) => describe(n, "deepest failing span"));
  const root = mainRoot(tree);
  return root ? [describe(root, "root span (nothing failed)")] : [];
}

// scripts/lib/commands/trace/trace-job.ts
var TRACE_ARGS = [{ key: "traceId", metavar: "TRACE_ID", help: "the trace (tr-… in MLflow 3, a request id in 2.x)" }];
var TRACE_SOURCE_OPTIONS = {
  fromFile: text("PATH", "analyse a saved `mlflow traces get` (or `traces search --output json`) file; no mlflow call")
};
async function loadTraceJob(input) {
  const { traceId, fromFile, outDir } = input;
  const dir = fromFile || !outDir ? void 0 : prepareOutDir(outDir);
  const loaded = await loadTrace({ traceId, fromFile, cli: { dir, timeoutMs: input.timeout * 1e3, fresh: input.fresh } });
  const source = fromFile ? ["--from-file", loaded.files[0] ?? fromFile] : [];
  const id = loaded.value.info.traceId;
  return {
    trace: loaded.value,
    files: loaded.files,
    fromFile: !!fromFile,
    again: (script, extra = []) => commandFor(script, [id, ...source, ...extra])
  };
}

export {
  functionNameOf,
  traceSource,
  codeTargets,
  TRACE_ARGS,
  TRACE_SOURCE_OPTIONS,
  loadTraceJob
};
