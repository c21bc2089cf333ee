import {
  searchPages
} from "./chunk-TS6CMI4S.mjs";
import {
  experimentIdOf
} from "./chunk-CF3OK2NH.mjs";
import {
  prepareOutDir
} from "./chunk-2IPHA5SA.mjs";
import {
  SkillError,
  buildTraceFilter,
  experimentLabel,
  list,
  mlflowCallCount,
  parseTimeArg,
  parseTraces,
  readJsonFile,
  text
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/commands/window/window-job.ts
import { resolve } from "node:path";
var WINDOW_OPTIONS = {
  since: text("24h|7d|DATE", "traces at or after (DATE: 2026-11-20 or 2026-11-20T09:00Z; UTC)"),
  until: text("DUR|DATE", "traces before"),
  user: text("ID", "metadata mlflow.trace.user"),
  tag: list("K=V", "a trace tag (ANDed)"),
  filter: text("'F'", "your own MLflow filter string, ANDed"),
  limit: text("N", "read the newest N traces of the window (default 20000; 0 for all)"),
  fromFile: text("PATH", "read a saved `mlflow traces search --output json` file; no mlflow call")
};
function windowArgs(input, nowMs = Date.now()) {
  if (!input.experimentId && !input.fromFile)
    throw new SkillError("usage", "An experiment is required.", {
      hint: "Pass its id or name first, or set MLFLOW_EXPERIMENT_ID / MLFLOW_EXPERIMENT_NAME; list them with `mlflow experiments search`."
    });
  const tags = input.tag.map((v) => {
    const at = v.indexOf("=");
    if (at <= 0) throw new SkillError("usage", `--tag takes KEY=VALUE, not ${JSON.stringify(v.slice(0, 60))}.`);
    return [v.slice(0, at), v.slice(at + 1)];
  });
  if (input.limit !== void 0 && !/^\d+$/.test(input.limit))
    throw new SkillError("usage", `--limit takes a whole number (0 for all), not ${JSON.stringify(input.limit)}.`);
  const spec = {
    sinceMs: input.since === void 0 ? void 0 : parseTimeArg(input.since, "--since", nowMs),
    untilMs: input.until === void 0 ? void 0 : parseTimeArg(input.until, "--until", nowMs),
    user: input.user,
    tags,
    raw: input.filter
  };
  const source = [
    ...input.fromFile ? ["--from-file", input.fromFile] : [],
    ...input.since ? ["--since", input.since] : [],
    ...input.until ? ["--until", input.until] : [],
    ...input.user ? ["--user", input.user] : [],
    ...input.tag.flatMap((t) => ["--tag", t]),
    ...input.filter ? ["--filter", input.filter] : [],
    ...input.limit ? ["--limit", input.limit] : []
  ];
  return {
    experimentId: input.experimentId ?? "-",
    given: input.experimentId ?? "-",
    filter: buildTraceFilter(spec),
    limit: input.limit === void 0 ? 2e4 : Number(input.limit) || null,
    fromFile: input.fromFile,
    cli: { dir: input.outDir ? prepareOutDir(input.outDir) : void 0, timeoutMs: input.timeout * 1e3, fresh: input.fresh },
    source,
    window: {
      sinceMs: spec.sinceMs,
      untilMs: spec.untilMs,
      nowMs: input.fromFile ? void 0 : nowMs,
      flags: [...input.since ? ["--since", input.since] : [], ...input.until ? ["--until", input.until] : []]
    }
  };
}
async function resolveWindowExperiment(a) {
  if (a.fromFile) return 0;
  const before = mlflowCallCount();
  a.experimentId = await experimentIdOf(a.experimentId, a.cli);
  return mlflowCallCount() - before;
}
var lookupClause = (calls) => calls ? `, ${calls} to look the experiment name up (cached 5 min; an id needs none)` : "";
var noTraceIn = (a) => new SkillError("experiment-not-found", `No trace in experiment ${experimentLabel(a.given, a.experimentId)}${a.filter ? ` matches ${a.filter}` : ""}.`, {
  hint: "Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI, or widen --since."
});
async function readWindow(a, includeSpans, label) {
  if (a.fromFile) {
    const file = resolve(a.fromFile);
    const { sinceMs, untilMs } = a.window;
    const traces2 = parseTraces(readJsonFile(file, "the --from-file input"), `--from-file ${file}`).filter((t) => {
      const ms = t.info.requestTimeMs ?? 0;
      return (sinceMs === void 0 || ms >= sinceMs) && (untilMs === void 0 || ms < untilMs);
    });
    return { traces: a.limit ? traces2.slice(0, a.limit) : traces2, files: [file], more: !!a.limit && traces2.length > a.limit, calls: 0 };
  }
  const traces = [];
  const files = [];
  let more = false;
  const before = mlflowCallCount();
  for await (const page of searchPages(
    { experimentId: a.experimentId, filter: a.filter || void 0, orderBy: "timestamp_ms DESC", includeSpans, limit: a.limit ?? void 0, label },
    a.cli
  )) {
    traces.push(...page.traces);
    files.push(page.file);
    more = page.more;
  }
  return { traces, files, more, calls: mlflowCallCount() - before };
}

export {
  WINDOW_OPTIONS,
  windowArgs,
  resolveWindowExperiment,
  lookupClause,
  noTraceIn,
  readWindow
};
