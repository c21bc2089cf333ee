import {
  EXPERIMENT_ARG
} from "./chunk-4NTHLB4J.mjs";
import {
  prepareOutDir
} from "./chunk-2IPHA5SA.mjs";
import {
  loadSession,
  sessionFromFile
} from "./chunk-XMU4V6IM.mjs";
import {
  SkillError,
  commandFor,
  experimentLabel,
  pageSizeFor,
  parseSearch,
  parseSince,
  searchTraces,
  shown,
  text
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/commands/session/session-job.ts
var SESSION_ARGS = [
  EXPERIMENT_ARG,
  { key: "sessionId", metavar: "SESSION_ID", help: "metadata mlflow.trace.session; reaches mlflow as one argument, whatever it holds" }
];
var SESSION_SOURCE_OPTIONS = {
  fromFile: text("PATH", "read a saved `mlflow traces search --output json` file; no mlflow call"),
  since: text(
    "AGE|DATE",
    "only traces from the last AGE (24h, 7d, 30m, 2w) or since an ISO date; give one\nwhere the store scans its whole history for a session (large stores, Databricks)"
  )
};
function sessionArgs(input) {
  const { fromFile, sessionId } = input;
  const experimentId = input.experimentId ?? null;
  if (!sessionId)
    throw new SkillError("usage", "A session id is required.", {
      hint: "Usage: <EXPERIMENT_ID> <SESSION_ID>; session ids are the trace metadata mlflow.trace.session."
    });
  if (!fromFile) {
    if (!experimentId)
      throw new SkillError("usage", "An experiment is required.", {
        hint: "Pass its id or name first, or as --experiment-id, or set MLFLOW_EXPERIMENT_ID / MLFLOW_EXPERIMENT_NAME; list them with `mlflow experiments search`."
      });
  }
  const dir = fromFile || !input.outDir ? void 0 : prepareOutDir(input.outDir);
  const since = input.since;
  const sinceMs = since === void 0 ? void 0 : parseSince(since);
  const source = [...fromFile ? ["--from-file", fromFile] : [], ...since ? ["--since", since] : []];
  const exp = experimentId ?? "-";
  return {
    experimentId,
    given: experimentId,
    sessionId,
    fromFile,
    cli: { dir, timeoutMs: input.timeout * 1e3, fresh: input.fresh },
    maxChars: input.maxChars,
    sinceMs,
    again: (script, extra = []) => commandFor(script, [exp, sessionId, ...source, ...extra])
  };
}
async function fetchSession(a, includeSpans, limit) {
  if (a.fromFile) {
    const loaded2 = sessionFromFile(a.fromFile, a.sessionId, a.sinceMs);
    if (!loaded2.value.length) throw new SkillError("session-not-found", `No trace of session ${shown(a.sessionId)} in ${loaded2.files[0]}.`);
    return { traces: limit ? loaded2.value.slice(0, limit) : loaded2.value, files: loaded2.files };
  }
  const loaded = await loadSession({ experimentId: a.experimentId, sessionId: a.sessionId, includeSpans, limit, sinceMs: a.sinceMs }, a.cli);
  if (!loaded.value.length) throw await sessionNotFound(a);
  return { traces: loaded.value, files: loaded.files };
}
var named = (a) => experimentLabel(a.given, a.experimentId);
async function sessionNotFound(a) {
  try {
    const recent = await searchTraces(
      {
        experimentId: a.experimentId,
        maxResults: pageSizeFor(process.env.MLFLOW_TRACKING_URI, 200),
        includeSpans: false,
        orderBy: "timestamp_ms DESC"
      },
      a.cli,
      0
    );
    const traces = parseSearch(recent.json).traces;
    if (!traces.length) {
      return new SkillError("experiment-not-found", `Experiment ${named(a)} has no traces (or does not exist in this tracking store).`, {
        hint: "Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI."
      });
    }
    const ids = [...new Set(traces.map((t) => t.info.sessionId).filter((s) => !!s))].slice(0, 8);
    if (a.sinceMs !== void 0) {
      const older = ids.includes(a.sessionId);
      return new SkillError(
        "session-not-found",
        `No trace in experiment ${named(a)} has session id ${shown(a.sessionId)} since ${new Date(a.sinceMs).toISOString()} (--since).`,
        {
          hint: older ? "The session has older traces: widen or drop --since." : `Widen or drop --since.${ids.length ? ` Recent session ids there: ${ids.map((s) => JSON.stringify(s)).join(", ")}` : ""}`
        }
      );
    }
    return new SkillError("session-not-found", `No trace in experiment ${named(a)} has session id ${shown(a.sessionId)}.`, {
      hint: ids.length ? `Recent session ids there: ${ids.map((s) => JSON.stringify(s)).join(", ")}` : "Its recent traces carry no session id (trace metadata mlflow.trace.session): the app may not record sessions."
    });
  } catch {
    return new SkillError("session-not-found", `No trace in experiment ${named(a)} has session id ${shown(a.sessionId)}.`, {
      hint: "Check the session id (trace metadata mlflow.trace.session) and the experiment id."
    });
  }
}

export {
  SESSION_ARGS,
  SESSION_SOURCE_OPTIONS,
  sessionArgs,
  fetchSession
};
