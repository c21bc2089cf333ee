import {
  SkillError,
  andFilter,
  cachedTrace,
  cachedTraces,
  getTrace,
  pageSizeFor,
  parseSearch,
  parseTrace,
  parseTraces,
  readJsonFile,
  searchTraces,
  sessionFilter,
  shown,
  sinceFilter,
  traceIdsFilter
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/mlflow/source.ts
import { resolve } from "node:path";
var TRACE_ID = /^(tr-[0-9a-f]{32}|[\w:/.-]{4,200})$/i;
function checkTraceId(id) {
  if (!id)
    throw new SkillError("usage", "A trace id is required.", {
      hint: "Pass it as the first argument or --trace-id (it looks like tr-<32 hex>), or use --from-file."
    });
  if (!TRACE_ID.test(id))
    throw new SkillError("usage", `${shown(id, 80)} is not a trace id.`, {
      hint: "MLflow trace ids look like tr-<32 hex>; find one with `mlflow traces search -x <EXPERIMENT_ID>`."
    });
  return id;
}
async function loadTrace(opts) {
  if (opts.fromFile) {
    const file = resolve(opts.fromFile);
    const traces = parseTraces(readJsonFile(file, "the --from-file input"), `--from-file ${file}`);
    if (!traces.length)
      throw new SkillError("bad-data", `${file} holds no traces.`, { hint: "Save a trace with `mlflow traces get --trace-id <ID> > trace.json`." });
    const pick = opts.traceId ? traces.find((t) => t.info.traceId === opts.traceId) : traces.length === 1 ? traces[0] : void 0;
    if (!pick) {
      if (opts.traceId)
        throw new SkillError("trace-not-found", `Trace ${opts.traceId} is not in ${file} (it holds ${traces.length}).`, {
          hint: `Ids in the file: ${traces.slice(0, 5).map((t) => t.info.traceId).join(", ")}${traces.length > 5 ? ", …" : ""}`
        });
      throw new SkillError("usage", `${file} holds ${traces.length} traces; say which one.`, { hint: `Pass a trace id too, e.g. ${traces[0]?.info.traceId}.` });
    }
    return { value: pick, files: [file] };
  }
  const id = checkTraceId(opts.traceId);
  const fetched = await getTrace(id, opts.cli);
  return { value: parseTrace(fetched.json, `mlflow traces get output (${fetched.file})`), files: [fetched.file] };
}
async function loadSession(q, cli) {
  const filter = andFilter(sessionFilter(q.sessionId), q.sinceMs === void 0 ? null : sinceFilter(q.sinceMs));
  const pageSize = pageSizeFor(process.env.MLFLOW_TRACKING_URI, q.limit);
  const traces = [];
  const files = [];
  let token;
  for (let page = 1; ; page++) {
    const fetched = await searchTraces(
      {
        experimentId: q.experimentId,
        filter,
        orderBy: "timestamp_ms ASC",
        maxResults: pageSize,
        pageToken: token,
        includeSpans: q.includeSpans,
        spansAnswerOk: q.spansAnswerOk
      },
      cli,
      page
    );
    files.push(fetched.file);
    const result = parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`);
    traces.push(...q.limit === void 0 ? result.traces : result.traces.slice(0, q.limit - traces.length));
    token = result.nextPageToken ?? void 0;
    if (!token || result.traces.length === 0 || q.limit !== void 0 && traces.length >= q.limit) break;
  }
  return { value: traces, files };
}
async function loadTracesById(experimentId, ids, cli) {
  const held = ids.map((id) => ({ id, json: cachedTrace(id, cli) }));
  const value = held.flatMap(({ json }) => json ? [parseTrace(json, "a cached trace")] : []);
  const filter = traceIdsFilter(held.filter((h) => !h.json).map((h) => h.id));
  if (!filter) return { value, files: [] };
  const fetched = await searchTraces({ experimentId, filter, maxResults: ids.length + 1, includeSpans: true }, cli, 1);
  return { value: [...value, ...parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`).traces], files: [fetched.file] };
}
function withCachedSpans(traces, cli) {
  const held = cachedTraces(
    traces.map((t) => t.info.traceId),
    cli
  );
  if (!held) return null;
  const value = [];
  for (const [i, h] of held.entries()) {
    const whole = parseTrace(h.json, `a cached trace (${h.file})`);
    const read = traces[i];
    if (!whole.spans.length || whole.info.traceId !== read.info.traceId) return null;
    value.push({ ...whole, info: { ...read.info, requestTimeMs: read.info.requestTimeMs ?? whole.info.requestTimeMs } });
  }
  return { value, files: held.map((h) => h.file) };
}
function sessionFromFile(path, sessionId, sinceMs) {
  const file = resolve(path);
  let traces = parseTraces(readJsonFile(file, "the --from-file input"), `--from-file ${file}`);
  if (sessionId) traces = traces.filter((t) => t.info.sessionId === sessionId || t.info.sessionId === null);
  if (sinceMs !== void 0) traces = traces.filter((t) => (t.info.requestTimeMs ?? 0) >= sinceMs);
  traces.sort((a, b) => (a.info.requestTimeMs ?? 0) - (b.info.requestTimeMs ?? 0));
  return { value: traces, files: [file] };
}

export {
  checkTraceId,
  loadTrace,
  loadSession,
  loadTracesById,
  withCachedSpans,
  sessionFromFile
};
