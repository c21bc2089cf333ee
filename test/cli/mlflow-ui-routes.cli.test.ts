/**
 * fixtures/mlflow-ui-routes.json against the MLflow UI the pinned mlflow installs in .venv: the
 * unit test of the link builder (test/unit/mlflow/links.test.ts) reads the fixture, so it runs
 * without Python; this test, in the real-CLI project, keeps the fixture true to the installed UI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const fixture = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'mlflow-ui-routes.json'), 'utf8')) as {
  mlflow: string;
  experimentRoutes: string[];
  traceQueryParam: string;
};

/** The UI's main bundle in the venv's mlflow package (mlflow/server/js/build). */
function uiBundle(): string {
  const lib = join(ROOT, '.venv', 'lib');
  const py = readdirSync(lib).find((d) => d.startsWith('python')) as string;
  const js = join(lib, py, 'site-packages', 'mlflow', 'server', 'js', 'build', 'static', 'js');
  const main = readdirSync(js).find((f) => /^main\..*\.js$/.test(f)) as string;
  return readFileSync(join(js, main), 'utf8');
}

describe('the MLflow UI routes fixture', () => {
  it('names the mlflow pinned in testbed/requirements.txt', () => {
    expect(readFileSync(join(ROOT, 'testbed', 'requirements.txt'), 'utf8')).toContain(`mlflow==${fixture.mlflow}`);
  });

  it("is the installed UI's experiment routes and trace query parameter", () => {
    const bundle = uiBundle();
    const routes = [...new Set(bundle.match(/"\/experiments\/:experimentId[^"]*"/g)?.map((r) => JSON.parse(r) as string))].sort();
    expect(routes, 'the UI changed: update fixtures/mlflow-ui-routes.json, then check scripts/lib/mlflow/links.ts').toEqual(fixture.experimentRoutes);
    expect(bundle).toContain(`get("${fixture.traceQueryParam}")`);
  });
});
