/**
 * Texts reduced to what they say, not their particulars: numbers, ids and quoted values out, so
 * "(Saver is missing)" and "(Economy is missing)" and two questions about different cities read
 * the same; and the words a group of inputs shares that other inputs lack.
 */
const STOP = new Set(
  [
    'a an the i you me my your is are was were be to of in on at for and or but it this that what why how did do does can could would will please',
    "not no yes so then than as with from by our we us its it's there their what's when which who",
  ]
    .join(' ')
    .split(' '),
);

const wordsOf = (s: string): string[] =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Lower-cased words; with `loose`, numbers, quoted values and capitalised names become placeholders. */
export function fingerprint(text: string, loose = true): string {
  if (!loose) return wordsOf(text).join(' ');
  return wordsOf(
    text
      .replace(/"[^"]*"|'[^']*'|\([^)]*\)/g, ' Q ')
      .replace(/\b\d[\d.,:]*\b/g, ' N ')
      .replace(/(?<=\s)[A-Z][a-z]+/g, ' W '),
  ).join(' ');
}

const contentWords = (s: string): Set<string> => new Set(wordsOf(s).filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w)));

/** Words in at least 60% of `group` and in at most half that share of `others` (at most 3). */
export function distinctiveWords(group: readonly string[], others: readonly string[]): Array<{ word: string; here: number; agreeing: number }> {
  if (!group.length) return [];
  const count = (texts: readonly string[]) => {
    const m = new Map<string, number>();
    for (const t of texts) for (const w of contentWords(t)) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const here = count(group);
  const there = count(others);
  return [...here]
    .filter(([w, c]) => c / group.length >= 0.6 && (others.length === 0 || (there.get(w) ?? 0) / others.length <= c / group.length / 2))
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, 3)
    .map(([word, c]) => ({ word, here: c, agreeing: there.get(word) ?? 0 }));
}
