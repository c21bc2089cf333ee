/**
 * A trace's verdicts, read one way for every pass over many traces (triage's verdict and judge
 * sections, the cohorts, the sampled older window): valid feedback with its polarity, and apart
 * from it the judges that failed (a scorer's error says nothing about the trace).
 */
import type { Trace } from '../../trace/trace.js';
import { polarityOf } from '../trace/assessments.js';

export interface Verdict {
  name: string;
  negative: boolean;
  /** The value as text (a string as is, anything else as JSON). */
  value: string;
  /** Trimmed; null when none was given. */
  rationale: string | null;
}

export interface JudgeError {
  name: string;
  code: string;
  message: string;
}

/** Valid feedback that is not a judge's error, with its polarity. */
export function verdictsOf(trace: Trace): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const a of trace.info.assessments) {
    if (a.kind !== 'feedback' || a.error || !a.valid) continue;
    verdicts.push({
      name: a.name,
      negative: polarityOf(a.value, a.name) === 'negative',
      value: typeof a.value === 'string' ? a.value : JSON.stringify(a.value),
      rationale: a.rationale?.trim() || null,
    });
  }
  return verdicts;
}

/** Feedback whose judge failed (an error instead of a value). */
export function judgeErrorsOf(trace: Trace): JudgeError[] {
  const errors: JudgeError[] = [];
  for (const a of trace.info.assessments) if (a.kind === 'feedback' && a.error) errors.push({ name: a.name, code: a.error.code, message: a.error.message });
  return errors;
}
