/** export_case's help. */
import { exitCodeHelp } from '../cli/run.js';

export const exportHelp = (): string => `Usage: export_case <TRACE_ID> [--expect TEXT]… [--expect-response TEXT] [--out FILE] [options]

Turns a trace into a regression case in MLflow's evaluation-dataset record shape
({"inputs", "expectations", "source_trace_id", "tags"}: tags are the trace's version tags) and
appends it to a JSONL file, one case per source trace (exporting the same trace again replaces
it). For a session turn the inputs hold the chat history the model was given. Expectations
already logged on the trace are included. Prints a Python snippet that runs the file with
mlflow.genai.evaluate and a predict function of your app.

Options:
  --expect TEXT            a fact the right answer states (repeatable; stored as expected_facts)
  --expect-response TEXT   the right answer itself (expected_response)
  --out FILE               default eval/regression_cases.jsonl in the current git repository (else the working directory)
  --log-expectation        also log these expectations on the trace (undo: annotate_trace <TRACE_ID> --undo RUN)
  --dry-run                show the case without writing the file or the trace
  --json                   the case, the file and the snippet as one JSON object
  --timeout S              give up on one mlflow call after S seconds (default 120)
  --help                   this text

${exitCodeHelp()}
`;
