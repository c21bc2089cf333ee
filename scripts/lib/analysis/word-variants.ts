/**
 * Fingerprints that differ in one word only are one failure told of different things: "400 Bad
 * Request from GLS" and "… from DHL" split a carrier bug into a cluster per carrier, and an agent
 * reads three problems. Grouped here so the caller can merge them and say which word varies.
 */

/** A word (not a placeholder such as <n>, not punctuation): what may vary inside one family. */
const WORD = /^[A-Za-z][\w.]*$/;

export interface WordGroup<T> {
  items: T[];
  /** The index of the varying word in the text's space-separated tokens; null for a lone item. */
  at: number | null;
}

/**
 * Items with the same `kindOf` whose `textOf` is equal but for one word at one position. The
 * largest families are taken first; an item joins at most one.
 */
export function wordVariantGroups<T>(items: readonly T[], kindOf: (t: T) => string, textOf: (t: T) => string): Array<WordGroup<T>> {
  const candidates = new Map<string, { at: number; items: T[] }>();
  for (const item of items) {
    const tokens = textOf(item).split(' ');
    tokens.forEach((token, at) => {
      if (!WORD.test(token)) return;
      const key = `${kindOf(item)}\u0000${at}\u0000${tokens.map((t, i) => (i === at ? '' : t)).join(' ')}`;
      const c = candidates.get(key) ?? { at, items: [] };
      c.items.push(item);
      candidates.set(key, c);
    });
  }
  const taken = new Set<T>();
  const groups: Array<WordGroup<T>> = [];
  for (const c of [...candidates.values()].filter((x) => x.items.length > 1).sort((a, b) => b.items.length - a.items.length)) {
    const free = c.items.filter((i) => !taken.has(i));
    if (free.length < 2) continue;
    for (const i of free) taken.add(i);
    groups.push({ items: free, at: c.at });
  }
  for (const item of items) if (!taken.has(item)) groups.push({ items: [item], at: null });
  return groups;
}
