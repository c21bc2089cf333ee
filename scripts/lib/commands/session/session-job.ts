/** The shared front half of discover_schema and session_transcript: arguments → a session's traces. */
import type { ArgDef } from '../../cli/help.js';
import { text } from '../../cli/options.js';
import { EXPERIMENT_ARG } from '../experiment-arg.js';
import { prepareOutDir } from '../../cli/out-dir.js';
import { SkillError, shown } from '../../core/errors.js';
import { pageSizeFor, searchTraces, type CliOptions } from '../../mlflow/reads.js';
import { parseSince } from '../../mlflow/filter.js';
import { parseSearch, type Trace } from '../../trace/trace.js';
import { commandFor } from '../../render/follow-up.js';
import { experimentLabel } from '../../render/format.js';
import { loadSession, sessionFromFile } from '../../mlflow/source.js';

export const SESSION_ARGS: ArgDef[] = [
  EXPERIMENT_ARG,
  { key: 'sessionId', metavar: 'SESSION_ID', help: 'metadata mlflow.trace.session; reaches mlflow as one argument, whatever it holds' },
];

export const SESSION_SOURCE_OPTIONS = {
  fromFile: text('PATH', 'read a saved `mlflow traces search --output json` file; no mlflow call'),
  since: text(
    'AGE|DATE',
    'only traces from the last AGE (24h, 7d, 30m, 2w) or since an ISO date; give one\n' +
      'where the store scans its whole history for a session (large stores, Databricks)',
  ),
};

/** What the session commands are given: their arguments and options, parsed and typed. */
export interface SessionInput {
  experimentId: string | undefined;
  sessionId: string | undefined;
  fromFile: string | undefined;
  since: string | undefined;
  outDir: string | undefined;
  timeout: number;
  fresh: boolean;
  maxChars: number;
}

export interface SessionArgs {
  /** Resolved to an id before any read; `given` is what the user typed (null: --from-file), for follow-ups and headers. */
  experimentId: string | null;
  given: string | null;
  sessionId: string;
  fromFile: string | undefined;
  cli: CliOptions;
  maxChars: number;
  /** --since as epoch ms, and as the user wrote it (for follow-up commands). */
  sinceMs: number | undefined;
  /** The command for another of our scripts on the same session (and source). */
  again: (script: 'discover_schema' | 'session_transcript', extra?: string[]) => string;
}

export function sessionArgs(input: SessionInput): SessionArgs {
  const { fromFile, sessionId } = input;
  const experimentId = input.experimentId ?? null;
  if (!sessionId)
    throw new SkillError('usage', 'A session id is required.', {
      hint: 'Usage: <EXPERIMENT_ID> <SESSION_ID>; session ids are the trace metadata mlflow.trace.session.',
    });
  if (!fromFile) {
    if (!experimentId)
      throw new SkillError('usage', 'An experiment is required.', {
        hint:
          'Pass its id or name first, or as --experiment-id, or set MLFLOW_EXPERIMENT_ID / MLFLOW_EXPERIMENT_NAME; ' +
          'list them with `mlflow experiments search`.',
      });
  }
  const dir = fromFile || !input.outDir ? undefined : prepareOutDir(input.outDir);
  const since = input.since;
  const sinceMs = since === undefined ? undefined : parseSince(since);
  const source = [...(fromFile ? ['--from-file', fromFile] : []), ...(since ? ['--since', since] : [])];
  const exp = experimentId ?? '-';
  return {
    experimentId,
    given: experimentId,
    sessionId,
    fromFile,
    cli: { dir, timeoutMs: input.timeout * 1000, fresh: input.fresh },
    maxChars: input.maxChars,
    sinceMs,
    again: (script, extra = []) => commandFor(script, [exp, sessionId as string, ...source, ...extra]),
  };
}

export async function fetchSession(a: SessionArgs, includeSpans: boolean, limit?: number): Promise<{ traces: Trace[]; files: string[] }> {
  if (a.fromFile) {
    const loaded = sessionFromFile(a.fromFile, a.sessionId, a.sinceMs);
    if (!loaded.value.length) throw new SkillError('session-not-found', `No trace of session ${shown(a.sessionId)} in ${loaded.files[0]}.`);
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
/** The experiment as the user gave it, with its id beside a name. */
const named = (a: SessionArgs): string => experimentLabel(a.given, a.experimentId as string);

async function sessionNotFound(a: SessionArgs): Promise<SkillError> {
  try {
    const recent = await searchTraces(
      {
        experimentId: a.experimentId as string,
        maxResults: pageSizeFor(process.env.MLFLOW_TRACKING_URI, 200),
        includeSpans: false,
        orderBy: 'timestamp_ms DESC',
      },
      a.cli,
      0,
    );
    const traces = parseSearch(recent.json).traces;
    if (!traces.length) {
      return new SkillError('experiment-not-found', `Experiment ${named(a)} has no traces (or does not exist in this tracking store).`, {
        hint: 'Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI.',
      });
    }
    const ids = [...new Set(traces.map((t) => t.info.sessionId).filter((s): s is string => !!s))].slice(0, 8);
    if (a.sinceMs !== undefined) {
      const older = ids.includes(a.sessionId);
      return new SkillError(
        'session-not-found',
        `No trace in experiment ${named(a)} has session id ${shown(a.sessionId)} since ${new Date(a.sinceMs).toISOString()} (--since).`,
        {
          hint: older
            ? 'The session has older traces: widen or drop --since.'
            : `Widen or drop --since.${ids.length ? ` Recent session ids there: ${ids.map((s) => JSON.stringify(s)).join(', ')}` : ''}`,
        },
      );
    }
    return new SkillError('session-not-found', `No trace in experiment ${named(a)} has session id ${shown(a.sessionId)}.`, {
      hint: ids.length
        ? `Recent session ids there: ${ids.map((s) => JSON.stringify(s)).join(', ')}`
        : 'Its recent traces carry no session id (trace metadata mlflow.trace.session): the app may not record sessions.',
    });
  } catch {
    return new SkillError('session-not-found', `No trace in experiment ${named(a)} has session id ${shown(a.sessionId)}.`, {
      hint: 'Check the session id (trace metadata mlflow.trace.session) and the experiment id.',
    });
  }
}
