/** export_case's answer: the case written, and a Python snippet that runs the file. */
import type { ExportResult } from '../actions/regression-case.js';
import { clip } from './format.js';

/** The marked line a user replaces with a call into their app (tests replace it with a stub). */
export const PREDICT_PLACEHOLDER = 'raise NotImplementedError("call your app here")';

export function evaluateSnippet(file: string): string {
  return `import json
import mlflow
from mlflow.genai.scorers import scorer

cases = [json.loads(line) for line in open(${JSON.stringify(file)}) if line.strip()]
data = [{"inputs": c["inputs"], "expectations": c["expectations"]} for c in cases]

def predict_fn(**inputs):
    # Call your app's entry point with the recorded inputs, e.g. return my_app.answer(**inputs)
    ${PREDICT_PLACEHOLDER}

@scorer
def meets_expected_facts(outputs, expectations):
    # A code check with no LLM; add mlflow.genai.scorers.Correctness() for a judge.
    facts = expectations.get("expected_facts") or []
    return all(str(f).lower() in str(outputs).lower() for f in facts)

result = mlflow.genai.evaluate(data=data, predict_fn=predict_fn, scorers=[meets_expected_facts])
print(result.metrics)`;
}

export function exportText(r: ExportResult): string {
  const verb = r.dryRun ? 'Would write' : r.replaced ? 'Replaced' : 'Appended';
  const replaced = r.replaced ? '; the earlier export of this trace was replaced' : '';
  const lines = [
    `${verb} the regression case for ${r.record.source_trace_id} in ${r.fileShown} (${r.total} case${r.total === 1 ? '' : 's'} in the file${replaced}).`,
    `  inputs: ${clip(JSON.stringify(r.record.inputs), 300)}  (from ${r.inputsFrom})`,
    `  expectations: ${clip(JSON.stringify(r.record.expectations), 300)}${r.fromTrace.length ? `  (${r.fromTrace.join(', ')} from the trace)` : ''}`,
    `  version tags: ${
      Object.keys(r.record.tags).length
        ? Object.entries(r.record.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')
        : '(none on the trace)'
    }`,
  ];
  if (!Object.keys(r.record.expectations).length) lines.push('  No expectation yet: add --expect "a fact the answer must state" (or --expect-response TEXT).');
  if (r.logged)
    lines.push(
      '',
      `Also logged on the trace (annotation run ${r.logged.runId}): ${r.logged.writes.map((w) => w.what).join('; ')}`,
      `Undo: ${r.logged.undoCommand}`,
    );
  if (r.link) lines.push(`MLflow UI: ${r.link}`);
  lines.push('', 'Run the cases with mlflow.genai.evaluate (replace the predict function body with a call into your app):', '', evaluateSnippet(r.fileShown));
  return lines.join('\n');
}
