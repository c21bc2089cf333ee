/**
 * Assessments sorted the way a debugger reads them: quality verdicts (negative first), scorer
 * errors apart (a judge that failed says nothing about the trace), expectations (ground truth),
 * and overridden ones marked. A value alone can mislead ("no" from a frustration check): the
 * rationale always travels with it.
 */
import type { Assessment, Trace } from '../../trace/trace.js';
import type { SpanTree } from '../../trace/tree.js';

export type Polarity = 'negative' | 'positive' | 'unknown';

export interface AssessmentView {
  id: string | null;
  name: string;
  value: unknown;
  polarity: Polarity;
  sourceType: string;
  sourceId: string | null;
  rationale: string | null;
  spanId: string | null;
  spanName: string | null;
  sessionLevel: boolean;
  /** For overridden ones: the assessment that replaced it. */
  overriddenBy: string | null;
  overrides: string | null;
  error: Assessment['error'];
}

export interface AssessmentSummary {
  verdicts: AssessmentView[];
  scorerErrors: AssessmentView[];
  expectations: AssessmentView[];
  overridden: AssessmentView[];
  issues: AssessmentView[];
}

const NEGATIVE =
  /^(no|false|fail|failed|failure|bad|incorrect|wrong|unsafe|irrelevant|negative|poor|not[ _-]?\w+|unhelpful|harmful|toxic|ungrounded|hallucinated?)$/i;
const POSITIVE = /^(yes|true|pass|passed|good|correct|safe|relevant|positive|helpful|grounded)$/i;

/**
 * Scorer names for bad things: for them a "yes", a true or a high score is the bad verdict.
 * One table, matched against the words of the name (user_frustration, is-toxic, PIILeakage),
 * so a new scorer with one of these words is read the right way round.
 */
export const BAD_THING_WORDS: readonly string[] = [
  'frustration',
  'frustrated',
  'toxicity',
  'toxic',
  'hallucination',
  'hallucinated',
  'hallucinations',
  'harmful',
  'harm',
  'bias',
  'biased',
  'jailbreak',
  'pii',
  'leakage',
  'leak',
  'leaked',
  'injection',
  'offensive',
  'unsafe',
  'profanity',
  'insult',
  'hate',
  'violence',
  'refusal',
  'contradiction',
  'error',
];
/** Words that turn a bad-thing name into a good one: no_hallucination, pii_free, harmless. */
const NEGATING_WORDS = new Set(['no', 'non', 'not', 'free', 'without', 'absence', 'absent', 'less']);

const nameWords = (name: string): string[] =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Whether a scorer's name says it measures something bad (so high / yes / true is bad). */
export function namesBadThing(name: string): boolean {
  const words = nameWords(name);
  const negated = (w: string) =>
    NEGATING_WORDS.has(w) || /(less|free)$/.test(w) || (/^(un|non|anti)./.test(w) && BAD_THING_WORDS.includes(w.replace(/^(un|non|anti)/, '')));
  if (words.some(negated)) return false;
  return words.some((w) => BAD_THING_WORDS.includes(w));
}

const invert = (p: Polarity): Polarity => (p === 'negative' ? 'positive' : p === 'positive' ? 'negative' : 'unknown');
const HIGH_LOW = /^(high|medium|low|none)$/i;

/**
 * A best guess at whether a feedback value is a bad verdict, from its value and, when given,
 * the scorer's name (`user_frustration = "yes"` is bad). The rationale has the last word.
 */
export function polarityOf(value: unknown, name?: string): Polarity {
  const bad = typeof name === 'string' && namesBadThing(name);
  if (bad && typeof value === 'string' && HIGH_LOW.test(value.trim())) return /^(high|medium)$/i.test(value.trim()) ? 'negative' : 'positive';
  const p = valuePolarity(value);
  return bad ? invert(p) : p;
}

function valuePolarity(value: unknown): Polarity {
  if (typeof value === 'boolean') return value ? 'positive' : 'negative';
  if (typeof value === 'string') return NEGATIVE.test(value.trim()) ? 'negative' : POSITIVE.test(value.trim()) ? 'positive' : 'unknown';
  if (typeof value === 'number') {
    // Exactly 1 is the top of a 0-1 scale and the bottom of a 1-5 one: say nothing.
    if (value === 1) return 'unknown';
    if (value >= 0 && value < 1) return value < 0.5 ? 'negative' : 'positive';
    if (value > 1 && value <= 5) return value <= 2 ? 'negative' : value >= 4 ? 'positive' : 'unknown';
    if (value > 5 && value <= 10) return value <= 4 ? 'negative' : value >= 7 ? 'positive' : 'unknown';
  }
  return 'unknown';
}

const RANK: Record<Polarity, number> = { negative: 0, unknown: 1, positive: 2 };

export function summariseAssessments(assessments: readonly Assessment[], tree?: SpanTree): AssessmentSummary {
  const replacedBy = new Map<string, string>();
  for (const a of assessments) if (a.overrides && a.id) replacedBy.set(a.overrides, a.id);
  const view = (a: Assessment): AssessmentView => ({
    id: a.id,
    name: a.name,
    value: a.value,
    polarity: a.kind === 'feedback' && !a.error ? polarityOf(a.value, a.name) : 'unknown',
    sourceType: a.sourceType,
    sourceId: a.sourceId,
    rationale: a.rationale,
    spanId: a.spanId,
    spanName: a.spanId ? (tree?.byId.get(a.spanId)?.span.name ?? null) : null,
    sessionLevel: a.sessionLevel,
    overriddenBy: a.id ? (replacedBy.get(a.id) ?? null) : null,
    overrides: a.overrides,
    error: a.error,
  });
  const out: AssessmentSummary = { verdicts: [], scorerErrors: [], expectations: [], overridden: [], issues: [] };
  for (const a of assessments) {
    const v = view(a);
    if (a.error) out.scorerErrors.push(v);
    else if (!a.valid) out.overridden.push(v);
    else if (a.kind === 'expectation') out.expectations.push(v);
    else if (a.kind === 'issue') out.issues.push(v);
    else out.verdicts.push(v);
  }
  out.verdicts.sort((a, b) => RANK[a.polarity] - RANK[b.polarity]);
  return out;
}

export const traceAssessments = (trace: Trace, tree?: SpanTree) => summariseAssessments(trace.info.assessments, tree);
