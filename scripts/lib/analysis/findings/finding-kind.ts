/**
 * What one kind of finding is: how it is detected from a trace's facts (computed once, see
 * trace-facts.ts), the line it prints, the spans it names, how it weighs in a session's ranking
 * and how --json carries it. Every kind is one module in kinds/, listed once in registry.ts;
 * health_check, inspect_turn, session_transcript, --json and the findings snapshot iterate it.
 */
import type { TraceFacts } from './trace-facts.js';

export interface FindingKind<K extends string = string, I = unknown, J = I[]> {
  /** The key in `findings` (--json, a session turn's findings). */
  readonly kind: K;
  /** What it finds, in one line (docs and the registry test). */
  readonly about: string;
  /** Whether it can be wrong: true (its line says "heuristic" and its evidence), false (read off the spans), 'some' (some items). */
  readonly heuristic: boolean | 'some';
  /**
   * Where one trace's screen shows it: FINDINGS (this module's line), or ERRORS (the errors
   * view reads the items itself, beside the failure they qualify).
   */
  readonly section: 'findings' | 'errors';
  /** How many items a screen shows (--json has all); all when absent. */
  readonly shown?: number;
  /** Whether its line carries measured times, which change with every run (the findings snapshot leaves it out). */
  readonly measured?: boolean;
  /** The items in one trace: [] when none. Bounded (MAX_EACH). */
  detect(facts: TraceFacts): I[];
  /** Its line, without the `!` mark and the span ids. */
  line(item: I): string;
  /** The spans it names, for the ` [spans …]` suffix. */
  spans(item: I): Array<string | null | undefined>;
  /** Display order within the kind (detection order when absent). */
  order?(a: I, b: I): number;
  /** Points it adds to its turn in a session's ranking (0: shown in the turn, not ranked). */
  turnWeight(item: I): number;
  /** Its line in a session turn (its line when absent). */
  turnLine?(item: I): string;
  /** Why it ranks its turn, in the ranking's list of reasons (its turn line when absent). */
  turnReason?(item: I): string;
  /** --json's value and back, when that is not the item list itself. */
  readonly json?: { of(items: I[]): J; items(value: J): I[] };
}

/** A bounded number of findings per kind: a batch of 5,000 failures is one story, not 5,000 lines. */
export const MAX_EACH = 20;

/** Keeps each kind's literal key and item type (the registry's `Findings` type is built from them). */
export const defineKind = <const K extends string, I, J = I[]>(kind: FindingKind<K, I, J>): FindingKind<K, I, J> => kind;

export type AnyKind = FindingKind<string, any, any>;
export type ItemOf<T> = T extends FindingKind<string, infer I, any> ? I : never;
export type JsonOf<T> = T extends FindingKind<string, any, infer J> ? J : never;
