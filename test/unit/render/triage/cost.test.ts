import { describe, expect, it } from 'vitest';
import { SERVER_COST_SOURCE } from '../../../../scripts/lib/analysis/cost/daily-cost.js';
import { costPerDayLines, pricedDayLines } from '../../../../scripts/lib/render/triage/cost.js';

describe('COST PER DAY', () => {
  it('a row per day with cost and cost per request, the source, and the first and last day compared', () => {
    const out = costPerDayLines({
      traces: 288,
      costed: 287,
      usd: 1.7,
      source: "MLflow's recorded cost (mlflow.trace.cost)",
      perDay: [
        { day: '2026-10-05', traces: 144, costed: 144, usd: 0.055, perTrace: 0.055 / 144 },
        { day: '2026-10-06', traces: 144, costed: 143, usd: 1.645, perTrace: 1.645 / 143 },
      ],
    }).join('\n');
    expect(out).toMatch(/COST PER DAY \(UTC\).* — \$1\.70 over 287 of 288 traces read, from MLflow's recorded cost \(mlflow\.trace\.cost\)/);
    expect(out).toMatch(/2026-10-05\s+144\s+\$0\.0550\s+\$0\.00038\n/);
    expect(out).toMatch(/2026-10-06\s+144\s+\$1\.65\s+\$0\.0115 \(143 with a recorded cost\)/);
    expect(out).toMatch(/per request \$0\.00038 \(2026-10-05\) → \$0\.0115 \(2026-10-06\): ×30\.\d/);
  });

  it('on the metrics path: over all traces (not read), and the cost per model', () => {
    const out = costPerDayLines(
      {
        traces: 10,
        costed: 10,
        usd: 2,
        source: SERVER_COST_SOURCE,
        perDay: [{ day: '2026-10-05', traces: 10, costed: 10, usd: 2, perTrace: 0.2 }],
      },
      [
        { model: 'gpt-4o', usd: 1.9 },
        { model: 'gpt-4o-mini', usd: 0.1 },
      ],
    ).join('\n');
    expect(out).toMatch(/— \$2\.00 over 10 traces, from the tracking server's sum of span costs/);
    expect(out).toContain('per model over the window (tracking server): gpt-4o $1.90 · gpt-4o-mini $0.1000');
  });
});

describe('COST PER DAY where MLflow recorded no cost', () => {
  const priced = {
    traces: 432,
    withSpans: 200,
    roles: { sample: 200 },
    source: 'built-in price table, USD per 1M tokens, from MLflow 3.17.2 bundled model prices (2026-11)',
    usd: 1.2,
    perDay: [
      { day: '2026-10-05', traces: 144, read: 0, usd: 0, perTrace: null },
      { day: '2026-10-06', traces: 144, read: 100, usd: 1.14, perTrace: 0.0114 },
      { day: '2026-10-07', traces: 144, read: 100, usd: 0.06, perTrace: 0.0006 },
    ],
    pricedCalls: 200,
    recordedCalls: 0,
    unknownModels: [{ model: 'acme-triage-7b', calls: 200 }],
    cannot: null,
  };
  it('says why, that the table priced it and over which traces, a row per day, the unknown model, and how to price every trace', () => {
    const out = pricedDayLines(priced, { spans: 'triage 2 --spans' }).join('\n');
    expect(out).toMatch(
      /^COST PER DAY \(UTC\).* — MLflow recorded no cost on these traces \(no mlflow\.trace\.cost on any of the 432 traces read\); priced from built-in price table, .* over the 200 of them read with spans \(samples \(cohorts, OK calls\) 200\), not every trace: \$1\.20\n/,
    );
    expect(out).toMatch(/\n {2}2026-10-05\s+144\s+0\s+\$0\s+–\n/);
    expect(out).toMatch(/\n {2}2026-10-06\s+144\s+100\s+\$1\.14\s+\$0\.0114\n/);
    expect(out).toContain('no price for model acme-triage-7b (200 calls; not in the price table; --prices FILE adds it): its calls are left out');
    expect(out).toMatch(/\n {2}every trace read priced: triage 2 --spans$/);
  });
  it('or why it cannot', () => {
    const out = pricedDayLines({ ...priced, cannot: 'no trace was read with spans, and the table prices each model call from its model and tokens' }, {});
    expect(out).toEqual([
      expect.stringMatching(/— MLflow recorded no cost on these traces .*; not priced from the table either: no trace was read with spans/),
    ]);
  });
});
