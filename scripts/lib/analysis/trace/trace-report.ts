/**
 * Everything health_check and inspect_turn say about one trace, as one plain object: the text
 * renderers and --json both print it, so they can never disagree.
 */
import type { EarlierTurn } from './provenance.js';
import { spanInputs, spanOutputs, spanType } from '../../trace/conventions.js';
import type { Trace } from '../../trace/trace.js';
import { buildTree, mainRoot, type SpanTree } from '../../trace/tree.js';
import { traceLink } from '../../mlflow/links.js';
import { summariseAssessments, type AssessmentSummary } from './assessments.js';
import { traceSource, type TraceSource } from '../code/code-target.js';
import type { ErrorSummary } from './failures.js';
import { collectFindings, type Findings } from '../findings/registry.js';
import { TraceFacts } from '../findings/trace-facts.js';
import type { TimingSummary } from './timing.js';
import { analyseTokens, type TokenSummary } from './tokens.js';
import { locateTurn, replyProse, type TurnIO } from './turn-io.js';

export interface TraceReport {
  traceId: string;
  experimentId: string | null;
  format: Trace['format'];
  state: string;
  requestTime: string | null;
  durationMs: number | null;
  spanCount: number;
  root: { spanId: string; name: string; type: string | null; attributeKeys: string[] } | null;
  sessionId: string | null;
  userId: string | null;
  requestPreview: string | null;
  responsePreview: string | null;
  turn: TurnIO;
  errors: ErrorSummary;
  /** One key per finding kind (analysis/findings/registry.ts). */
  findings: Findings;
  assessments: AssessmentSummary;
  timing: TimingSummary;
  tokens: TokenSummary;
  warnings: string[];
  /** The trace in the MLflow UI, when the tracking URI is a server. */
  link: string | null;
  /** Where the code that ran lives (entry script, git commit and branch), for locate_code. */
  source: TraceSource | null;
}

/** MLflow cuts previews at 1,000 characters with a trailing "...". */
const PREVIEW_CUT = 997;

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/**
 * A preview is cut only when it is at MLflow's limit, ends with MLflow's "...", and the root
 * span holds something longer that it does not equal: a long answer that merely ends with
 * "..." is not a cut, and with nothing longer to read there is nothing to point to.
 */
export function previewIsCut(preview: string | null, rootValue: unknown): boolean {
  if (!preview || preview.length < PREVIEW_CUT || !preview.endsWith('...')) return false;
  if (rootValue === undefined || rootValue === null) return false;
  const full = squash(typeof rootValue === 'string' ? rootValue : (JSON.stringify(rootValue) ?? ''));
  const shown = squash(preview);
  return full !== shown && full.length > shown.length - 3;
}

/** The facts one report reads (its turn located, the reply as text), gathered before the report when a command must look at them first. */
export function traceFacts(trace: Trace, tree: SpanTree = buildTree(trace.spans)): TraceFacts {
  const turn = locateTurn(trace, tree);
  return new TraceFacts(trace, tree, { turn, reply: replyProse(turn) });
}

/** `earlier`: the session's earlier turns, when read (a value the user gave there is a source of this turn's). */
export function analyseTrace(trace: Trace, tree: SpanTree = buildTree(trace.spans), earlier: readonly EarlierTurn[] = []): TraceReport {
  return reportOf(traceFacts(trace, tree), earlier);
}

/** The report over facts already gathered: the provenance pass that decided whether to read the session is reused, not run again. */
export function reportOf(facts: TraceFacts, earlier: readonly EarlierTurn[] = []): TraceReport {
  const { trace, tree } = facts;
  facts.addEarlier(earlier);
  const root = mainRoot(tree);
  const info = trace.info;
  const warnings: string[] = [];
  if (info.state === 'IN_PROGRESS') warnings.push('The trace is IN_PROGRESS: it may still be running, or its process died before it ended.');
  if (!trace.spans.length) warnings.push('The trace has no spans (saved without spans, or its span data is missing).');
  if (tree.unended.length)
    warnings.push(
      `${tree.unended.length} span(s) never ended: ${tree.unended
        .slice(0, 3)
        .map((n) => n.span.name)
        .join(', ')}${tree.unended.length > 3 ? ', …' : ''}.`,
    );
  if (tree.orphans.length) warnings.push(`${tree.orphans.length} orphan span(s): their parent is not in the trace (shown as extra roots).`);
  if (tree.cycles.length) warnings.push(`${tree.cycles.length} span(s) sit on a parent cycle (the cycle was cut to draw the tree).`);
  if (tree.duplicateIds.length) warnings.push(`${tree.duplicateIds.length} duplicate span id(s): the first span with each id is used.`);
  const trueRoots = tree.roots.filter((r) => r.anomaly === null).length;
  if (trueRoots > 1) warnings.push(`${trueRoots} root spans (more than one span without a parent).`);
  const errors = facts.errors;
  const rootIn = root ? spanInputs(root.span)?.value : undefined;
  const rootOut = root ? spanOutputs(root.span)?.value : undefined;
  // A cut preview matters only where the turn's own text was not found in the spans: otherwise
  // the whole text is what every view shows (a 70-char answer is not "cut" because MLflow's
  // preview of the root's full message list was).
  const turn = facts.turn;
  if (!turn.user && previewIsCut(info.requestPreview, rootIn))
    warnings.push('request_preview is cut by MLflow at 1,000 chars: read the root span inputs for the whole request.');
  if (!turn.reply && previewIsCut(info.responsePreview, rootOut))
    warnings.push('response_preview is cut by MLflow at 1,000 chars: read the root span outputs for the whole response.');

  return {
    traceId: info.traceId,
    experimentId: info.experimentId,
    format: trace.format,
    state: info.state,
    requestTime: info.requestTimeMs === null ? null : new Date(info.requestTimeMs).toISOString(),
    durationMs: info.durationMs ?? (root?.span.endMs != null ? root.span.endMs - root.span.startMs : null),
    spanCount: trace.spans.length,
    root: root ? { spanId: root.span.id, name: root.span.name, type: spanType(root.span), attributeKeys: Object.keys(root.span.rawAttributes) } : null,
    sessionId: info.sessionId,
    userId: info.userId,
    requestPreview: info.requestPreview,
    responsePreview: info.responsePreview,
    turn,
    errors,
    findings: collectFindings(facts),
    assessments: summariseAssessments(info.assessments, tree),
    timing: facts.timing,
    tokens: analyseTokens(trace, tree),
    warnings,
    link: traceLink(info.experimentId, info.traceId),
    source: traceSource(trace),
  };
}
