import { expect, it } from 'vitest';
import { spanSide, traceSide } from '../../../../scripts/lib/analysis/compare/trace-side.js';
import { treeOf } from '../../../support/span-trees.js';
import { trace } from '../../../support/spans.js';
import { humanFeedback, judgeFeedback } from '../../../support/assessments.js';

it("reads a trace's side with its valid verdicts, each with its source and polarity", () => {
  const t = trace('tr-1', {
    requestTimeMs: Date.parse('2026-11-10T00:00:00Z'),
    assessments: [judgeFeedback('correctness', 'no', 'wrong date'), humanFeedback('helpful', true), judgeFeedback('safety', 'yes', null, { valid: false })],
  });
  const s = traceSide(t);
  expect(s).toMatchObject({ traceId: 'tr-1', requestTime: '2026-11-10T00:00:00.000Z', spans: 0 });
  expect(s.verdicts.map((v) => [v.name, v.source, v.negative, v.positive])).toEqual([
    ['correctness', 'LLM_JUDGE', true, false],
    ['helpful', 'HUMAN', false, true],
  ]);
});

it("reads a span's side: status, duration and tokens", () => {
  const node = treeOf({ name: 'llm', start: 0, end: 250, attrs: { 'mlflow.chat.tokenUsage': { input_tokens: 3, output_tokens: 4, total_tokens: 7 } } })
    .nodes[0]!;
  expect(spanSide(node)).toEqual({ spanId: node.span.id, status: 'OK', durationMs: 250, tokens: 7 });
});
