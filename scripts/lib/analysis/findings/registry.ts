/**
 * Every finding kind, once, in display order: what makes an answer wrong first (a failed tool
 * the reply called a success), then failures the app caught (shown in ERRORS on one trace),
 * what was not logged to tell, and time that could be saved. health_check,
 * inspect_turn, session_transcript (turn lines and ranking), --json and the findings snapshot
 * iterate this list; a new kind is one module in kinds/, its test, and one line here.
 */
import type { AnyKind, ItemOf, JsonOf } from './finding-kind.js';
import { argumentNotFromConversation } from './kinds/argument-origin.js';
import { answeredAfterFailedTool } from './kinds/answered-after-failed-tool.js';
import { loopOrStop } from './kinds/loops.js';
import { failureInOkOutput } from './kinds/ok-failures.js';
import { replyContradictsSources } from './kinds/reply-contradiction.js';
import { sourcesDisagree } from './kinds/sources-disagree.js';
import { caught } from './kinds/caught.js';
import { gaps } from './kinds/gaps.js';
import { grounding } from './kinds/grounding.js';
import { hugePrompts } from './kinds/huge-prompts.js';
import { okDespiteFailures } from './kinds/ok-despite-failures.js';
import { retrieval } from './kinds/retrieval.js';
import { sequentialCalls } from './kinds/sequential-calls.js';
import { truncation } from './kinds/truncation.js';
import type { TraceFacts } from './trace-facts.js';

export const FINDING_KINDS = [
  answeredAfterFailedTool,
  failureInOkOutput,
  argumentNotFromConversation,
  replyContradictsSources,
  sourcesDisagree,
  loopOrStop,
  truncation,
  retrieval,
  grounding,
  okDespiteFailures,
  caught,
  gaps,
  sequentialCalls,
  hugePrompts,
] as const;

type Kinds = (typeof FINDING_KINDS)[number];

/** A trace's findings as --json carries them: one key per kind. */
export type Findings = { [K in Kinds as K['kind']]: JsonOf<K> };

/** Every kind's findings in one trace, each detected once. */
export function collectFindings(facts: TraceFacts): Findings {
  const out: Record<string, unknown> = {};
  for (const kind of FINDING_KINDS as readonly AnyKind[]) {
    const items = facts.of(kind);
    out[kind.kind] = kind.json ? kind.json.of(items) : items;
  }
  return out as Findings;
}

/** A kind's items out of a trace's findings (its --json value read back). */
export function itemsOf<K extends Kinds>(findings: Findings, kind: K): Array<ItemOf<K>> {
  const value = (findings as Record<string, unknown>)[kind.kind];
  const k = kind as AnyKind;
  return (k.json ? k.json.items(value) : (value as unknown[])) as Array<ItemOf<K>>;
}

/** Each kind with its items in one trace, in display order (kinds without items left out). */
export function foundKinds(findings: Findings): Array<{ kind: AnyKind; items: unknown[] }> {
  return (FINDING_KINDS as readonly Kinds[])
    .map((kind) => ({ kind: kind as AnyKind, items: itemsOf(findings, kind) as unknown[] }))
    .filter((f) => f.items.length > 0);
}
