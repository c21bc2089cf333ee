/**
 * Rationales that differ in one word only ("(Saver is missing)" / "(Economy is missing)") are one
 * complaint: the one merge both triage's verdicts and the cohorts' rationale clusters use. Items
 * are grouped by `group` (a verdict name) and their fingerprints; a merged group keeps the first
 * item's text with the word spelled `{Saver|Economy}` and lets `combine` sum the rest.
 */
import { spellVariants, wordVariantGroups } from './word-variants.js';

export interface RationaleMerge<T> {
  group: (item: T) => string;
  fingerprint: (item: T) => string;
  text: (item: T) => string;
  /** Several items in one: their merged fingerprint and text given. */
  combine: (items: readonly T[], fingerprint: string, text: string) => T;
}

export function mergeRationales<T>(items: readonly T[], how: RationaleMerge<T>): T[] {
  return wordVariantGroups(items, how.group, how.fingerprint).map(({ items: group, words, text }) => {
    const first = group[0] as T;
    return group.length < 2 ? first : how.combine(group, text, spellVariants(how.text(first), words));
  });
}
