/**
 * Deep links (scripts/lib/mlflow/links.ts) over a fixture of the routes the pinned MLflow UI ships
 * (fixtures/mlflow-ui-routes.json; test/cli/mlflow-ui-routes.cli.test.ts keeps it true to the UI).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentLink, sessionLink, traceLink, uiBase } from '../../../scripts/lib/mlflow/links.js';

interface UiRoutes {
  mlflow: string;
  experimentRoutes: string[];
  traceQueryParam: string;
}
const ui = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'fixtures', 'mlflow-ui-routes.json'), 'utf8')) as UiRoutes;

/** The route a link's path opens (react-router: `:name` is one segment, `*` the rest), most literal first; with its params decoded. */
function route(path: string): { route: string; params: Record<string, string> } | null {
  const segs = path.split('/').slice(1);
  const matched = ui.experimentRoutes.flatMap((r) => {
    const parts = r.split('/').slice(1);
    const params: Record<string, string> = {};
    for (const [i, p] of parts.entries()) {
      if (p === '*') return [{ route: r, params, literal: parts.filter((x) => !x.startsWith(':')).length - 1 }];
      const seg = segs[i];
      if (seg === undefined || seg === '') return [];
      if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(seg);
      else if (p !== seg) return [];
    }
    return parts.length === segs.length ? [{ route: r, params, literal: parts.filter((x) => !x.startsWith(':')).length }] : [];
  });
  const best = matched.sort((a, b) => b.literal - a.literal)[0];
  return best ? { route: best.route, params: best.params } : null;
}

/** A link split at the UI base: the route it opens and its query. */
function open(link: string | null, base: string): { route: string; params: Record<string, string>; query: URLSearchParams } {
  expect(link?.startsWith(`${base}/`), `${link} starts with ${base}/`).toBe(true);
  const [path = '', query = ''] = (link as string).slice(base.length).split('?');
  const r = route(path);
  expect(r, `${path} opens no route of the MLflow ${ui.mlflow} UI`).not.toBeNull();
  return { ...(r as NonNullable<typeof r>), query: new URLSearchParams(query) };
}

const SERVER = { MLFLOW_TRACKING_URI: 'http://bob:pw@127.0.0.1:5000/?x=1' };
const DATABRICKS = { MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_HOST: 'https://dbc-1.cloud.databricks.com/' };
const ODD_IDS = ['tr-abc', "o'brien `x` ✓", 'a/b?c=d#e', '  spaced  ', '42'];

describe.each([
  ['a tracking server', SERVER, 'http://127.0.0.1:5000/#'],
  ['Databricks', DATABRICKS, 'https://dbc-1.cloud.databricks.com/ml'],
])('links into the MLflow %s UI', (_name, env, base) => {
  it('the base has no credentials, query or trailing slash', () => {
    expect(uiBase(env)).toBe(base);
  });

  it.each(ODD_IDS)('a trace (%j) opens the traces tab with the trace selected', (id) => {
    const link = open(traceLink('7', id, env), base);
    expect(link.route).toBe('/experiments/:experimentId/traces');
    expect(link.params).toEqual({ experimentId: '7' });
    expect(link.query.get(ui.traceQueryParam)).toBe(id);
  });

  it.each(ODD_IDS)('a session (%j) opens its chat-session page, the id intact', (id) => {
    const link = open(sessionLink('7', id, env), base);
    expect(link.route).toBe('/experiments/:experimentId/chat-sessions/:sessionId');
    expect(link.params).toEqual({ experimentId: '7', sessionId: id });
  });

  it('an experiment opens its traces tab', () => {
    expect(open(experimentLink('7', env), base).route).toBe('/experiments/:experimentId/traces');
  });
});

describe('no link where there is no UI', () => {
  it('a sqlite store, a Databricks profile that is not configured, an unknown experiment', () => {
    expect(uiBase({ MLFLOW_TRACKING_URI: 'databricks://nope', DATABRICKS_CONFIG_FILE: '/nonexistent' })).toBeNull();
    expect(traceLink('1', 'tr-x', { MLFLOW_TRACKING_URI: 'sqlite:///mlflow.db' })).toBeNull();
    expect(sessionLink('1', 's', { MLFLOW_TRACKING_URI: 'file:///tmp/mlruns' })).toBeNull();
    expect(traceLink(null, 'tr-x', { MLFLOW_TRACKING_URI: 'http://h' })).toBeNull();
  });

  it('the exact strings for a server link (what the views print)', () => {
    expect(traceLink('1', 'tr-abc', SERVER)).toBe('http://127.0.0.1:5000/#/experiments/1/traces?selectedEvaluationId=tr-abc');
  });
});
