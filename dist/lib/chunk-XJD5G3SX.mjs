import {
  loadSession,
  sessionFromFile
} from "./chunk-34DQ2GJU.mjs";
import {
  COMMON_OPTIONS_HELP,
  SkillError,
  bool,
  commandFor,
  exitCodeHelp,
  num,
  pageSizeFor,
  parseSearch,
  parseSince,
  prepareOutDir,
  searchTraces,
  str
} from "./chunk-AWLKMLHY.mjs";

// scripts/lib/commands/session-job.ts
var sessionHelp = (usage, extra = "") => `${usage}

Arguments: <EXPERIMENT_ID> <SESSION_ID> (or --experiment-id / MLFLOW_EXPERIMENT_ID, --session-id).
The session id reaches mlflow as one argument, whatever it holds (quotes, backticks, $(), spaces).

Options:
  --from-file PATH   read a saved \`mlflow traces search --output json\` file; no mlflow call
  --since AGE|DATE   only traces from the last AGE (24h, 7d, 30m, 2w) or since an ISO date; give one
                     where the store scans its whole history for a session (large stores, Databricks)
${extra}${COMMON_OPTIONS_HELP}

${exitCodeHelp()}
`;
function sessionArgs(flags) {
  const pos = flags._;
  if (pos.length > 2) throw new SkillError("usage", `Expected <EXPERIMENT_ID> <SESSION_ID>, got ${pos.length} arguments.`, { hint: "Quote a session id that holds spaces." });
  const fromFile = str(flags, "from-file");
  let experimentId = str(flags, "experiment-id") ?? null;
  let sessionId = str(flags, "session-id");
  const rest = [...pos];
  if (!experimentId && rest.length === 2) experimentId = rest.shift() ?? null;
  if (!sessionId) sessionId = rest.shift();
  if (!experimentId && rest.length) experimentId = rest.shift() ?? null;
  experimentId ??= process.env.MLFLOW_EXPERIMENT_ID ?? null;
  if (!sessionId) throw new SkillError("usage", "A session id is required.", { hint: "Usage: <EXPERIMENT_ID> <SESSION_ID>; session ids are the trace metadata mlflow.trace.session." });
  if (!fromFile) {
    if (!experimentId) throw new SkillError("usage", "An experiment id is required.", { hint: "Pass it first, or as --experiment-id, or set MLFLOW_EXPERIMENT_ID; list them with `mlflow experiments search`." });
    if (!/^\d+$/.test(experimentId)) throw new SkillError("usage", `Experiment id ${JSON.stringify(experimentId.slice(0, 60))} is not a number.`, { hint: "MLflow experiment ids are numbers; find yours with `mlflow experiments search`." });
  }
  const outDir = str(flags, "out-dir");
  const dir = fromFile || !outDir ? void 0 : prepareOutDir(outDir);
  const since = str(flags, "since");
  const sinceMs = since === void 0 ? void 0 : parseSince(since);
  const source = [...fromFile ? ["--from-file", fromFile] : [], ...since ? ["--since", since] : []];
  const exp = experimentId ?? "-";
  return {
    experimentId,
    sessionId,
    fromFile,
    cli: { dir, timeoutMs: num(flags, "timeout", 120) * 1e3, fresh: bool(flags, "fresh") },
    maxChars: num(flags, "max-chars", 2e4),
    sinceMs,
    again: (script, extra = []) => commandFor(script, [exp, sessionId, ...source, ...extra])
  };
}
async function fetchSession(a, includeSpans, limit) {
  if (a.fromFile) {
    const loaded2 = sessionFromFile(a.fromFile, a.sessionId, a.sinceMs);
    if (!loaded2.value.length) throw new SkillError("session-not-found", `No trace of session ${JSON.stringify(a.sessionId)} in ${loaded2.files[0]}.`);
    return { traces: limit ? loaded2.value.slice(0, limit) : loaded2.value, files: loaded2.files };
  }
  const loaded = await loadSession({ experimentId: a.experimentId, sessionId: a.sessionId, includeSpans, limit, sinceMs: a.sinceMs }, a.cli);
  if (!loaded.value.length) throw await sessionNotFound(a);
  return { traces: loaded.value, files: loaded.files };
}
async function sessionNotFound(a) {
  try {
    const recent = await searchTraces({ experimentId: a.experimentId, maxResults: pageSizeFor(process.env.MLFLOW_TRACKING_URI, 200), includeSpans: false, orderBy: "timestamp_ms DESC" }, a.cli, 0);
    const traces = parseSearch(recent.json).traces;
    if (!traces.length) {
      return new SkillError("experiment-not-found", `Experiment ${a.experimentId} has no traces (or does not exist in this tracking store).`, { hint: "Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI." });
    }
    const ids = [...new Set(traces.map((t) => t.info.sessionId).filter((s) => !!s))].slice(0, 8);
    if (a.sinceMs !== void 0) {
      const older = ids.includes(a.sessionId);
      return new SkillError("session-not-found", `No trace in experiment ${a.experimentId} has session id ${JSON.stringify(a.sessionId)} since ${new Date(a.sinceMs).toISOString()} (--since).`, {
        hint: older ? "The session has older traces: widen or drop --since." : `Widen or drop --since.${ids.length ? ` Recent session ids there: ${ids.map((s) => JSON.stringify(s)).join(", ")}` : ""}`
      });
    }
    return new SkillError("session-not-found", `No trace in experiment ${a.experimentId} has session id ${JSON.stringify(a.sessionId)}.`, {
      hint: ids.length ? `Recent session ids there: ${ids.map((s) => JSON.stringify(s)).join(", ")}` : "Its recent traces carry no session id (trace metadata mlflow.trace.session): the app may not record sessions."
    });
  } catch {
    return new SkillError("session-not-found", `No trace in experiment ${a.experimentId} has session id ${JSON.stringify(a.sessionId)}.`, { hint: "Check the session id (trace metadata mlflow.trace.session) and the experiment id." });
  }
}

export {
  sessionHelp,
  sessionArgs,
  fetchSession
};
