/**
 * Which span(s) locate_code looks for in the code, and what the trace says about their source:
 * the deepest failing span(s) by default (or the one asked for), the Python function behind an
 * `@mlflow.trace` span (`mlflow.spanFunctionName`, kept even when the span was renamed), the
 * stack traces of its exception and of the ancestors it propagated through, and the trace's
 * source metadata (entry script, git commit and branch). A span a framework opened by
 * autologging (LangChain, OpenAI, …) is not the user's code: it is named as such, with the
 * nearest ancestor that is.
 */
import { spanExceptions, spanType, type ExceptionInfo } from '../../trace/conventions.js';
import { attr, type Trace } from '../../trace/trace.js';
import { ancestry, mainRoot, type SpanNode, type SpanTree } from '../../trace/tree.js';
import { findErrors } from '../trace/failures.js';

export interface TraceSource {
  /** `mlflow.source.name`: the entry script as it was started (relative or absolute). */
  entryScript: string | null;
  commit: string | null;
  branch: string | null;
  /** Some span names the function it traced (`mlflow.spanFunctionName`). */
  hasFunctionNames: boolean;
}

const meta = (m: Record<string, string>, k: string): string | null => {
  const v = m[k]?.trim();
  return v ? v : null;
};

export const functionNameOf = (node: SpanNode): string | null => {
  const v = attr(node.span, 'mlflow.spanFunctionName');
  return typeof v === 'string' && v ? v : null;
};

export function traceSource(trace: Trace): TraceSource | null {
  const m = trace.info.metadata;
  const entry = meta(m, 'mlflow.source.name');
  const source: TraceSource = {
    // '<console>' is what MLflow records for an interactive session: no file to find.
    entryScript: entry && !entry.startsWith('<') ? entry : null,
    commit: meta(m, 'mlflow.source.git.commit'),
    branch: meta(m, 'mlflow.source.git.branch'),
    hasFunctionNames: trace.spans.some((s) => 'mlflow.spanFunctionName' in s.rawAttributes),
  };
  return source.entryScript || source.commit || source.hasFunctionNames ? source : null;
}

/**
 * Span names that frameworks' autologging and instrumentors give their spans: LangChain and
 * LangGraph classes, LlamaIndex, the OpenAI / Anthropic / Bedrock / Gemini clients, DSPy, and
 * the OTel GenAI "operation model" names.
 */
const LANGCHAIN_NAMES = [
  String.raw`Chat[A-Z]\w*|Azure\w*|RunnableSequence|RunnableLambda|RunnableParallel\w*|RunnablePassthrough|RunnableAssign|RunnableWithMessageHistory`,
  String.raw`AgentExecutor|\w+Chain|\w*Retriever|\w*OutputParser|\w*PromptTemplate|LangGraph|CompiledStateGraph|\w+ToolNode|ToolNode`,
];
const SDK_NAMES = [
  String.raw`Completions|AsyncCompletions|Chat\.Completions|Embeddings|Responses|Messages|AsyncMessages|Converse\w*|InvokeModel\w*`,
  String.raw`BaseChatModel|BaseLLM|OpenAI|Anthropic|Bedrock\w*|VertexAI\w*|GenerativeModel\.\w+|Predict|ChainOfThought|ReAct`,
];
const OPERATION_NAMES = '(?:chat|text_completion|embeddings|generate_content|execute_tool|invoke_agent|create_agent) .+';
const PROVIDER_NAMES = '(?:openai|anthropic|langchain|llama_index|dspy|litellm|bedrock|gemini)[.:/ ].*';
const FRAMEWORK_NAME = new RegExp(`^(?:${[...LANGCHAIN_NAMES, ...SDK_NAMES, OPERATION_NAMES, PROVIDER_NAMES].join('|')})$`);
const INSTRUMENTATION_KEYS = ['gen_ai.system', 'gen_ai.provider.name', 'llm.provider', 'llm.system', 'traceloop.entity.name', 'openinference.span.kind'];

/** Why a span looks autologged by a framework, or null when it looks like the user's code. */
export function frameworkReason(node: SpanNode): string | null {
  if (functionNameOf(node)) return null;
  const s = node.span;
  if (FRAMEWORK_NAME.test(s.name)) return `the name "${s.name}" is a framework's (autologging), and the span names no function of yours`;
  const key = INSTRUMENTATION_KEYS.find((k) => k in s.rawAttributes);
  if (key) return `it carries the instrumentation attribute ${key} and names no function of yours`;
  return null;
}

export interface CodeTarget {
  spanId: string;
  name: string;
  type: string | null;
  status: string;
  why: 'requested with --span' | 'deepest failing span' | 'root span (nothing failed)';
  /** `mlflow.spanFunctionName`, when the span was made by `@mlflow.trace`. */
  functionName: string | null;
  exception: ExceptionInfo | null;
  /** Stack traces of this span's exception and of its failing ancestors, deepest first. */
  stackTraces: string[];
  /** Set when a framework opened this span: why we think so. */
  framework: string | null;
  /** For a framework span: the nearest ancestor that is the user's own code. */
  userAncestor: { spanId: string; name: string; functionName: string | null } | null;
  /** Names from the root down to the span's parent. */
  path: string[];
}

function describe(node: SpanNode, why: CodeTarget['why']): CodeTarget {
  const chain = ancestry(node);
  const stackTraces: string[] = [];
  // The span's own exception, then the ancestors it propagated through (each re-raise records
  // more of the outer stack). A span that did not fail borrows nothing from its ancestors.
  for (const n of [node, ...[...chain].reverse()]) {
    if (n !== node && n.span.status !== 'ERROR') break;
    for (const e of spanExceptions(n.span)) if (e.stackTrace && !stackTraces.includes(e.stackTrace)) stackTraces.push(e.stackTrace);
    if (n === node && !stackTraces.length && node.span.status !== 'ERROR') break;
  }
  const framework = frameworkReason(node);
  let userAncestor: CodeTarget['userAncestor'] = null;
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
    path: chain.map((a) => a.span.name),
  };
}

/** The requested span, else the deepest failing span(s) (retries once), else the root. */
export function codeTargets(tree: SpanTree, requested?: SpanNode): CodeTarget[] {
  if (requested) return [describe(requested, 'requested with --span')];
  const culprits = findErrors(tree).culprits;
  const nodes = culprits.map((c) => tree.byId.get(c.spanId)).filter((n): n is SpanNode => !!n);
  if (nodes.length) return nodes.map((n) => describe(n, 'deepest failing span'));
  const root = mainRoot(tree);
  return root ? [describe(root, 'root span (nothing failed)')] : [];
}
