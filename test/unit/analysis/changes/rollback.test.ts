/** A rollback (a → b → a): the release it undid, the stretches' bounds, and each stretch's cost from its own traces read with spans. */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { rollbackPlan } from '../../../../scripts/lib/analysis/changes/rollback.js';
import { span, trace } from '../../../support/spans.js';

const STEP = 60_000;
const call = (i: number, version: string) =>
  trace(`tr-${i}`, {
    requestTimeMs: i * STEP,
    tags: { app_version: version },
    spans: [
      span(`d${i}`, 'draft', {
        type: 'CHAT_MODEL',
        attrs: {
          'mlflow.llm.model': version === 'v2' ? 'gpt-4o' : 'gpt-4o-mini',
          'mlflow.chat.tokenUsage': { input_tokens: 1_000, output_tokens: 0, total_tokens: 1_000 },
        },
      }),
    ],
  });
const versionsOf = (path: string[], run: number) => Array.from({ length: path.length * run }, (_, i) => path[Math.floor(i / run)] as string);

describe('rollbackPlan and the stretches', () => {
  it('v1 → v2 → v1: the release and the rollback, and each stretch its own figure', () => {
    const acc = new ChangeAccumulator();
    const traces = versionsOf(['v1', 'v2', 'v1'], 40).map((v, i) => call(i, v));
    for (const t of traces) acc.addInfo(t);
    for (const t of traces) acc.addSpans(t);
    const r = acc.report({});
    expect(rollbackPlan(r)).toMatchObject({
      release: { from: 'v1', to: 'v2' },
      back: { from: 'v2', to: 'v1' },
      beforeFromMs: null,
      releaseMs: 40 * STEP,
      backMs: 80 * STEP,
    });
    // gpt-4o-mini: 1,000 input tokens × $0.15 per 1M; gpt-4o: × $2.50.
    expect(r.rollback?.stretches.map((s) => [s.value, s.traces, s.spansRead, s.perTrace])).toEqual([
      ['v1', 40, 40, expect.closeTo(0.00015, 9)],
      ['v2', 40, 40, expect.closeTo(0.0025, 9)],
      ['v1', 40, 40, expect.closeTo(0.00015, 9)],
    ]);
    expect(r.rollback?.stretches[2]).toMatchObject({ from: new Date(80 * STEP).toISOString(), to: null });
  });

  it('no rollback for a plain switch, or for a → b → a → b (it ends on a release again)', () => {
    for (const path of [
      ['v1', 'v2'],
      ['v1', 'v2', 'v1', 'v2'],
    ]) {
      const acc = new ChangeAccumulator();
      for (const [i, v] of versionsOf(path, 30).entries()) acc.addInfo(call(i, v));
      expect(rollbackPlan(acc.plan({}))).toBeNull();
    }
  });
});
