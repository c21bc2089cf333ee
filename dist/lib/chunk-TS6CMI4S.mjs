import {
  SQL_STORE_PAGE,
  pageSizeFor,
  parseSearch,
  searchTraces
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/mlflow/pages.ts
import { mkdirSync } from "node:fs";
import { join } from "node:path";
async function* searchPages(q, cli, trackingUri = process.env.MLFLOW_TRACKING_URI) {
  const dir = cli.dir === void 0 ? void 0 : join(cli.dir, q.label);
  if (dir) mkdirSync(dir, { recursive: true, mode: 448 });
  const size = pageSizeFor(trackingUri, q.limit ?? Number.POSITIVE_INFINITY);
  const singleCall = size === SQL_STORE_PAGE;
  let token;
  let yielded = 0;
  for (let n = 1; ; n++) {
    const fetched = await searchTraces(
      {
        experimentId: q.experimentId,
        filter: q.filter,
        orderBy: q.orderBy,
        maxResults: size,
        pageToken: token,
        includeSpans: q.includeSpans,
        deferEach: q.deferEach
      },
      { ...cli, dir },
      n
    );
    const page = parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`);
    token = page.nextPageToken ?? void 0;
    const kept = q.keep ? page.traces.flatMap((t) => q.keep?.(t) ?? []) : page.traces;
    const room = q.limit === void 0 ? Number.POSITIVE_INFINITY : q.limit - yielded;
    const traces = kept.length > room ? kept.slice(0, room) : kept;
    yielded += traces.length;
    const cutHere = traces.length < kept.length;
    const last = !token || page.traces.length === 0 || yielded >= (q.limit ?? Number.POSITIVE_INFINITY);
    yield {
      n,
      traces,
      file: fetched.file,
      more: cutHere || last && !!token && page.traces.length > 0,
      totalKnown: singleCall ? kept.length : null,
      rest: singleCall && cutHere ? kept.slice(traces.length) : [],
      fetched: fetched.fetched !== false
    };
    if (last) return;
  }
}

export {
  searchPages
};
