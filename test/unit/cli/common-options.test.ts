/** The options every script shares, defined once, and their defaults. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_CHARS, ENVIRONMENT_HELP, FETCH_OPTIONS, OUTPUT_OPTIONS } from '../../../scripts/lib/cli/common-options.js';

describe('the options every script shares', () => {
  it('--max-chars defaults to 20,000 and says so in its help', () => {
    expect(DEFAULT_MAX_CHARS).toBe(20_000);
    expect(OUTPUT_OPTIONS.maxChars.schema.parse(undefined)).toBe(20_000);
    expect(OUTPUT_OPTIONS.maxChars.help).toContain('(default 20000)');
    expect(OUTPUT_OPTIONS.json.schema.parse(undefined)).toBe(false);
  });

  it('--timeout defaults to 120 s, --out-dir is free text, --fresh a flag', () => {
    expect(FETCH_OPTIONS.timeout.schema.parse(undefined)).toBe(120);
    expect(FETCH_OPTIONS.timeout.schema.parse('5')).toBe(5);
    expect(FETCH_OPTIONS.timeout.schema.safeParse('0').success).toBe(false);
    expect(FETCH_OPTIONS.outDir.kind).toBe('value');
    expect(FETCH_OPTIONS.fresh.kind).toBe('flag');
  });

  it('the environment note names every variable a user may need to set', () => {
    for (const v of ['MLFLOW_TRACKING_URI', 'MLFLOW_BIN', 'XDG_CACHE_HOME', 'MLFLOW_TRACKING_TOKEN', 'DATABRICKS_HOST', 'DATABRICKS_TOKEN']) {
      expect(ENVIRONMENT_HELP).toContain(v);
    }
  });
});
