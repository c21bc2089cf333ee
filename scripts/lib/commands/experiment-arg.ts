/** The experiment argument every multi-trace command takes: an id or a name (mlflow/experiments.ts). */
import type { ArgDef } from '../cli/help.js';

export const EXPERIMENT_ARG: ArgDef = {
  key: 'experimentId',
  metavar: 'EXPERIMENT',
  help: "the experiment's id or name (a name is looked up once with `mlflow experiments search`, cached 5 min)",
  env: ['MLFLOW_EXPERIMENT_ID', 'MLFLOW_EXPERIMENT_NAME'],
};
