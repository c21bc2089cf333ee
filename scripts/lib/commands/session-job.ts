/** The shared front half of discover_schema and session_transcript: flags → a session's traces. */
import { bool, COMMON_OPTIONS_HELP, exitCodeHelp, num, prepareOutDir, str, type Flags } from '../cli/run.js';
import { SkillError } from '../core/errors.js';
import { pageSizeFor, searchTraces, type CliOptions } from '../mlflow/reads.js';
import { parseSince } from '../mlflow/filter.js';
import { defaultExperiment } from '../mlflow/experiments.js';
import { parseSearch, type Trace } from '../trace/trace.js';
import { commandFor } from '../render/follow-up.js';
import { loadSession, sessionFromFile } from '../mlflow/source.js';

/** --help for the session scripts; `extra` holds the script's own option lines. */
export const sessionHelp = (usage: string, extra = ''): string => `${usage}

Arguments: <EXPERIMENT> <SESSION_ID> (the experiment's id or name; or --experiment-id / MLFLOW_EXPERIMENT_ID /
MLFLOW_EXPERIMENT_NAME, --session-id).
The session id reaches mlflow as one argument, whatever it holds (quotes, backticks, $(), spaces).

Options:
  --from-file PATH   read a saved \`mlflow traces search --output json\` file; no mlflow call
  --since AGE|DATE   only traces from the last AGE (24h, 7d, 30m, 2w) or since an ISO date; give one
                     where the store scans its whole history for a session (large stores, Databricks)
${extra}${COMMON_OPTIONS_HELP}

${exitCodeHelp()}
`;

export interface SessionArgs {
  experimentId: string | null;
  sessionId: string;
  fromFile: string | undefined;
  cli: CliOptions;
  maxChars: number;
  /** --since as epoch ms, and as the user wrote it (for follow-up commands). */
  sinceMs: number | undefined;
  /** The command for another of our scripts on the same session (and source). */
  again: (script: 'discover_schema' | 'session_transcript', extra?: string[]) => string;
}

export function sessionArgs(flags: Flags): SessionArgs {
  const pos = flags._;
  if (pos.length > 2) throw new SkillError('usage', `Expected <EXPERIMENT_ID> <SESSION_ID>, got ${pos.length} arguments.`, { hint: 'Quote a session id that holds spaces.' });
  const fromFile = str(flags, 'from-file');
  let experimentId = str(flags, 'experiment-id') ?? null;
  let sessionId = str(flags, 'session-id');
  const rest = [...pos];
  if (!experimentId && rest.length === 2) experimentId = rest.shift() ?? null;
  if (!sessionId) sessionId = rest.shift();
  if (!experimentId && rest.length) experimentId = rest.shift() ?? null;
  experimentId ??= defaultExperiment() ?? null;
  if (!sessionId) throw new SkillError('usage', 'A session id is required.', { hint: 'Usage: <EXPERIMENT_ID> <SESSION_ID>; session ids are the trace metadata mlflow.trace.session.' });
  if (!fromFile) {
    if (!experimentId) throw new SkillError('usage', 'An experiment id is required.', { hint: 'Pass it first, or as --experiment-id, or set MLFLOW_EXPERIMENT_ID; list them with `mlflow experiments search`.' });
  }
  const outDir = str(flags, 'out-dir');
  const dir = fromFile || !outDir ? undefined : prepareOutDir(outDir);
  const since = str(flags, 'since');
  const sinceMs = since === undefined ? undefined : parseSince(since);
  const source = [...(fromFile ? ['--from-file', fromFile] : []), ...(since ? ['--since', since] : [])];
  const exp = experimentId ?? '-';
  return {
    experimentId,
    sessionId,
    fromFile,
    cli: { dir, timeoutMs: num(flags, 'timeout', 120) * 1000, fresh: bool(flags, 'fresh') },
    maxChars: num(flags, 'max-chars', 20_000),
    sinceMs,
    again: (script, extra = []) => commandFor(script, [exp, sessionId as string, ...source, ...extra]),
  };
}

export async function fetchSession(a: SessionArgs, includeSpans: boolean, limit?: number): Promise<{ traces: Trace[]; files: string[] }> {
  if (a.fromFile) {
    const loaded = sessionFromFile(a.fromFile, a.sessionId, a.sinceMs);
    if (!loaded.value.length) throw new SkillError('session-not-found', `No trace of session ${JSON.stringify(a.sessionId)} in ${loaded.files[0]}.`);
    return { traces: limit ? loaded.value.slice(0, limit) : loaded.value, files: loaded.files };
  }
  const loaded = await loadSession({ experimentId: a.experimentId as string, sessionId: a.sessionId, includeSpans, limit, sinceMs: a.sinceMs }, a.cli);
  if (!loaded.value.length) throw await sessionNotFound(a);
  return { traces: loaded.value, files: loaded.files };
}

/**
 * No trace matched: one more (cheap) call tells an empty or unknown experiment from a wrong
 * session id, and lists the session ids that do exist.
 */
async function sessionNotFound(a: SessionArgs): Promise<SkillError> {
  try {
    const recent = await searchTraces({ experimentId: a.experimentId as string, maxResults: pageSizeFor(process.env.MLFLOW_TRACKING_URI, 200), includeSpans: false, orderBy: 'timestamp_ms DESC' }, a.cli, 0);
    const traces = parseSearch(recent.json).traces;
    if (!traces.length) {
      return new SkillError('experiment-not-found', `Experiment ${a.experimentId} has no traces (or does not exist in this tracking store).`, { hint: 'Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI.' });
    }
    const ids = [...new Set(traces.map((t) => t.info.sessionId).filter((s): s is string => !!s))].slice(0, 8);
    if (a.sinceMs !== undefined) {
      const older = ids.includes(a.sessionId);
      return new SkillError('session-not-found', `No trace in experiment ${a.experimentId} has session id ${JSON.stringify(a.sessionId)} since ${new Date(a.sinceMs).toISOString()} (--since).`, {
        hint: older ? 'The session has older traces: widen or drop --since.' : `Widen or drop --since.${ids.length ? ` Recent session ids there: ${ids.map((s) => JSON.stringify(s)).join(', ')}` : ''}`,
      });
    }
    return new SkillError('session-not-found', `No trace in experiment ${a.experimentId} has session id ${JSON.stringify(a.sessionId)}.`, {
      hint: ids.length ? `Recent session ids there: ${ids.map((s) => JSON.stringify(s)).join(', ')}` : 'Its recent traces carry no session id (trace metadata mlflow.trace.session): the app may not record sessions.',
    });
  } catch {
    return new SkillError('session-not-found', `No trace in experiment ${a.experimentId} has session id ${JSON.stringify(a.sessionId)}.`, { hint: 'Check the session id (trace metadata mlflow.trace.session) and the experiment id.' });
  }
}
