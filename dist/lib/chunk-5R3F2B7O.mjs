import {
  SkillError,
  normaliseSpanId,
  shown
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/trace/span-ref.ts
var SHORT_ID = 8;
var MIN_PREFIX = 6;
var indexes = /* @__PURE__ */ new WeakMap();
function nameIndex(tree) {
  let index = indexes.get(tree);
  if (index) return index;
  const byName = /* @__PURE__ */ new Map();
  for (const n of tree.nodes) {
    const group = byName.get(n.span.name);
    if (group) group.push(n);
    else byName.set(n.span.name, [n]);
  }
  const place = /* @__PURE__ */ new Map();
  for (const group of byName.values()) {
    group.sort((a, b) => a.span.startMs - b.span.startMs);
    group.forEach((n, i) => place.set(n, i));
  }
  indexes.set(tree, index = { byName, place });
  return index;
}
function spansNamed(tree, name) {
  return nameIndex(tree).byName.get(name) ?? [];
}
function nameRef(tree, node) {
  const index = nameIndex(tree);
  const same = index.byName.get(node.span.name)?.length ?? 1;
  return same > 1 ? `${node.span.name}#${(index.place.get(node) ?? 0) + 1}` : node.span.name;
}
function shortIds(tree) {
  const groups = /* @__PURE__ */ new Map();
  for (const n of tree.nodes) {
    const k = n.span.id.slice(0, SHORT_ID);
    const g = groups.get(k);
    if (g) g.push(n);
    else groups.set(k, [n]);
  }
  const out = /* @__PURE__ */ new Map();
  for (const [k, g] of groups) {
    if (g.length === 1) {
      out.set(g[0], k);
      continue;
    }
    const sorted = [...g].sort((a, b) => a.span.id < b.span.id ? -1 : a.span.id > b.span.id ? 1 : 0);
    sorted.forEach((n, i) => {
      const id = n.span.id;
      const shared = Math.max(commonPrefix(id, sorted[i - 1]?.span.id), commonPrefix(id, sorted[i + 1]?.span.id));
      out.set(n, id.slice(0, Math.min(id.length, Math.max(SHORT_ID, shared + 1))));
    });
  }
  return out;
}
function commonPrefix(a, b) {
  if (b === void 0) return 0;
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}
var HEX = /^(?:0x)?([0-9a-f]+)$/i;
var BASE64 = /^[A-Za-z0-9+/]{11}=?$/;
var listed = (tree, nodes, max = 10) => {
  const ids = shortIds(tree);
  const shown2 = nodes.slice(0, max).map((n) => `${nameRef(tree, n)} (${ids.get(n) ?? n.span.id})`).join(", ");
  return nodes.length > max ? `${shown2}, … ${nodes.length - max} more` : shown2;
};
function resolveSpan(tree, key, traceId) {
  const k = key.trim();
  const named = spansNamed(tree, k);
  if (named.length) return { node: named[0], matchedBy: "name", sameName: named };
  const numbered = /^(.*)#(\d+)$/.exec(k);
  if (numbered) {
    const [, name = "", nth = "0"] = numbered;
    const same = spansNamed(tree, name);
    const n = Number(nth);
    if (same.length && n >= 1 && n <= same.length) return { node: same[n - 1], matchedBy: "name#n", sameName: same };
    if (same.length) {
      const count = same.length === 1 ? "only 1 span" : `${same.length} spans`;
      const range = `${name}#1${same.length > 1 ? `–${name}#${same.length}` : ""}`;
      throw new SkillError("span-not-found", `${k}: trace ${traceId} has ${count} named ${JSON.stringify(name)} (${range}).`, {
        hint: `Spans named ${name}: ${listed(tree, same)}.`
      });
    }
  }
  const withSame = (node, matchedBy) => ({ node, matchedBy, sameName: spansNamed(tree, node.span.name) });
  const hex = HEX.exec(k)?.[1]?.toLowerCase();
  if (hex) {
    const exact = tree.byId.get(hex);
    if (exact) return withSame(exact, "id");
    if (hex.length >= MIN_PREFIX) {
      const matches = tree.nodes.filter((n) => n.span.id.startsWith(hex));
      if (matches.length === 1) return withSame(matches[0], "prefix");
      if (matches.length > 1) {
        throw new SkillError("usage", `Span id prefix ${k} matches ${matches.length} spans in trace ${traceId}: ${listed(tree, matches)}.`, {
          hint: "Give more of the id."
        });
      }
    }
  }
  if (BASE64.test(k)) {
    const node = tree.byId.get(normaliseSpanId(k.endsWith("=") ? k : `${k}=`));
    if (node) return withSame(node, "base64");
  }
  const lower = k.toLowerCase();
  const near = [
    ...new Set(tree.nodes.filter((n) => n.span.name.toLowerCase().includes(lower) || lower.includes(n.span.name.toLowerCase())).map((n) => n.span.name))
  ].slice(0, 5);
  const short = hex && hex.length < MIN_PREFIX && !named.length ? ` (an id prefix needs at least ${MIN_PREFIX} hex chars)` : "";
  throw new SkillError("span-not-found", `No span ${shown(k)} in trace ${traceId}${short}.`, {
    hint: near.length ? `Similar names: ${near.join(", ")}. Ids and names are in the span tree (inspect_turn without --span).` : "--span takes a span id as printed (8+ hex chars), the base64 id from the JSON, a name, or NAME#N; ids and names are in the span tree (inspect_turn without --span)."
  });
}

export {
  nameRef,
  shortIds,
  resolveSpan
};
