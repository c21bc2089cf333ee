/** WHAT CHANGED's cost lines: which path answered the cost per request, in the text. */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import type { CohortCost } from '../../../../scripts/lib/analysis/changes/cohort-window-cost.js';
import { costLines, splitLine } from '../../../../scripts/lib/render/triage/change-cost.js';
import { span, trace } from '../../../support/spans.js';

const call = (i: number) =>
  trace(`tr-${i}`, {
    requestTimeMs: i * 600_000,
    tags: { app_version: i < 60 ? '2.7.0' : '2.8.0' },
    spans: [
      span(`r${i}`, 'app', { type: 'AGENT', end: 1_000 }),
      span(`d${i}`, 'draft', {
        parentId: `r${i}`,
        type: 'CHAT_MODEL',
        attrs: {
          'mlflow.llm.model': i < 60 ? 'gpt-4o-mini' : 'gpt-4o',
          'mlflow.chat.tokenUsage': { input_tokens: 1_000, output_tokens: 100, total_tokens: 1_100 },
        },
      }),
    ],
  });
const acc = new ChangeAccumulator();
const traces = Array.from({ length: 120 }, (_, i) => call(i));
for (const x of traces) acc.addInfo(x);
for (const x of traces.filter((_, i) => i >= 40 && i < 80)) acc.addSpans(x);
const r = acc.report({});
const cohort = (value: string, traces: number, usd: number, tokens: number) => ({
  value,
  traces,
  usd,
  perTrace: usd / traces,
  tokens,
  tokensPerTrace: tokens / traces,
  byModel: [{ model: 'gpt-4o', usd }],
  from: null,
  to: null,
});

describe('costLines', () => {
  it('on the metrics path: cost and tokens per request over every trace of each cohort, the spans from the sample, each said', () => {
    const cohortCost: CohortCost = {
      path: 'server',
      why: null,
      requests: 6,
      cohorts: [cohort('2.7.0', 600, 0.6, 600_000), cohort('2.8.0', 400, 8, 1_200_000)],
    };
    const lines = costLines({ ...r, cohortCost });
    expect(lines[0]).toMatch(
      /cost per request.*: \$0\.0010 \(2\.7\.0\) → \$0\.0200 \(2\.8\.0\) \(×20\.0\), over all 600 and 400 traces of each cohort in the window \(tracking server's metrics endpoint, MLflow's recorded cost\)$/,
    );
    expect(lines[1]).toBe('    tokens per request: 1,000 → 3,000 (×3.0), the same traces');
    expect(lines[2]).toMatch(/^ {4}by span below: over 20 and 20 traces read with spans; from /);
    expect(lines.slice(3).join('\n')).toMatch(/draft: .*model gpt-4o-mini → gpt-4o/);
  });

  it('the sample answered although a server was asked: the reason on the same line', () => {
    const cohortCost: CohortCost = { path: 'sample', why: 'tag.x is not expressible', requests: 0, cohorts: [] };
    expect(costLines({ ...r, cohortCost })[0]).toMatch(
      /over 20 and 20 traces read with spans; from .* \(not from the tracking server: tag\.x is not expressible\)$/,
    );
    expect(costLines(r)[0]).not.toMatch(/tracking server/);
  });
});

describe('the rise split into price and tokens', () => {
  it('one line under the span, the factors in order; or why not', () => {
    const split = {
      span: 'draft',
      modelFrom: 'gpt-4o-mini',
      modelTo: 'gpt-4o',
      ratio: 35.5,
      price: 16.67,
      tokens: 2.13,
      calls: 1,
      inputPerCall: { from: 1_204, to: 3_610 },
      outputPerCall: { from: 230, to: 231 },
      callsPerTrace: { from: 1, to: 1 },
      priceFrom: 'the built-in price table (2026-11)',
    };
    expect(splitLine(split)).toBe(
      '      on this span, ×35.5 per request: ×16.7 price (gpt-4o-mini → gpt-4o at the same tokens, priced from the built-in price table (2026-11)), ' +
        '×2.1 tokens (input 1,204 → 3,610, output 230 → 231 per call)',
    );
    expect(splitLine({ ...split, calls: 2, callsPerTrace: { from: 1, to: 2 } })).toMatch(/, ×2\.0 calls per trace \(1\.0 → 2\.0\)$/);
    expect(splitLine({ span: 'draft', why: 'acme-9 is not in the price table' })).toBe(
      '      on this span: not split into price and tokens: acme-9 is not in the price table',
    );
  });
  it('in WHAT CHANGED under the span whose model switched', () => {
    expect(costLines(r).join('\n')).toMatch(
      /\n {4}draft: .*model gpt-4o-mini → gpt-4o\n {6}on this span, ×16\.7 per request: ×16\.7 price \(gpt-4o-mini → gpt-4o at the same tokens/,
    );
    expect(r.costSplits).toHaveLength(1);
  });
});
