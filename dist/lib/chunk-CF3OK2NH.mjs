import {
  SkillError,
  cacheStore,
  readEntry,
  runMlflow,
  tempFor,
  writeEntry
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/mlflow/experiments.ts
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
var EXPERIMENTS_TTL_MS = 5 * 6e4;
var ENTRY = "experiments-list.json";
var defaultExperiment = (env = process.env) => env.MLFLOW_EXPERIMENT_ID?.trim() || env.MLFLOW_EXPERIMENT_NAME?.trim() || void 0;
function parseExperimentTable(text) {
  const lines = text.split("\n");
  const ruleAt = lines.findIndex((l) => /^-{3,}(\s+-{3,})+\s*$/.test(l));
  if (ruleAt < 1) return [];
  const header = lines[ruleAt - 1];
  const cols = [];
  for (const m of lines[ruleAt].matchAll(/-+/g)) cols.push([m.index, m.index + m[0].length]);
  const at = (name) => cols.findIndex(([s, e]) => name.test(header.slice(s, e + 2).trim()));
  const idCol = at(/^Experiment Id$/i);
  const nameCol = at(/^Name$/i);
  if (idCol < 0 || nameCol < 0) return [];
  const cell = (line, i) => {
    const [s] = cols[i];
    const next = cols[i + 1]?.[0];
    return line.slice(s, next === void 0 ? void 0 : next).trim();
  };
  const out = [];
  for (const line of lines.slice(ruleAt + 1)) {
    if (!line.trim()) continue;
    const id = cell(line, idCol);
    const name = cell(line, nameCol);
    if (id && name) out.push({ id, name });
  }
  return out;
}
function editDistance(a, b) {
  const x = a.toLowerCase().slice(0, 200);
  const y = b.toLowerCase().slice(0, 200);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}
function closestNames(wanted, list, n = 5) {
  const w = wanted.toLowerCase();
  const score = (e) => (e.name.toLowerCase().includes(w) || w.includes(e.name.toLowerCase()) ? -1e3 : 0) + editDistance(w, e.name);
  return [...list].sort((a, b) => score(a) - score(b)).slice(0, n);
}
var leaf = (name) => name.split("/").filter(Boolean).at(-1) ?? name;
function matchName(given, list) {
  const exact = list.find((e) => e.name === given);
  if (exact) return { match: exact, ambiguous: [] };
  for (const same of [
    (e) => e.name.toLowerCase() === given.toLowerCase(),
    (e) => leaf(e.name).toLowerCase() === leaf(given).toLowerCase()
  ]) {
    const hits = list.filter(same);
    if (hits.length === 1) return { match: hits[0], ambiguous: [] };
    if (hits.length > 1) return { match: null, ambiguous: hits };
  }
  return { match: null, ambiguous: [] };
}
function cachedList() {
  const hit = readEntry(join(cacheStore().dir, ENTRY), (j) => Array.isArray(j), EXPERIMENTS_TTL_MS);
  return hit ? hit.json : null;
}
async function fetchList(timeoutMs) {
  const entry = join(cacheStore().dir, ENTRY);
  const tmp = tempFor(entry);
  try {
    await runMlflow(["experiments", "search", "--view", "all"], tmp, { timeoutMs });
    const list = parseExperimentTable(readFileSync(tmp, "utf8"));
    writeEntry(entry, JSON.stringify(list));
    return list;
  } finally {
    rmSync(tmp, { force: true });
  }
}
async function listing(timeoutMs, fresh) {
  const hit = fresh ? null : cachedList();
  return hit ? { list: hit, cached: true } : { list: await fetchList(timeoutMs), cached: false };
}
function notFound(given, list) {
  const near = closestNames(given, list);
  return new SkillError("experiment-not-found", `No experiment is named ${JSON.stringify(given.slice(0, 100))} in this tracking store.`, {
    hint: near.length ? `Closest names: ${near.map((e) => `${JSON.stringify(e.name)} (id ${e.id})`).join(", ")}.` : "The store has no experiments; check MLFLOW_TRACKING_URI."
  });
}
async function resolveExperiment(idOrName, opts = {}) {
  const given = idOrName.trim();
  if (!given) throw new SkillError("usage", "The experiment id or name is empty.");
  if (/^\d+$/.test(given)) {
    const known = cachedList();
    if (!known || known.some((e) => e.id === given)) return { id: given, name: known?.find((e) => e.id === given)?.name ?? null, note: null };
    const named = known.find((e) => e.name === given);
    return named ? { id: named.id, name: named.name, note: `No experiment has id ${given}; using the experiment named "${given}" (id ${named.id}).` } : { id: given, name: null, note: null };
  }
  let { list, cached } = await listing(opts.timeoutMs, !!opts.fresh);
  let found = matchName(given, list);
  if (!found.match && !found.ambiguous.length && cached) {
    list = await fetchList(opts.timeoutMs);
    cached = false;
    found = matchName(given, list);
  }
  if (found.ambiguous.length) {
    throw new SkillError(
      "experiment-not-found",
      `${JSON.stringify(given)} matches ${found.ambiguous.length} experiments: ${found.ambiguous.slice(0, 6).map((e) => `${JSON.stringify(e.name)} (id ${e.id})`).join(", ")}.`,
      { hint: "Pass the full name or the id." }
    );
  }
  if (!found.match) throw notFound(given, list);
  const m = found.match;
  return { id: m.id, name: m.name, note: m.name === given ? null : `"${given}" taken as the experiment named "${m.name}".` };
}
async function experimentIdOf(idOrName, opts = {}) {
  if (idOrName === void 0 || idOrName === null) return idOrName;
  const r = await resolveExperiment(idOrName, opts);
  if (r.note) process.stderr.write(`note: ${r.note}
`);
  return r.id;
}
async function numberAsName(id, opts = {}) {
  if (!/^\d+$/.test(id)) return null;
  const { list } = await listing(opts.timeoutMs, !!opts.fresh);
  if (list.some((e) => e.id === id)) return null;
  const named = list.find((e) => e.name === id);
  if (!named) return null;
  process.stderr.write(`note: no experiment has id ${id}; using the experiment named "${id}" (id ${named.id}).
`);
  return named.id;
}

export {
  defaultExperiment,
  experimentIdOf,
  numberAsName
};
