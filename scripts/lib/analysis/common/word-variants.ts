/**
 * Fingerprints that differ in one word only are one failure told of different things: "400 Bad
 * Request from GLS" and "… from DHL" split a carrier bug into a cluster per carrier, and an agent
 * reads three problems. Grouped here so the caller can merge them and say which word varies.
 */

/** A token's word between any punctuation around it (`(Saver` → `(`, `Saver`, ``): placeholders such as <n> are no word. */
const WORD = /^([^\w<]*)([A-Za-z][\w.]*?)([^\w>]*)$/;

export interface WordGroup<T> {
  items: T[];
  /** The varying word of each item, in item order (empty for a lone item). */
  words: string[];
  /** The shared text with the varying word as `{GLS|DHL|PostNord}` (the item's own text when alone). */
  text: string;
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
      const m = WORD.exec(token);
      if (!m) return;
      const masked = tokens.map((t, i) => (i === at ? `${m[1]}\u0001${m[3]}` : t)).join(' ');
      const key = `${kindOf(item)}\u0000${at}\u0000${masked}`;
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
    const words = free.map((i) => WORD.exec(textOf(i).split(' ')[c.at] ?? '')?.[2] ?? '');
    const tokens = textOf(free[0] as T).split(' ');
    const m = WORD.exec(tokens[c.at] ?? '');
    tokens[c.at] = `${m?.[1] ?? ''}{${words.join('|')}}${m?.[3] ?? ''}`;
    groups.push({ items: free, words, text: tokens.join(' ') });
  }
  for (const item of items) if (!taken.has(item)) groups.push({ items: [item], words: [], text: textOf(item) });
  return groups;
}

/** Real text of one variant with its word spelled as all of them (`{Saver|Economy}`), when the word occurs there once. */
export function spellVariants(example: string, words: readonly string[]): string {
  const word = words[0] ?? '';
  const parts = example.split(word);
  return word && parts.length === 2 ? parts.join(`{${words.join('|')}}`) : example;
}
