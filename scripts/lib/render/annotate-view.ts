/** annotate_trace's answer: what was written (or removed, or would be), and the undo command. */
import type { AnnotateResult } from '../actions/annotation.js';
import { shellArg } from './format.js';

const mlflowCommand = (argv: readonly string[]) => ['mlflow', ...argv].map(shellArg).join(' ');

export function annotateText(r: AnnotateResult): string {
  const where = r.sessionId !== null ? `session ${JSON.stringify(r.sessionId)} (on its first trace ${r.traceId})` : `trace ${r.traceId}`;
  const verb = r.mode === 'undo' ? (r.dryRun ? 'Would remove' : 'Removed') : r.dryRun ? 'Would write' : 'Wrote';
  const lines = [`${verb} on ${where} — annotation run ${r.runId}${r.dryRun ? ' (dry run: nothing was changed)' : ''}:`];
  for (const w of r.writes) lines.push(`  - ${w.what}${w.assessmentId ? `  [${w.assessmentId}]` : ''}`);
  if (r.dryRun) lines.push('', 'The mlflow commands it would run:', ...r.writes.map((w) => `  ${mlflowCommand(w.argv)}`));
  if (r.secretsRedacted)
    lines.push('', `${r.secretsRedacted} secret(s) in the text were replaced by [redacted …] before writing (--show-secrets writes them as given).`);
  if (r.link) lines.push('', `MLflow UI: ${r.link}`);
  if (r.undoCommand) lines.push('', `Undo: ${r.undoCommand}`);
  if (!r.dryRun && r.mode === 'write') lines.push('The next health_check / session_transcript shows it (the cached trace was dropped).');
  return lines.join('\n');
}
