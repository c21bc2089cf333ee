/**
 * The conversation's own order when the timestamps contradict it: each turn's model input holds
 * the earlier turns, so a turn given 4 earlier messages came after one given 0, whatever its
 * clock says (MLflow's demo sessions are stamped in reverse). Decided only when every turn's
 * history was read and the counts are all different; otherwise the time order stands.
 */

/** The indexes in conversation order, or null when the time order is that order or cannot be doubted. */
export function historyOrder(earlierMessages: ReadonlyArray<number | null>): number[] | null {
  if (earlierMessages.length < 2 || earlierMessages.some((n) => n === null)) return null;
  const counts = earlierMessages as readonly number[];
  if (counts.every((n, i) => i === 0 || n > (counts[i - 1] as number))) return null;
  const order = counts.map((_, i) => i).sort((a, b) => (counts[a] as number) - (counts[b] as number));
  const strictlyGrowing = order.every((idx, k) => k === 0 || (counts[idx] as number) > (counts[order[k - 1] as number] as number));
  return strictlyGrowing ? order : null;
}

/** The warning said when the turns were put in conversation order. */
export const reorderedWarning = (timeOrder: readonly number[]): string =>
  `turns are in conversation order, not time order: each model input holds the turns before it, and the timestamps say otherwise ` +
  `(by time they run ${timeOrder.map((i) => i + 1).join(', ')}); check how the app stamps its traces`;
