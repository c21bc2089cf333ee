/**
 * One source judging the same trace twice and changing its verdict: an overridden feedback and the
 * one that replaced it, from the same source type, with different labels. An override that keeps
 * the label (a re-run, a reviewer re-checking) is no inconsistency and is not listed.
 */
import type { Assessment, Trace } from '../../trace/trace.js';
import { sourceOf } from '../common/verdicts.js';

export interface JudgedTwice {
  value: unknown;
  label: string;
  rationale: string | null;
  createTime: string | null;
}

export interface OverrideFlip {
  traceId: string;
  source: string;
  /** The overridden verdict, then the one that replaced it. */
  from: JudgedTwice;
  to: JudgedTwice;
  /** Milliseconds from the first verdict to the second, when both carry a time. */
  gapMs: number | null;
}

const MAX_FLIPS = 50;

const said = (a: Assessment, label: (value: unknown, name: string) => string): JudgedTwice => ({
  value: a.value,
  label: label(a.value, a.name),
  rationale: a.rationale,
  createTime: a.createTime,
});

/** Overridden verdicts on `name` whose label differs from the one that replaced them, per trace in read order. */
export function overrideFlips(traces: readonly Trace[], name: string, label: (value: unknown, name: string) => string): OverrideFlip[] {
  const out: OverrideFlip[] = [];
  for (const t of traces) {
    const byId = new Map(t.info.assessments.filter((a) => a.id).map((a) => [a.id as string, a]));
    for (const now of t.info.assessments) {
      const old = now.overrides ? byId.get(now.overrides) : undefined;
      if (!old || old.kind !== 'feedback' || now.kind !== 'feedback' || old.name !== name || old.error || now.error) continue;
      // A person replacing a judge's verdict is a disagreement between sources, not one source changing its mind.
      if (sourceOf(old) !== sourceOf(now)) continue;
      const from = said(old, label);
      const to = said(now, label);
      if (from.label === to.label) continue;
      const gap = old.createTime && now.createTime ? Date.parse(now.createTime) - Date.parse(old.createTime) : Number.NaN;
      out.push({ traceId: t.info.traceId, source: sourceOf(now), from, to, gapMs: Number.isFinite(gap) ? gap : null });
    }
  }
  return out.slice(0, MAX_FLIPS);
}
