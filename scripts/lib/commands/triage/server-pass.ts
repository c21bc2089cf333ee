/**
 * The metrics path: on a tracking server that answers QueryTraceMetrics, triage's whole-window
 * figures (traces per state, latency, tokens, cost per day and per model, assessments) come from
 * a handful of requests whatever the number of traces; each figure the server declines is
 * filled from the traces read instead, and said so. Refused credentials end the run (exit 9).
 */
import type { TriageAccumulator } from '../../analysis/triage/accumulator.js';
import {
  assessmentsAggregate,
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
} from '../../analysis/triage/server-figures.js';
import { type DataPoint, metricsEndpoint, queryMetrics } from '../../mlflow/metrics.js';
import type { TriageArgs } from './triage-args.js';

const paging = (why: string, requests = 0): ServerFigures => ({
  path: 'paging',
  why,
  traces: null,
  requests,
  figures: SERVER_FIGURES.map((figure) => ({ figure, path: 'paging' })),
});

/** Asks the server for every figure it can give and hands each answer to the sections. */
export async function readServerFigures(a: TriageArgs, acc: TriageAccumulator): Promise<ServerFigures> {
  if (a.paging) return paging('--paging');
  const where = metricsEndpoint();
  if ('none' in where) return paging(`the tracking URI is ${where.none}`);
  const scope = metricsScope(a.spec);
  if ('unexpressible' in scope) return paging(`the metrics endpoint cannot express ${scope.unexpressible}`);
  const queries = figureQueries(a.experimentId, scope);
  let requests = 0;
  const ask = async (figure: ServerFigure): Promise<DataPoint[] | string> => {
    const answer = await queryMetrics(queries[figure], { timeoutMs: a.cli.timeoutMs });
    requests += answer.requests;
    return 'refused' in answer ? answer.refused : answer.points;
  };
  // The counts first: without them the traces read are not a sample of a known whole.
  const hourly = await ask('traces');
  if (typeof hourly === 'string') return paging(hourly, requests);
  const states = statesAggregate(hourly);
  const traces = Object.values(states.counts).reduce((x, y) => x + y, 0);
  acc.addAggregate(states);
  const figures: FigureSource[] = [{ figure: 'traces', path: 'server' }];
  const fill = async (figure: Exclude<ServerFigure, 'traces'>, use: (points: DataPoint[]) => void) => {
    const points = await ask(figure);
    if (typeof points === 'string') figures.push({ figure, path: 'paging', why: points });
    else {
      use(points);
      figures.push({ figure, path: 'server' });
    }
  };
  const add = (x: Parameters<TriageAccumulator['addAggregate']>[0] | null) => x && acc.addAggregate(x);
  await fill('latency', (p) => add(latencyAggregate(p, traces)));
  await fill('tokens', (p) => add(tokensAggregate(p)));
  await fill('costPerDay', (p) => add(costPerDayAggregate(hourly, p)));
  await fill('costByModel', (p) => add(costByModelAggregate(p)));
  await fill('assessments', (p) => add(assessmentsAggregate(p)));
  return { path: 'server', why: null, traces, requests, figures };
}
