import { describe, expect, it } from 'vitest';
import { historyOrder, reorderedWarning } from '../../../../scripts/lib/analysis/session/turn-order.js';

describe("the conversation's order against the clock's", () => {
  it('keeps the time order when each turn holds more history than the one before', () => {
    expect(historyOrder([0, 2, 4])).toBeNull();
  });
  it('puts turns in the order their model inputs grew when the timestamps run against it', () => {
    expect(historyOrder([4, 2, 0])).toEqual([2, 1, 0]);
    expect(historyOrder([2, 0])).toEqual([1, 0]);
  });
  it('does not decide on ties, a turn whose history was not read, or one turn', () => {
    expect(historyOrder([0, 0, 0])).toBeNull();
    expect(historyOrder([2, null, 0])).toBeNull();
    expect(historyOrder([3])).toBeNull();
  });
  it('says the time order it replaced', () => {
    expect(reorderedWarning([2, 1, 0])).toMatch(/by time they run 3, 2, 1/);
  });
});
