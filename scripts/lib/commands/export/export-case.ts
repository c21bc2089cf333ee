/**
 * export_case: turn a trace into a regression case (MLflow evaluation-dataset record shape) in a
 * JSONL file, and print the Python that runs the file with mlflow.genai.evaluate.
 */
import { defineCommand } from '../../cli/command.js';
import { flag, list, text } from '../../cli/options.js';
import { evaluateSnippet, exportText } from '../../render/export-view.js';
import { exportJob } from './export-job.js';

export const exportCase = defineCommand({
  name: 'export_case',
  summary: `Turns a trace into a regression case in MLflow's evaluation-dataset record shape
({"inputs", "expectations", "source_trace_id", "tags"}: tags are the trace's version tags) and
appends it to a JSONL file, one case per source trace (exporting the same trace again replaces
it). For a session turn the inputs hold the chat history the model was given. Expectations
already logged on the trace are included. Prints a Python snippet that runs the file with
mlflow.genai.evaluate and a predict function of your app.`,
  args: [{ key: 'traceId', metavar: 'TRACE_ID', help: 'the trace to keep as a case' }],
  options: {
    expect: list('TEXT', 'a fact the right answer states (stored as expected_facts)'),
    expectResponse: text('TEXT', 'the right answer itself (expected_response)'),
    out: text('FILE', 'default eval/regression_cases.jsonl in the current git repository (else the working directory)'),
    logExpectation: flag('also log these expectations on the trace (undo: annotate_trace <TRACE_ID> --undo RUN)'),
    dryRun: flag('show the case without writing the file or the trace'),
  },
  async run({ args, opts }) {
    const r = await exportJob({
      traceId: args.traceId,
      facts: opts.expect,
      response: opts.expectResponse,
      out: opts.out,
      logExpectation: opts.logExpectation,
      dryRun: opts.dryRun,
      showSecrets: opts.showSecrets,
      timeoutMs: opts.timeout * 1000,
      outDir: opts.outDir,
      fresh: opts.fresh,
    });
    return {
      json: { ...r, snippet: evaluateSnippet(r.fileShown) },
      files: { cases: r.file, trace: r.traceFile },
      text: () => (opts.outDir ? `${exportText(r)}\n\nFull trace JSON (unredacted, 0600): ${r.traceFile}` : exportText(r)),
    };
  },
});
