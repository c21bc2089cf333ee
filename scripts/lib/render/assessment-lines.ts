/** Text for assessments, shared by the single-trace and the session views. */
import type { AssessmentSummary, AssessmentView } from '../analysis/trace/assessments.js';
import { clip, clipKeeping, fmtValue, oneLine } from './format.js';
import { paint } from './style.js';

const MARK = { negative: '✗', positive: '✓', unknown: '•' } as const;

/** `keep`: the values the trace's findings quote, which a rationale's cut keeps (a judge quoting the wrong amount). */
export function assessmentLine(a: AssessmentView, rationaleMax = 240, keep: readonly string[] = []): string {
  const mark = a.polarity === 'negative' ? paint.error(MARK.negative) : a.polarity === 'positive' ? paint.ok(MARK.positive) : MARK.unknown;
  const where = [
    a.sourceType + (a.sourceId && a.sourceId !== 'default' ? ` ${a.sourceId}` : ''),
    a.spanName ? `span ${a.spanName}` : a.spanId ? `span ${a.spanId}` : '',
    a.sessionLevel ? 'session-level' : '',
  ]
    .filter(Boolean)
    .join(', ');
  const value = clip(oneLine(fmtValue(a.value)), 120);
  const rationale = a.rationale ? ` — ${clipKeeping(oneLine(a.rationale), rationaleMax, keep)}` : '';
  return `${mark} ${a.name} = ${value} [${where}]${rationale}`;
}

export function assessmentLines(s: AssessmentSummary, indent = '  ', rationaleMax = 240, keep: readonly string[] = []): string[] {
  const lines: string[] = [];
  if (s.verdicts.length) {
    lines.push(`${indent}Verdicts (negative first; read the rationale, a value alone can mislead):`);
    for (const a of s.verdicts) lines.push(`${indent}  ${assessmentLine(a, rationaleMax, keep)}`);
  }
  if (s.scorerErrors.length) {
    lines.push(`${indent}Scorer errors (the judge failed, not the trace; these values say nothing):`);
    for (const a of s.scorerErrors) {
      const message = a.error?.message ? ` — ${clip(oneLine(a.error.message), rationaleMax)}` : '';
      const source = `${a.sourceType}${a.sessionLevel ? ', session-level' : ''}`;
      lines.push(`${indent}  ${paint.warn('!')} ${a.name}: ${a.error?.code ?? 'ERROR'}${message} [${source}]`);
    }
  }
  if (s.expectations.length) {
    lines.push(`${indent}Expectations (ground truth):`);
    for (const a of s.expectations)
      lines.push(`${indent}  = ${a.name} = ${clipKeeping(oneLine(fmtValue(a.value)), 200, keep)}${a.spanName ? ` [span ${a.spanName}]` : ''}`);
  }
  if (s.issues.length) {
    lines.push(`${indent}Issues:`);
    for (const a of s.issues) lines.push(`${indent}  ${a.name}: ${clip(oneLine(fmtValue(a.value)), 200)}`);
  }
  if (s.overridden.length) {
    lines.push(`${indent}Overridden (replaced by a later assessment; not counted):`);
    for (const a of s.overridden) {
      const by = a.overriddenBy ? ` → replaced by ${a.overriddenBy}` : '';
      const why = a.rationale ? ` — ${clip(oneLine(a.rationale), 120)}` : '';
      lines.push(`${indent}  ~ ${a.name} = ${clip(oneLine(fmtValue(a.value)), 80)}${by}${why}`);
    }
  }
  return lines;
}

export const assessmentCount = (s: AssessmentSummary): number =>
  s.verdicts.length + s.scorerErrors.length + s.expectations.length + s.overridden.length + s.issues.length;
