/**
 * discover_schema: where a session's turns keep the user's message and the reply — which span,
 * which attribute keys, which convention, which shape — read from the session's first trace.
 */
import { discoverSchema, type SchemaReport } from '../../analysis/session/io-schema.js';
import { defineCommand } from '../../cli/command.js';
import { cacheStatus } from '../../mlflow/cache.js';
import { experimentIdOf } from '../../mlflow/experiments.js';
import { assessmentCount, assessmentLines } from '../../render/assessment-lines.js';
import { renderBudgeted, type Section } from '../../render/budget.js';
import { rawJsonLines } from '../../render/files.js';
import { commandFor } from '../../render/follow-up.js';
import { clip, experimentLabel, oneLine } from '../../render/format.js';
import { jsonIdNote } from '../../render/inspect.js';
import { paint } from '../../render/style.js';
import type { Trace } from '../../trace/trace.js';
import { fetchSession, SESSION_ARGS, SESSION_SOURCE_OPTIONS, sessionArgs, type SessionArgs } from './session-job.js';

export const discoverSchemaCommand = defineCommand({
  name: 'discover_schema',
  summary:
    "Reads the first trace of an MLflow chat session and reports where each turn keeps the user's message and\n" +
    'the reply: the span (skipping wrapper roots), the attribute keys and their convention (MLflow, OTel GenAI,\n' +
    "OpenInference, OpenLLMetry), the shape, turn 1 as extracted, and the first trace's assessments\n" +
    '(session-level apart from per-turn). One mlflow call.',
  args: SESSION_ARGS,
  options: SESSION_SOURCE_OPTIONS,
  async run({ args, opts }) {
    const a = sessionArgs({ ...opts, experimentId: args.experimentId, sessionId: args.sessionId });
    // An experiment given by name is looked up once (cached); a file needs none.
    if (!a.fromFile) a.experimentId = await experimentIdOf(a.experimentId, a.cli);
    const { traces, files } = await fetchSession(a, true, 1);
    const r = discoverSchema(a.sessionId, traces);
    const next = a.again('session_transcript', r.previewsSuffice ? [] : ['--spans']);
    return { json: { ...r, next }, files: { searchJson: files }, text: () => schemaText(r, a, next, traces, files) };
  },
});

/** The other keys holding the same side of the turn (an OTLP original next to MLflow's copy). */
const also = (keys: Array<{ key: string; convention: string }>, used: string | undefined): string[] => {
  const rest = keys.filter((k) => k.key !== used);
  return rest.length ? [`  also on that span: ${rest.map((k) => `${k.key} [${k.convention}]`).join(', ')}`] : [];
};

function schemaText(r: SchemaReport, a: SessionArgs, next: string, traces: Trace[], files: string[]): string {
  const t = r.turn;
  const sections: Section[] = [
    {
      name: 'header',
      priority: 0,
      lines: [
        paint.head(`Session ${JSON.stringify(r.sessionId)}`) +
          `${r.experimentId ? ` · experiment ${experimentLabel(a.given, r.experimentId)}` : ''} · first trace ${r.firstTraceId} (${r.firstRequestTime ?? '?'})`,
      ],
    },
    {
      name: 'root',
      priority: 1,
      lines: [
        paint.head('ROOT SPAN'),
        r.root ? `  ${r.root.name} [${r.root.type ?? '?'}] (${r.root.spanId})` : '  (the trace has no spans)',
        ...(r.root ? [`  attribute keys: ${r.root.attributeKeys.join(', ') || '(none)'}`] : []),
        t.rootIsWrapper
          ? `  ${paint.warn('wrapper')}: the root carries no readable turn; the turn lives on "${t.spanName}" (depth ${t.depth}, span ${t.spanId})`
          : '  the root span carries the turn (not a wrapper)',
      ],
    },
    {
      name: 'io',
      priority: 0,
      lines: [
        paint.head('USER INPUT'),
        t.inputs ? `  ${t.inputs.key} [${t.inputs.convention}] on "${t.spanName}" → ${t.user?.shape ?? 'no text found'}` : '  no input attribute found',
        ...also(r.inputKeys, t.inputs?.key),
        `  turn 1: ${t.user ? clip(oneLine(t.user.text), 400) : '(none)'}`,
        paint.head('REPLY'),
        t.outputs ? `  ${t.outputs.key} [${t.outputs.convention}] on "${t.spanName}" → ${t.reply?.shape ?? 'no text found'}` : '  no output attribute found',
        ...also(r.outputKeys, t.outputs?.key),
        `  turn 1: ${t.reply ? clip(oneLine(t.reply.text), 400) : '(none)'}`,
        paint.head('TRACE-LEVEL PREVIEWS'),
        `  request_preview → ${r.previews.user ? clip(oneLine(r.previews.user), 160) : '(empty or opaque)'}`,
        `  response_preview → ${r.previews.reply ? clip(oneLine(r.previews.reply), 160) : '(empty or opaque)'}`,
        r.previewsSuffice
          ? '  previews hold the turn text: session_transcript reads all turns without spans (fast, one call)'
          : '  previews do not hold the turn text: session_transcript must read spans (--spans)',
      ],
    },
  ];
  const sa = r.sessionAssessments;
  const ta = r.turnAssessments;
  const al = [paint.head('ASSESSMENTS ON THE FIRST TRACE')];
  if (assessmentCount(sa)) al.push('  Session-level (metadata mlflow.trace.session; they judge the whole conversation):', ...assessmentLines(sa, '    '));
  if (assessmentCount(ta)) al.push('  Per-turn (turn 1 only):', ...assessmentLines(ta, '    '));
  if (al.length === 1) al.push('  none');
  sections.push({ name: 'assessments', priority: 2, lines: al });
  sections.push({ name: 'next', priority: 0, lines: [paint.head('NEXT'), `  ${next}`, `  turn 1 in depth: ${commandFor('inspect_turn', [r.firstTraceId])}`] });
  return renderBudgeted(
    sections,
    rawJsonLines('search', files, { fromUserFile: !!a.fromFile, idNote: jsonIdNote(traces[0]?.format ?? '3.x'), cache: cacheStatus() }),
    a.maxChars,
    a.again('discover_schema', ['--json']),
  ).text;
}
