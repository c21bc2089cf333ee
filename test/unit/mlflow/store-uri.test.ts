/** The tracking store is checked before mlflow runs: no URI, or a local store that does not exist, is refused. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExitCode, type SkillError } from '../../../scripts/lib/core/errors.js';
import { checkTrackingStore, localStorePath } from '../../../scripts/lib/mlflow/store-uri.js';

const refusal = (env: NodeJS.ProcessEnv, cwd = '/work'): SkillError | null => {
  try {
    checkTrackingStore(env, cwd);
    return null;
  } catch (e) {
    return e as SkillError;
  }
};

describe('localStorePath', () => {
  it.each([
    ['sqlite:////abs/mlflow.db', '/abs/mlflow.db'],
    ['sqlite:///rel/mlflow.db', '/work/rel/mlflow.db'],
    ['sqlite:///mlflow.db?timeout=5', '/work/mlflow.db'],
    ['sqlite:///file:/abs/mlflow.db?mode=ro&uri=true', '/abs/mlflow.db'],
    ['sqlite:///file:///abs/mlflow.db?mode=ro&uri=true', '/abs/mlflow.db'],
    ['file:///srv/mlruns', '/srv/mlruns'],
    ['./mlruns', '/work/mlruns'],
    ['/abs/mlruns', '/abs/mlruns'],
  ])('%s → %s', (uri, path) => expect(localStorePath(uri, '/work')).toBe(path));

  it.each([
    'http://localhost:5000',
    'https://u:p@host',
    'databricks',
    'databricks://prof',
    'databricks-uc',
    'uc',
    'postgresql://db/x',
    'sqlite://',
    'sqlite:///:memory:',
  ])('%s is not a local path', (uri) => expect(localStorePath(uri, '/work')).toBeNull());
});

describe('checkTrackingStore', () => {
  it('no URI, an empty or a blank one: a usage error (exit 2) that names MLFLOW_TRACKING_URI', () => {
    for (const uri of [undefined, '', '   ']) {
      const e = refusal({ MLFLOW_TRACKING_URI: uri });
      expect(e?.exitCode).toBe(ExitCode.USAGE);
      expect(e?.message).toMatch(/MLFLOW_TRACKING_URI is not set/);
      expect(e?.hint).toMatch(/Set MLFLOW_TRACKING_URI/);
    }
  });

  it('a sqlite or file store that does not exist: not found (exit 5); one that exists passes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'store-uri-'));
    expect(refusal({ MLFLOW_TRACKING_URI: `sqlite:///${join(dir, 'nope.db')}` })?.exitCode).toBe(ExitCode.NOT_FOUND);
    expect(refusal({ MLFLOW_TRACKING_URI: 'sqlite:///nope.db' }, dir)?.message).toMatch(/does not exist .*nothing was created/);
    expect(refusal({ MLFLOW_TRACKING_URI: `sqlite:///${dir}` })).toBeNull();
    expect(refusal({ MLFLOW_TRACKING_URI: `file://${dir}` })).toBeNull();
    expect(refusal({ MLFLOW_TRACKING_URI: 'http://127.0.0.1:1' })).toBeNull();
    expect(refusal({ MLFLOW_TRACKING_URI: 'databricks' })).toBeNull();
  });
});
