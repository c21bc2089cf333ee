/** One small triage (every registered section) for the views' tests: failures, verdicts, a judge error, a slow tail, tokens, one in progress. */
import { span } from '../../../support/spans.js';
import { judgeFeedback, scorerError } from '../../../support/assessments.js';
import { traceAt, triageOver } from '../../../support/builders.js';
import { TRIAGE_SECTIONS } from '../../../../scripts/lib/analysis/triage/registry.js';

const usage = (total: number) => ({ 'mlflow.trace.tokenUsage': JSON.stringify({ total_tokens: total }) });
const traces = Array.from({ length: 40 }, (_, i) =>
  traceAt(i, i / 2, {
    state: i % 10 === 3 ? 'ERROR' : i === 39 ? 'IN_PROGRESS' : 'OK',
    durationMs: i >= 36 ? 9_000 : 1_000,
    tags: { 'mlflow.traceName': i === 37 ? 'batch' : 'chat' },
    metadata: usage(i === 5 ? 90_000 : 1_000),
    assessments: i % 8 === 1 ? [judgeFeedback('correctness', 'no', 'Missing the order status.')] : i === 2 ? [scorerError('groundedness', 'TIMEOUT')] : [],
    spans:
      i % 10 === 3
        ? [span('r', 'chat', { end: 1_000 }), span('a', 'lookup_order', { parentId: 'r', end: 900, error: ['KeyError', `order ${i} not found`] })]
        : [span('r', 'chat', { end: i >= 36 ? 9_000 : 1_000 }), span('a', 'retrieve', { parentId: 'r', end: i >= 36 ? 8_000 : 100 })],
  }),
);

export const findings = triageOver(
  TRIAGE_SECTIONS,
  traces,
  traces.filter((t) => t.info.state === 'ERROR' || (t.info.durationMs ?? 0) >= 9_000).map((t) => [t, t.info.state === 'ERROR' ? 'failing' : 'slow'] as const),
).result();
