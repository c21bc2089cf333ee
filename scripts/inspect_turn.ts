#!/usr/bin/env -S npx tsx
/**
 * inspect_turn: one trace in depth — the span tree with a waterfall and I/O previews, error
 * spans with their exceptions, assessments on their spans, and where the turn's input and
 * output live. `--span` shows one span whole.
 */
import { analyseTrace } from './lib/analysis/trace-report.js';
import { bool, num, parseFlags, runScript, str } from './lib/cli/run.js';
import { SkillError } from './lib/core/errors.js';
import { cacheStatus } from './lib/mlflow/cache.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { buildTree, type SpanNode, type SpanTree } from './lib/trace/tree.js';
import { renderBudgeted } from './lib/render/budget.js';
import { rawJsonLines } from './lib/render/files.js';
import { inspectSections, jsonIdNote } from './lib/render/inspect.js';
import { spanView, type SpanView } from './lib/render/span-view.js';
import { paint } from './lib/render/style.js';
import { shortIdOf } from './lib/render/tree-view.js';
import { nameRef, resolveSpan, type SpanRef } from './lib/trace/span-ref.js';
import { DEFAULT_MAX_CHARS, help, loadTraceJob, singleTraceOptions } from './lib/commands/trace-job.js';

const HELP = help(
  'Usage: inspect_turn <TRACE_ID> [options]\n\nOne MLflow trace in depth: span tree (status, type, total/self time, waterfall, input/output previews),\nerror spans with exceptions, assessments, and where the turn\'s input and output live. One mlflow call.',
  singleTraceOptions('  --span KEY         one span whole: decoded attributes, inputs, outputs, events, its children.\n                     KEY: the id printed in the tree (8 hex chars; any unique prefix of 6+), the full\n                     hex id, the base64 id as the JSON holds it, a name (the first in start order),\n                     or NAME#N (the N-th span of that name in start order)\n  --page N           with --span: page N of the span view (long values, then its children)\n'),
);

await runScript(async (argv) => {
  const flags = parseFlags(argv, { string: ['trace-id', 'span'], number: ['page'] });
  if (bool(flags, 'help')) return HELP;
  const job = await loadTraceJob(flags);
  const tree = buildTree(job.trace.spans);
  // Follow-up commands keep a non-default --max-chars: pages are cut to it.
  const keep = job.maxChars !== DEFAULT_MAX_CHARS ? ['--max-chars', String(job.maxChars)] : [];
  const spanCommand = (id: string) => job.again('inspect_turn', ['--span', id, ...keep]);
  const pageArgs = (id: string, page: number) => ['--span', id, ...(page > 1 ? ['--page', String(page)] : []), ...keep];
  const views = new Map<SpanNode, SpanView>();
  const viewOf = (node: SpanNode, note?: string): SpanView => {
    let v = views.get(node);
    if (!v) {
      v = spanView(job.trace, tree, node, { maxChars: job.maxChars, spanCommand, pageCommand: (p) => job.again('inspect_turn', pageArgs(node.span.id, p)), note });
      views.set(node, v);
    }
    return v;
  };
  // The page of a span's view where its child at `from` is: what a "+N more children" line runs.
  const childrenCommand = (parent: SpanNode, from: number) => job.again('inspect_turn', pageArgs(parent.span.id, viewOf(parent).pageOfChild(from)));
  const jsonLines = rawJsonLines('trace', job.files.slice(0, 1), { fromUserFile: job.fromFile, idNote: jsonIdNote(job.trace.format), cache: cacheStatus() });
  const spanKey = str(flags, 'span');
  const page = num(flags, 'page', 1);

  if (spanKey) {
    const ref = resolveSpan(tree, spanKey, job.trace.info.traceId);
    const node = ref.node;
    if (bool(flags, 'json')) {
      const s = node.span;
      return JSON.stringify({ traceId: job.trace.info.traceId, span: { ...s, attributes: Object.fromEntries(Object.keys(s.rawAttributes).map((k) => [k, s.rawAttributes[k]])) }, ref: nameRef(tree, node, ref.sameName), childIds: node.children.map((c) => c.span.id), matches: ref.sameName.map((n) => n.span.id), files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount(), cache: cacheStatus() }, null, 2);
    }
    const view = viewOf(node, sameNameNote(tree, ref));
    if (page > view.pages) throw new SkillError('usage', `--page ${page}: the view of span ${node.span.name} has ${view.pages === 1 ? '1 page' : `${view.pages} pages`}.`);
    return [view.render(page), ...jsonLines].join('\n');
  }
  if (flags.values.page !== undefined) throw new SkillError('usage', '--page pages a span view: give --span too.', { hint: `e.g. ${spanCommand('<span_id>')} --page 2` });

  const report = analyseTrace(job.trace, tree);
  if (bool(flags, 'json')) {
    const spans = tree.nodes.map((n) => ({ spanId: n.span.id, parentId: n.parent?.span.id ?? null, name: n.span.name, ref: nameRef(tree, n), status: n.span.status, startMs: n.span.startMs, endMs: n.span.endMs, depth: n.depth, anomaly: n.anomaly }));
    return JSON.stringify({ ...report, spans, files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount(), cache: cacheStatus() }, null, 2);
  }
  const inspect = job.again('inspect_turn');
  const follow = { inspect, inspectSpan: spanCommand, locate: (id: string) => job.again('locate_code', ['--span', id]), health: job.again('health_check') };
  const footer = [...jsonLines, `One span whole: ${spanCommand('<span_id|name|NAME#N>')}`];
  return renderBudgeted(inspectSections(report, tree, follow, { spanCommand, childrenCommand, maxChars: job.maxChars }), footer, job.maxChars, `${inspect} --json`).text;
});

/** When several spans share the name asked for: which one this is, and how to reach the others. */
function sameNameNote(tree: SpanTree, ref: SpanRef): string | undefined {
  if (ref.sameName.length < 2) return undefined;
  const name = ref.node.span.name;
  const form = (n: SpanNode) => `${name}#${ref.sameName.indexOf(n) + 1} (${shortIdOf(tree, n)})`;
  const failed = ref.sameName.filter((n) => n.span.status === 'ERROR');
  const list = ref.sameName.slice(0, 8).map(form).join(', ') + (ref.sameName.length > 8 ? `, … ${name}#${ref.sameName.length}` : '');
  const failedPart = failed.length ? ` Failed: ${failed.slice(0, 5).map(form).join(', ')}${failed.length > 5 ? `, … ${failed.length - 5} more` : ''}.` : '';
  return paint.warn(`${ref.sameName.length} spans are named ${name}; this is ${nameRef(tree, ref.node, ref.sameName)} (in start order).${failedPart} All: ${list}`);
}
