/**
 * Arguments the model made up, for the argument-not-from-the-conversation kind: a number under a
 * key that states a current value (`current_threshold: 0.8`, `existing_chunk_size`) and a name
 * under a key that names a thing (`experiment: "rag-app"`, `project_name`), which nothing the
 * model had holds when it decided the call: no message, document or earlier output, by any
 * reading of the number, as a word, or worked out from the sources' numbers. A heuristic (the
 * model may know a value from elsewhere): tools that create the thing they name, and
 * pagination or limits, are left out.
 */
import { derived } from '../common/number-relations.js';
import { numbersIn } from '../common/text-facts.js';
import { normaliseText } from '../common/text-match.js';
import { numberReadings } from '../common/text-facts.js';
import { argumentLeaves, decidedAt, type Provenance, type Source, type ToolCall } from '../trace/provenance.js';
import { sourceOperands } from '../trace/value-evidence.js';

/** A key stating what is there now: the model claims to know it. */
const CURRENT_KEY = /(^|[._])(current|existing|previous|prev|old|original|actual|present)_[a-z]/i;
/** Counters and limits the model sets itself. */
const OWN_KEY = /(^|_)(page|offset|limit|step|index|iteration|attempt|retry|retries|count|top_k|k|max|min|timeout)(_|$)/i;
/** A key that names a thing the user or an earlier output must have named. */
const NAMED = [
  'experiment|project|workspace|repo|repository|dataset|table|database',
  'collection|bucket|index_name|app|application|service|environment|team|org|organization',
].join('|');
const NAME_KEY = new RegExp(`(^|[._])(${NAMED})(_name)?$|(^|[._])(experiment|project|dataset|app|service|workspace)_?name$`, 'i');
/** A slug: letters and digits joined by - _ . (no spaces), with a letter. */
const SLUG = /^[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)+$|^\p{Ll}[\p{Ll}\p{N}]{2,}$/u;
/** Tools that create what they name: the name is theirs to choose. */
const CREATOR = /^(create|new|add|make|generate|register|init|start|open|clone|fork|copy|rename)(_|[A-Z]|$)/;
const WORDS = 'zero one two three four five six seven eight nine ten eleven twelve'.split(' ');

export interface InventedArgument {
  key: string;
  value: string;
  kind: 'number' | 'name';
}

/** The arguments of one call that nothing the model had holds (bounded: a call's first 50 leaves). */
export function inventedArguments(p: Provenance, call: ToolCall): InventedArgument[] {
  if (CREATOR.test(call.tool)) return [];
  const candidates = argumentLeaves(call.args(), 50).filter((l) => isClaimedNumber(l.key, l.value) || isClaimedName(l.key, l.value));
  if (!candidates.length) return [];
  const cutoff = decidedAt(p, call.startMs);
  const given = p.sources.filter((s) => s.atMs <= cutoff && s.kind !== 'other').slice(0, 400);
  if (!given.length) return [];
  const out: InventedArgument[] = [];
  for (const l of candidates) {
    if (isClaimedNumber(l.key, l.value)) {
      if (!numberHeld(l.value, given)) out.push({ key: l.key, value: l.value, kind: 'number' });
    } else if (!nameHeld(l.value, given)) out.push({ key: l.key, value: l.value, kind: 'name' });
  }
  return out;
}

const leafName = (key: string): string =>
  key
    .split('.')
    .at(-1)
    ?.replace(/\[\d+\]$/, '') ?? key;

function isClaimedNumber(key: string, value: string): boolean {
  const k = leafName(key);
  return /^-?\d+(\.\d+)?$/.test(value) && CURRENT_KEY.test(k) && !OWN_KEY.test(k.replace(/^[a-z]+_/i, ''));
}

function isClaimedName(key: string, value: string): boolean {
  return NAME_KEY.test(leafName(key)) && value.length >= 3 && value.length <= 60 && SLUG.test(value) && /\p{L}/u.test(value);
}

function numberHeld(value: string, given: Source[]): boolean {
  const want = numberReadings(value.replace(/^-/, ''));
  const all = new Set<number>();
  for (const s of given) for (const n of numbersIn(s.text, 2_000)) all.add(n);
  if (want.some((n) => all.has(n))) return true;
  const word = WORDS[want[0] ?? -1];
  if (word && given.some((s) => new RegExp(`\\b${word}\\b`, 'i').test(s.text))) return true;
  // Worked out from amounts and counts only: the digits of an id, phone, date or time add up to anything.
  return derived(want, new Set(given.flatMap((s) => sourceOperands(s))));
}

function nameHeld(value: string, given: Source[]): boolean {
  const needle = ` ${normaliseText(value)} `;
  const squashed = value.toLowerCase().replace(/[-_.]/g, '');
  return given.some((s) => {
    const norm = ` ${normaliseText(s.text)} `;
    return norm.includes(needle) || norm.replace(/ /g, '').includes(squashed);
  });
}
