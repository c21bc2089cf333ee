/**
 * The options every script shares, defined once: what prints (--json, --max-chars,
 * --show-secrets, --help), and how mlflow is asked (--out-dir, --fresh, --timeout).
 */
import { count, flag, text, type OptionShape } from './options.js';

/** The default --max-chars: agents' shells cut output at about 30,000 characters. */
export const DEFAULT_MAX_CHARS = 20_000;

export const OUTPUT_OPTIONS = {
  json: flag('the same findings as one JSON object'),
  maxChars: count(
    'N',
    `hard bound on printed text (default ${DEFAULT_MAX_CHARS}); every cut says what and how to see it; --json is never cut`,
    DEFAULT_MAX_CHARS,
  ),
  showSecrets: flag('print secrets found in traces as they are (default: each is masked and its kind named)'),
  help: flag('this text'),
} satisfies OptionShape;

export const FETCH_OPTIONS = {
  outDir: text('DIR', "also keep mlflow's raw JSON here (a hard link or copy of the cached file; that path is printed)"),
  fresh: flag('ask mlflow again even if the trace cache holds it (finished traces are reused 15 min)'),
  // A day at most: a larger number overflows Node's timer, which then fires at once.
  timeout: count('S', 'give up on one mlflow call after S seconds (default 120)', 120, 86_400),
} satisfies OptionShape;

/** Said under the options of every script that calls mlflow. */
export const ENVIRONMENT_HELP = `Environment: MLFLOW_TRACKING_URI (where traces live), MLFLOW_BIN (which mlflow; default: PATH).
Cache: $XDG_CACHE_HOME/analyzing-mlflow-traces (else ~/.cache/...), dirs 0700, files 0600, one dir per
tracking store (a hash of its URI). Every view of a trace reads the same file: one mlflow call in all.
Credentials: MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN (a server);
DATABRICKS_HOST and DATABRICKS_TOKEN, or MLFLOW_TRACKING_URI=databricks://<profile> (Databricks).`;
