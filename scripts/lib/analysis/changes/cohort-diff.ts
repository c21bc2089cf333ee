/** What differs between the two cohorts compared: error and verdict rates beyond chance, the span that slowed, the parameters that changed. */
import { type RateDifference, rateDifference } from '../common/chance.js';
import type { Cohort, ParamChange, SlowSpan } from './change-report.js';

/** The span whose median self time grew most from one cohort to the other. */
export function slowSpan(a: Cohort, b: Cohort): SlowSpan | null {
  let best: SlowSpan | null = null;
  for (const s of b.spans) {
    const o = a.spans.find((x) => x.name === s.name);
    if (!o || o.selfP50 === null || s.selfP50 === null || o.count < 3 || s.count < 3) continue;
    const grew = s.selfP50 - o.selfP50;
    if (grew <= 0 || (best && grew <= best.toSelfP50 - best.fromSelfP50)) continue;
    best = {
      name: s.name,
      fromSelfP50: o.selfP50,
      toSelfP50: s.selfP50,
      ratio: o.selfP50 > 0 ? s.selfP50 / o.selfP50 : null,
      traces: { from: o.count, to: s.count },
    };
  }
  // Worth naming: at least 50 % slower and 20 ms more.
  return best && best.toSelfP50 - best.fromSelfP50 >= 20 && (best.ratio === null || best.ratio >= 1.5) ? best : null;
}

/** Parameters whose usual value differs between the cohorts. */
export function paramChanges(a: Cohort, b: Cohort): ParamChange[] {
  const out: ParamChange[] = [];
  for (const [key, tb] of Object.entries(b.params)) {
    const ta = a.params[key];
    const ma = ta?.[0];
    const mb = tb[0];
    if (!ma || !mb || ma.value === mb.value) continue;
    const fromOf = ta.reduce((s, x) => s + x.count, 0);
    const toOf = tb.reduce((s, x) => s + x.count, 0);
    // A value most calls of each side share, or it is per-request text (a prompt holding the retrieved passages), not a setting.
    if (ma.count * 2 < fromOf || mb.count * 2 < toOf) continue;
    out.push({
      key,
      from: ma.value,
      to: mb.value,
      counts: { from: ma.count, fromOf, to: mb.count, toOf },
    });
  }
  return out;
}

/**
 * The two cohorts' error and negative-verdict rates, each with whether chance explains the gap.
 * `verdictsComparable` false (verdict-coverage.ts): the negative rates rest on sources that cover the cohorts unlike, said on the difference.
 */
export function differences(a: Cohort, b: Cohort, verdictsComparable = true): RateDifference[] {
  const negative = rateDifference('negative verdicts', a.negative, b.negative);
  return [rateDifference('errors', a.errors, b.errors), negative && !verdictsComparable ? { ...negative, comparable: false } : negative].filter(
    (d): d is RateDifference => d !== null && (d.from.n > 0 || d.to.n > 0),
  );
}
