/**
 * inspect_turn: one trace in depth — the span tree with a waterfall and I/O previews, error
 * spans with their exceptions, assessments on their spans, and where the turn's input and
 * output live. `--span` shows one span whole.
 */
import { wantsEarlierTurns } from '../../analysis/findings/kinds/argument-origin.js';
import type { TraceFacts } from '../../analysis/findings/trace-facts.js';
import { traceEvidence, type Evidence } from '../../analysis/trace/evidence.js';
import { reportOf, traceFacts } from '../../analysis/trace/trace-report.js';
import { defineCommand } from '../../cli/command.js';
import { DEFAULT_MAX_CHARS } from '../../cli/common-options.js';
import { count, flag, text } from '../../cli/options.js';
import { SkillError } from '../../core/errors.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { renderBudgeted } from '../../render/budget.js';
import { rawJsonLines } from '../../render/files.js';
import { evidenceSections, firstDoubt } from '../../render/evidence-view.js';
import { headerLines } from '../../render/health.js';
import { inspectSections, jsonIdNote } from '../../render/inspect.js';
import { spanView, type SpanView } from '../../render/span-view.js';
import { commandFor } from '../../render/follow-up.js';
import { paint } from '../../render/style.js';
import { shortIdOf } from '../../render/tree-view.js';
import { nameRef, resolveSpan, type SpanRef } from '../../trace/span-ref.js';
import { buildTree, type SpanNode, type SpanTree } from '../../trace/tree.js';
import { loadTraceJob, TRACE_ARGS, TRACE_SOURCE_OPTIONS, type TraceJob } from './trace-job.js';
import { earlierTurnsOf } from './earlier-turns.js';
import type { EarlierTurn } from '../../analysis/trace/provenance.js';

export const inspectTurn = defineCommand({
  name: 'inspect_turn',
  summary:
    'One MLflow trace in depth: span tree (status, type, total/self time, waterfall, input/output previews),\n' +
    "error spans with exceptions, assessments, and where the turn's input and output live. One mlflow call.",
  args: TRACE_ARGS,
  options: {
    ...TRACE_SOURCE_OPTIONS,
    span: text(
      'KEY',
      'one span whole: decoded attributes, inputs, outputs, events, its children.\n' +
        'KEY: the id printed in the tree (8 hex chars; any unique prefix of 6+), the full\n' +
        'hex id, the base64 id as the JSON holds it, a name (the first in start order),\n' +
        'or NAME#N (the N-th span of that name in start order)',
    ),
    page: count('N', 'with --span: page N of the span view (long values, then its children)'),
    evidence: flag(
      'where each value the model produced came from: every tool argument and each sentence of the\n' +
        'reply beside the passage that best supports it, values marked same / different / nowhere\n' +
        '(with the nearest candidates); a heuristic',
    ),
  },
  async run({ args, opts }) {
    const job = await loadTraceJob({ ...opts, traceId: args.traceId });
    const tree = buildTree(job.trace.spans);
    const views = viewsOf(job, tree, opts.maxChars);
    if (opts.span && opts.evidence) throw new SkillError('usage', '--evidence shows the whole turn: give --span or --evidence, not both.');
    if (opts.span) return oneSpan(job, tree, views, opts.span, opts.page ?? 1);
    const facts = traceFacts(job.trace, tree);
    if (opts.evidence) return evidenceView(job, facts, views, opts);
    if (opts.page !== undefined)
      throw new SkillError('usage', '--page pages a span view: give --span too.', { hint: `e.g. ${views.spanCommand('<span_id>')} --page 2` });
    return wholeTrace(job, facts, views, opts.maxChars, await earlierTurnsOf(job, facts, opts));
  },
});

interface Views {
  spanCommand: (id: string) => string;
  viewOf: (node: SpanNode, note?: string) => SpanView;
  childrenCommand: (parent: SpanNode, from: number) => string;
}

/** Span views are built once each and shared: a "+N more children" line needs its parent's pages. */
function viewsOf(job: TraceJob, tree: SpanTree, maxChars: number): Views {
  // Follow-up commands keep a non-default --max-chars: pages are cut to it.
  const keep = maxChars !== DEFAULT_MAX_CHARS ? ['--max-chars', String(maxChars)] : [];
  const spanCommand = (id: string) => job.again('inspect_turn', ['--span', id, ...keep]);
  const pageArgs = (id: string, page: number) => ['--span', id, ...(page > 1 ? ['--page', String(page)] : []), ...keep];
  const views = new Map<SpanNode, SpanView>();
  const viewOf = (node: SpanNode, note?: string): SpanView => {
    let v = views.get(node);
    if (!v) {
      v = spanView(job.trace, tree, node, { maxChars, spanCommand, pageCommand: (p) => job.again('inspect_turn', pageArgs(node.span.id, p)), note });
      views.set(node, v);
    }
    return v;
  };
  const childrenCommand = (parent: SpanNode, from: number) => job.again('inspect_turn', pageArgs(parent.span.id, viewOf(parent).pageOfChild(from)));
  return { spanCommand, viewOf, childrenCommand };
}

const traceJsonLines = (job: TraceJob) =>
  rawJsonLines('trace', job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() });

function oneSpan(job: TraceJob, tree: SpanTree, views: Views, key: string, page: number) {
  const ref = resolveSpan(tree, key, job.trace.info.traceId);
  const node = ref.node;
  const s = node.span;
  const view = views.viewOf(node, sameNameNote(tree, ref));
  if (page > view.pages)
    throw new SkillError('usage', `--page ${page}: the view of span ${node.span.name} has ${view.pages === 1 ? '1 page' : `${view.pages} pages`}.`);
  return {
    json: {
      traceId: job.trace.info.traceId,
      span: { ...s, attributes: { ...s.rawAttributes } },
      ref: nameRef(tree, node),
      childIds: node.children.map((c) => c.span.id),
      matches: ref.sameName.map((n) => n.span.id),
    },
    files: { traceJson: job.files[0] ?? null },
    text: () => [view.render(page), ...traceJsonLines(job)].join('\n'),
  };
}

function wholeTrace(job: TraceJob, facts: TraceFacts, views: Views, maxChars: number, earlier: readonly EarlierTurn[]) {
  const tree = facts.tree;
  const report = reportOf(facts, earlier);
  const spans = () =>
    tree.nodes.map((n) => ({
      spanId: n.span.id,
      parentId: n.parent?.span.id ?? null,
      name: n.span.name,
      ref: nameRef(tree, n),
      status: n.span.status,
      startMs: n.span.startMs,
      endMs: n.span.endMs,
      depth: n.depth,
      anomaly: n.anomaly,
    }));
  const inspect = job.again('inspect_turn');
  return {
    json: {
      ...report,
      // Built only when --json prints it: the text view does not read 30,000 span records.
      get spans() {
        return spans();
      },
    },
    files: { traceJson: job.files[0] ?? null },
    text: () => {
      const follow = {
        inspect,
        inspectSpan: views.spanCommand,
        locate: (id: string) => job.again('locate_code', ['--span', id]),
        health: job.again('health_check'),
      };
      const footer = [...traceJsonLines(job), `One span whole: ${views.spanCommand('<span_id|name|NAME#N>')}`];
      const sections = inspectSections(report, tree, follow, { spanCommand: views.spanCommand, childrenCommand: views.childrenCommand, maxChars });
      return renderBudgeted(sections, footer, maxChars, `${inspect} --json`).text;
    },
  };
}

/** Where another trace of the session is read from: the same --from-file search output, else mlflow. */
const sameSource = (job: TraceJob): string[] => (job.fromFile && job.files[0] ? ['--from-file', job.files[0]] : []);

/** A value of the evidence not found as written: worth reading the session's earlier turns for. */
const doubted = (e: Evidence): boolean => [...e.calls.flatMap((c) => c.values), ...e.reply.flatMap((s) => s.values)].some((v) => v.verdict !== 'same');

async function evidenceView(job: TraceJob, facts: TraceFacts, views: Views, opts: { maxChars: number; timeout: number; fresh: boolean }) {
  let evidence = traceEvidence(facts.provenance);
  const earlier = await earlierTurnsOf(job, facts, opts, (f) => doubted(evidence) || wantsEarlierTurns(f.provenance));
  const report = reportOf(facts, earlier);
  // The session's turns joined the sources: the values are judged again against them (the pass is not run again).
  if (earlier.length) evidence = traceEvidence(facts.provenance);
  const again = job.again('inspect_turn', ['--evidence']);
  return {
    json: { traceId: job.trace.info.traceId, evidence, earlierTurnsRead: earlier.length },
    files: { traceJson: job.files[0] ?? null },
    text: () => {
      const sections = [{ name: 'header', priority: 0, lines: headerLines(report) }, ...evidenceSections(evidence, `${again} --json`)];
      const doubt = firstDoubt(evidence);
      const notFound = 'the first value not found as written';
      const footer = [
        ...traceJsonLines(job),
        doubt && 'trace' in doubt
          ? `Next: ${commandFor('inspect_turn', [doubt.trace, ...sameSource(job)])}  (${notFound}: the earlier turn holding its nearest spelling)`
          : doubt
            ? `Next: ${views.spanCommand(doubt.span)}  (${notFound}: its span whole)`
            : `Next: ${job.again('inspect_turn')}  (the span tree)`,
      ];
      return renderBudgeted(sections, footer, opts.maxChars, `${again} --json`).text;
    },
  };
}

/** When several spans share the name asked for: which one this is, and how to reach the others. */
function sameNameNote(tree: SpanTree, ref: SpanRef): string | undefined {
  if (ref.sameName.length < 2) return undefined;
  const name = ref.node.span.name;
  const form = (n: SpanNode) => `${name}#${ref.sameName.indexOf(n) + 1} (${shortIdOf(tree, n)})`;
  const failed = ref.sameName.filter((n) => n.span.status === 'ERROR');
  const list = ref.sameName.slice(0, 8).map(form).join(', ') + (ref.sameName.length > 8 ? `, … ${name}#${ref.sameName.length}` : '');
  const failedPart = failed.length ? ` Failed: ${failed.slice(0, 5).map(form).join(', ')}${failed.length > 5 ? `, … ${failed.length - 5} more` : ''}.` : '';
  return paint.warn(`${ref.sameName.length} spans are named ${name}; this is ${nameRef(tree, ref.node)} (in start order).${failedPart} All: ${list}`);
}
