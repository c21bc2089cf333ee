#!/usr/bin/env -S npx tsx
/**
 * inspect_turn: one trace in depth — the span tree with a waterfall and I/O previews, error
 * spans with their exceptions, assessments on their spans, and where the turn's input and
 * output live. `--span` shows one span whole.
 */
import { analyseTrace } from './lib/analysis/trace-report.js';
import { bool, num, parseFlags, runScript, str } from './lib/cli.js';
import { SkillError } from './lib/errors.js';
import { mlflowCallCount } from './lib/mlflow/runner.js';
import { buildTree } from './lib/model/tree.js';
import { renderBudgeted } from './lib/render/budget.js';
import { rawJsonLine } from './lib/render/files.js';
import { findSpan, inspectSections, pageOf, spanDetailText } from './lib/render/inspect.js';
import { help, loadTraceJob, singleTraceOptions } from './lib/single-trace.js';

const HELP = help(
  'Usage: inspect_turn <TRACE_ID> [options]\n\nOne MLflow trace in depth: span tree (status, type, total/self time, waterfall, input/output previews),\nerror spans with exceptions, assessments, and where the turn\'s input and output live. One mlflow call.',
  singleTraceOptions('  --span ID|NAME     one span whole: decoded attributes, inputs, outputs, events, subtree\n  --page N           with --span: page N of a long span (pages of --max-chars)\n'),
);

await runScript(async (argv) => {
  const flags = parseFlags(argv, { string: ['trace-id', 'span'], number: ['page'] });
  if (bool(flags, 'help')) return HELP;
  const job = await loadTraceJob(flags);
  const tree = buildTree(job.trace.spans);
  const spanCommand = (id: string) => job.again('inspect_turn', ['--span', id]);
  const spanKey = str(flags, 'span');

  if (spanKey) {
    const found = findSpan(tree, spanKey);
    const node = found[0];
    if (!node) throw new SkillError('usage', `No span ${JSON.stringify(spanKey)} in trace ${job.trace.info.traceId}.`, { hint: `Span ids and names are in the tree: ${job.again('inspect_turn')}` });
    if (bool(flags, 'json')) {
      const s = node.span;
      return JSON.stringify({ traceId: job.trace.info.traceId, span: { ...s, attributes: Object.fromEntries(Object.keys(s.rawAttributes).map((k) => [k, s.rawAttributes[k]])) }, childIds: node.children.map((c) => c.span.id), matches: found.length, files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount() }, null, 2);
    }
    const text = spanDetailText(job.trace, tree, node, spanCommand);
    const note = found.length > 1 ? `(${found.length} spans are named ${spanKey}; this is the first — pass a span id for another)\n` : '';
    const paged = pageOf(note + text, job.maxChars - 200, num(flags, 'page', 1), (p) => job.again('inspect_turn', ['--span', node.span.id, '--page', String(p)]));
    return `${paged}\n${rawJsonLine('trace', job.files.slice(0, 1), job.fromFile)}`;
  }

  const report = analyseTrace(job.trace, tree);
  if (bool(flags, 'json')) {
    const spans = tree.nodes.map((n) => ({ spanId: n.span.id, parentId: n.parent?.span.id ?? null, name: n.span.name, status: n.span.status, startMs: n.span.startMs, endMs: n.span.endMs, depth: n.depth, anomaly: n.anomaly }));
    return JSON.stringify({ ...report, spans, files: { traceJson: job.files[0] ?? null }, mlflowCalls: mlflowCallCount() }, null, 2);
  }
  const inspect = job.again('inspect_turn');
  const follow = { inspect, inspectSpan: spanCommand };
  const footer = [rawJsonLine('trace', job.files.slice(0, 1), job.fromFile), `One span whole: ${spanCommand('<span_id|name>')}`];
  return renderBudgeted(inspectSections(report, tree, follow, spanCommand), footer, job.maxChars, `${inspect} --json`).text;
});
