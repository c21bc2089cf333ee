/**
 * Two retrievers' documents side by side: the ones only one side got (by id and source), and the
 * same document with another text (by a hash of its content), shown from where the two texts part.
 * A document with neither id nor source is known by its text alone.
 */
import { oneLine } from '../../core/format.js';
import type { DocContent, RetrievedDoc } from './span-docs.js';

export interface DocsDiff {
  a: RetrievedDoc[];
  b: RetrievedDoc[];
  onlyA: string[];
  onlyB: string[];
  /** A document both got with another text (or another count): bounded snippets from where the texts part. */
  changed: Array<{ doc: string; a: string | null; b: string | null; countA: number; countB: number }>;
  /** The same documents with the same texts, in another order. */
  reordered: boolean;
}

/** How much of each text a changed document shows, and of that, how much before the first difference. */
const SNIPPET = 160;
const LEAD = 40;

const keyOf = (c: DocContent): string => {
  const { id, source } = c.doc;
  if (id && source) return `${id} (${source})`;
  return id ?? source ?? `(no id) "${oneLine(c.text).slice(0, 60)}"`;
};

/** Both texts from a little before where they first differ, each at most SNIPPET characters. */
export function partingSnippets(a: string, b: string): [string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const start = Math.max(0, i - LEAD);
  const cut = (t: string) => `${start > 0 ? '…' : ''}${oneLine(t.slice(start, start + SNIPPET))}${t.length > start + SNIPPET ? '…' : ''}`;
  return [cut(a), cut(b)];
}

function byKey(list: readonly DocContent[]): Map<string, DocContent[]> {
  const m = new Map<string, DocContent[]>();
  for (const c of list) m.set(keyOf(c), [...(m.get(keyOf(c)) ?? []), c]);
  return m;
}

/** The contents of `xs` that `ys` lacks, counted as a multiset (a document twice is not once). */
function lacking(xs: readonly DocContent[], ys: readonly DocContent[]): DocContent[] {
  const left = ys.map((y) => y.doc.hash);
  return xs.filter((x) => {
    const at = left.indexOf(x.doc.hash);
    if (at < 0) return true;
    left.splice(at, 1);
    return false;
  });
}

function changedDoc(doc: string, xs: DocContent[], ys: DocContent[]): DocsDiff['changed'][number] | null {
  const extraA = lacking(xs, ys)[0];
  const extraB = lacking(ys, xs)[0];
  if (!extraA && !extraB) return null;
  const counts = { countA: xs.length, countB: ys.length };
  if (extraA && extraB) {
    const [a, b] = partingSnippets(extraA.text, extraB.text);
    return { doc, a, b, ...counts };
  }
  return { doc, a: null, b: null, ...counts };
}

export function docsDiff(da: readonly DocContent[], db: readonly DocContent[]): DocsDiff {
  const ka = byKey(da);
  const kb = byKey(db);
  const changed: DocsDiff['changed'] = [];
  for (const [doc, xs] of ka) {
    const ys = kb.get(doc);
    const c = ys ? changedDoc(doc, xs, ys) : null;
    if (c) changed.push(c);
  }
  const onlyA = [...ka.keys()].filter((k) => !kb.has(k));
  const onlyB = [...kb.keys()].filter((k) => !ka.has(k));
  const order = (list: readonly DocContent[]) => list.map((c) => `${keyOf(c)}#${c.doc.hash}`).join('\n');
  const same = !onlyA.length && !onlyB.length && !changed.length;
  return { a: da.map((c) => c.doc), b: db.map((c) => c.doc), onlyA, onlyB, changed, reordered: same && order(da) !== order(db) };
}

/** Whether the two sides got different documents or texts (a new order alone is said apart). */
export const docsDiffer = (d: Pick<DocsDiff, 'onlyA' | 'onlyB' | 'changed'>): boolean => d.onlyA.length > 0 || d.onlyB.length > 0 || d.changed.length > 0;
