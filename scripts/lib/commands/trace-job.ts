/** The shared front half of health_check and inspect_turn: flags → one parsed trace. */
import { bool, COMMON_OPTIONS_HELP, exitCodeHelp, num, prepareOutDir, str, type Flags } from '../cli/run.js';
import { SkillError } from '../core/errors.js';
import type { Trace } from '../trace/trace.js';
import { commandFor, type ScriptName } from '../render/follow-up.js';
import { loadTrace } from '../mlflow/source.js';

/** The default --max-chars. */
export const DEFAULT_MAX_CHARS = 20_000;

export interface TraceJob {
  trace: Trace;
  files: string[];
  maxChars: number;
  /** True when the trace came from --from-file (the user's own file) rather than mlflow. */
  fromFile: boolean;
  /** The command that re-runs a script on the same trace (same source: mlflow or the file). */
  again: (script: ScriptName, extra?: string[]) => string;
}

/** Options text for --help; `extra` holds the script's own option lines. */
export const singleTraceOptions = (extra = ''): string => `Options:
  --trace-id ID      the trace (or give it as the first argument)
  --from-file PATH   analyse a saved \`mlflow traces get\` (or \`traces search --output json\`) file; no mlflow call
${extra}${COMMON_OPTIONS_HELP}`;

export const help = (usage: string, body: string): string => `${usage}\n\n${body}\n\n${exitCodeHelp()}\n`;

export async function loadTraceJob(flags: Flags): Promise<TraceJob> {
  const positional = flags._;
  if (positional.length > 1) throw new SkillError('usage', `Expected one trace id, got ${positional.length} arguments.`, { hint: 'Quote arguments with spaces; run with --help.' });
  const traceId = str(flags, 'trace-id') ?? positional[0];
  const fromFile = str(flags, 'from-file');
  const outDir = str(flags, 'out-dir');
  const dir = fromFile || !outDir ? undefined : prepareOutDir(outDir);
  const timeout = num(flags, 'timeout', 120);
  const loaded = await loadTrace({ traceId, fromFile, cli: { dir, timeoutMs: timeout * 1000, fresh: bool(flags, 'fresh') } });
  const source = fromFile ? ['--from-file', loaded.files[0] ?? fromFile] : [];
  const id = loaded.value.info.traceId;
  return {
    trace: loaded.value,
    files: loaded.files,
    maxChars: num(flags, 'max-chars', DEFAULT_MAX_CHARS),
    fromFile: !!fromFile,
    again: (script, extra = []) => commandFor(script, [id, ...source, ...extra]),
  };
}
