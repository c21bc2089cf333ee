/**
 * WHAT CHANGED's cost per request on the metrics path: the two compared cohorts' traces, tokens and
 * recorded cost summed by the tracking server over the whole window (three requests per cohort, all
 * at once), in place of the span sample's. Null when no server answered triage's figures; the sample
 * answers, and says why, when the cohort key or its cost is beyond the endpoint.
 */
import type { ChangeReport, OnsetFinding } from '../../analysis/changes/change-report.js';
import {
  type CohortCost,
  type CohortQueryName,
  type CohortScope,
  type CohortWindowCost,
  cohortMetricsFilter,
  cohortQueries,
  cohortWindowCost,
} from '../../analysis/changes/cohort-window-cost.js';
import { metricsScope, OPEN_END_MS } from '../../analysis/triage/server-figures.js';
import { type DataPoint, queryMetrics } from '../../mlflow/metrics.js';
import type { TriageArgs } from './triage-args.js';

const sample = (why: string, requests = 0): CohortCost => ({ path: 'sample', why, requests, cohorts: [] });

/** The cohort's range: the window, or, for a version found before it by the look-back, everything before the window. */
function rangeOf(value: string, window: { startMs: number; endMs: number }, onset: OnsetFinding | null) {
  if (onset?.lastGood && value !== onset.value) return { startMs: 0, endMs: Date.parse(onset.windowStart) };
  return window;
}

/** What the cohort cost is asked for: the split and the analysed application among several. */
export type CohortSpec = Pick<ChangeReport, 'by' | 'from' | 'to' | 'app'> & { applications: readonly unknown[] };

/** The same question: a cost read for one spec answers the other. */
export const sameCohorts = (x: CohortSpec, y: CohortSpec): boolean =>
  x.by === y.by && x.from === y.from && x.to === y.to && x.app === y.app && x.applications.length > 1 === y.applications.length > 1;

export async function readCohortCost(a: TriageArgs, onServer: boolean, r: CohortSpec, onset: OnsetFinding | null): Promise<CohortCost | null> {
  if (!onServer || !r.by || !r.from || !r.to) return null;
  const scope = metricsScope(a.spec);
  if ('unexpressible' in scope) return sample(`the metrics endpoint cannot express ${scope.unexpressible}`);
  // Several applications in one experiment: the cohort is the analysed one's traces (as the sample's).
  const app = !a.traceName && r.applications.length > 1 && r.app ? [`trace.tag.mlflow.traceName = "${r.app}"`] : [];
  if (app.length && r.app?.includes('"')) return sample(`the application name ${r.app} is not expressible in the metrics endpoint's filter syntax`);
  const scopes: Array<{ s: CohortScope; filter: string }> = [];
  for (const value of [r.from, r.to]) {
    const f = cohortMetricsFilter(r.by, value);
    if ('why' in f) return sample(f.why);
    scopes.push({ s: { value, filters: [...scope.filters, ...app], ...rangeOf(value, scope, onset) }, filter: f.filter });
  }
  let requests = 0;
  const ask = async (q: Parameters<typeof queryMetrics>[0]): Promise<DataPoint[] | string> => {
    const answer = await queryMetrics(q, { timeoutMs: a.cli.timeoutMs });
    requests += answer.requests;
    return 'refused' in answer ? answer.refused : answer.points;
  };
  const answered = await Promise.all(
    scopes.map(async ({ s, filter }) => {
      const qs = cohortQueries(a.experimentId, s, filter);
      const names = Object.keys(qs) as CohortQueryName[];
      const got = await Promise.all(names.map((n) => ask(qs[n])));
      const refused = got.find((x): x is string => typeof x === 'string');
      if (refused !== undefined) return { why: refused };
      return cohortWindowCost(s, Object.fromEntries(names.map((n, i) => [n, got[i] as DataPoint[]])) as Record<CohortQueryName, DataPoint[]>, OPEN_END_MS);
    }),
  );
  const why = answered.find((x): x is { why: string } => 'why' in x);
  if (why) return sample(why.why, requests);
  return { path: 'server', why: null, requests, cohorts: answered as CohortWindowCost[] };
}
