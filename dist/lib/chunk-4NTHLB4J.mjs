// scripts/lib/commands/experiment-arg.ts
var EXPERIMENT_ARG = {
  key: "experimentId",
  metavar: "EXPERIMENT",
  help: "the experiment's id or name (a name is looked up once with `mlflow experiments search`, cached 5 min)",
  env: ["MLFLOW_EXPERIMENT_ID", "MLFLOW_EXPERIMENT_NAME"]
};

export {
  EXPERIMENT_ARG
};
