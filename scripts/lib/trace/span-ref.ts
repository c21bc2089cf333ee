/**
 * Every span reachable by what an agent can see: the short hex id printed in each tree row
 * (a unique prefix of 6+ chars), the full hex id, the base64 id as the raw JSON holds it, a
 * name (the first in start order), or `NAME#N` (the N-th span of that name in start order).
 */
import { SkillError, shown } from '../core/errors.js';
import { normaliseSpanId } from './trace.js';
import type { SpanNode, SpanTree } from './tree.js';

export interface SpanRef {
  node: SpanNode;
  /** How the key was read: `id`, `prefix`, `base64`, `name`, `name#n`. */
  matchedBy: 'id' | 'prefix' | 'base64' | 'name' | 'name#n';
  /** Every span with the same name, in start order (the node among them). */
  sameName: readonly SpanNode[];
}

/** The length of the ids printed in tree rows; longer where two spans share the prefix. */
export const SHORT_ID = 8;
const MIN_PREFIX = 6;

interface NameIndex {
  byName: Map<string, readonly SpanNode[]>;
  /** Each span's place among those of its name (0-based, start order). */
  place: Map<SpanNode, number>;
}

// Built once per tree: a whole-trace view names every span, and searching all spans per span
// made inspect_turn quadratic (5,000 spans: a second of CPU).
const indexes = new WeakMap<SpanTree, NameIndex>();

function nameIndex(tree: SpanTree): NameIndex {
  let index = indexes.get(tree);
  if (index) return index;
  const byName = new Map<string, SpanNode[]>();
  for (const n of tree.nodes) {
    const group = byName.get(n.span.name);
    if (group) group.push(n);
    else byName.set(n.span.name, [n]);
  }
  const place = new Map<SpanNode, number>();
  for (const group of byName.values()) {
    group.sort((a, b) => a.span.startMs - b.span.startMs);
    group.forEach((n, i) => place.set(n, i));
  }
  indexes.set(tree, (index = { byName, place }));
  return index;
}

/** Spans with this name, in start order (ties keep tree order). Shared: not to be changed. */
export function spansNamed(tree: SpanTree, name: string): readonly SpanNode[] {
  return nameIndex(tree).byName.get(name) ?? [];
}

/** `NAME#N` for a span whose name is shared, else the bare name. */
export function nameRef(tree: SpanTree, node: SpanNode): string {
  const index = nameIndex(tree);
  const same = index.byName.get(node.span.name)?.length ?? 1;
  return same > 1 ? `${node.span.name}#${(index.place.get(node) ?? 0) + 1}` : node.span.name;
}

/**
 * The id each row prints: the first 8 hex chars, or more where two spans of the trace share
 * them, so every printed id is a unique prefix that `--span` accepts.
 */
export function shortIds(tree: SpanTree): Map<SpanNode, string> {
  const groups = new Map<string, SpanNode[]>();
  for (const n of tree.nodes) {
    const k = n.span.id.slice(0, SHORT_ID);
    const g = groups.get(k);
    if (g) g.push(n);
    else groups.set(k, [n]);
  }
  const out = new Map<SpanNode, string>();
  for (const [k, g] of groups) {
    if (g.length === 1) {
      out.set(g[0] as SpanNode, k);
      continue;
    }
    // Sorted, an id's longest shared prefix is with a neighbour: one char past it is unique.
    // (Comparing every pair was quadratic: sequential ids put thousands in one group.)
    const sorted = [...g].sort((a, b) => (a.span.id < b.span.id ? -1 : a.span.id > b.span.id ? 1 : 0));
    sorted.forEach((n, i) => {
      const id = n.span.id;
      const shared = Math.max(commonPrefix(id, sorted[i - 1]?.span.id), commonPrefix(id, sorted[i + 1]?.span.id));
      out.set(n, id.slice(0, Math.min(id.length, Math.max(SHORT_ID, shared + 1))));
    });
  }
  return out;
}

function commonPrefix(a: string, b: string | undefined): number {
  if (b === undefined) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

const HEX = /^(?:0x)?([0-9a-f]+)$/i;
const BASE64 = /^[A-Za-z0-9+/]{11}=?$/;

const listed = (tree: SpanTree, nodes: readonly SpanNode[], max = 10): string => {
  const ids = shortIds(tree);
  const shown = nodes
    .slice(0, max)
    .map((n) => `${nameRef(tree, n)} (${ids.get(n) ?? n.span.id})`)
    .join(', ');
  return nodes.length > max ? `${shown}, … ${nodes.length - max} more` : shown;
};

/**
 * The span a `--span` key names. Unknown keys and `NAME#N` past the last match are
 * `span-not-found` (exit 5); an ambiguous id prefix is a usage error (exit 2) listing the matches.
 */
export function resolveSpan(tree: SpanTree, key: string, traceId: string): SpanRef {
  const k = key.trim();
  const named = spansNamed(tree, k);
  if (named.length) return { node: named[0] as SpanNode, matchedBy: 'name', sameName: named };

  const numbered = /^(.*)#(\d+)$/.exec(k);
  if (numbered) {
    const [, name = '', nth = '0'] = numbered;
    const same = spansNamed(tree, name);
    const n = Number(nth);
    if (same.length && n >= 1 && n <= same.length) return { node: same[n - 1] as SpanNode, matchedBy: 'name#n', sameName: same };
    if (same.length) {
      const count = same.length === 1 ? 'only 1 span' : `${same.length} spans`;
      const range = `${name}#1${same.length > 1 ? `–${name}#${same.length}` : ''}`;
      throw new SkillError('span-not-found', `${k}: trace ${traceId} has ${count} named ${JSON.stringify(name)} (${range}).`, {
        hint: `Spans named ${name}: ${listed(tree, same)}.`,
      });
    }
  }

  const withSame = (node: SpanNode, matchedBy: SpanRef['matchedBy']): SpanRef => ({ node, matchedBy, sameName: spansNamed(tree, node.span.name) });
  const hex = HEX.exec(k)?.[1]?.toLowerCase();
  if (hex) {
    const exact = tree.byId.get(hex);
    if (exact) return withSame(exact, 'id');
    if (hex.length >= MIN_PREFIX) {
      const matches = tree.nodes.filter((n) => n.span.id.startsWith(hex));
      if (matches.length === 1) return withSame(matches[0] as SpanNode, 'prefix');
      if (matches.length > 1) {
        throw new SkillError('usage', `Span id prefix ${k} matches ${matches.length} spans in trace ${traceId}: ${listed(tree, matches)}.`, {
          hint: 'Give more of the id.',
        });
      }
    }
  }
  if (BASE64.test(k)) {
    const node = tree.byId.get(normaliseSpanId(k.endsWith('=') ? k : `${k}=`));
    if (node) return withSame(node, 'base64');
  }
  const lower = k.toLowerCase();
  const near = [
    ...new Set(tree.nodes.filter((n) => n.span.name.toLowerCase().includes(lower) || lower.includes(n.span.name.toLowerCase())).map((n) => n.span.name)),
  ].slice(0, 5);
  const short = hex && hex.length < MIN_PREFIX && !named.length ? ` (an id prefix needs at least ${MIN_PREFIX} hex chars)` : '';
  throw new SkillError('span-not-found', `No span ${shown(k)} in trace ${traceId}${short}.`, {
    hint: near.length
      ? `Similar names: ${near.join(', ')}. Ids and names are in the span tree (inspect_turn without --span).`
      : '--span takes a span id as printed (8+ hex chars), the base64 id from the JSON, a name, or NAME#N; ' +
        'ids and names are in the span tree (inspect_turn without --span).',
  });
}
