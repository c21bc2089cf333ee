/** One side of a comparison: a trace's figures, previews and valid verdicts (with their source), and a span's status, time and tokens. */
import { spanTokenUsage } from '../../trace/conventions.js';
import type { Trace } from '../../trace/trace.js';
import { durationOf, type SpanNode } from '../../trace/tree.js';
import { sourceOf } from '../common/verdicts.js';
import { polarityOf } from '../trace/assessments.js';
import type { SpanSide, TraceSide } from './comparison.js';

export const spanSide = (n: SpanNode): SpanSide => ({
  spanId: n.span.id,
  status: n.span.status,
  durationMs: durationOf(n.span),
  tokens: spanTokenUsage(n.span)?.total ?? null,
});

export function traceSide(t: Trace): TraceSide {
  return {
    traceId: t.info.traceId,
    experimentId: t.info.experimentId,
    state: t.info.state,
    requestTime: t.info.requestTimeMs === null ? null : new Date(t.info.requestTimeMs).toISOString(),
    durationMs: t.info.durationMs,
    spans: t.spans.length,
    request: t.info.requestPreview,
    response: t.info.responsePreview,
    verdicts: t.info.assessments
      .filter((a) => a.kind === 'feedback' && !a.error && a.valid)
      .map((a) => {
        const polarity = polarityOf(a.value, a.name);
        return {
          name: a.name,
          source: sourceOf(a),
          value: a.value,
          negative: polarity === 'negative',
          positive: polarity === 'positive',
          rationale: a.rationale,
        };
      }),
  };
}
