/**
 * The metrics path: on a tracking server that answers QueryTraceMetrics, triage's whole-window
 * figures (traces per state, latency, tokens, cost per day and per model, assessments) come from
 * a handful of requests whatever the number of traces; each figure the server declines is
 * filled from the traces read instead, and said so. Refused credentials end the run (exit 9).
 */
import type { TriageAccumulator } from '../../analysis/triage/accumulator.js';
import {
  assessmentsAggregate,
  bucketsQuery,
  countOf,
  costByModelAggregate,
  costPerDayAggregate,
  type FigureSource,
  figureQueries,
  latencyAggregate,
  metricsScope,
  SERVER_FIGURES,
  type ServerFigure,
  type ServerFigures,
  statesAggregate,
  tokensAggregate,
  verdictTotalsAggregate,
} from '../../analysis/triage/server-figures.js';
import { type DataPoint, type MetricsQuery, metricsEndpoint, queryMetrics } from '../../mlflow/metrics.js';
import type { TriageArgs } from './triage-args.js';

const paging = (why: string, requests = 0): ServerFigures => ({
  path: 'paging',
  why,
  traces: null,
  requests,
  figures: SERVER_FIGURES.map((figure) => ({ figure, path: 'paging' })),
});

/**
 * Traces per state and day, or per hour when the window spans three days or less, used only when
 * they add up to the exact total (MLflow 3.17.2 loses data points across pages of buckets).
 */
async function timeBuckets(traces: number, send: (unit: 'day' | 'hour') => Promise<DataPoint[] | string>) {
  const daily = await send('day');
  if (typeof daily === 'string' || countOf(daily) !== traces) return null;
  const days = new Set(daily.map((p) => p.dimensions.time_bucket)).size;
  if (days > 3) return { points: daily, unitMs: 86_400_000 };
  const hourly = await send('hour');
  if (typeof hourly === 'string' || countOf(hourly) !== traces) return { points: daily, unitMs: 86_400_000 };
  return { points: hourly, unitMs: 3_600_000 };
}

/**
 * Asks the server for every figure it can give and hands each answer to the sections. `counted`
 * hears which path answers as soon as the counts are in, so the traces can be read meanwhile.
 */
export async function readServerFigures(
  a: TriageArgs,
  acc: TriageAccumulator,
  counted: (path: ServerFigures['path']) => void = () => {},
): Promise<ServerFigures> {
  const figures = await askServer(a, acc, counted);
  counted(figures.path);
  return figures;
}

async function askServer(a: TriageArgs, acc: TriageAccumulator, counted: (path: ServerFigures['path']) => void): Promise<ServerFigures> {
  if (a.paging) return paging('--paging');
  const where = metricsEndpoint();
  if ('none' in where) return paging(`the tracking URI is ${where.none}`);
  const scope = metricsScope(a.spec);
  if ('unexpressible' in scope) return paging(`the metrics endpoint cannot express ${scope.unexpressible}`);
  const queries = figureQueries(a.experimentId, scope);
  let requests = 0;
  const send = async (q: MetricsQuery): Promise<DataPoint[] | string> => {
    const answer = await queryMetrics(q, { timeoutMs: a.cli.timeoutMs });
    requests += answer.requests;
    return 'refused' in answer ? answer.refused : answer.points;
  };
  const ask = (figure: ServerFigure) => send(queries[figure]);
  // The counts first: without them the traces read are not a sample of a known whole.
  const totals = await ask('traces');
  if (typeof totals === 'string') return paging(totals, requests);
  counted('server');
  const traces = countOf(totals);
  const buckets = await timeBuckets(traces, (unit) => send(bucketsQuery(a.experimentId, scope, unit)));
  const states = statesAggregate(totals, buckets?.points ?? null, buckets?.unitMs);
  acc.addAggregate(states);
  const hourly = buckets?.points ?? [];
  const figures: FigureSource[] = [{ figure: 'traces', path: 'server' }];
  // `use` answers false when the server's answer holds nothing to show (no span cost): the traces read answer instead, said.
  const fill = async (figure: Exclude<ServerFigure, 'traces'>, use: (points: DataPoint[]) => unknown, empty = '') => {
    const points = await ask(figure);
    if (typeof points === 'string') figures.push({ figure, path: 'paging', why: points });
    else if (use(points) === false) figures.push({ figure, path: 'paging', why: empty });
    else figures.push({ figure, path: 'server' });
  };
  const add = (x: Parameters<TriageAccumulator['addAggregate']>[0] | null) => {
    if (x) acc.addAggregate(x);
    return x;
  };
  await fill('latency', (p) => add(latencyAggregate(p, traces)));
  await fill('tokens', (p) => add(tokensAggregate(p)));
  const noCost = 'the server summed no span cost in the window (MLflow recorded none: mlflow.llm.cost)';
  if (buckets) await fill('costPerDay', (p) => add(costPerDayAggregate(hourly, p)) !== null, noCost);
  else figures.push({ figure: 'costPerDay', path: 'paging', why: "the server's traces per day did not add up to its total" });
  await fill('costByModel', (p) => add(costByModelAggregate(p)));
  await fill('assessments', (p) => add(assessmentsAggregate(p)));
  await fill('verdictTotals', (p) => add(verdictTotalsAggregate(p)));
  return { path: 'server', why: null, traces, requests, figures };
}
