/** The experiment argument of every multi-trace command. */
import { describe, expect, it } from 'vitest';
import { usageLine } from '../../../scripts/lib/cli/help.js';
import { EXPERIMENT_ARG } from '../../../scripts/lib/commands/experiment-arg.js';

describe('the experiment argument', () => {
  it('falls back to the id, then the name, from the environment', () => {
    expect(EXPERIMENT_ARG.key).toBe('experimentId');
    expect(EXPERIMENT_ARG.env).toEqual(['MLFLOW_EXPERIMENT_ID', 'MLFLOW_EXPERIMENT_NAME']);
  });

  it('is required, and shown as <EXPERIMENT>', () => {
    expect(EXPERIMENT_ARG.optional).toBeUndefined();
    expect(usageLine('triage_traces', [EXPERIMENT_ARG])).toBe('Usage: triage_traces <EXPERIMENT> [options]');
  });
});
