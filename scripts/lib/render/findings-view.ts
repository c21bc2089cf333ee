/**
 * The FINDINGS lines (health_check, inspect_turn): conclusions drawn across spans, one line per
 * item of every kind the registry shows under FINDINGS, in its order — a failed tool the reply
 * called a success first, time that could be saved last.
 */
import type { AnyKind } from '../analysis/findings/finding-kind.js';
import { foundKinds, type Findings } from '../analysis/findings/registry.js';
import { paint } from './style.js';

/** ` [span a1b2c3d4]`, ` [spans a, b, c, d, … 2 more]`: the spans a finding names (short ids, each once). */
export function spanSuffix(spanIds: ReadonlyArray<string | null | undefined>, max = 4): string {
  const list = [...new Set(spanIds.filter((s): s is string => !!s).map((id) => id.slice(0, 8)))];
  if (!list.length) return '';
  const more = list.length > max ? `, … ${list.length - max} more` : '';
  return ` [span${list.length > 1 ? 's' : ''} ${list.slice(0, max).join(', ')}${more}]`;
}

/** One kind's lines as a screen shows them: in its order, at most `shown`. */
export function kindLines(kind: AnyKind, items: readonly unknown[]): string[] {
  const ordered = kind.order ? [...items].sort((a, b) => kind.order?.(a, b) ?? 0) : items;
  return ordered.slice(0, kind.shown ?? ordered.length).map((item) => `  ${paint.warn('!')} ${kind.line(item)}${spanSuffix(kind.spans(item))}`);
}

export function findingsBody(f: Findings): string[] {
  return foundKinds(f)
    .filter(({ kind }) => kind.section === 'findings')
    .flatMap(({ kind, items }) => kindLines(kind, items));
}
