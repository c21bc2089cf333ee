/**
 * NEGATIVE VERDICTS: per assessment and source (HUMAN, LLM_JUDGE, CODE counted apart), its
 * negative and positive counts over the traces that source scored, values, rationale clusters,
 * over-represented tags (against what it scored), where it alone ran, and the newest trace.
 */
import type { VerdictCluster } from '../../analysis/triage/sections/verdicts.js';
import { traceLink } from '../../mlflow/links.js';
import { clip, fmtInt, oneLine, plural } from '../format.js';
import { paint } from '../style.js';
import { overRepLine, type TriageFollow, type TriageRun, type TriageView } from './view.js';

const BY_SOURCE = ' (by source: HUMAN, LLM_JUDGE, CODE counted apart)';

/** Clusters with no negative verdict, listed one line each, at most. */
const QUIET_SHOWN = 6;

const counts = (c: VerdictCluster) => {
  const others = c.others.length ? `; other values ${c.others.map((x) => `${x.value} ×${fmtInt(x.count)}`).join(', ')}` : '';
  const scored = `on ${fmtInt(c.coverage.traces)} of ${plural(c.coverage.of, 'trace')} read`;
  return `${fmtInt(c.count)} negative, ${fmtInt(c.positive)} positive of ${plural(c.judged, 'verdict')} ${scored}${others}`;
};

const onlyKey = (o: VerdictCluster['coverage']['onlyOn'][number]) => `${o.key}=${o.value}`;

/** The cohorts every verdict listed was given on alone (a judge and its reviewers ran on one version): said once. */
function sharedCoverage(clusters: readonly VerdictCluster[]): Set<string> {
  const [first, ...rest] = clusters;
  if (!first) return new Set();
  return new Set(first.coverage.onlyOn.map(onlyKey).filter((k) => rest.every((c) => c.coverage.onlyOn.some((o) => onlyKey(o) === k))));
}

/** A source that scored only one cohort: its verdicts compare nothing across cohorts. */
function coverageLines(c: VerdictCluster, said: ReadonlySet<string>): string[] {
  return c.coverage.onlyOn
    .filter((o) => !said.has(onlyKey(o)))
    .slice(0, 2)
    .map(
      (o) =>
        `     ${paint.warn('coverage')}: ${c.source} scored ${c.name} only on ${o.key}=${o.value} ` +
        `(${fmtInt(c.coverage.traces)} of the ${fmtInt(o.valueTraces)} traces with it; none of the ${fmtInt(o.otherTraces)} with another value): ` +
        `its verdicts compare nothing across ${o.key}`,
    );
}

function sharedCoverageLines(clusters: readonly VerdictCluster[], said: ReadonlySet<string>): string[] {
  const first = clusters[0];
  if (!first) return [];
  return first.coverage.onlyOn
    .filter((o) => said.has(onlyKey(o)))
    .slice(0, 2)
    .map(
      (o) =>
        `  ${paint.warn('coverage')}: every verdict below was given on ${o.key}=${o.value} only (${fmtInt(o.valueTraces)} traces read); ` +
        `none of the ${fmtInt(o.otherTraces)} traces with another ${o.key} has one: ` +
        `these verdicts compare nothing across ${o.key}, and a rate per ${o.key} says only where the scorers ran`,
    );
}

function negativeLines(c: VerdictCluster, said: ReadonlySet<string>, run: TriageRun, follow: TriageFollow): string[] {
  const values = c.values
    .slice(0, 3)
    .map((x) => `${x.value} ×${fmtInt(x.count)}`)
    .join(', ');
  const v = [`  ${paint.warn(c.name)} [${c.source}]: ${counts(c)} (${values})`];
  for (const r of c.rationales.slice(0, 3)) v.push(`     rationale ×${fmtInt(r.count)}: ${JSON.stringify(clip(oneLine(r.text), 200))} (newest ${r.newest})`);
  if (c.rationales.length > 3) v.push(`     … more rationales: ${follow.json}`);
  v.push(...coverageLines(c, said));
  for (const o of c.overRepresented.slice(0, 2)) v.push(`     over-represented ${overRepLine(o)}`);
  if (c.newest) {
    v.push(`     newest ${c.newest.traceId}: ${follow.inspect(c.newest.traceId)}`);
    const link = traceLink(run.experimentId, c.newest.traceId);
    if (link) v.push(`     MLflow UI: ${link}`);
  }
  return v;
}

/** Names scored by more than one source: the agreement is judge_agreement's question. */
function agreementLines(clusters: readonly VerdictCluster[], follow: TriageFollow): string[] {
  const names = [...new Set(clusters.filter((c) => c.otherSources.length).map((c) => c.name))];
  return names.slice(0, 3).map((n) => {
    const sources = clusters.filter((c) => c.name === n).map((c) => c.source);
    return `  ${n} is scored by ${sources.join(' and ')} (counted apart above); do they agree: ${follow.judges(n)}`;
  });
}

export const verdictsView: TriageView = (f, run, follow) => {
  const negative = f.verdicts.filter((c) => c.count > 0);
  const quiet = f.verdicts.filter((c) => c.count === 0);
  const v = negative.length
    ? [paint.head(`NEGATIVE VERDICTS — ${plural(new Set(negative.map((c) => c.name)).size, 'assessment')} with negative values${BY_SOURCE}`)]
    : [paint.head(`NEGATIVE VERDICTS — none among the traces read${f.verdicts.length ? ' (verdicts by source below)' : ''}`)];
  const said = sharedCoverage(f.verdicts);
  v.push(...sharedCoverageLines(f.verdicts, said));
  for (const c of negative) v.push(...negativeLines(c, said, run, follow));
  for (const c of quiet.slice(0, QUIET_SHOWN)) {
    v.push(`  ${c.name} [${c.source}]: ${counts(c)}`);
    v.push(...coverageLines(c, said));
  }
  if (quiet.length > QUIET_SHOWN) v.push(`  … ${quiet.length - QUIET_SHOWN} more assessments with no negative verdict: ${follow.json}`);
  v.push(...agreementLines(f.verdicts, follow));
  return [{ name: 'verdicts', priority: 2, lines: v, more: follow.json }];
};
