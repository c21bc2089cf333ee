import { describe, expect, it } from 'vitest';
import { SERVER_COST_SOURCE } from '../../../../scripts/lib/analysis/cost/daily-cost.js';
import { costPerDayLines } from '../../../../scripts/lib/render/triage/cost.js';

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
