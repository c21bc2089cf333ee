/**
 * Experiments by name: every script takes `<EXPERIMENT>` as an id or a name. Names are looked up
 * with one `mlflow experiments search --view all` whose table is kept in the per-user cache for a
 * few minutes (an investigation names the same experiment in every command; new experiments
 * appear within the TTL, and a name missing from a cached list is asked again once).
 *
 * A plain number is taken as an id without any lookup (the common case costs nothing); only when
 * the list is already cached is it checked, so that a name like "2024" that is no id resolves
 * to its experiment, said in the note.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SkillError } from '../core/errors.js';
import { cacheStore } from './cache.js';
import { readEntry, tempFor, writeEntry } from './cache-entries.js';
import { runMlflow } from './runner.js';

export interface ExperimentRef {
  id: string;
  name: string;
}

export interface ResolvedExperiment {
  id: string;
  /** Known when a lookup was made (or the cache held it). */
  name: string | null;
  /** One line for the output when the argument was not taken as a plain id. */
  note: string | null;
}

/** How long the name → id list is reused. */
export const EXPERIMENTS_TTL_MS = 5 * 60_000;
const ENTRY = 'experiments-list.json';

/** The experiment given by the environment: MLFLOW_EXPERIMENT_ID, else MLFLOW_EXPERIMENT_NAME. */
export const defaultExperiment = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env.MLFLOW_EXPERIMENT_ID?.trim() || env.MLFLOW_EXPERIMENT_NAME?.trim() || undefined;

/**
 * `mlflow experiments search` prints a table: a header, a dashed rule whose runs give the column
 * widths, then one row per experiment. Names may hold single spaces, so columns are cut by the
 * rule's positions, not split on whitespace.
 */
export function parseExperimentTable(text: string): ExperimentRef[] {
  const lines = text.split('\n');
  const ruleAt = lines.findIndex((l) => /^-{3,}(\s+-{3,})+\s*$/.test(l));
  if (ruleAt < 1) return [];
  const header = lines[ruleAt - 1] as string;
  const cols: Array<[number, number]> = [];
  for (const m of (lines[ruleAt] as string).matchAll(/-+/g)) cols.push([m.index, m.index + m[0].length]);
  const at = (name: RegExp) => cols.findIndex(([s, e]) => name.test(header.slice(s, e + 2).trim()));
  const idCol = at(/^Experiment Id$/i);
  const nameCol = at(/^Name$/i);
  if (idCol < 0 || nameCol < 0) return [];
  const cell = (line: string, i: number) => {
    const [s] = cols[i] as [number, number];
    const next = cols[i + 1]?.[0];
    return line.slice(s, next === undefined ? undefined : next).trim();
  };
  const out: ExperimentRef[] = [];
  for (const line of lines.slice(ruleAt + 1)) {
    if (!line.trim()) continue;
    const id = cell(line, idCol);
    const name = cell(line, nameCol);
    if (id && name) out.push({ id, name });
  }
  return out;
}

/** Levenshtein distance, capped work for long names. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase().slice(0, 200);
  const y = b.toLowerCase().slice(0, 200);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length] as number;
}

/** The names closest to `wanted`: containing it first, then by edit distance. */
export function closestNames(wanted: string, list: readonly ExperimentRef[], n = 5): ExperimentRef[] {
  const w = wanted.toLowerCase();
  const score = (e: ExperimentRef) => (e.name.toLowerCase().includes(w) || w.includes(e.name.toLowerCase()) ? -1000 : 0) + editDistance(w, e.name);
  return [...list].sort((a, b) => score(a) - score(b)).slice(0, n);
}

/** The last part of a Databricks workspace path (`/Users/x/travel-prod` → `travel-prod`). */
const leaf = (name: string) => name.split('/').filter(Boolean).at(-1) ?? name;

/** Pure: what `given` names in `list` (exact, then case-insensitive, then a workspace path's last part). */
export function matchName(given: string, list: readonly ExperimentRef[]): { match: ExperimentRef | null; ambiguous: ExperimentRef[] } {
  const exact = list.find((e) => e.name === given);
  if (exact) return { match: exact, ambiguous: [] };
  for (const same of [
    (e: ExperimentRef) => e.name.toLowerCase() === given.toLowerCase(),
    (e: ExperimentRef) => leaf(e.name).toLowerCase() === leaf(given).toLowerCase(),
  ]) {
    const hits = list.filter(same);
    if (hits.length === 1) return { match: hits[0] as ExperimentRef, ambiguous: [] };
    if (hits.length > 1) return { match: null, ambiguous: hits };
  }
  return { match: null, ambiguous: [] };
}

interface Listing {
  list: ExperimentRef[];
  cached: boolean;
}

function cachedList(): ExperimentRef[] | null {
  const hit = readEntry(join(cacheStore().dir, ENTRY), (j) => Array.isArray(j), EXPERIMENTS_TTL_MS);
  return hit ? (hit.json as ExperimentRef[]) : null;
}

async function fetchList(timeoutMs?: number): Promise<ExperimentRef[]> {
  const entry = join(cacheStore().dir, ENTRY);
  const tmp = tempFor(entry);
  try {
    await runMlflow(['experiments', 'search', '--view', 'all'], tmp, { timeoutMs });
    const list = parseExperimentTable(readFileSync(tmp, 'utf8'));
    writeEntry(entry, JSON.stringify(list));
    return list;
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function listing(timeoutMs: number | undefined, fresh: boolean): Promise<Listing> {
  const hit = fresh ? null : cachedList();
  return hit ? { list: hit, cached: true } : { list: await fetchList(timeoutMs), cached: false };
}

function notFound(given: string, list: readonly ExperimentRef[]): SkillError {
  const near = closestNames(given, list);
  return new SkillError('experiment-not-found', `No experiment is named ${JSON.stringify(given.slice(0, 100))} in this tracking store.`, {
    hint: near.length
      ? `Closest names: ${near.map((e) => `${JSON.stringify(e.name)} (id ${e.id})`).join(', ')}.`
      : 'The store has no experiments; check MLFLOW_TRACKING_URI.',
  });
}

/**
 * An experiment id or name → its id. Numbers are ids (checked only against a cached list);
 * anything else is a name: one `mlflow experiments search`, cached for five minutes.
 */
export async function resolveExperiment(idOrName: string, opts: { timeoutMs?: number; fresh?: boolean } = {}): Promise<ResolvedExperiment> {
  const given = idOrName.trim();
  if (!given) throw new SkillError('usage', 'The experiment id or name is empty.');
  if (/^\d+$/.test(given)) {
    const known = cachedList();
    if (!known || known.some((e) => e.id === given)) return { id: given, name: known?.find((e) => e.id === given)?.name ?? null, note: null };
    const named = known.find((e) => e.name === given);
    return named
      ? { id: named.id, name: named.name, note: `No experiment has id ${given}; using the experiment named "${given}" (id ${named.id}).` }
      : { id: given, name: null, note: null };
  }
  let { list, cached } = await listing(opts.timeoutMs, !!opts.fresh);
  let found = matchName(given, list);
  // A name missing from a cached list may be new: ask once more.
  if (!found.match && !found.ambiguous.length && cached) {
    list = await fetchList(opts.timeoutMs);
    cached = false;
    found = matchName(given, list);
  }
  if (found.ambiguous.length) {
    throw new SkillError(
      'experiment-not-found',
      `${JSON.stringify(given)} matches ${found.ambiguous.length} experiments: ${found.ambiguous
        .slice(0, 6)
        .map((e) => `${JSON.stringify(e.name)} (id ${e.id})`)
        .join(', ')}.`,
      { hint: 'Pass the full name or the id.' },
    );
  }
  if (!found.match) throw notFound(given, list);
  const m = found.match;
  return { id: m.id, name: m.name, note: m.name === given ? null : `"${given}" taken as the experiment named "${m.name}".` };
}

/** The call sites' one line: an id or name (or undefined) → the id, or undefined when none was given. */
export async function experimentIdOf<T extends string | null | undefined>(
  idOrName: T,
  opts: { timeoutMs?: number; fresh?: boolean } = {},
): Promise<T | string> {
  if (idOrName === undefined || idOrName === null) return idOrName;
  const r = await resolveExperiment(idOrName, opts);
  if (r.note) process.stderr.write(`note: ${r.note}\n`);
  return r.id;
}

/**
 * A number that named no experiment with traces: is there an experiment *named* that (a name
 * like "2024")? One lookup, only on this failure path. Says which on stderr.
 */
export async function numberAsName(id: string, opts: { timeoutMs?: number; fresh?: boolean } = {}): Promise<string | null> {
  if (!/^\d+$/.test(id)) return null;
  const { list } = await listing(opts.timeoutMs, !!opts.fresh);
  if (list.some((e) => e.id === id)) return null;
  const named = list.find((e) => e.name === id);
  if (!named) return null;
  process.stderr.write(`note: no experiment has id ${id}; using the experiment named "${id}" (id ${named.id}).\n`);
  return named.id;
}
