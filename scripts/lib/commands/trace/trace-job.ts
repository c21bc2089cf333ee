/** The shared front half of the single-trace commands: arguments → one parsed trace. */
import { prepareOutDir } from '../../cli/out-dir.js';
import type { ArgDef } from '../../cli/help.js';
import { text } from '../../cli/options.js';
import { loadTrace } from '../../mlflow/source.js';
import type { Trace } from '../../trace/trace.js';
import { commandFor, type ScriptName } from '../../render/follow-up.js';

export const TRACE_ARGS: ArgDef[] = [{ key: 'traceId', metavar: 'TRACE_ID', help: 'the trace (tr-… in MLflow 3, a request id in 2.x)' }];

export const TRACE_SOURCE_OPTIONS = {
  fromFile: text('PATH', 'analyse a saved `mlflow traces get` (or `traces search --output json`) file; no mlflow call'),
};

export interface TraceJobInput {
  traceId: string | undefined;
  fromFile: string | undefined;
  outDir: string | undefined;
  timeout: number;
  fresh: boolean;
}

export interface TraceJob {
  trace: Trace;
  files: string[];
  /** True when the trace came from --from-file (the user's own file) rather than mlflow. */
  fromFile: boolean;
  /** The command that re-runs a script on the same trace (same source: mlflow or the file). */
  again: (script: ScriptName, extra?: string[]) => string;
}

export async function loadTraceJob(input: TraceJobInput): Promise<TraceJob> {
  const { traceId, fromFile, outDir } = input;
  const dir = fromFile || !outDir ? undefined : prepareOutDir(outDir);
  const loaded = await loadTrace({ traceId, fromFile, cli: { dir, timeoutMs: input.timeout * 1000, fresh: input.fresh } });
  const source = fromFile ? ['--from-file', loaded.files[0] ?? fromFile] : [];
  const id = loaded.value.info.traceId;
  return {
    trace: loaded.value,
    files: loaded.files,
    fromFile: !!fromFile,
    again: (script, extra = []) => commandFor(script, [id, ...source, ...extra]),
  };
}
