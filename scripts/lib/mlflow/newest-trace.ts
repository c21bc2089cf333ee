/**
 * An experiment's newest trace in one cheap call (max_results 1, newest first): whether it has any
 * trace at all, and, when a window matched nothing, whether the data ends before the window.
 * Table output, not JSON: with a full page a SQL store returns its page token as bytes, which
 * MLflow 3.x's CLI cannot print as JSON (it crashes; reads.ts › pageSizeFor); the table prints it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliOptions } from './reads.js';
import { runMlflow } from './runner.js';

export interface NewestTrace {
  traceId: string;
  /** Its request time (null: the table printed none we can read). */
  timeMs: number | null;
}

/** `mlflow traces search --output table --extract-fields info.trace_id,info.request_time` → the first row (null: no trace). */
export function parseNewestTable(text: string): NewestTrace | null {
  const lines = text.split('\n');
  const rule = lines.findIndex((l) => /^-{3,}(\s+-{3,})*\s*$/.test(l));
  const row = rule < 0 ? undefined : lines[rule + 1]?.trim();
  if (!row) return null;
  const [traceId = row] = row.split(/\s+/, 1);
  const time = /\s(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) UTC\b/.exec(row);
  const ms = time ? Date.parse(`${time[1]}T${time[2]}Z`) : Number.NaN;
  return { traceId, timeMs: Number.isFinite(ms) ? ms : null };
}

export async function newestTrace(experimentId: string, cli: CliOptions): Promise<NewestTrace | null> {
  const dir = mkdtempSync(join(tmpdir(), 'mlflow-newest-'));
  const file = join(dir, 'newest.txt');
  try {
    const argv = ['traces', 'search', '--experiment-id', experimentId, '--max-results', '1', '--order-by', 'timestamp_ms DESC'];
    await runMlflow([...argv, '--no-include-spans', '--output', 'table', '--extract-fields', 'info.trace_id,info.request_time'], file, {
      timeoutMs: cli.timeoutMs,
    });
    return parseNewestTable(readFileSync(file, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
