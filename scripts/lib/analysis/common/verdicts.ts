/**
 * A trace's verdicts, read one way for every pass over many traces (triage's verdict and judge
 * sections, the cohorts, the sampled older window): valid feedback with its polarity and its
 * source (a judge's pass rate is never mixed with people's), and apart from it the judges that
 * failed (a scorer's error says nothing about the trace).
 */
import { SkillError, shown } from '../../core/errors.js';
import type { Assessment, Trace } from '../../trace/trace.js';
import { polarityOf } from '../trace/assessments.js';

/** MLflow's AssessmentSourceType: HUMAN, LLM_JUDGE, CODE (anything else as the store spells it). */
export type VerdictSource = string;
export const SOURCES = ['HUMAN', 'LLM_JUDGE', 'CODE'] as const;

export const sourceOf = (a: Pick<Assessment, 'sourceType'>): VerdictSource => a.sourceType.replace(/^SOURCE_TYPE_/, '').toUpperCase();

/** What a user may type for a source: MLflow's names in any case, or judge / llm / human / person / code. */
const SOURCE_ALIASES: Record<string, VerdictSource> = {
  human: 'HUMAN',
  person: 'HUMAN',
  llm_judge: 'LLM_JUDGE',
  'llm-judge': 'LLM_JUDGE',
  judge: 'LLM_JUDGE',
  llm: 'LLM_JUDGE',
  code: 'CODE',
};

/** `--source human` → HUMAN; anything unknown is a usage error naming the choices. */
export function parseSource(text: string, flag = '--source'): VerdictSource {
  const s = SOURCE_ALIASES[text.trim().toLowerCase()];
  if (!s)
    throw new SkillError('usage', `${flag} takes HUMAN, LLM_JUDGE or CODE (or human, judge, code), not ${shown(text)}.`, {
      hint: `e.g. ${flag} human: the QA team's labels only; ${flag} judge: the LLM judge's verdicts only.`,
    });
  return s;
}

export interface Verdict {
  name: string;
  source: VerdictSource;
  negative: boolean;
  positive: boolean;
  /** The value as text (a string as is, anything else as JSON). */
  value: string;
  /** Trimmed; null when none was given. */
  rationale: string | null;
}

export interface JudgeError {
  name: string;
  source: VerdictSource;
  code: string;
  message: string;
}

/** Valid feedback that is not a judge's error, with its polarity. */
export function verdictsOf(trace: Trace): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const a of trace.info.assessments) {
    if (a.kind !== 'feedback' || a.error || !a.valid) continue;
    const polarity = polarityOf(a.value, a.name);
    verdicts.push({
      name: a.name,
      source: sourceOf(a),
      negative: polarity === 'negative',
      positive: polarity === 'positive',
      value: typeof a.value === 'string' ? a.value : JSON.stringify(a.value),
      rationale: a.rationale?.trim() || null,
    });
  }
  return verdicts;
}

/** Feedback whose judge failed (an error instead of a value). */
export function judgeErrorsOf(trace: Trace): JudgeError[] {
  const errors: JudgeError[] = [];
  for (const a of trace.info.assessments)
    if (a.kind === 'feedback' && a.error) errors.push({ name: a.name, source: sourceOf(a), code: a.error.code, message: a.error.message });
  return errors;
}

/** A value as the store's `feedback.NAME = 'V'` filter would be typed: case and spaces aside. */
const sameValue = (value: string, want: string) => value.trim().toLowerCase() === want.trim().toLowerCase();

/**
 * The trace as one source sees it (--source): feedback from other sources dropped, so every
 * section counts that source only; with --feedback NAME=V, null unless that source gave V (the
 * store's filter matches any source's verdict, so the check is made here).
 */
export function onlySource(source: VerdictSource, feedback: ReadonlyArray<readonly [string, string]> = []): (t: Trace) => Trace | null {
  return (t) => {
    const assessments = t.info.assessments.filter((a) => a.kind !== 'feedback' || sourceOf(a) === source);
    const view = { ...t, info: { ...t.info, assessments } };
    const mine = verdictsOf(view);
    for (const [name, want] of feedback) if (!mine.some((v) => v.name === name && sameValue(v.value, want))) return null;
    return view;
  };
}
