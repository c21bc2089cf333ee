import { describe, expect, it } from 'vitest';
import { historyIsMissing } from '../../../../scripts/lib/analysis/session/turn-ranking.js';
import type { Turn } from '../../../../scripts/lib/analysis/session/turn.js';

/** Turns with only what the history check reads: each one's count of earlier messages in its model input. */
const turns = (...earlier: Array<number | null>): Turn[] =>
  earlier.map((n, i) => ({ n: i + 1, history: n === null ? null : { spanId: `s${i}`, spanName: 'llm', earlierMessages: n } }) as unknown as Turn);

describe('history missing', () => {
  it('is said when no turn after the first was given an earlier message', () => {
    expect(historyIsMissing(turns(0, 0, 0))).toBe(true);
  });
  it('is not said when one later turn held the conversation, or with one turn, or with no model input read', () => {
    expect(historyIsMissing(turns(0, 2, 0))).toBe(false);
    expect(historyIsMissing(turns(0))).toBe(false);
    expect(historyIsMissing(turns(null, null))).toBe(false);
  });
  it('is not said when the first turn read already carries history (turns out of time order, as in MLflow demo sessions)', () => {
    expect(historyIsMissing(turns(2, 0))).toBe(false);
  });
});
