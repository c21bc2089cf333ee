/** Deep links: one module, checked against the routes the pinned MLflow UI ships. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sessionLink, traceLink, uiBase } from '../../../scripts/lib/mlflow/links.js';
import { ROOT } from '../../support/helpers.js';

function uiBundle(): string {
  const lib = join(ROOT, '.venv', 'lib');
  const py = readdirSync(lib).find((d) => d.startsWith('python')) as string;
  const js = join(lib, py, 'site-packages', 'mlflow', 'server', 'js', 'build', 'static', 'js');
  const main = readdirSync(js).find((f) => /^main\..*\.js$/.test(f)) as string;
  return readFileSync(join(js, main), 'utf8');
}

describe('MLflow UI links', () => {
  it('the pinned UI has the routes and the query parameter the links use', () => {
    const bundle = uiBundle();
    expect(bundle).toContain('"/experiments/:experimentId/traces"');
    expect(bundle).toContain('"/experiments/:experimentId/chat-sessions/:sessionId"');
    expect(bundle).toContain('get("selectedEvaluationId")');
  });

  it('a server: hash routes, credentials and query stripped, ids encoded', () => {
    const env = { MLFLOW_TRACKING_URI: 'http://bob:pw@127.0.0.1:5000/?x=1' };
    expect(traceLink('1', 'tr-abc', env)).toBe('http://127.0.0.1:5000/#/experiments/1/traces?selectedEvaluationId=tr-abc');
    expect(sessionLink('1', "o'brien `x` ✓", env)).toBe(`http://127.0.0.1:5000/#/experiments/1/chat-sessions/${encodeURIComponent("o'brien `x` ✓")}`);
  });

  it('Databricks: the workspace host under /ml; a sqlite store has no UI', () => {
    expect(traceLink('42', 'tr-x', { MLFLOW_TRACKING_URI: 'databricks', DATABRICKS_HOST: 'https://dbc-1.cloud.databricks.com/' })).toBe(
      'https://dbc-1.cloud.databricks.com/ml/experiments/42/traces?selectedEvaluationId=tr-x',
    );
    expect(uiBase({ MLFLOW_TRACKING_URI: 'databricks://nope', DATABRICKS_CONFIG_FILE: '/nonexistent' })).toBeNull();
    expect(traceLink('1', 'tr-x', { MLFLOW_TRACKING_URI: 'sqlite:///mlflow.db' })).toBeNull();
    expect(traceLink(null, 'tr-x', { MLFLOW_TRACKING_URI: 'http://h' })).toBeNull();
  });
});
