/** The tracking server's REST address and the server's own words, shared by the metrics and the search reads. */
import { describe, expect, it } from 'vitest';
import { serverEndpoint, serverMessage } from '../../../scripts/lib/mlflow/rest.js';

describe('serverEndpoint', () => {
  it('joins the path to the URI under its base path; the CLI credentials in its order; the URI password never stays in the URL', () => {
    const at = serverEndpoint('/api/3.0/mlflow/traces/search', { MLFLOW_TRACKING_URI: 'https://bob:s3cret@mlflow.example.com/team/' });
    expect('url' in at && at.url.href).toBe('https://mlflow.example.com/team/api/3.0/mlflow/traces/search');
    expect('auth' in at && at.auth).toBe(`Basic ${Buffer.from('bob:s3cret').toString('base64')}`);
    const basic = serverEndpoint('/x', {
      MLFLOW_TRACKING_URI: 'http://h:5000',
      MLFLOW_TRACKING_USERNAME: 'a',
      MLFLOW_TRACKING_PASSWORD: 'p',
      MLFLOW_TRACKING_TOKEN: 't',
    });
    expect('auth' in basic && basic.auth).toBe(`Basic ${Buffer.from('a:p').toString('base64')}`);
    const token = serverEndpoint('/x', { MLFLOW_TRACKING_URI: 'http://h:5000', MLFLOW_TRACKING_TOKEN: 't' });
    expect('auth' in token && token.auth).toBe('Bearer t');
  });

  it('a file or SQL store and Databricks have no REST address here, said why', () => {
    expect(serverEndpoint('/x', { MLFLOW_TRACKING_URI: 'sqlite:///m.db' })).toEqual({ none: 'a local or SQL store, not a tracking server' });
    expect(serverEndpoint('/x', {})).toEqual({ none: 'no MLFLOW_TRACKING_URI (a local store)' });
    expect(serverEndpoint('/x', { MLFLOW_TRACKING_URI: 'databricks' })).toHaveProperty('none');
  });
});

describe('serverMessage', () => {
  it("MLflow's error JSON as one line, else the body's text without markup", () => {
    expect(serverMessage({ status: 400, body: JSON.stringify({ error_code: 'INVALID_PARAMETER_VALUE', message: 'Invalid clause\nmore' }) })).toBe(
      'INVALID_PARAMETER_VALUE: Invalid clause',
    );
    expect(serverMessage({ status: 404, body: '<html><body><h1>Not Found</h1></body></html>' })).toBe('Not Found');
  });
});
