#!/usr/bin/env node
import {
  windowJson,
  windowText
} from "./lib/chunk-WYBBQINX.mjs";
import {
  searchPages
} from "./lib/chunk-TS6CMI4S.mjs";
import {
  TraceFacts,
  earlierTurns,
  spanTurnTexts
} from "./lib/chunk-7PUXK5AD.mjs";
import {
  EXPERIMENT_ARG
} from "./lib/chunk-4NTHLB4J.mjs";
import {
  locateTurn,
  replyProse
} from "./lib/chunk-L7NKPVFV.mjs";
import {
  modelParams
} from "./lib/chunk-P2QWAD2C.mjs";
import {
  judgeErrorsOf,
  onlySource,
  parseSource,
  verdictsOf
} from "./lib/chunk-AHYV3VDS.mjs";
import {
  experimentIdOf,
  numberAsName
} from "./lib/chunk-CF3OK2NH.mjs";
import {
  findErrors
} from "./lib/chunk-SUSXR56T.mjs";
import {
  FINDING_KINDS,
  recordDataflow,
  replyValuesUnsettled,
  scalarRelation,
  selfTimeMs,
  wantsEarlierTurns
} from "./lib/chunk-MWQ5YTIN.mjs";
import "./lib/chunk-B4YWSYFA.mjs";
import {
  paint,
  polarityOf,
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-NTVFJSFG.mjs";
import {
  isModelCall,
  messagesOf,
  modelCallIds,
  parseCost,
  parseUsageDict,
  prepareOutDir,
  spanCost,
  spanInputs,
  spanModel,
  spanOutputs,
  spanTokenUsage
} from "./lib/chunk-2IPHA5SA.mjs";
import "./lib/chunk-5R3F2B7O.mjs";
import {
  SQL_STORE_PAGE,
  SkillError,
  andFilter,
  buildTraceFilter,
  buildTree,
  cacheStatus,
  clip,
  commandFor,
  count,
  decodeValue,
  defineCommand,
  durationOf,
  experimentLabel,
  filterKey,
  flag,
  fmtInt,
  fmtMs,
  fmtRatio,
  grouped,
  list,
  metricsEndpoint,
  mlflowCallCount,
  oneLine,
  parseTimeArg,
  plural,
  queryMetrics,
  quoteFilterValue,
  readJsonFile,
  restSearchCount,
  runCommand,
  runMlflow,
  shown,
  storeNamedTraces,
  text,
  traceIdsFilter,
  traceLink,
  whole
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/mlflow/newest-trace.ts
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
function parseNewestTable(text3) {
  const lines2 = text3.split("\n");
  const rule = lines2.findIndex((l) => /^-{3,}(\s+-{3,})*\s*$/.test(l));
  const row2 = rule < 0 ? void 0 : lines2[rule + 1]?.trim();
  if (!row2) return null;
  const [traceId = row2] = row2.split(/\s+/, 1);
  const time = /\s(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d(?:\.\d+)?) UTC\b/.exec(row2);
  const ms = time ? Date.parse(`${time[1]}T${time[2]}Z`) : Number.NaN;
  return { traceId, timeMs: Number.isFinite(ms) ? ms : null };
}
async function newestTrace(experimentId, cli) {
  const dir = mkdtempSync(join(tmpdir(), "mlflow-newest-"));
  const file = join(dir, "newest.txt");
  try {
    const argv = ["traces", "search", "--experiment-id", experimentId, "--max-results", "1", "--order-by", "timestamp_ms DESC"];
    await runMlflow([...argv, "--no-include-spans", "--output", "table", "--extract-fields", "info.trace_id,info.request_time"], file, {
      timeoutMs: cli.timeoutMs
    });
    return parseNewestTable(readFileSync(file, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// scripts/lib/render/triage/view.ts
var pct = (x) => `${x >= 0.1 || x === 0 ? Math.round(x * 100) : (x * 100).toFixed(1)}%`;
var shortTime = (iso3) => iso3 ? iso3.replace(/(T\d{2}:\d{2}):\d{2}(\.\d+)?Z$/, "$1Z") : "?";
function overRepLine(o) {
  const base = o.baseline === "scored" ? `${pct(o.overallShare)} of the ${fmtInt(o.among)} traces it scored` : `${pct(o.overallShare)} overall`;
  const partial = o.keyOn < o.among ? ` (${o.key} is set on only ${fmtInt(o.keyOn)} of ${fmtInt(o.among)} traces ${o.baseline === "scored" ? "it scored" : "read"})` : "";
  return `${o.key}=${o.value}: ${fmtInt(o.inCluster)} of ${fmtInt(o.clusterSize)} here, ${base}${partial}`;
}

// scripts/lib/render/triage/change-format.ts
var t = (iso3) => shortTime(iso3);
var at = (ms) => t(new Date(ms).toISOString());
var between = (fromMs, toMs) => at(fromMs) === at(toMs) ? `at ${at(fromMs)}` : `between ${at(fromMs)} and ${at(toMs)}`;
var short = (key) => key.replace(/^tag\./, "");
var pct2 = (r) => r.rate === null ? "–" : `${fmtInt(r.n)}/${fmtInt(r.of)} ${r.rate >= 0.1 || r.rate === 0 ? Math.round(r.rate * 100) : (r.rate * 100).toFixed(1)}%`;
var usd = (n) => n === 0 ? "$0" : n >= 1 ? `$${n.toFixed(2)}` : n >= 0.01 ? `$${n.toFixed(4)}` : `$${n.toPrecision(2)}`;
var tok = (n) => n === null ? "?" : fmtInt(Math.round(n));

// scripts/lib/render/triage/change-cost.ts
var inputWhy = (to, from) => `${fmtRatio(to, from) ?? "?"}: ${to > from ? "a longer" : "a shorter"} prompt or history`;
function unlogged(d) {
  const { inputPerCallFrom: a, inputPerCallTo: b, loggedPerCallFrom: x, loggedPerCallTo: y } = d;
  if (a === null || b === null || x === null || y === null || Math.abs(y / x - 1) > 0.1) return "";
  const chars = `(${fmtInt(x)} → ${fmtInt(y)} chars per call)`;
  if (b >= 1.5 * a) return `, but the logged input did not grow ${chars}: the app sends more than it logs`;
  if (a >= 1.5 * b) return `, but the logged input did not shrink ${chars}: the app sent more than it logged before`;
  return "";
}
var stretchCost = (x) => x.perTrace === null ? x.spansRead ? "? (no call priced)" : "? (none read with spans)" : usd(x.perTrace);
function rollbackLine(r, indent = "  ") {
  const b = r.rollback;
  if (!b) return [];
  const [x, y, z2] = b.stretches;
  const up = x.perTrace !== null && y.perTrace !== null ? fmtRatio(y.perTrace, x.perTrace) : null;
  const down = y.perTrace !== null && z2.perTrace !== null ? fmtRatio(z2.perTrace, y.perTrace) : null;
  const ratios = [up && `the release ${up}`, down && `the rollback ${down}`].filter(Boolean).join(", ");
  const rose = x.perTrace !== null && y.perTrace !== null && y.perTrace > x.perTrace * 1.2;
  const label = rose ? paint.warn("cost per request") : "cost per request";
  const path = `${short(b.key)} ${x.value} → ${y.value} → ${z2.value} (rolled back)`;
  const over = `over ${fmtInt(x.spansRead)}, ${fmtInt(y.spansRead)} and ${fmtInt(z2.spansRead)} traces read with spans, one sample per stretch`;
  return [
    `${indent}${label}, ${path}: ${[x, y, z2].map(stretchCost).join(" → ")} per request${ratios ? ` (${ratios})` : ""}, ${over}${b.source ? `; from ${b.source}` : ""}`
  ];
}
function perRequestLine(r, a, b, over) {
  const r1 = fmtRatio(b.perTrace, a.perTrace);
  const ratio = r1 ? ` (${r1})` : "";
  const label = b.perTrace > a.perTrace * 1.2 ? paint.warn("cost per request") : "cost per request";
  return `  ${label}: ${usd(a.perTrace)} (${r.from}) → ${usd(b.perTrace)} (${r.to})${ratio}, ${over}`;
}
function serverLines(r, sampled) {
  const c = r.cohortCost;
  const [x, y] = [r.from, r.to].map((v) => c?.cohorts.find((k) => k.value === v));
  if (c?.path !== "server" || !x || !y || x.perTrace === null || y.perTrace === null) return null;
  const a = { perTrace: x.perTrace, traces: x.traces };
  const b = { perTrace: y.perTrace, traces: y.traces };
  const over = `over all ${fmtInt(x.traces)} and ${fmtInt(y.traces)} traces of each cohort in the window (tracking server's metrics endpoint, MLflow's recorded cost)`;
  const lines2 = [perRequestLine(r, a, b, over)];
  if (x.tokensPerTrace !== null && y.tokensPerTrace !== null)
    lines2.push(
      `    tokens per request: ${tok(x.tokensPerTrace)} → ${tok(y.tokensPerTrace)} (${fmtRatio(y.tokensPerTrace, x.tokensPerTrace) ?? "?"}), the same traces`
    );
  if (sampled) lines2.push(`    by span below: ${sampled}`);
  return lines2;
}
var factor = (f) => fmtRatio(f, 1) ?? "?";
function splitLine(s, indent = "      on this span, ") {
  if ("why" in s) return `${indent.replace(/, $/, ": ")}not split into price and tokens: ${s.why}`;
  const out = s.outputPerCall.from !== null && s.outputPerCall.to !== null ? `, output ${tok(s.outputPerCall.from)} → ${tok(s.outputPerCall.to)}` : "";
  const parts = [
    `${factor(s.price)} price (${s.modelFrom} → ${s.modelTo} at the same tokens, priced from ${s.priceFrom})`,
    `${factor(s.tokens)} tokens (input ${tok(s.inputPerCall.from)} → ${tok(s.inputPerCall.to)}${out} per call)`
  ];
  if (Math.abs(s.calls - 1) >= 0.05) parts.push(`${factor(s.calls)} calls per trace (${s.callsPerTrace.from.toFixed(1)} → ${s.callsPerTrace.to.toFixed(1)})`);
  return `${indent}${factor(s.ratio)} per request: ${parts.join(", ")}`;
}
function driverLines(r, dearer) {
  const lines2 = [];
  for (const d of r.costDrivers.slice(0, 3)) {
    if (Math.abs(d.perTraceTo - d.perTraceFrom) < 0.05 * dearer) continue;
    const why = [];
    if (d.modelFrom.join(",") !== d.modelTo.join(",")) why.push(`model ${d.modelFrom.join("+") || "–"} → ${d.modelTo.join("+") || "–"}`);
    if (d.inputPerCallFrom !== null && d.inputPerCallTo !== null && Math.abs(d.inputPerCallTo / d.inputPerCallFrom - 1) >= 0.2)
      why.push(`input tokens per call ${tok(d.inputPerCallFrom)} → ${tok(d.inputPerCallTo)} (${inputWhy(d.inputPerCallTo, d.inputPerCallFrom)})${unlogged(d)}`);
    if (Math.abs(d.callsPerTraceTo - d.callsPerTraceFrom) >= 0.2)
      why.push(`calls per trace ${d.callsPerTraceFrom.toFixed(1)} → ${d.callsPerTraceTo.toFixed(1)}`);
    lines2.push(`    ${d.span}: ${usd(d.perTraceFrom)} → ${usd(d.perTraceTo)} per trace${why.length ? `: ${why.join("; ")}` : ""}`);
    const split = r.rollback ? void 0 : r.costSplits.find((s) => s.span === d.span);
    if (split) lines2.push(splitLine(split));
  }
  return lines2;
}
function costLines(r) {
  const a = r.cohorts.find((c) => c.value === r.from)?.cost;
  const b = r.cohorts.find((c) => c.value === r.to)?.cost;
  const sampled = a && b && a.perTrace !== null && b.perTrace !== null ? `over ${fmtInt(a.traces)} and ${fmtInt(b.traces)} traces read with spans; from ${b.source}` : "";
  const served = serverLines(r, sampled);
  if (!served && (!a || !b || a.perTrace === null || b.perTrace === null)) return [];
  const notServed = r.cohortCost?.path === "sample" && r.cohortCost.why ? ` (not from the tracking server: ${r.cohortCost.why})` : "";
  const rolled = rollbackLine(r, served ? "    in time order, from the traces read with spans: " : "  ");
  const lines2 = served ? [...served, ...rolled] : rolled.length ? rolled.map((l) => l + notServed) : [perRequestLine(r, a, b, `${sampled}${notServed}`)];
  if (!a || !b || a.perTrace === null || b.perTrace === null) return lines2;
  if (rolled.length) {
    for (const split of r.costSplits) lines2.push(splitLine(split, `    ${split.span}, the release ${r.to} → ${r.from}: `));
    lines2.push(`    what the rollback changed (${r.from} → ${r.to}), by span:`);
  }
  lines2.push(...driverLines(r, Math.max(a.perTrace, b.perTrace)));
  for (const u of [...a.unknownModels, ...b.unknownModels].filter((u2, i, all) => all.findIndex((x) => x.model === u2.model) === i))
    lines2.push(`    no price for model ${u.model} (no recorded cost, not in the price table; --prices FILE adds it): its calls are left out`);
  return lines2;
}

// scripts/lib/render/triage/change-switch.ts
function changeLine(key, c, counts2 = "traces read") {
  const n = `${plural(c.before, "trace")} with ${c.from} before, ${fmtInt(c.after)} with ${c.to} after, of the ${counts2}`;
  if (c.rollout) {
    const r = c.rollout;
    const canary = `first seen ${at(r.firstSeenMs)} (a canary: ${plural(r.canary, "trace")} beside ${c.from})`;
    const stragglers = r.stragglers ? `; ${plural(r.stragglers, "straggler")} on ${c.from} after, the last ${at(r.lastOldMs)}` : "";
    return `${short(key)} ${c.from} → ${c.to}, a rollout: ${canary}, took over ${between(c.lastFromMs, c.firstToMs)} (${n}${stragglers})`;
  }
  return `${short(key)} ${c.from} → ${c.to} ${between(c.lastFromMs, c.firstToMs)} (${n})`;
}
var GRAIN = { 86400: "day", 3600: "hour", 60: "minute" };
var bucket = (b) => b.sizeS >= 86400 ? `on ${b.at.slice(0, 10)}` : `in the ${GRAIN[b.sizeS] ?? `${b.sizeS} s`} from ${t(b.at)}`;
function serverOnsetLines(onset, s) {
  const kv = `${short(onset.key)}=${onset.value}`;
  const upTo = s.to ? ` up to ${t(s.to)}` : "";
  const counted = `the tracking server counted ${fmtInt(s.withValue)} of ${plural(s.traces, "trace")}${upTo} with it (${plural(s.requests, "request")})`;
  const lines2 = [`  every trace read (from ${t(onset.windowStart)}) has ${kv}; ${counted}:`];
  if (!s.lastOther) return [...lines2, `  every trace counted has ${kv}: no change to find`];
  const first = s.firstSeen ? `first seen ${bucket(s.firstSeen)}` : "never seen";
  const last = `the last trace without it ${bucket(s.lastOther)} (${plural(s.lastOther.traces, "trace")} there)`;
  lines2.push(`  ${paint.warn(`${short(onset.key)} → ${onset.value}`)}: ${first}; ${last}`);
  const read = `${plural(onset.read, "trace")} read around it (1 search, with spans; the cohorts below are that sample and the traces read)`;
  const good = onset.lastGood;
  if (!good) return [...lines2, `  ${read}: none of them holds another value of ${short(onset.key)} (the key unset before?)`];
  const after = onset.onset ? `${onset.onset.traceId} at ${t(onset.onset.time)}` : "not among them";
  return [...lines2, `  ${read}: last ${good.value} trace (last good) ${good.traceId} at ${t(good.time)} · first ${onset.value} after it: ${after}`];
}
function switchLines(r, onset) {
  const lines2 = [];
  const lead = r.switches[0];
  if (onset?.server) lines2.push(...serverOnsetLines(onset, onset.server));
  else if (onset) {
    const back = `looked back before ${t(onset.windowStart)} (1 search, ${plural(onset.read, "trace")} read)${onset.declined ? `; the tracking server could not locate it: ${clip(onset.declined, 120)}` : ""}`;
    if (onset.lastGood) {
      lines2.push(`  every trace in the window has ${short(onset.key)}=${onset.value}: the change is older than the window; ${back}:`);
      const first = onset.onset ? `${onset.onset.traceId} at ${t(onset.onset.time)}` : `at the window's start`;
      const good = onset.lastGood;
      lines2.push(`  ${paint.warn("real onset")}: ${first} · last ${good.value} trace (last good): ${good.traceId} at ${t(good.time)}`);
    } else if (onset.read === 0)
      lines2.push(`  every trace in the window has ${short(onset.key)}=${onset.value}, and there is no trace before it (${back}): no change to find`);
    else
      lines2.push(
        `  every trace in the window has ${short(onset.key)}=${onset.value}, and so do the ${fmtInt(onset.read)} before it (${back})${onset.cut ? "; if it ever changed, that was earlier still (an earlier --since looks further)" : ": it never changed"}`
      );
  }
  if (!lead) {
    if (!onset?.lastGood)
      lines2.push(
        `  no switch found: no tag or metadata value changed over the window (values that alternate, like a region, are no switch)${r.constantKeys.length ? `; constant: ${r.constantKeys.slice(0, 4).map((k) => `${short(k.key)}=${k.value}`).join(", ")}` : ""}`
      );
    return lines2;
  }
  if (lead.kind === "back-and-forth") {
    lines2.push(`  ${paint.warn(`${short(lead.key)} went back and forth`)} (${plural(lead.changes.length, "change")}):`);
    for (const c of lead.changes) lines2.push(`    ${changeLine(lead.key, c, lead.counts)}`);
  } else lines2.push(`  ${paint.warn(changeLine(lead.key, lead.changes[0], lead.counts))}`);
  if (lead.together.length)
    lines2.push(
      `  changed at the same moment: ${lead.together.map((x) => `${short(x.key).replace(/^span\./, "")} ${valuesPath(x.path ?? [x.from, x.to])}`).join(", ")}`
    );
  const listed = new Set(r.paramChanges.map((p) => p.key));
  for (const s of r.switches.slice(1).filter((x) => !listed.has(x.key)).slice(0, 2))
    lines2.push(
      `  also: ${changeLine(s.key, s.changes[0], s.counts)}${s.kind === "back-and-forth" ? ` (+${s.changes.length - 1} more changes)` : ""}`
    );
  return lines2;
}
function valuesPath(path, max = 60) {
  const [a = "", b = ""] = path;
  if (path.length <= 2) return changedParts(a, b, max);
  if (path.every((v) => v.length <= max)) return path.join(" → ");
  return `${changedParts(a, b, max)}, then ${plural(path.length - 2, "more change")}${path.at(-1) === a ? " (back to the first)" : ""}`;
}
function changedParts(a, b, max = 60) {
  if (a.length <= max && b.length <= max) return `${a} → ${b}`;
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const from = Math.max(0, pre - 20);
  const part = (s) => {
    const mid = s.slice(from, s.length - Math.max(0, suf - 20));
    return JSON.stringify(`${from > 0 ? "…" : ""}${clip(mid, max)}${suf > 20 ? "…" : ""}`);
  };
  return `${part(a)} → ${part(b)}`;
}

// scripts/lib/render/triage/verdict-coverage.ts
var andList = (xs) => xs.length < 2 ? xs[0] ?? "" : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;
var named = (row2) => `${row2.source} ${row2.assessment}`;
function unevenText(c, r) {
  const parts = [];
  for (const [side, value] of [
    ["from", r.to],
    ["to", r.from]
  ]) {
    const only = c.uneven.filter((u) => u.absentFrom === side).map(named);
    if (only.length) parts.push(`${andList(only)} ran only on ${value}`);
  }
  const of = (s) => `${fmtInt(s.judged)} of ${fmtInt(s.traces)}`;
  for (const u of c.uneven.filter((x) => x.absentFrom === null)) parts.push(`${named(u)} scored ${of(u.from)} traces on ${r.from}, ${of(u.to)} on ${r.to}`);
  return parts.join("; ");
}
function verdictCoverageLines(r) {
  const c = r.verdictCoverage;
  if (!c || c.comparable) return [];
  const even = c.even.map((e) => `${named(e)} ${pct2(e.fromRate)} → ${pct2(e.toRate)}`);
  return [
    `    ${paint.warn(`! not comparable: ${unevenText(c, r)}`)}`,
    even.length ? `      compare by a source present on both: ${even.join(" · ")}` : `      no source scored both alike: the negative rate compares nothing across ${short(r.by ?? "")}`
  ];
}

// scripts/lib/render/triage/cohort-table.ts
function row(label, cells, w) {
  return `    ${label.padEnd(30)}${cells.map((c) => c.padEnd(w)).join("")}`.trimEnd();
}
var firstLast = (c) => `${c.first.slice(5, 16).replace("T", " ")}…${c.last.slice(0, 10) === c.first.slice(0, 10) ? c.last.slice(11, 16) : c.last.slice(5, 16).replace("T", " ")}`;
function cohortTable(r) {
  const shown2 = r.cohorts.filter((c) => c.value === r.from || c.value === r.to || r.cohorts.length <= 4).slice(0, 4);
  if (!shown2.length) return [];
  const w = Math.max(22, ...shown2.map((c) => firstLast(c).length + 2));
  const lines2 = [
    row(
      `by ${short(r.by ?? "")}`,
      shown2.map((c) => c.value),
      w
    )
  ];
  const cell = (f) => shown2.map(f);
  lines2.push(
    row(
      "traces",
      cell((c) => fmtInt(c.traces)),
      w
    )
  );
  lines2.push(row("first … last", cell(firstLast), w));
  lines2.push(
    row(
      "errors",
      cell((c) => pct2(c.errors)),
      w
    )
  );
  lines2.push(
    row(
      "negative (of judged)",
      cell((c) => pct2(c.negative)),
      w
    ),
    ...verdictCoverageLines(r)
  );
  const names = [...new Set(shown2.flatMap((c) => c.verdicts.map((v) => v.name)))];
  for (const n of names)
    lines2.push(
      row(
        `  ${n.length > 26 ? `${n.slice(0, 25)}…` : n}`,
        cell((c) => {
          const v = c.verdicts.find((x) => x.name === n);
          return v ? pct2(v) : "–";
        }),
        w
      )
    );
  lines2.push(
    row(
      "latency p50 / p95",
      cell((c) => `${fmtMs(c.latency.p50)} / ${fmtMs(c.latency.p95)}`),
      w
    )
  );
  lines2.push(
    row(
      "tokens p50",
      cell((c) => fmtInt(c.tokensP50)),
      w
    )
  );
  lines2.push(
    row(
      "spans read (traces)",
      cell((c) => fmtInt(c.spansRead)),
      w
    )
  );
  if (shown2.some((c) => c.finishReasons.length))
    lines2.push(
      row(
        "finish_reason",
        cell(
          (c) => c.finishReasons.slice(0, 2).map((f) => `${f.value} ${fmtInt(f.count)}`).join(", ") || "–"
        ),
        w
      )
    );
  const spanNames = [...new Set(shown2.flatMap((c) => c.spans.slice(0, 6).map((s) => s.name)))].slice(0, 6);
  for (const s of spanNames)
    lines2.push(
      row(
        `  ${s.length > 17 ? `${s.slice(0, 16)}…` : s} self p50`,
        cell((c) => fmtMs(c.spans.find((x) => x.name === s)?.selfP50)),
        w
      )
    );
  return lines2;
}

// scripts/lib/render/triage/changes.ts
function sampleRangeLines(r) {
  if (r.sampling !== "same range" || !r.spanKeysFrom) return [];
  if (!r.sampleRange)
    return [
      `  ${paint.warn("span samples")}: ${r.from} and ${r.to} were read with spans over time ranges that do not overlap: the span rows and cost are left out`
    ];
  const range = `${t(r.sampleRange.from)} … ${t(r.sampleRange.to)}`;
  return [
    `  span samples (the rows from spans read down, and cost): the newest of each cohort, both cut to ${range}, so time does not pass for ${short(r.by ?? "")}`
  ];
}
function appLines(r, follow) {
  const [main, ...rest] = r.rootApps;
  if (main && rest.length)
    return [
      `  ${plural(r.rootApps.length, "application")} in the traces whose spans were read (root span names): ${r.rootApps.map((a) => `${a.name} ${fmtInt(a.traces)}`).join(", ")}. No trace carries the mlflow.traceName tag (OTLP ingest sets none), so trace counts and latency mix them; the span table keeps ${main.name}'s`,
      `  one application only: ${follow.spanName(main.name)}`
    ];
  if (r.applications.length < 2) return [];
  const others = r.applications.filter((a) => a.name !== r.app);
  const other = (a) => `${a.name} (${plural(a.traces, "trace")}${a.slowest ? `, slowest ${a.slowest.traceId} ${fmtMs(a.slowest.durationMs)}` : ""})`;
  return [
    `  ${plural(r.applications.length, "application")} log here (root span names): analysed ${r.app} (${plural(r.appTraces, "trace")}); apart: ${others.map(other).join(", ")}`,
    `  one application only: ${follow.traceName(others[0]?.name ?? "")}`
  ];
}
var pValue = (p) => p < 1e-3 ? "p < 0.001" : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
function differenceLine(d, r, first = true) {
  const rate2 = (x) => pct2({ ...x, rate: x.n / x.of });
  if (d.comparable === false)
    return `${d.what} ${rate2(d.from)} (${r.from}) → ${rate2(d.to)} (${r.to}): ${paint.warn("not comparable")}, the verdict sources behind them differ between the cohorts (the ! line above)`;
  const verdict = d.withinChance ? "within chance" : paint.warn("beyond chance");
  const how = first ? "Fisher's exact test, " : "";
  const caveat = first ? "; a heuristic: it takes traces as independent" : "";
  return `${d.what} ${rate2(d.from)} (${r.from}) → ${rate2(d.to)} (${r.to}): ${verdict} (${how}${pValue(d.p)}${caveat})`;
}
var tooSmallList = (r) => r.tooSmall.map((v) => `${v} (${fmtInt(r.cohorts.find((c) => c.value === v)?.traces)} traces)`).join(", ");
function comparisonLines(r, follow) {
  const lines2 = [...cohortTable(r), ...sampleRangeLines(r)];
  if (r.tooSmall.length) lines2.push(`  ${paint.warn("too small to compare")}: ${tooSmallList(r)} — rates from under 20 traces say little`);
  const older = r.cohorts.find((c) => c.value === r.from);
  if (follow.wider && older)
    lines2.push(`  the window starts inside ${r.from} (${plural(older.traces, "trace")} of it read): more of it, to compare with: ${follow.wider}`);
  r.differences.forEach((d, i) => lines2.push(`  ${differenceLine(d, r, i === 0)}`));
  if (r.slowSpan) {
    const s = r.slowSpan;
    const times = `${fmtMs(s.fromSelfP50)} → ${fmtMs(s.toSelfP50)}${s.ratio ? ` (×${s.ratio.toFixed(1)})` : ""}`;
    lines2.push(
      `  ${paint.warn("slower")}: ${s.name} self time p50 ${times} from ${r.from} to ${r.to}, over ${fmtInt(s.traces.from)} and ${fmtInt(s.traces.to)} traces whose spans were read: the span whose time grew most`
    );
  }
  return lines2;
}
function paramLines(r) {
  return r.paramChanges.slice(0, 5).map((p) => {
    const c = p.counts;
    const counts2 = `${fmtInt(c.from)} of ${fmtInt(c.fromOf)} ${r.from} traces read → ${fmtInt(c.to)} of ${fmtInt(c.toOf)} ${r.to}`;
    return `  ${paint.warn("parameter changed")}: ${p.key.replace(/^span\./, "")} ${changedParts(p.from, p.to)} (${counts2})`;
  });
}
function trendTag(c, r) {
  if (c.trend === "new") return paint.error(`NEW with ${r.to}`);
  if (c.trend === "gone") return `gone with ${r.to}`;
  if (c.trend === "steady") return "unchanged";
  if (c.trend !== "unjudged") return "";
  const unjudged = c.byCohort.find((x) => x.judged === 0)?.value;
  return paint.warn(`${r.by} ${unjudged} has no ${c.verdict.replace(/ \[.*$/, "")} verdict at all: not new, not judged there`);
}
function rationaleLines(r) {
  if (!r.rationales.length) return [];
  const lines2 = ["  rationales of negative verdicts, per cohort (fingerprinted; count / judged):"];
  for (const c of r.rationales.slice(0, 6)) {
    const per = c.byCohort.map((x) => `${x.value} ${fmtInt(x.count)}/${fmtInt(x.judged)}`).join(" · ");
    const tag = trendTag(c, r);
    lines2.push(`    ${c.verdict}: ${JSON.stringify(clip(oneLine(c.example), 120))} — ${per}${tag ? ` — ${tag}` : ""}`);
    const ex = c.byCohort.filter((x) => x.newest).at(-1);
    if (ex?.newest) lines2.push(`      e.g. ${ex.newest}${ex.request ? ` asked ${JSON.stringify(clip(oneLine(ex.request), 80))}` : ""}`);
  }
  return lines2;
}
function pairLines(r, follow) {
  if (r.pair) {
    const p2 = r.pair;
    const which2 = p2.sameRequest ? " (the same request on both sides; not the onset: see the switch above)" : " (nearest in time; no good trace asked the same)";
    const bad = `${p2.firstBad.traceId} (${r.to}, ${t(p2.firstBad.time)}; ${clip(oneLine(p2.firstBad.why), 80)})`;
    return [
      `  a pair to compare${which2}: ${p2.lastGood.traceId} (${r.from}, ${t(p2.lastGood.time)}) vs ${bad}`,
      `    ${follow.compare(p2.lastGood.traceId, p2.firstBad.traceId)}`
    ];
  }
  if (!r.switchPair) return [];
  const p = r.switchPair;
  const which = r.sampling === "same range" ? "one of each, next to each other in time" : "either side of the change";
  const after = `${p.after.traceId} (the first ${p.after.value}, ${t(p.after.time)})`;
  return [
    `  ${which}: ${p.before.traceId} (the last ${p.before.value}, ${t(p.before.time)}) vs ${after}`,
    `    ${follow.compare(p.before.traceId, p.after.traceId)}`
  ];
}
function splitKeyLines(r, max = 10) {
  const keys = r.splitKeys.filter((k) => k.key !== r.by);
  if (!keys.length) return [];
  const shown2 = keys.slice(0, max).map((k) => `${short(k.key)} (${k.values} values)`);
  const more = keys.length > max ? `, and ${keys.length - max} more (--json: changes.report.splitKeys)` : "";
  const which = "tag and metadata keys of 2 to 12 values whose mix shifts over the traces read, a heuristic";
  return [`  ${r.by ? "other keys" : "keys"} to split by (--by KEY; ${which}): ${shown2.join(", ")}${more}`];
}
function changeSections(r, onset, follow) {
  const by = r.by ? ` — cohorts by ${short(r.by)}${r.bySource === "option" ? " (--by)" : " (the switch found; another key: --by KEY)"}` : "";
  const lines2 = [paint.head("WHAT CHANGED") + by, ...switchLines(r, onset), ...appLines(r, follow)];
  if (r.by && r.cohorts.length) lines2.push(...comparisonLines(r, follow), ...costLines(r), ...paramLines(r), ...rationaleLines(r), ...pairLines(r, follow));
  if (!r.by && r.switches.length === 0) lines2.push(`  cohorts on demand: ${follow.byKey("<KEY>")}`);
  lines2.push(...splitKeyLines(r));
  return [{ name: "changes", priority: 1, lines: lines2, more: follow.json }];
}

// scripts/lib/render/triage/sample.ts
var minute = (ms) => shortTime(new Date(ms).toISOString());
var pct3 = (n, of) => of ? `${Math.round(100 * n / of)}%` : "—";
var estimateText = (e) => e.exact ? fmtInt(e.n) : `≈ ${fmtInt(e.n)} (${fmtInt(e.lo)}–${fmtInt(e.hi)})`;
var windowEstimate = (read, s) => ({
  n: read + s.traces.n,
  lo: read + s.traces.lo,
  hi: read + s.traces.hi,
  exact: s.traces.exact
});
function sampleSection(s, read, more) {
  const sampled = s.slices.reduce((n, x) => n + x.read, 0);
  const lines2 = [
    paint.head(
      `EARLIER IN THE WINDOW — ${s.slices.length} equal time slices before the newest ${fmtInt(read)}` + (s.cap === null ? ", every trace counted (one search page held them all)" : `, sampled: the newest ≤ ${fmtInt(s.cap)} of each`)
    ),
    `  ${estimateText(s.traces)} traces from ${minute(s.fromMs)} to ${minute(s.toMs)}, ${fmtInt(sampled)} read` + (s.traces.exact ? " (every slice read whole: exact)" : "")
  ];
  if (!s.traces.exact)
    lines2.push(
      "  ≈ a heuristic: a slice read only in part is extrapolated at the rate of its part read (steady traffic assumed); the range is a 95 % Poisson range"
    );
  lines2.push(`  ${"slice start".padEnd(17)}  ${"traces".padEnd(24)}  ${"read".padStart(5)}  errors  negative  p50`);
  for (const x of s.slices) {
    const negative = `${pct3(x.negative, x.judged)}${x.judged ? ` of ${fmtInt(x.judged)}` : ""}`;
    const read2 = `${fmtInt(x.read).padStart(5)}  ${pct3(x.errors, x.read).padStart(6)}  ${negative.padStart(8)}`;
    lines2.push(`  ${minute(x.fromMs)}  ${estimateText(x.traces).padEnd(24)}  ${read2}  ${fmtMs(x.p50Ms)}`);
  }
  lines2.push(
    "  errors: of the traces read in the slice; negative: of those with a verdict. Failure clusters, verdicts and latency above are over the newest traces only."
  );
  return { name: "sample", priority: 3, lines: lines2, more };
}

// scripts/lib/render/triage/overview.ts
function silenceLine(run) {
  const quiet = run.silentForMs;
  if (quiet === null || run.windowMs === null || quiet < 36e5 || quiet < run.windowMs / 10) return null;
  const hours = quiet / 36e5;
  const ago = hours < 48 ? `${Math.round(hours)} h` : `${Math.round(hours / 24)} days`;
  const narrowed = run.filter.split(" AND ").some((c) => c.trim() && !c.trim().startsWith("trace.timestamp_ms"));
  if (narrowed)
    return `No matching trace in the last ${ago}: the newest is ${ago} old (the filter selects only some traces; drop it to see whether the application still logs).`;
  return `No trace in the last ${ago}: the newest matching trace is ${ago} old. Is the application still running and logging to this experiment?`;
}
function cutLine(run, follow) {
  if (!run.more || run.server?.path === "server") return null;
  const of = run.totalKnown !== null ? `of ${fmtInt(run.totalKnown)} matching` : `of more than ${fmtInt(run.read)} matching`;
  const rest = run.sampled ? " and a sample of the earlier window (EARLIER IN THE WINDOW)" : "";
  return `Read the newest ${fmtInt(run.read)} ${of} (--limit ${fmtInt(run.limit ?? run.read)})${rest}; --limit 0 for all: ${follow.all}`;
}
var FIGURE_WORDS = {
  traces: "traces per state",
  latency: "latency p50/p95/max",
  tokens: "median tokens",
  costPerDay: "cost per day",
  costByModel: "cost per model",
  assessments: "assessments per name",
  verdictTotals: "positive and negative feedback per name"
};
function figuresLines(run, follow) {
  const s = run.server;
  if (!s) return [];
  if (s.path === "paging")
    return s.why && !/^the tracking URI is (a local|no MLFLOW)/.test(s.why) ? [`Every figure from the traces read, page by page: ${s.why}.`] : [];
  const served = s.figures.filter((x) => x.path === "server").map((x) => FIGURE_WORDS[x.figure]);
  const lines2 = [
    `From the tracking server's metrics endpoint (${plural(s.requests, "request")}), over all ${fmtInt(s.traces ?? 0)} matching traces: ${served.join(", ")}.`,
    `Clusters, verdicts, the slow tail, token outliers and what changed: the newest ${fmtInt(run.read)} read${run.more ? ` (every trace, page by page: ${follow.paging ?? follow.all})` : ""}.`
  ];
  for (const x of s.figures.filter((y) => y.path === "paging")) lines2.push(`${FIGURE_WORDS[x.figure]} from the traces read instead: ${x.why}`);
  return lines2;
}
function verdictTotalsLines(v, run) {
  const names = Object.entries(v?.perName ?? {}).filter(([, t2]) => t2.judged > 0);
  if (!v || !names.length) return [];
  const per = names.sort((a, b) => b[1].negative - a[1].negative || b[1].judged - a[1].judged).slice(0, 6).map(([n, t2]) => `${n} ${fmtInt(t2.negative)} negative, ${fmtInt(t2.positive)} positive of ${fmtInt(t2.judged)}`).join(" · ");
  const more = names.length > 6 ? ` · … ${names.length - 6} more (--json)` : "";
  const unsplit = v.bySource.filter((x) => !x.split).map((x) => x.figure === "assessments" ? "assessments logged" : "feedback");
  const why = v.bySource.find((x) => !x.split)?.why;
  return [
    `Feedback over the window: ${per}${more}`,
    paint.dim(
      `  ${unsplit.join(" and ")}: every source together (HUMAN, LLM_JUDGE and CODE not apart): ${why}; by source: NEGATIVE VERDICTS, over the newest ${fmtInt(run.read)} read`
    )
  ];
}
function sourceNote(run) {
  if (!run.source) return "";
  const traces = run.filter.includes("feedback.") ? ", and traces where the feedback asked for came from another source" : "";
  return ` · verdicts from ${run.source} only (--source: other sources' feedback left out${traces})`;
}
var overviewView = (f, run, follow) => {
  const counted = run.server?.path === "server";
  const windowStated = run.window && windowText(run.window);
  const header = [
    paint.head(`TRIAGE — experiment ${experimentLabel(run.given, run.experimentId)}: ${plural(f.traces, "trace")} ${counted ? "in the window" : "read"}`) + (f.window.first ? ` (${shortTime(f.window.first)} … ${shortTime(f.window.last)})` : ""),
    ...windowStated ? [`Window: ${windowStated}`] : [],
    `Filter: ${run.filter || "(none: every trace of the experiment)"}${sourceNote(run)}`,
    `States: ${Object.entries(f.states).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${fmtInt(n)}`).join(" · ")}`
  ];
  if (f.assessments && Object.keys(f.assessments).length)
    header.push(
      `Assessments logged: ${Object.entries(f.assessments).sort((a, b) => b[1] - a[1]).map(([n, c]) => `${n} ${fmtInt(c)}`).join(" · ")}`
    );
  header.push(...verdictTotalsLines(f.verdictTotals, run));
  header.push(...figuresLines(run, follow).map((l) => paint.dim(l)));
  const cut = cutLine(run, follow);
  if (cut) header.push(paint.warn(cut));
  const silence2 = silenceLine(run);
  if (silence2) header.push(paint.warn(silence2));
  return [{ name: "header", priority: 0, lines: header }];
};

// scripts/lib/render/triage/applications.ts
var applicationsView = () => [];

// scripts/lib/analysis/cost/daily-cost.ts
var TRACE_COST_SOURCE = "MLflow's recorded cost (mlflow.trace.cost)";
var SERVER_COST_SOURCE = "the tracking server's sum of span costs (mlflow.llm.cost; per request over all the day's traces)";
function traceCostOf(info) {
  const total = parseCost(decodeValue(info.metadata["mlflow.trace.cost"]))?.total ?? null;
  return total ? total : null;
}
var DailyCostAccumulator = class {
  constructor(source = TRACE_COST_SOURCE) {
    this.source = source;
  }
  days = /* @__PURE__ */ new Map();
  addInfo(info) {
    if (info.requestTimeMs === null) return;
    this.add(new Date(info.requestTimeMs).toISOString().slice(0, 10), 1, traceCostOf(info));
  }
  /** A day's totals aggregated elsewhere (the tracking server's metrics). */
  addDay(day, traces, costed, usd3) {
    const d = this.day(day);
    d.traces += traces;
    d.costed += costed;
    d.usd += usd3;
  }
  add(day, traces, usd3) {
    const d = this.day(day);
    d.traces += traces;
    if (usd3 !== null) {
      d.costed += 1;
      d.usd += usd3;
    }
  }
  day(day) {
    let d = this.days.get(day);
    if (!d) this.days.set(day, d = { traces: 0, costed: 0, usd: 0 });
    return d;
  }
  /** Null when no trace read carries a recorded cost (nothing to say per day). */
  result() {
    const perDay = [...this.days].map(([day, d]) => ({ day, ...d, perTrace: d.costed ? d.usd / d.costed : null })).sort((a, b) => a.day.localeCompare(b.day));
    const costed = perDay.reduce((s, d) => s + d.costed, 0);
    if (!costed) return null;
    return { traces: perDay.reduce((s, d) => s + d.traces, 0), costed, usd: perDay.reduce((s, d) => s + d.usd, 0), perDay, source: this.source };
  }
};

// scripts/lib/render/triage/cost.ts
var usd2 = (n) => n === 0 ? "$0" : n >= 1 ? `$${n.toFixed(2)}` : n >= 0.01 ? `$${n.toFixed(4)}` : `$${n.toPrecision(2)}`;
function costPerDayLines(c, byModel = null) {
  const read = c.source === SERVER_COST_SOURCE ? "traces" : "traces read";
  const lines2 = [
    `${paint.head("COST PER DAY (UTC)")} — ${usd2(c.usd)} over ${c.costed < c.traces ? `${fmtInt(c.costed)} of ` : ""}${fmtInt(c.traces)} ${read}, from ${c.source}`,
    "  day         traces  cost       per request"
  ];
  for (const d of c.perDay) {
    const partly = d.costed < d.traces ? ` (${fmtInt(d.costed)} with a recorded cost)` : "";
    lines2.push(`  ${d.day}  ${fmtInt(d.traces).padStart(6)}  ${usd2(d.usd).padEnd(9)}  ${d.perTrace === null ? "–" : usd2(d.perTrace)}${partly}`);
  }
  const first = c.perDay.find((d) => d.perTrace !== null);
  const last = [...c.perDay].reverse().find((d) => d.perTrace !== null);
  const ratio = first && last && first !== last ? fmtRatio(last.perTrace, first.perTrace) : null;
  if (ratio && first && last)
    lines2.push(`  per request ${usd2(first.perTrace)} (${first.day}) → ${usd2(last.perTrace)} (${last.day}): ${ratio}`);
  if (byModel?.length) lines2.push(`  per model over the window (tracking server): ${byModel.map((m) => `${m.model} ${usd2(m.usd)}`).join(" · ")}`);
  return lines2;
}
var ROLE_WORDS = { failing: "failing", slow: "the slow tail", sample: "samples (cohorts, OK calls)", all: "all" };
var HEAD = "COST PER DAY (UTC)";
function overWhich(p) {
  if (p.roles.all === p.withSpans) return `every trace read (${fmtInt(p.withSpans)}, --spans)`;
  const why = Object.entries(p.roles).map(([role, n]) => `${ROLE_WORDS[role] ?? role} ${fmtInt(n)}`).join(", ");
  return `the ${fmtInt(p.withSpans)} of them read with spans (${why}), not every trace`;
}
function pricedDayLines(p, follow) {
  const none = `MLflow recorded no cost on these traces (no mlflow.trace.cost on any of the ${plural(p.traces, "trace")} read)`;
  const every = follow.spans && p.roles.all !== p.withSpans ? [`  every trace read priced: ${follow.spans}`] : [];
  if (p.cannot) return [`${paint.head(HEAD)} — ${none}; not priced from the table either: ${p.cannot}`, ...every];
  const lines2 = [
    `${paint.head(HEAD)} — ${none}; priced from ${p.source}, over ${overWhich(p)}: ${usd2(p.usd)}`,
    "  day         traces  with spans  cost (table)  per request"
  ];
  for (const d of p.perDay)
    lines2.push(
      `  ${d.day}  ${fmtInt(d.traces).padStart(6)}  ${fmtInt(d.read).padStart(10)}  ${usd2(d.usd).padEnd(12)}  ${d.perTrace === null ? "–" : usd2(d.perTrace)}`
    );
  for (const u of p.unknownModels)
    lines2.push(`  no price for model ${u.model} (${plural(u.calls, "call")}; not in the price table; --prices FILE adds it): its calls are left out`);
  return [...lines2, ...every];
}
var costView = (f, _run, follow) => {
  if (f.costPerDay) return [{ name: "cost", priority: 5, lines: costPerDayLines(f.costPerDay, f.costByModel), more: follow.json }];
  if (f.costPerDayPriced) return [{ name: "cost", priority: 5, lines: pricedDayLines(f.costPerDayPriced, follow), more: follow.json }];
  return [];
};

// scripts/lib/render/triage/failures.ts
function inputLine(s) {
  const top = s.top[0];
  if (!top) return "";
  const v = clip(top.value, 60);
  const ok = !s.ok ? "" : s.ok.traces ? `; in ${fmtInt(s.ok.withTop)} of ${fmtInt(s.ok.traces)} OK calls read` : " (no OK call read to compare)";
  if (s.distinct === 1) return `input ${s.key} = ${v} in all ${fmtInt(s.traces)}${ok}`;
  const distinct = `${s.capped ? "over " : ""}${fmtInt(s.distinct)} different values`;
  if (top.count * 2 >= s.traces && top.count >= 3) return `input ${s.key} = ${v} in ${fmtInt(top.count)} of ${fmtInt(s.traces)} (${distinct} in all)${ok}`;
  const eg = s.top.map((t2) => `${clip(t2.value, 40)}${t2.count > 1 ? ` ×${t2.count}` : ""}`).join(", ");
  return `input ${s.key}: ${distinct} in ${fmtInt(s.traces)} (e.g. ${eg})${s.distinct * 2 >= s.traces ? ": it fails on many inputs, not one" : ""}`;
}
var sharedWithOk = (s) => {
  const top = s.top[0];
  return !!top && !!s.ok && s.ok.traces >= 3 && top.count >= 0.9 * s.traces && s.ok.withTop >= 0.9 * s.ok.traces;
};
function inputLines(inputs) {
  const shared = inputs.filter(sharedWithOk);
  const lines2 = inputs.filter((s) => !sharedWithOk(s)).slice(0, 2).map((s) => `     ${inputLine(s)}`);
  if (shared.length)
    lines2.push(
      `     same in the OK calls read (not what fails): ${shared.slice(0, 4).map((s) => `${s.key} = ${clip(s.top[0]?.value ?? "", 30)}`).join(", ")}`
    );
  return lines2;
}
function sourceLines(sources) {
  if (!sources.length) return [];
  const one = (s) => {
    const other = s.okSource ? `, where ${s.key} ${clip(s.okSource.source, 80)} (${fmtInt(s.okSource.holds)})` : "";
    const ok = s.ok ? `; ${fmtInt(s.ok.holds)} of ${fmtInt(s.ok.of)} OK calls read${other}` : "";
    return `       ${s.key} ${clip(s.source, 80)}: ${s.holds === s.of ? `all ${fmtInt(s.of)}` : `${fmtInt(s.holds)} of ${fmtInt(s.of)}`} failing${ok}`;
  };
  return ["     made from earlier outputs (the same value in each trace; a heuristic):", ...sources.slice(0, 3).map(one)];
}
function okPairLine(c, follow) {
  const s = c.inputs.find((k) => !sharedWithOk(k) && k.ok?.example && k.top[0] && k.top[0].count * 2 >= k.traces) ?? c.inputs.find((k) => !sharedWithOk(k) && k.ok?.example && k.top[0]);
  if (!s?.ok?.example) return [];
  const failing = s.example ?? c.newest.traceId;
  const which = s.example ? "a failure with the same value" : "the newest failure";
  return [`     an OK call with ${s.key} = ${clip(s.top[0]?.value ?? "", 40)} beside ${which}: ${follow.compare(s.ok.example, failing)}`];
}
function variantLine(c) {
  const words = c.variants.slice(0, 6).map((v) => `${clip(v.word, 30)} ${fmtInt(v.count)}`);
  const more = c.variants.length > 6 ? `, … ${c.variants.length - 6} more` : "";
  return `one failure, one word varies (messages otherwise alike): ${words.join(", ")}${more}`;
}
function startsAtCut(c, first, run) {
  if (!first || c.firstSeen !== first) return "";
  if (run.more) return " (from the oldest trace read: it may have begun earlier; EARLIER IN THE WINDOW, or --limit 0)";
  return /timestamp_ms\s*>=/.test(run.filter) ? " (from the window's first trace: a wider --since looks further back)" : " (from the oldest matching trace: none is older, so it may predate the traces)";
}
function clusterLines(c, i, follow, run, first) {
  const what = `${c.span ?? "(no span)"}${c.spanType ? ` [${c.spanType}]` : ""}${c.exceptionType ? ` ${c.exceptionType}` : ""}`;
  const lines2 = [
    `  ${i + 1}. ${paint.error(`${fmtInt(c.count)} traces`)} (${pct(c.share)}) ${what}: ${clip(c.fingerprint, 200)}`,
    `     e.g. ${JSON.stringify(clip(oneLine(c.example), 200))}`,
    `     seen ${shortTime(c.firstSeen)} … ${shortTime(c.lastSeen)}${startsAtCut(c, first, run)}`
  ];
  if (c.variants.length) lines2.push(`     ${variantLine(c)}`);
  for (const o of c.overRepresented.slice(0, 3)) lines2.push(`     ${paint.warn("over-represented")} ${overRepLine(o)}`);
  if (c.count >= 3) lines2.push(...inputLines(c.inputs), ...sourceLines(c.sources), ...okPairLine(c, follow));
  lines2.push(`     newest ${c.newest.traceId}: ${follow.inspect(c.newest.traceId)}`);
  const link = traceLink(run.experimentId, c.newest.traceId);
  if (link) lines2.push(`     MLflow UI: ${link}`);
  if (c.oldest.traceId !== c.newest.traceId) lines2.push(`     oldest ${c.oldest.traceId} (${shortTime(c.oldest.time)})`);
  return lines2;
}
var failuresView = (f, run, follow) => {
  const fail = [];
  if (!f.failing.count) fail.push(paint.head("FAILURES — none (no trace in state ERROR)"));
  else {
    const share2 = pct(f.failing.count / Math.max(1, f.traces));
    fail.push(
      paint.head(`FAILURES — ${plural(f.failing.count, "failing trace")} (${share2} of those read) in ${plural(f.clusters.length, "cluster")}`) + " by deepest failing span, exception and message fingerprint"
    );
    if (f.unclustered > 0) {
      const bound = `(bound ${fmtInt(run.failingSpanBound)})`;
      fail.push(
        paint.warn(
          `  spans read for the newest ${fmtInt(f.failing.spansRead)} failing traces only ${bound}; ${fmtInt(f.unclustered)} more are counted, not clustered`
        )
      );
    }
    f.clusters.forEach((c, i) => fail.push(...clusterLines(c, i, follow, run, f.window.first)));
  }
  if (f.caught.clusters.length) {
    fail.push(
      paint.head(
        `CAUGHT FAILURES — failed spans inside OK traces (the app handled them), over the ${fmtInt(f.caught.okTracesRead)} OK traces whose spans were read`
      )
    );
    f.caught.clusters.slice(0, 5).forEach((c, i) => fail.push(...clusterLines(c, i, follow, run, null).map((l, j) => j === 0 ? l.replace(/traces/, "traces, caught") : l)));
  }
  return [{ name: "failures", priority: 1, lines: fail, more: follow.json }];
};

// scripts/lib/render/triage/histogram.ts
var histogramView = (f, _run, follow) => {
  const hist = f.histogram;
  if (hist.buckets.length <= 1) return [];
  const peak = Math.max(1, ...hist.buckets.map((b) => b.failures));
  const omitted = hist.omitted ? ` — the last ${hist.buckets.length}; ${fmtInt(hist.omitted)} older left out` : "";
  const lines2 = [paint.head(`FAILURES PER ${hist.unit.toUpperCase()} (UTC)`) + omitted, `  ${"start".padEnd(hist.unit === "hour" ? 16 : 10)}  traces  failed`];
  for (const b of hist.buckets) {
    const label = hist.unit === "hour" ? b.start.slice(0, 16).replace("T", " ") : b.start.slice(0, 10);
    const bar = "█".repeat(Math.round(b.failures / peak * 30));
    lines2.push(`  ${label}  ${fmtInt(b.traces).padStart(6)}  ${fmtInt(b.failures).padStart(6)} ${paint.error(bar)}`);
  }
  return [{ name: "histogram", priority: 4, lines: lines2, more: follow.json }];
};

// scripts/lib/render/triage/in-progress.ts
var inProgressView = (f, _run, follow) => {
  const p = f.inProgress;
  const line = p.count ? `  ${paint.warn(`${fmtInt(p.count)} still IN_PROGRESS`)} (not finished, or their process died): ${p.newest.map((t2) => t2.traceId).join(", ")}` : "  IN_PROGRESS: none";
  return [{ name: "latency", priority: 3, lines: [line], more: follow.json }];
};

// scripts/lib/render/triage/judge-failures.ts
var judgeFailuresView = (f, _run, follow) => {
  const groups = f.judgeFailures;
  const lines2 = [];
  if (!groups.length) lines2.push(paint.head("JUDGE FAILURES — none (no scorer error among the traces read)"));
  else {
    const errors = plural(
      groups.reduce((s, g) => s + g.count, 0),
      "scorer error"
    );
    lines2.push(paint.head(`JUDGE FAILURES — ${errors}: the judge failed, not the trace (not counted as failures)`));
    for (const g of groups)
      lines2.push(`  ${g.name} ${g.code} ×${fmtInt(g.count)} — ${JSON.stringify(clip(oneLine(g.example), 160))} (newest ${g.newest.traceId})`);
  }
  return [{ name: "verdicts", priority: 2, lines: lines2, more: follow.json }];
};

// scripts/lib/render/triage/latency.ts
var SPAN_ROWS = 15;
function tailLines(l, mainApp) {
  if (l.slowTail.thresholdMs === null) return ["  no slow tail (no trace at twice the median or more, or under 20 traces)"];
  const s = l.tailSpan;
  const where = !s ? "" : `; the time goes to ${paint.warn(s.name)} (self p50 ${fmtMs(s.tailSelfP50)} in the tail${s.restSelfP50 === null ? `; no trace outside the tail whose spans were read has a ${s.name} span: another application's, or a step only slow traces take` : ` vs ${fmtMs(s.restSelfP50)} elsewhere`})`;
  const lines2 = [`  slow tail: ${plural(l.slowTail.count, "trace")} ≥ ${fmtMs(l.slowTail.thresholdMs)}${where}`];
  const slowest = l.slowTail.slowest;
  const apps = new Set(slowest.map((x) => x.app));
  const others = slowest.filter((x) => x.app && mainApp && x.app !== mainApp);
  if (others.length) {
    const otherApps = [...new Set(others.map((x) => x.app))].join(", ");
    lines2.push(
      `  ${paint.warn(`${plural(others.length, "trace")} of the slowest belong to another application`)} (${otherApps}, not ${mainApp}): they explain no slowness of ${mainApp}; per-version latency is under WHAT CHANGED`
    );
  }
  const named2 = (x) => apps.size > 1 || x.app && mainApp && x.app !== mainApp;
  lines2.push(`  slowest: ${slowest.map((x) => `${x.traceId} ${fmtMs(x.durationMs)}${named2(x) ? ` (${x.app ?? "?"})` : ""}`).join(", ")}`);
  return lines2;
}
function spanLines(l, more) {
  if (!l.spans.length) return [];
  const from = l.spansFrom.all ? `all ${fmtInt(l.spansFrom.traces)} traces` : `the ${fmtInt(l.spansFrom.traces)} traces whose spans were read (${fmtInt(l.spansFrom.failing)} failing, ${fmtInt(l.spansFrom.slowTail)} slow tail; --spans reads all)`;
  const w = Math.min(28, Math.max(4, ...l.spans.map((s) => s.name.length)));
  const head = ["span".padEnd(w), "n".padStart(6), "p50".padStart(7), "p95".padStart(7), "max".padStart(7), "self p50".padStart(8), "self p95".padStart(8)];
  const lines2 = [`  per span name, over ${from}:`, `    ${head.join("  ")}`];
  for (const s of l.spans.slice(0, SPAN_ROWS)) {
    const name = s.name.length > w ? `${s.name.slice(0, w - 1)}…` : s.name;
    const cells = [name.padEnd(w), fmtInt(s.count).padStart(6), fmtMs(s.p50).padStart(7), fmtMs(s.p95).padStart(7), fmtMs(s.max).padStart(7)];
    lines2.push(`    ${[...cells, fmtMs(s.selfP50).padStart(8), fmtMs(s.selfP95).padStart(8)].join("  ")}`);
  }
  if (l.spans.length > SPAN_ROWS) lines2.push(`    … ${fmtInt(l.spans.length - SPAN_ROWS)} more span names: ${more}`);
  return lines2;
}
var latencyView = (f, _run, follow) => {
  const l = f.latency;
  const t2 = l.traces;
  const lines2 = [
    paint.head(`LATENCY — traces p50 ${fmtMs(t2.p50)} · p95 ${fmtMs(t2.p95)} · max ${fmtMs(t2.max)} (${fmtInt(t2.count)} with a duration)`),
    ...tailLines(l, f.mainApp),
    ...spanLines(l, follow.json)
  ];
  return [{ name: "latency", priority: 3, lines: lines2, more: follow.json }];
};

// scripts/lib/render/triage/tokens.ts
var tokensView = (f, _run, follow) => {
  const t2 = f.tokens;
  if (t2.median === null) return [];
  const outliers = t2.outliers.length ? `; outliers: ${t2.outliers.map((o) => `${o.traceId} ${fmtInt(o.total)}`).join(", ")}` : "; no outliers (≥ 5 × median)";
  return [{ name: "latency", priority: 3, lines: [`  tokens: median ${fmtInt(t2.median)} per trace${outliers}`], more: follow.json }];
};

// scripts/lib/render/triage/trace-findings.ts
var HEAD2 = "FINDINGS ACROSS TRACES";
var ROLE_WORDS2 = { slow: "in the slow tail", all: "all", sample: "sampled" };
var WHY = "a wrong tool argument, a reply that contradicts its sources, a failure inside an OK output or a loop leave a trace OK; only its spans show them";
function readLine(t2) {
  if (t2.roles.all === t2.checked) return `${paint.head(HEAD2)} — health_check's findings in each of the ${plural(t2.checked, "OK trace")} read (--spans)`;
  const why = Object.entries(t2.roles).map(([role, n]) => `${ROLE_WORDS2[role] ?? role}: ${fmtInt(n)}`).join(", ");
  const cut = t2.unchecked ? `; ${fmtInt(t2.unchecked)} more read with spans were not checked` : "";
  return `${paint.head(HEAD2)} — health_check's findings over the ${plural(t2.checked, "OK trace")} read with spans (${why})${cut}`;
}
var LISTED = 10;
var sameTraces = (a, b) => a.traceIds.length === b.traceIds.length && a.traceIds.every((id, i) => b.traceIds[i] === id);
function tracesLine(k, earlier) {
  const same = earlier.find((e) => sameTraces(e, k));
  if (same) return `      the same ${plural(k.traces, "trace")} as ${same.kind}`;
  const rest = k.traceIds.length - LISTED;
  return `      traces: ${k.traceIds.slice(0, LISTED).join(", ")}${rest > 0 ? ` … ${fmtInt(rest)} more (--json: traceFindings.kinds[].traceIds)` : ""}`;
}
function kindLines(k, earlier, follow) {
  const h = k.heuristic === true ? " (heuristic)" : k.heuristic === "some" ? " (some heuristic)" : "";
  const first = k.examples[0];
  return [
    `  ${paint.warn("!")} ${k.kind} in ${plural(k.traces, "trace")}${h}: ${clip(oneLine(first?.line ?? k.about), 500)}`,
    `      e.g. ${follow.inspect(first?.traceId ?? "")}`,
    tracesLine(k, earlier)
  ];
}
var traceFindingsView = (f, run, follow) => {
  const t2 = f.traceFindings;
  const lines2 = t2.checked ? [readLine(t2), ...t2.kinds.flatMap((k, i) => kindLines(k, t2.kinds.slice(0, i), follow))] : [];
  if (t2.checked && !t2.kinds.length) lines2.push("  none in the traces read with spans");
  if (!t2.roles.all && run.read > 0) {
    const check = `${WHY}. Check every trace read${follow.spans ? `: ${follow.spans}` : " (--spans)"}`;
    lines2.push(t2.checked ? `  the other OK traces were not checked: ${check}` : `${paint.head(HEAD2)} — OK traces not checked: ${check}`);
  }
  return lines2.length ? [{ name: "traceFindings", priority: 2, lines: lines2, more: follow.json }] : [];
};

// scripts/lib/render/triage/verdicts.ts
var BY_SOURCE = " (by source: HUMAN, LLM_JUDGE, CODE counted apart)";
var QUIET_SHOWN = 6;
var counts = (c) => {
  const others = c.others.length ? `; other values ${c.others.map((x) => `${x.value} ×${fmtInt(x.count)}`).join(", ")}` : "";
  const scored = `on ${fmtInt(c.coverage.traces)} of ${plural(c.coverage.of, "trace")} read`;
  return `${fmtInt(c.count)} negative, ${fmtInt(c.positive)} positive of ${plural(c.judged, "verdict")} ${scored}${others}`;
};
var onlyKey = (o) => `${o.key}=${o.value}`;
function sharedCoverage(clusters) {
  const [first, ...rest] = clusters;
  if (!first) return /* @__PURE__ */ new Set();
  return new Set(first.coverage.onlyOn.map(onlyKey).filter((k) => rest.every((c) => c.coverage.onlyOn.some((o) => onlyKey(o) === k))));
}
function coverageLines(c, said) {
  return c.coverage.onlyOn.filter((o) => !said.has(onlyKey(o))).slice(0, 2).map(
    (o) => `     ${paint.warn("coverage")}: ${c.source} scored ${c.name} only on ${o.key}=${o.value} (${fmtInt(c.coverage.traces)} of the ${fmtInt(o.valueTraces)} traces with it; none of the ${fmtInt(o.otherTraces)} with another value): its verdicts compare nothing across ${o.key}`
  );
}
function sharedCoverageLines(clusters, said) {
  const first = clusters[0];
  if (!first) return [];
  return first.coverage.onlyOn.filter((o) => said.has(onlyKey(o))).slice(0, 2).map(
    (o) => `  ${paint.warn("coverage")}: every verdict below was given on ${o.key}=${o.value} only (${fmtInt(o.valueTraces)} traces read); none of the ${fmtInt(o.otherTraces)} traces with another ${o.key} has one: these verdicts compare nothing across ${o.key}, and a rate per ${o.key} says only where the scorers ran`
  );
}
function negativeLines(c, said, run, follow) {
  const values = c.values.slice(0, 3).map((x) => `${x.value} ×${fmtInt(x.count)}`).join(", ");
  const v = [`  ${paint.warn(c.name)} [${c.source}]: ${counts(c)} (${values})`];
  for (const r of c.rationales.slice(0, 3)) v.push(`     rationale ×${fmtInt(r.count)}: ${JSON.stringify(clip(oneLine(r.text), 200))} (newest ${r.newest})`);
  if (c.rationales.length > 3) v.push(`     … more rationales: ${follow.json}`);
  v.push(...coverageLines(c, said));
  for (const o of c.overRepresented.slice(0, 2)) v.push(`     over-represented ${overRepLine(o)}`);
  if (c.newest) {
    v.push(`     newest ${c.newest.traceId}: ${follow.inspect(c.newest.traceId)}`);
    const link = traceLink(run.experimentId, c.newest.traceId);
    if (link) v.push(`     MLflow UI: ${link}`);
  }
  return v;
}
function agreementLines(clusters, follow) {
  const names = [...new Set(clusters.filter((c) => c.otherSources.length).map((c) => c.name))];
  return names.slice(0, 3).map((n) => {
    const sources = clusters.filter((c) => c.name === n).map((c) => c.source);
    return `  ${n} is scored by ${sources.join(" and ")} (counted apart above); do they agree: ${follow.judges(n)}`;
  });
}
var verdictsView = (f, run, follow) => {
  const negative = f.verdicts.filter((c) => c.count > 0);
  const quiet = f.verdicts.filter((c) => c.count === 0);
  const v = negative.length ? [paint.head(`NEGATIVE VERDICTS — ${plural(new Set(negative.map((c) => c.name)).size, "assessment")} with negative values${BY_SOURCE}`)] : [paint.head(`NEGATIVE VERDICTS — none among the traces read${f.verdicts.length ? " (verdicts by source below)" : ""}`)];
  const said = sharedCoverage(f.verdicts);
  v.push(...sharedCoverageLines(f.verdicts, said));
  for (const c of negative) v.push(...negativeLines(c, said, run, follow));
  for (const c of quiet.slice(0, QUIET_SHOWN)) {
    v.push(`  ${c.name} [${c.source}]: ${counts(c)}`);
    v.push(...coverageLines(c, said));
  }
  if (quiet.length > QUIET_SHOWN) v.push(`  … ${quiet.length - QUIET_SHOWN} more assessments with no negative verdict: ${follow.json}`);
  v.push(...agreementLines(f.verdicts, follow));
  return [{ name: "verdicts", priority: 2, lines: v, more: follow.json }];
};

// scripts/lib/render/triage/registry.ts
var TRIAGE_VIEWS = {
  overview: overviewView,
  failures: failuresView,
  traceFindings: traceFindingsView,
  histogram: histogramView,
  cost: costView,
  verdicts: verdictsView,
  judgeFailures: judgeFailuresView,
  latency: latencyView,
  tokens: tokensView,
  inProgress: inProgressView,
  applications: applicationsView
};

// scripts/lib/render/triage/triage-view.ts
function triageSections(f, run, follow) {
  const byName = /* @__PURE__ */ new Map();
  for (const view of Object.values(TRIAGE_VIEWS))
    for (const s of view(f, run, follow)) {
      const joined = byName.get(s.name);
      if (joined) joined.lines.push(...s.lines);
      else byName.set(s.name, { ...s, lines: [...s.lines] });
    }
  return [...byName.values()];
}
var withChanges = (sections, changes) => [sections[0], ...changes, ...sections.slice(1)];
function noMatchText(experimentId, filter, traceName, week, given) {
  const untagged = traceName === void 0 ? "" : `
--trace-name reads the tag mlflow.traceName, which traces sent over OTLP do not carry: --span-name ${JSON.stringify(traceName)} selects the traces with a span of that name (its root, for an application).`;
  const widen = `an earlier --since, fewer --tag / --status / --user options, or check the values with \`mlflow traces search -x ${experimentId}\``;
  const head = `No trace in experiment ${experimentLabel(given, experimentId)} matches the filter.
Filter: ${filter || "(none)"}
`;
  if (week) {
    const newest = new Date(week.newestMs).toISOString().slice(0, 16).replace("T", " ");
    return `${head}The experiment's newest trace is from ${newest} UTC, before the window starts.
The week up to it: ${week.command}${untagged}`;
  }
  return `${head}Widen it: ${widen}.${untagged}`;
}

// scripts/lib/analysis/cost/prices.ts
import { z } from "./vendor/zod.mjs";
var BUILTIN_PRICES = {
  source: "built-in price table, USD per 1M tokens, from MLflow 3.17.2 bundled model prices (2026-11)",
  name: "the built-in price table (2026-11)",
  models: {
    "gpt-4o": { input: 2.5, output: 10 },
    "gpt-4o-mini": { input: 0.15, output: 0.6 },
    "gpt-4.1": { input: 2, output: 8 },
    "gpt-4.1-mini": { input: 0.4, output: 1.6 },
    "gpt-4.1-nano": { input: 0.1, output: 0.4 },
    "o3-mini": { input: 1.1, output: 4.4 },
    "claude-sonnet-4-20250514": { input: 3, output: 15 },
    "gemini-2.0-flash": { input: 0.1, output: 0.4 },
    "text-embedding-3-small": { input: 0.02, output: 0 }
  }
};
var PriceFile = z.object({
  as_of: z.string().min(1, 'as_of: the date the prices were read, e.g. "2026-11-30"'),
  currency: z.literal("USD").optional(),
  per: z.literal("1M tokens").optional(),
  models: z.record(z.string().min(1), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict())
}).strict();
var PRICE_HINT = 'Expected {"as_of": "2026-11-30", "models": {"gpt-4o": {"input": 2.5, "output": 10}}} with USD per 1M tokens.';
function readPriceJson(file) {
  try {
    return readJsonFile(file, "the --prices file");
  } catch (err) {
    if (!(err instanceof SkillError)) throw err;
    throw new SkillError("usage", `--prices ${file}: ${err.message.replace(/\.$/, "")}.`, { hint: PRICE_HINT });
  }
}
function loadPrices(file) {
  if (!file) return BUILTIN_PRICES;
  const parsed = PriceFile.safeParse(readPriceJson(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SkillError("usage", `--prices ${file}: ${issue ? `${issue.path.join(".") || "(top level)"}: ${issue.message}` : "not a price file"}.`, {
      hint: PRICE_HINT
    });
  }
  return {
    source: `${file} (as of ${parsed.data.as_of}, USD per 1M tokens) over the built-in table`,
    name: `${file} (as of ${parsed.data.as_of}) over the built-in table`,
    models: { ...BUILTIN_PRICES.models, ...parsed.data.models }
  };
}
function priceOf(table, model) {
  const bare = model.replace(/^[\w-]+[:/]+/, "");
  for (const m of [model, bare, bare.replace(/-\d{4}-\d{2}-\d{2}$/, "")]) {
    const p = table.models[m];
    if (p) return p;
  }
  return null;
}
function callCost(table, model, input, output) {
  const p = priceOf(table, model);
  if (!p) return null;
  return ((input ?? 0) * p.input + (output ?? 0) * p.output) / 1e6;
}

// scripts/lib/commands/triage/triage-args.ts
var TRIAGE_ARGS = [EXPERIMENT_ARG];
var SOURCE_HELP = [
  "verdicts from this source only (MLflow's assessment source type; human, judge, code read too):",
  "every section counts its feedback alone, and --feedback NAME=V keeps the traces where this source gave V"
].join(" ");
var TRIAGE_OPTIONS = {
  ...grouped("Filters (ANDed, pushed to the store, values quoted safely)", {
    since: text("24h|7d|30m|2w|DATE", "traces at or after (DATE: 2026-11-20 or 2026-11-20T09:00Z; UTC)"),
    until: text("DUR|DATE", "traces before"),
    status: text("OK|ERROR|IN_PROGRESS", "traces in that state"),
    user: text("ID", "metadata mlflow.trace.user"),
    session: text("ID", "metadata mlflow.trace.session"),
    tag: list("K=V", "a trace tag"),
    metadata: list("K=V", "a trace metadata entry"),
    spanName: text("NAME", "traces with a span of that name"),
    minMs: text("N", "execution time at least N ms"),
    feedback: list("NAME=V", "traces with that feedback value (from any source, unless --source)"),
    source: text("HUMAN|LLM_JUDGE|CODE", SOURCE_HELP),
    traceName: text("NAME", "one application: traces whose root span is NAME (tag mlflow.traceName)"),
    filter: text("'F'", "your own MLflow filter string, ANDed to the above")
  }),
  limit: text("N", "read the newest N matching traces (default 5000; 0 for all)"),
  slices: whole(
    "N",
    "beyond --limit, sample the older window as N equal time slices of up to 500 traces each, counts estimated (default 8; 0: the newest only)",
    8
  ),
  maxFailing: count("N", "read the spans of at most N failing traces (default 1000; the rest are counted)", 1e3),
  spans: flag("read every trace's spans: per-span latency over all traces, health_check's findings in each (a wrong argument…); more data"),
  paging: flag("page through every trace even when the tracking server aggregates them itself (its metrics endpoint)"),
  by: text("KEY", "cohorts by this tag / metadata key (app_version, tag.x, metadata.y); default: the switch found. WHAT CHANGED lists the keys to split by"),
  prices: text(
    "FILE",
    'prices for models whose spans carry no cost: JSON {"as_of": DATE, "models": {NAME: {"input": USD, "output": USD}}} per 1M tokens, over the built-in table'
  )
};
var pair = (flag2, v) => {
  const at2 = v.indexOf("=");
  if (at2 <= 0) throw new SkillError("usage", `--${flag2} takes KEY=VALUE, not ${shown(v)}.`, { hint: `e.g. --${flag2} model=gpt-4o.` });
  return [v.slice(0, at2), v.slice(at2 + 1)];
};
function triageArgs(input, argv, nowMs = Date.now()) {
  const experimentId = input.experimentId;
  if (!experimentId)
    throw new SkillError("usage", "An experiment is required.", {
      hint: "Pass its id or name first, or as --experiment-id, or set MLFLOW_EXPERIMENT_ID / MLFLOW_EXPERIMENT_NAME; list them with `mlflow experiments search`."
    });
  const since = input.since;
  const until = input.until;
  const sinceMs = since === void 0 ? void 0 : parseTimeArg(since, "--since", nowMs);
  const untilMs = until === void 0 ? void 0 : parseTimeArg(until, "--until", nowMs);
  if (sinceMs !== void 0 && untilMs !== void 0 && untilMs <= sinceMs) {
    throw new SkillError("usage", `--until ${until} is not after --since ${since} (${new Date(untilMs).toISOString()} ≤ ${new Date(sinceMs).toISOString()}).`);
  }
  const status = input.status?.toUpperCase();
  if (status !== void 0 && !["OK", "ERROR", "IN_PROGRESS"].includes(status))
    throw new SkillError("usage", `--status takes OK, ERROR or IN_PROGRESS, not ${shown(status)}.`, { hint: "e.g. --status ERROR." });
  const minMs = input.minMs;
  if (minMs !== void 0 && !/^\d+$/.test(minMs))
    throw new SkillError("usage", `--min-ms takes a whole number of milliseconds, not ${shown(minMs)}.`, { hint: "e.g. --min-ms 2000." });
  const limitRaw = input.limit;
  if (limitRaw !== void 0 && !/^\d+$/.test(limitRaw))
    throw new SkillError("usage", `--limit takes a whole number (0 for all), not ${shown(limitRaw)}.`, {
      hint: "e.g. --limit 500, or --limit 0 for every trace in the window."
    });
  const limit = limitRaw === void 0 ? 5e3 : Number(limitRaw) === 0 ? null : Number(limitRaw);
  const spec = {
    sinceMs,
    untilMs,
    status,
    minExecutionMs: minMs === void 0 ? void 0 : Number(minMs),
    tags: input.tag.map((v) => pair("tag", v)),
    metadata: input.metadata.map((v) => pair("metadata", v)),
    feedback: input.feedback.map((v) => pair("feedback", v)),
    user: input.user,
    session: input.session,
    spanName: input.spanName,
    traceName: input.traceName,
    raw: input.filter
  };
  const filter = buildTraceFilter(spec);
  const source = input.source === void 0 ? void 0 : parseSource(input.source);
  const keep = source === void 0 ? void 0 : onlySource(source, spec.feedback);
  return {
    experimentId,
    given: experimentId,
    spec,
    filter,
    limit,
    limitGiven: limitRaw !== void 0,
    window: { sinceMs, untilMs, nowMs, flags: [...since ? ["--since", since] : [], ...until ? ["--until", until] : []] },
    paging: input.paging,
    maxFailing: input.maxFailing,
    slices: input.slices,
    allSpans: input.spans,
    // Without --out-dir, each search's path is its cache entry, as every other script prints (no temp dir of links).
    cli: { dir: input.outDir ? prepareOutDir(input.outDir) : void 0, timeoutMs: input.timeout * 1e3, fresh: input.fresh },
    maxChars: input.maxChars,
    argv: [...argv],
    by: input.by,
    traceName: input.traceName,
    prices: loadPrices(input.prices),
    keep,
    source
  };
}
var triageCommand = (a, extra = []) => {
  const args = [...a.argv];
  for (const flag2 of extra) {
    const name = flag2.split(" ")[0];
    const at2 = args.findIndex((x) => x === name || x.startsWith(`${name}=`));
    if (at2 >= 0) args.splice(at2, args[at2]?.includes("=") ? 1 : 2);
  }
  return commandFor("triage_traces", [...args, ...extra.flatMap((f) => f.split(" "))]);
};

// scripts/lib/analysis/triage/section.ts
var DEFAULT_SECTION_OPTIONS = { prices: BUILTIN_PRICES };
var defineSection = (name, create) => ({
  name,
  create
});

// scripts/lib/analysis/triage/sections/applications.ts
var ApplicationsSection = class {
  counts = /* @__PURE__ */ new Map();
  addInfo({ trace: { info } }) {
    const app = info.tags["mlflow.traceName"];
    if (info.durationMs === null || app === void 0) return;
    this.counts.set(app, (this.counts.get(app) ?? 0) + 1);
  }
  result() {
    return { mainApp: [...this.counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null };
  }
};
var applicationsSection = defineSection("applications", () => new ApplicationsSection());

// scripts/lib/analysis/common/trace-info.ts
var MLFLOW_TELLING = ["trace.user", "source.git.commit", "modelId"];
var mlflowKeysBut = (kept) => new RegExp(`^mlflow\\.(?!${kept.map((k) => `${k.replace(/\./g, "\\.")}$`).join("|")})`);
var MLFLOW_BOOKKEEPING = mlflowKeysBut(MLFLOW_TELLING);
var MLFLOW_BOOKKEEPING_BUT_SOURCE = mlflowKeysBut([...MLFLOW_TELLING, "source.name"]);
var totals = /* @__PURE__ */ new WeakMap();
function tokenTotalOf(info) {
  let total = totals.get(info);
  if (total === void 0) {
    const usage = parseUsageDict(decodeValue(info.metadata["mlflow.trace.tokenUsage"]));
    total = usage?.total ?? (usage ? (usage.input ?? 0) + (usage.output ?? 0) : null);
    totals.set(info, total);
  }
  return total;
}
function keyedValues(skip) {
  const named2 = (prefix) => {
    const names = /* @__PURE__ */ new Map();
    return (k) => {
      let name = names.get(k);
      if (name === void 0) names.set(k, name = skip.test(k) ? null : `${prefix}.${k}`);
      return name;
    };
  };
  const tagName = named2("tag");
  const metadataName = named2("metadata");
  return (info) => {
    const out = [];
    for (const k in info.tags) {
      const name = tagName(k);
      if (name !== null) out.push([name, info.tags[k]]);
    }
    for (const k in info.metadata) {
      const name = metadataName(k);
      if (name !== null) out.push([name, info.metadata[k]]);
    }
    return out;
  };
}

// scripts/lib/analysis/cost/call-costs.ts
function loggedChars(span) {
  const v = spanInputs(span)?.value;
  return v === void 0 || v === null ? null : (typeof v === "string" ? v : JSON.stringify(v)).length;
}
function callCostsOf(trace, prices) {
  const out = [];
  const calls = modelCallIds(trace.spans);
  for (const span of trace.spans) {
    const recorded = spanCost(span);
    const usage = spanTokenUsage(span);
    if (!recorded && !(usage && calls.has(span.id))) continue;
    const model = spanModel(span) ?? "(model not recorded)";
    const input = usage?.input ?? null;
    const output = usage?.output ?? null;
    const chars = loggedChars(span);
    if (recorded?.total != null) out.push({ span: span.name, model, input, output, usd: recorded.total, source: "recorded", loggedChars: chars });
    else {
      const usd3 = callCost(prices, model, input, output);
      out.push({ span: span.name, model, input, output, usd: usd3, source: usd3 === null ? "unknown" : "priced", loggedChars: chars });
    }
  }
  return out;
}
function lines(calls, keyOf) {
  const m = /* @__PURE__ */ new Map();
  for (const c of calls) {
    const k = keyOf(c);
    let x = m.get(k);
    if (!x) m.set(k, x = { calls: 0, usd: 0, input: 0, withInput: 0, output: 0, withOutput: 0, chars: 0, withChars: 0, models: /* @__PURE__ */ new Set() });
    x.calls += 1;
    x.usd += c.usd ?? 0;
    x.models.add(c.model);
    if (c.input !== null) {
      x.input += c.input;
      x.withInput += 1;
    }
    if (c.output !== null) {
      x.output += c.output;
      x.withOutput += 1;
    }
    if (c.loggedChars != null) {
      x.chars += c.loggedChars;
      x.withChars += 1;
    }
  }
  return [...m].map(([key, x]) => ({
    key,
    calls: x.calls,
    usd: x.usd,
    inputPerCall: x.withInput ? x.input / x.withInput : null,
    outputPerCall: x.withOutput ? x.output / x.withOutput : null,
    loggedPerCall: x.withChars ? x.chars / x.withChars : null,
    models: [...x.models].sort()
  })).sort((a, b) => b.usd - a.usd || a.key.localeCompare(b.key));
}
function summariseCost(traces, prices) {
  const all = traces.flatMap((x) => x.calls);
  if (!all.length) return null;
  const priced = all.filter((c) => c.source === "priced").length;
  const recorded = all.filter((c) => c.source === "recorded").length;
  const unknown = lines(
    all.filter((c) => c.source === "unknown"),
    (c) => c.model
  ).map((l) => ({ model: l.key, calls: l.calls }));
  const usd3 = all.reduce((s, c) => s + (c.usd ?? 0), 0);
  const days = /* @__PURE__ */ new Map();
  for (const x of traces) {
    const day = new Date(x.t).toISOString().slice(0, 10);
    const d = days.get(day) ?? { usd: 0, traces: 0 };
    d.usd += x.calls.reduce((s, c) => s + (c.usd ?? 0), 0);
    d.traces += 1;
    days.set(day, d);
  }
  const source = recorded && priced ? `MLflow's recorded cost (mlflow.llm.cost) on ${recorded} calls, ${prices.source} on ${priced}` : recorded ? "MLflow's recorded cost (mlflow.llm.cost, computed at ingest)" : priced ? prices.source : "no call could be priced";
  return {
    traces: traces.length,
    usd: usd3,
    perTrace: traces.length ? usd3 / traces.length : null,
    callsPerTrace: traces.length ? all.length / traces.length : null,
    recordedCalls: recorded,
    pricedCalls: priced,
    unknownModels: unknown,
    byModel: lines(all, (c) => c.model),
    bySpan: lines(all, (c) => c.span),
    byDay: [...days].map(([day, d]) => ({ day, ...d })).sort((a, b) => a.day.localeCompare(b.day)),
    source
  };
}
function costDrivers(a, b) {
  const names = /* @__PURE__ */ new Set([...a.bySpan.map((s) => s.key), ...b.bySpan.map((s) => s.key)]);
  const out = [];
  for (const span of names) {
    const x = a.bySpan.find((s) => s.key === span);
    const y = b.bySpan.find((s) => s.key === span);
    out.push({
      span,
      perTraceFrom: (x?.usd ?? 0) / (a.traces || 1),
      perTraceTo: (y?.usd ?? 0) / (b.traces || 1),
      modelFrom: x?.models ?? [],
      modelTo: y?.models ?? [],
      inputPerCallFrom: x?.inputPerCall ?? null,
      inputPerCallTo: y?.inputPerCall ?? null,
      loggedPerCallFrom: x?.loggedPerCall ?? null,
      loggedPerCallTo: y?.loggedPerCall ?? null,
      callsPerTraceFrom: (x?.calls ?? 0) / (a.traces || 1),
      callsPerTraceTo: (y?.calls ?? 0) / (b.traces || 1)
    });
  }
  return out.sort((p, q) => Math.abs(q.perTraceTo - q.perTraceFrom) - Math.abs(p.perTraceTo - p.perTraceFrom));
}

// scripts/lib/analysis/cost/priced-days.ts
var dayOf = (ms) => new Date(ms).toISOString().slice(0, 10);
var PricedDaysAccumulator = class {
  constructor(prices) {
    this.prices = prices;
  }
  days = /* @__PURE__ */ new Map();
  seen = /* @__PURE__ */ new Set();
  roles = /* @__PURE__ */ new Map();
  unknown = /* @__PURE__ */ new Map();
  infos = 0;
  /** Traces read whose info records token usage: none, and no call seen either, means no model ran that cost could be asked of. */
  withTokens = 0;
  calls = { priced: 0, recorded: 0, any: 0 };
  addInfo(info) {
    this.infos += 1;
    if (tokenTotalOf(info) !== null) this.withTokens += 1;
    if (info.requestTimeMs !== null) this.day(dayOf(info.requestTimeMs)).traces += 1;
  }
  /** A trace read with spans (once, whatever the passes that read it). */
  addSpans(trace, role) {
    const ms = trace.info.requestTimeMs;
    if (ms === null || this.seen.has(trace.info.traceId)) return;
    this.seen.add(trace.info.traceId);
    this.roles.set(role, (this.roles.get(role) ?? 0) + 1);
    const d = this.day(dayOf(ms));
    d.read += 1;
    for (const c of callCostsOf(trace, this.prices)) {
      this.calls.any += 1;
      if (c.source === "unknown") this.unknown.set(c.model, (this.unknown.get(c.model) ?? 0) + 1);
      else {
        this.calls[c.source] += 1;
        d.usd += c.usd ?? 0;
      }
    }
  }
  day(day) {
    let d = this.days.get(day);
    if (!d) this.days.set(day, d = { traces: 0, read: 0, usd: 0 });
    return d;
  }
  cannot(unknownModels) {
    if (!this.seen.size) return "no trace was read with spans, and the table prices each model call from its model and tokens";
    if (!this.calls.any) return `none of the ${this.seen.size} traces read with spans has a model call with token counts`;
    if (this.calls.priced + this.calls.recorded === 0)
      return `no model they call is in the price table (${unknownModels.map((u) => u.model).join(", ")}); --prices FILE adds them`;
    return null;
  }
  /** Null when no trace info was read, or none records tokens and no model call was seen (nothing to cost). */
  result() {
    if (!this.infos || !this.withTokens && !this.calls.any) return null;
    const perDay = [...this.days].map(([day, d]) => ({ day, ...d, perTrace: d.read ? d.usd / d.read : null })).sort((a, b) => a.day.localeCompare(b.day));
    const unknownModels = [...this.unknown].map(([model, calls]) => ({ model, calls })).sort((a, b) => b.calls - a.calls);
    const recorded = this.calls.recorded ? `; MLflow's recorded cost (mlflow.llm.cost) on ${this.calls.recorded} calls` : "";
    return {
      traces: this.infos,
      withSpans: this.seen.size,
      roles: Object.fromEntries(this.roles),
      source: `${this.prices.source}${recorded}`,
      usd: perDay.reduce((s, d) => s + d.usd, 0),
      perDay,
      pricedCalls: this.calls.priced,
      recordedCalls: this.calls.recorded,
      unknownModels,
      cannot: this.cannot(unknownModels)
    };
  }
};

// scripts/lib/analysis/triage/sections/cost.ts
var CostSection = class {
  days = new DailyCostAccumulator();
  priced;
  server = null;
  byModel = null;
  constructor(prices = BUILTIN_PRICES) {
    this.priced = new PricedDaysAccumulator(prices);
  }
  addInfo({ trace: { info } }) {
    this.days.addInfo(info);
    this.priced.addInfo(info);
  }
  addSpans({ trace, role }) {
    this.priced.addSpans(trace, role);
  }
  addAggregate(a) {
    if (a.kind === "costByModel") this.byModel = a.models;
    if (a.kind !== "costPerDay") return;
    this.server = new DailyCostAccumulator(SERVER_COST_SOURCE);
    for (const d of a.days) this.server.addDay(d.day, d.traces, d.traces, d.usd);
  }
  result() {
    const costPerDay = (this.server ?? this.days).result();
    return { costPerDay, costByModel: this.byModel, costPerDayPriced: costPerDay ? null : this.priced.result() };
  }
};
var costSection = defineSection("cost", (o) => new CostSection(o.prices));

// scripts/lib/analysis/triage/input-sources.ts
var MAX_CANDIDATES = 60;
var MAX_FIELDS = 40;
var MAX_KEYS = 12;
var MAX_SOURCES = 50;
var MIN_SHARE = 0.8;
var usable = (v) => typeof v === "string" && v.length >= 2 && v.length <= 200 || typeof v === "number" && Number.isFinite(v) && v !== 0 && Math.abs(v) !== 1;
function outputFields(value) {
  if (usable(value)) return [["(output)", value]];
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  const out = [];
  for (const [k, v] of Object.entries(value)) {
    if (out.length >= MAX_FIELDS) break;
    if (usable(v)) out.push([k, v]);
    else if (v && typeof v === "object" && !Array.isArray(v)) {
      for (const [k2, v2] of Object.entries(v)) if (usable(v2) && out.length < MAX_FIELDS) out.push([`${k}.${k2}`, v2]);
    }
  }
  return out;
}
var isAncestor = (a, node) => {
  for (let p = node.parent; p; p = p.parent) if (p === a) return true;
  return false;
};
function earlierSpans(tree, node) {
  const start = node.span.startMs;
  const done = tree.nodes.filter((n) => n !== node && n.span.endMs !== null && n.span.endMs <= start && !isAncestor(n, node));
  return done.sort((a, b) => (b.span.endMs ?? 0) - (a.span.endMs ?? 0)).slice(0, MAX_CANDIDATES);
}
function scalarInputs(value) {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).filter((e) => usable(e[1])).slice(0, MAX_KEYS);
}
var MAX_VALUES_KEPT = 3;
var InputSources = class {
  keys = /* @__PURE__ */ new Map();
  /** One call of the span, with the tree it ran in (and its inputs, when the caller located them). */
  add(tree, node, value = spanInputs(node.span)?.value) {
    const inputs = scalarInputs(value);
    if (!inputs.length) return;
    const fields = earlierSpans(tree, node).flatMap((n) => outputFields(spanOutputs(n.span)?.value).map(([path, v]) => ({ name: n.span.name, path, v })));
    for (const [key, value2] of inputs) {
      let acc = this.keys.get(key);
      if (!acc) this.keys.set(key, acc = { of: 0, sources: /* @__PURE__ */ new Map() });
      acc.of += 1;
      const found = /* @__PURE__ */ new Set();
      for (const f of fields) {
        const rel = scalarRelation(value2, f.v);
        if (rel !== null) found.add(`= ${f.name}.${f.path}${rel}`);
      }
      for (const s of found) {
        let src = acc.sources.get(s);
        if (!src && acc.sources.size >= MAX_SOURCES) continue;
        if (!src) acc.sources.set(s, src = { holds: 0, values: /* @__PURE__ */ new Set() });
        src.holds += 1;
        if (src.values.size < MAX_VALUES_KEPT) src.values.add(value2);
      }
    }
  }
  /** Another tally added to this one (clusters merged). */
  merge(other) {
    for (const [key, o] of other.keys) {
      let acc = this.keys.get(key);
      if (!acc) this.keys.set(key, acc = { of: 0, sources: /* @__PURE__ */ new Map() });
      acc.of += o.of;
      for (const [s, src] of o.sources) {
        let mine = acc.sources.get(s);
        if (!mine && acc.sources.size >= MAX_SOURCES) continue;
        if (!mine) acc.sources.set(s, mine = { holds: 0, values: /* @__PURE__ */ new Set() });
        mine.holds += src.holds;
        for (const v of src.values) if (mine.values.size < MAX_VALUES_KEPT) mine.values.add(v);
      }
    }
  }
  /**
   * Per key, the source that held most often, when it held nearly always; the OK calls' tally
   * beside it. A constant (the same model name in every call) equals any output that names it, so
   * a source is shown only when the value it carried moved, here or in the OK calls. Scaled values
   * come first: a conversion is where a unit goes wrong.
   */
  summary(ok) {
    const out = [];
    for (const [key, acc] of this.keys) {
      const best = bestSource(acc.sources);
      if (!best || best[1].holds < 2 || best[1].holds < MIN_SHARE * acc.of) continue;
      const base = ok?.keys.get(key);
      const okSame = base?.sources.get(best[0]);
      const okBest = base ? bestSource(base.sources) : void 0;
      const okOther = okBest && okBest[0] !== best[0] && okBest[1].holds >= MIN_SHARE * (base?.of ?? 0) && (okSame?.holds ?? 0) * 2 < (base?.of ?? 0);
      if ((/* @__PURE__ */ new Set([...best[1].values, ...okSame?.values ?? []])).size < 2 && !okOther) continue;
      out.push({
        key,
        source: best[0],
        holds: best[1].holds,
        of: acc.of,
        ok: ok && base ? { holds: okSame?.holds ?? 0, of: base.of } : null,
        okSource: okOther && okBest ? { source: okBest[0], holds: okBest[1].holds } : null
      });
    }
    const rank = (s) => s.okSource ? 0 : s.source.includes(" × ") ? 1 : 2;
    return out.sort((a, b) => rank(a) - rank(b));
  }
};
var bestSource = (sources) => [...sources].sort((a, b) => b[1].holds - a[1].holds || a[0].length - b[0].length)[0];

// scripts/lib/analysis/triage/input-tally.ts
var MAX_KEYS2 = 12;
var MAX_VALUES = 50;
var MAX_SCALAR_CHARS = 120;
var scalar = (v) => {
  if (typeof v === "string") return v.length <= MAX_SCALAR_CHARS ? JSON.stringify(v) : null;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
};
function count2(k, value, n, traceId) {
  if (k.values.has(value) || k.values.size < MAX_VALUES) k.values.set(value, (k.values.get(value) ?? 0) + n);
  else k.capped = true;
  if (traceId && k.values.has(value) && !k.examples.has(value)) k.examples.set(value, traceId);
}
var InputTally = class {
  keys = /* @__PURE__ */ new Map();
  spans = 0;
  /** Calls added (those with inputs). */
  get calls() {
    return this.spans;
  }
  /** One trace's inputs of the span (an object, or one scalar). */
  add(inputs, traceId) {
    if (inputs === void 0 || inputs === null) return;
    this.spans += 1;
    const entries = typeof inputs === "object" && !Array.isArray(inputs) ? Object.entries(inputs) : [["(input)", inputs]];
    for (const [key, v] of entries) {
      const value = scalar(v);
      const k = value === null ? void 0 : this.keyAcc(key);
      if (value === null || !k) continue;
      k.traces += 1;
      count2(k, value, 1, traceId);
    }
  }
  /** Another tally's counts added to this one (clusters merged), under the same caps. */
  merge(other) {
    this.spans += other.spans;
    for (const [key, o] of other.keys) {
      const k = this.keyAcc(key);
      if (!k) continue;
      k.traces += o.traces;
      k.capped ||= o.capped;
      for (const [value, n] of o.values) count2(k, value, n, o.examples.get(value));
    }
  }
  /** A key's counts, created on first sight while there is room for another key. */
  keyAcc(key) {
    let k = this.keys.get(key);
    if (!k && this.keys.size < MAX_KEYS2) this.keys.set(key, k = { traces: 0, values: /* @__PURE__ */ new Map(), capped: false, examples: /* @__PURE__ */ new Map() });
    return k;
  }
  /** Keys present in at least half the spans, the most concentrated (top value's share) first. */
  summary(ok) {
    const out = [];
    for (const [key, k] of this.keys) {
      if (k.traces * 2 < this.spans) continue;
      const top = [...k.values.entries()].map(([value, count3]) => ({ value, count: count3 })).sort((a, b) => b.count - a.count);
      const base = ok?.keys.get(key);
      const withTop = top[0] ? base?.values.get(top[0].value) ?? 0 : 0;
      out.push({
        key,
        traces: k.traces,
        distinct: k.values.size,
        capped: k.capped,
        top: top.slice(0, 3),
        values: top,
        example: (top[0] && k.examples.get(top[0].value)) ?? null,
        ok: ok ? { traces: base?.traces ?? 0, withTop, example: (top[0] && base?.examples.get(top[0].value)) ?? null } : null
      });
    }
    const share2 = (s) => (s.top[0]?.count ?? 0) / s.traces;
    return out.sort((a, b) => share2(b) - share2(a) || b.traces - a.traces || a.key.localeCompare(b.key));
  }
};

// scripts/lib/analysis/triage/call-inputs.ts
var CallInputs = class {
  tally = new InputTally();
  sources = new InputSources();
  /** One call of the span, in the tree it ran in (its inputs are located once for both). */
  add(tree, node, traceId) {
    const inputs = spanInputs(node.span)?.value;
    this.tally.add(inputs, traceId);
    this.sources.add(tree, node, inputs);
  }
  /** Another span's calls added to these (clusters merged). */
  merge(other) {
    this.tally.merge(other.tally);
    this.sources.merge(other.sources);
  }
  /** Both summaries, each set beside the same span's OK calls when given. */
  summary(ok) {
    return { inputs: this.tally.summary(ok?.tally), sources: this.sources.summary(ok?.sources) };
  }
};

// scripts/lib/analysis/common/fingerprint.ts
var PATHLIKE = /^(~|\.{1,2})?\/[^\s]*$|^[A-Za-z]:\\/;
var QUOTED = /'([^']*)'|"([^"]*)"|`([^`]*)`/g;
var URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s,;)\]]+/gi;
var UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
var TRACE_ID = /\btr-[0-9a-f]{8,}\b/gi;
var PATH = /(^|[\s=:(\[,])(?:~|\.{1,2})?(?:\/[\w.@%+-]+){2,}\/?/g;
var HEX = /\b0x[0-9a-f]+\b/gi;
var JOINED_ID = /\b[a-z]+[_-](?=[\w-]*\d)[\w-]+\b/gi;
var BARE_HEX = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi;
var RECORD_ID = /\b[A-Za-z]{1,4}\d{3,}[A-Za-z0-9]*\b/g;
var NUMBER = /[-+]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?/gi;
function fingerprint(message) {
  return message.replace(/\s+/g, " ").trim().slice(0, 2e3).replace(QUOTED, (_m, a, b, c) => PATHLIKE.test(a ?? b ?? c ?? "") ? "<path>" : "<str>").replace(URL, "<url>").replace(UUID, "<id>").replace(TRACE_ID, "<id>").replace(PATH, "$1<path>").replace(HEX, "<hex>").replace(JOINED_ID, "<id>").replace(BARE_HEX, "<hex>").replace(RECORD_ID, "<id>").replace(NUMBER, "<n>");
}

// scripts/lib/analysis/common/word-variants.ts
var WORD = /^([^\w<]*)([A-Za-z][\w.]*?)([^\w>]*)$/;
function wordVariantGroups(items, kindOf, textOf) {
  const candidates = /* @__PURE__ */ new Map();
  for (const item of items) {
    const tokens = textOf(item).split(" ");
    tokens.forEach((token, at2) => {
      const m = WORD.exec(token);
      if (!m) return;
      const masked = tokens.map((t2, i) => i === at2 ? `${m[1]}${m[3]}` : t2).join(" ");
      const key = `${kindOf(item)}\0${at2}\0${masked}`;
      const c = candidates.get(key) ?? { at: at2, items: [] };
      c.items.push(item);
      candidates.set(key, c);
    });
  }
  const taken = /* @__PURE__ */ new Set();
  const groups = [];
  for (const c of [...candidates.values()].filter((x) => x.items.length > 1).sort((a, b) => b.items.length - a.items.length)) {
    const free = c.items.filter((i) => !taken.has(i));
    if (free.length < 2) continue;
    for (const i of free) taken.add(i);
    const words = free.map((i) => WORD.exec(textOf(i).split(" ")[c.at] ?? "")?.[2] ?? "");
    const tokens = textOf(free[0]).split(" ");
    const m = WORD.exec(tokens[c.at] ?? "");
    tokens[c.at] = `${m?.[1] ?? ""}{${words.join("|")}}${m?.[3] ?? ""}`;
    groups.push({ items: free, words, text: tokens.join(" ") });
  }
  for (const item of items) if (!taken.has(item)) groups.push({ items: [item], words: [], text: textOf(item) });
  return groups;
}
function spellVariants(example, words) {
  const word = words[0] ?? "";
  const parts = example.split(word);
  return word && parts.length === 2 ? parts.join(`{${words.join("|")}}`) : example;
}

// scripts/lib/analysis/triage/traces-read.ts
var MAX_VALUES_PER_KEY = 100;
var keyedOf = keyedValues(MLFLOW_BOOKKEEPING_BUT_SOURCE);
var kvKey = (k, v) => `${k}\0${v}`;
var TracesRead = class {
  count = 0;
  /** Failing traces by id (from their infos), and those whose spans were read. */
  failing = /* @__PURE__ */ new Map();
  failingSpansRead = /* @__PURE__ */ new Set();
  kvCounts = /* @__PURE__ */ new Map();
  tooMany = /* @__PURE__ */ new Set();
  /** Traces read that carry each key at all. */
  keyTraces = /* @__PURE__ */ new Map();
  /** Counts the info's values and returns it as a member. */
  addInfo(info) {
    this.count += 1;
    const kv = [];
    for (const [key, v] of keyedOf(info)) {
      this.keyTraces.set(key, (this.keyTraces.get(key) ?? 0) + 1);
      if (this.tooMany.has(key)) continue;
      let values = this.kvCounts.get(key);
      if (!values) this.kvCounts.set(key, values = /* @__PURE__ */ new Map());
      values.set(v, (values.get(v) ?? 0) + 1);
      if (values.size > MAX_VALUES_PER_KEY) {
        this.tooMany.add(key);
        this.kvCounts.delete(key);
        continue;
      }
      kv.push(kvKey(key, v));
    }
    const member = { id: info.traceId, t: info.requestTimeMs, kv };
    if (info.state === "ERROR") this.failing.set(info.traceId, member);
    return member;
  }
  /** True once per failing trace read in pass 1, the first time its spans come. */
  markFailingSpansRead(info) {
    const id = info.traceId;
    if (info.state !== "ERROR" || !this.failing.has(id) || this.failingSpansRead.has(id)) return false;
    this.failingSpansRead.add(id);
    return true;
  }
  /** The failing traces seen so far, newest first: whose spans name the culprits. */
  failingIdsNewestFirst() {
    return [...this.failing.values()].sort((a, b) => (b.t ?? 0) - (a.t ?? 0)).map((m) => ({ id: m.id, t: m.t }));
  }
  /**
   * Tag / metadata values most of a group has, clearly more than the baseline does (at most 5).
   * The baseline is every trace read, or (for a verdict) the traces its source scored: a judge run
   * on one version only would otherwise make that version look over-represented.
   */
  overRepresented(members, scored) {
    const inCluster = countKv(members);
    const base = scored ? countKv(scored) : null;
    const among = scored ? scored.length : this.count;
    const keyOn = (key) => scored ? scored.filter((m) => m.kv.some((k) => k.startsWith(`${key}\0`))).length : this.keyTraces.get(key) ?? 0;
    const out = [];
    for (const [k, n] of inCluster) {
      const [key, value] = k.split("\0");
      const overall = base ? base.get(k) : this.kvCounts.get(key)?.get(value);
      if (overall === void 0) continue;
      const share2 = n / members.length;
      const overallShare = overall / Math.max(1, among);
      if (n >= 3 && share2 >= 0.5 && share2 >= 1.5 * overallShare && overallShare < 0.9) {
        out.push({
          key,
          value,
          inCluster: n,
          clusterSize: members.length,
          overall,
          overallShare,
          baseline: scored ? "scored" : "read",
          among,
          keyOn: keyOn(key)
        });
      }
    }
    return out.sort((a, b) => b.inCluster / b.clusterSize - b.overallShare - (a.inCluster / a.clusterSize - a.overallShare)).slice(0, 5);
  }
  /** How many traces read a group covers, and the tag values it alone covers (a judge run on one version). */
  coverage(members) {
    const onlyOn = [];
    if (members.length >= 3 && members.length < this.count) {
      const inGroup = countKv(members);
      const byKey = /* @__PURE__ */ new Map();
      for (const k of inGroup.keys()) {
        const [key, value] = k.split("\0");
        byKey.set(key, [...byKey.get(key) ?? [], value]);
      }
      for (const [key, values] of byKey) {
        const [value] = values;
        const all = this.kvCounts.get(key);
        if (values.length !== 1 || inGroup.get(kvKey(key, value)) !== members.length || !all) continue;
        const otherTraces = [...all].reduce((s, [v, n]) => v === value ? s : s + n, 0);
        if (otherTraces > 0) onlyOn.push({ key, value, valueTraces: all.get(value) ?? 0, otherTraces });
      }
    }
    return { traces: members.length, of: this.count, onlyOn: onlyOn.sort((a, b) => b.otherTraces - a.otherTraces).slice(0, 3) };
  }
};
var countKv = (members) => {
  const counts2 = /* @__PURE__ */ new Map();
  for (const m of members) for (const k of m.kv) counts2.set(k, (counts2.get(k) ?? 0) + 1);
  return counts2;
};
function ends(members) {
  const sorted = [...members].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
  const o = sorted[0];
  const n = sorted.at(-1);
  const iso3 = (ms) => ms === null ? null : new Date(ms).toISOString();
  return { oldest: { traceId: o.id, time: iso3(o.t) }, newest: { traceId: n.id, time: iso3(n.t) } };
}

// scripts/lib/analysis/triage/failure-clusters.ts
var NO_SPAN = "(no failing span recorded: the trace failed outside any span)";
var ClusterSet = class {
  /**
   * `caught` (a failed span in an OK trace) clusters only traces with a failing span and keeps its
   * first example; a failing trace joins even without one, and the newest message is the example.
   */
  constructor(caught) {
    this.caught = caught;
  }
  byKey = /* @__PURE__ */ new Map();
  /** The trace's culprit span (its deepest failing one), joined to its cluster; null when none is clustered. */
  add(tree, member) {
    const culprit = findErrors(tree).culprits[0];
    if (!culprit && this.caught) return null;
    const message = culprit ? culprit.exception?.message || culprit.statusMessage || "" : "";
    const c = {
      span: culprit?.name ?? null,
      spanType: culprit?.type ?? null,
      exceptionType: culprit?.exception?.type ?? null,
      fingerprint: culprit ? fingerprint(message) : NO_SPAN
    };
    const key = `${c.span}\0${c.exceptionType}\0${c.fingerprint}`;
    let acc = this.byKey.get(key);
    if (!acc) this.byKey.set(key, acc = { ...c, example: message, members: [], newestT: 0, calls: new CallInputs() });
    if (!this.caught && (member.t ?? 0) >= acc.newestT) Object.assign(acc, { example: message, newestT: member.t ?? 0 });
    acc.members.push(member);
    const node = culprit ? tree.byId.get(culprit.spanId) : void 0;
    if (node) acc.calls.add(tree, node, member.id);
    return acc;
  }
  /**
   * As findings, largest first: clusters whose fingerprints differ in one word only merged into
   * one that lists the word's variants (a carrier's name must not split one bug in three).
   */
  clusters(o) {
    return mergeWordVariants([...this.byKey.values()]).map((c) => {
      const { oldest, newest } = ends(c.members);
      return {
        span: c.span,
        spanType: c.spanType,
        exceptionType: c.exceptionType,
        fingerprint: c.fingerprint,
        example: c.example,
        count: c.members.length,
        share: c.members.length / Math.max(1, o.of),
        firstSeen: oldest.time,
        lastSeen: newest.time,
        newest,
        oldest,
        overRepresented: o.overRep(c.members),
        ...c.calls.summary(o.ok(c.span)),
        variants: c.variants
      };
    }).sort((a, b) => b.count - a.count);
  }
};
function mergeWordVariants(accs) {
  const groups = wordVariantGroups(
    accs,
    (c) => `${c.span}\0${c.exceptionType}`,
    (c) => c.fingerprint
  );
  return groups.map(({ items, words, text: text3 }) => {
    const first = items[0];
    if (items.length < 2) return { ...first, variants: [] };
    const variants = items.map((c, i) => ({ word: words[i] ?? "", count: c.members.length })).sort((a, b) => b.count - a.count);
    const newest = items.reduce((a, b) => b.newestT > a.newestT ? b : a);
    const calls = new CallInputs();
    for (const c of items) calls.merge(c.calls);
    const members = items.flatMap((c) => c.members);
    return { ...first, fingerprint: text3, example: newest.example, newestT: newest.newestT, members, calls, variants };
  });
}

// scripts/lib/analysis/triage/sections/failures.ts
var FailuresSection = class {
  clusters = new ClusterSet(false);
  caught = new ClusterSet(true);
  /** Calls of the failing spans' namesakes in OK traces read: what a failure's inputs are compared with. */
  okCalls = /* @__PURE__ */ new Map();
  okRead = /* @__PURE__ */ new Set();
  addSpans({ trace, tree, firstOfFailing }, shared) {
    const id = trace.info.traceId;
    if (firstOfFailing) {
      const acc = this.clusters.add(tree, shared.failing.get(id) ?? { id, t: trace.info.requestTimeMs, kv: [] });
      if (acc?.span && !this.okCalls.has(acc.span)) this.okCalls.set(acc.span, new CallInputs());
    }
    if (trace.info.state !== "OK" || this.okRead.has(id)) return;
    this.okRead.add(id);
    this.caught.add(tree, { id, t: trace.info.requestTimeMs, kv: [] });
    for (const node of tree.nodes) if (node.span.status !== "ERROR") this.okCalls.get(node.span.name)?.add(tree, node, id);
  }
  /**
   * The failing spans of the largest clusters (3 traces or more) with under `min` OK calls read:
   * their inputs need OK calls to be set beside ("KRW in all 10; in 0 of 20 OK calls").
   */
  spansWantingOkCalls(min2 = 20, max = 2) {
    const names = [...this.clusters.byKey.values()].filter((c) => c.span !== null && c.members.length >= 3).sort((a, b) => b.members.length - a.members.length).map((c) => c.span);
    return [...new Set(names)].filter((name) => (this.okCalls.get(name)?.tally.calls ?? 0) < min2).slice(0, max);
  }
  result(shared) {
    const spansRead = shared.failingSpansRead.size;
    return {
      failing: { count: shared.failing.size, spansRead },
      clusters: this.clusters.clusters({
        of: spansRead,
        overRep: (members) => shared.overRepresented(members),
        ok: (span) => span ? this.okCalls.get(span) : void 0
      }),
      caught: {
        okTracesRead: this.okRead.size,
        clusters: this.caught.clusters({ of: this.okRead.size, overRep: () => [], ok: () => void 0 })
      },
      unclustered: shared.failing.size - spansRead
    };
  }
};
var failuresSection = defineSection("failures", () => new FailuresSection());

// scripts/lib/analysis/triage/sections/histogram.ts
var MAX_BUCKETS = 60;
var HistogramSection = class {
  times = [];
  served = false;
  addInfo({ trace: { info } }) {
    if (!this.served && info.requestTimeMs !== null) this.times.push({ t: info.requestTimeMs, failed: info.state === "ERROR" });
  }
  /** The server's traces per hour and state: the whole window's histogram, not the sample's. */
  addAggregate(a) {
    if (a.kind !== "states" || !a.hours) return;
    this.served = true;
    this.times = a.hours.map((h) => ({ t: h.t, failed: h.state === "ERROR", n: h.n }));
  }
  result() {
    return { histogram: histogram(this.times) };
  }
};
function histogram(times) {
  if (!times.length) return { unit: "day", buckets: [], omitted: 0 };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const { t: t2 } of times) {
    lo = Math.min(lo, t2);
    hi = Math.max(hi, t2);
  }
  const unit = hi - lo <= 48 * 36e5 ? "hour" : "day";
  const width = unit === "hour" ? 36e5 : 864e5;
  const start = Math.floor(lo / width) * width;
  const n = Math.floor((hi - start) / width) + 1;
  const keep = Math.min(n, MAX_BUCKETS);
  const first = n - keep;
  const buckets = Array.from({ length: keep }, (_, i) => ({ start: new Date(start + (first + i) * width).toISOString(), traces: 0, failures: 0 }));
  for (const { t: t2, failed, n: n2 = 1 } of times) {
    const b = buckets[Math.floor((t2 - start) / width) - first];
    if (!b) continue;
    b.traces += n2;
    if (failed) b.failures += n2;
  }
  return { unit, buckets, omitted: first };
}
var histogramSection = defineSection("histogram", () => new HistogramSection());

// scripts/lib/analysis/common/percentile.ts
function percentile(values, q) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
var isoOrNull = (ms) => ms === null ? null : new Date(ms).toISOString();

// scripts/lib/analysis/triage/sections/in-progress.ts
var InProgressSection = class {
  members = [];
  addInfo({ trace, member }) {
    if (trace.info.state === "IN_PROGRESS") this.members.push(member);
  }
  result() {
    const newest = [...this.members].sort((a, b) => (b.t ?? 0) - (a.t ?? 0)).slice(0, 5).map((m) => ({ traceId: m.id, time: isoOrNull(m.t) }));
    return { inProgress: { count: this.members.length, newest } };
  }
};
var inProgressSection = defineSection("inProgress", () => new InProgressSection());

// scripts/lib/analysis/triage/sections/judge-failures.ts
var JudgeFailuresSection = class {
  groups = /* @__PURE__ */ new Map();
  addInfo({ trace }) {
    const { traceId, requestTimeMs: t2 } = trace.info;
    for (const e of judgeErrorsOf(trace)) {
      const key = `${e.name}\0${e.code}`;
      const g = this.groups.get(key);
      const newest = { traceId, time: isoOrNull(t2) };
      if (!g) this.groups.set(key, { name: e.name, code: e.code, count: 1, example: e.message, newest, newestT: t2 ?? 0 });
      else {
        g.count += 1;
        if ((t2 ?? 0) > g.newestT) Object.assign(g, { newest, newestT: t2 ?? 0, example: e.message || g.example });
      }
    }
  }
  result() {
    return { judgeFailures: [...this.groups.values()].map(({ newestT: _t, ...g }) => g).sort((a, b) => b.count - a.count) };
  }
};
var judgeFailuresSection = defineSection("judgeFailures", () => new JudgeFailuresSection());

// scripts/lib/analysis/triage/sections/latency.ts
var maxOf = (xs) => xs.length ? Math.max(...xs) : null;
var LatencySection = class {
  durations = [];
  spanTimes = /* @__PURE__ */ new Map();
  /** Per span name, the slow-tail traces that have it. */
  tailPresence = /* @__PURE__ */ new Map();
  spanTraces = /* @__PURE__ */ new Set();
  slowSpanTraces = 0;
  allSpans = false;
  threshold = null;
  server = null;
  /** The whole window's trace percentiles from the tracking server; the slow tail stays the traces read. */
  addAggregate(a) {
    if (a.kind === "latency") this.server = a;
  }
  addInfo({ trace: { info } }) {
    if (info.durationMs !== null)
      this.durations.push({ id: info.traceId, t: info.requestTimeMs, d: info.durationMs, app: info.tags["mlflow.traceName"] ?? null });
  }
  addSpans({ trace, tree, role }) {
    const id = trace.info.traceId;
    if (role === "all") this.allSpans = true;
    if (role === "sample" || this.spanTraces.has(id)) return;
    this.spanTraces.add(id);
    const slow = role === "slow" || this.isSlow(trace.info.durationMs);
    if (slow) {
      this.slowSpanTraces += 1;
      for (const name of new Set(tree.nodes.map((n) => n.span.name))) this.tailPresence.set(name, (this.tailPresence.get(name) ?? 0) + 1);
    }
    for (const node of tree.nodes) {
      const d = durationOf(node.span);
      if (d === null) continue;
      let s = this.spanTimes.get(node.span.name);
      if (!s) this.spanTimes.set(node.span.name, s = { durs: [], selfs: [], tail: [], rest: [] });
      const self = selfTimeMs(node);
      s.durs.push(d);
      s.selfs.push(self);
      (slow ? s.tail : s.rest).push(self);
    }
  }
  /**
   * The slow tail's threshold: twice the median trace, or p95 when that is higher (a heavy tail
   * is then its slowest 5 %). No tail when no trace reaches it, or under 20 traces.
   */
  slowThresholdMs() {
    if (this.threshold?.n === this.durations.length) return this.threshold.value;
    const ds = this.durations.map((d) => d.d);
    const threshold = ds.length < 20 ? null : Math.max(2 * percentile(ds, 0.5), percentile(ds, 0.95));
    const value = threshold !== null && threshold > 0 && ds.some((d) => d >= threshold) ? threshold : null;
    this.threshold = { n: this.durations.length, value };
    return value;
  }
  /** The slowest traces read at or over the threshold, slowest first (at most `max`): the ones the slow pass's search returns. */
  slowIds(max) {
    const threshold = this.slowThresholdMs();
    if (threshold === null) return [];
    const tail = this.durations.filter((d) => d.d >= threshold);
    return tail.sort((a, b) => b.d - a.d).slice(0, max).map((d) => d.id);
  }
  isSlow(durationMs) {
    const threshold = this.slowThresholdMs();
    return threshold !== null && durationMs !== null && durationMs >= threshold;
  }
  result(shared) {
    const ds = this.durations.map((d) => d.d);
    const thresholdMs = this.slowThresholdMs();
    const tail = thresholdMs === null ? [] : this.durations.filter((d) => d.d >= thresholdMs);
    const slowest = [...tail].sort((a, b) => b.d - a.d).slice(0, 5).map((d) => ({ traceId: d.id, time: isoOrNull(d.t), durationMs: d.d, app: d.app }));
    const spans = this.spanLatencies();
    return {
      latency: {
        traces: this.server ? { count: this.server.count, p50: this.server.p50, p95: this.server.p95, max: this.server.max } : { count: ds.length, p50: percentile(ds, 0.5), p95: percentile(ds, 0.95), max: maxOf(ds) },
        slowTail: { thresholdMs, count: tail.length, slowest },
        spansFrom: { traces: this.spanTraces.size, failing: shared.failingSpansRead.size, slowTail: this.slowSpanTraces, all: this.allSpans },
        spans,
        tailSpan: this.tailSpan(spans)
      }
    };
  }
  spanLatencies() {
    return [...this.spanTimes.entries()].map(([name, s]) => ({
      name,
      count: s.durs.length,
      p50: percentile(s.durs, 0.5),
      p95: percentile(s.durs, 0.95),
      max: maxOf(s.durs),
      selfP50: percentile(s.selfs, 0.5),
      selfP95: percentile(s.selfs, 0.95),
      selfMax: maxOf(s.selfs),
      tailSelfP50: percentile(s.tail, 0.5),
      restSelfP50: percentile(s.rest, 0.5)
    })).sort((a, b) => (b.selfP95 ?? 0) - (a.selfP95 ?? 0));
  }
  tailSpan(spans) {
    const common = (name) => (this.tailPresence.get(name) ?? 0) >= Math.max(3, this.slowSpanTraces / 2);
    const best = spans.filter((s) => s.tailSelfP50 !== null && common(s.name)).map((s) => ({ name: s.name, tailSelfP50: s.tailSelfP50, restSelfP50: s.restSelfP50, gain: s.tailSelfP50 - (s.restSelfP50 ?? 0) })).sort((a, b) => b.gain - a.gain)[0];
    return best && best.gain > 0 ? { name: best.name, tailSelfP50: best.tailSelfP50, restSelfP50: best.restSelfP50 } : null;
  }
};
var latencySection = defineSection("latency", () => new LatencySection());

// scripts/lib/analysis/triage/sections/overview.ts
var NO_SOURCE_SPLIT = "the tracking server's metrics endpoint groups assessments by name and value only (no source dimension or filter in MLflow 3.x)";
var OverviewSection = class {
  traces = 0;
  first = null;
  last = null;
  states = /* @__PURE__ */ new Map();
  server = null;
  assessments = null;
  verdictTotals = null;
  addInfo({ trace: { info } }) {
    this.traces += 1;
    this.widen(info.requestTimeMs);
    this.states.set(info.state, (this.states.get(info.state) ?? 0) + 1);
  }
  /** Trace counts per state over the whole window from the tracking server: they replace the sample's. */
  addAggregate(a) {
    if (a.kind === "assessments") this.assessments = a.counts;
    if (a.kind === "verdictTotals") this.verdictTotals = a.perName;
    if (a.kind !== "states") return;
    this.server = a;
  }
  widen(t2) {
    if (t2 === null) return;
    this.first = this.first === null ? t2 : Math.min(this.first, t2);
    this.last = this.last === null ? t2 : Math.max(this.last, t2);
  }
  result() {
    const s = this.server;
    const verdictTotals = this.totals();
    if (!s)
      return {
        traces: this.traces,
        window: this.window(this.first, this.last),
        states: Object.fromEntries(this.states),
        assessments: this.assessments,
        verdictTotals
      };
    const traces = Object.values(s.counts).reduce((a, b) => a + b, 0);
    const whole2 = this.traces >= traces && this.first !== null;
    const first = whole2 ? this.first : min(this.first, s.first);
    const last = this.last ?? s.last;
    return { traces, window: this.window(first, last), states: { ...s.counts }, assessments: this.assessments, verdictTotals };
  }
  /** The server's feedback totals, and per figure whether it is split by source: only the verdicts of the traces read are. */
  totals() {
    if (!this.verdictTotals) return null;
    const unsplit = (figure) => ({ figure, split: false, over: "window", why: NO_SOURCE_SPLIT });
    return {
      perName: this.verdictTotals,
      bySource: [
        ...this.assessments ? [unsplit("assessments")] : [],
        unsplit("verdictTotals"),
        { figure: "verdicts", split: true, over: "traces read", why: null }
      ]
    };
  }
  window(first, last) {
    return { first: isoOrNull(first), last: isoOrNull(last) };
  }
};
var min = (a, b) => a === null ? b : b === null ? a : Math.min(a, b);
var overviewSection = defineSection("overview", () => new OverviewSection());

// scripts/lib/analysis/triage/sections/tokens.ts
var TokensSection = class {
  totals = [];
  serverMedian = null;
  /** The whole window's median from the tracking server; outliers stay among the traces read. */
  addAggregate(a) {
    if (a.kind === "tokens") this.serverMedian = a.median;
  }
  addInfo({ trace: { info } }) {
    const total = tokenTotalOf(info);
    if (total !== null) this.totals.push({ id: info.traceId, t: info.requestTimeMs, total });
  }
  result() {
    const median = this.serverMedian ?? percentile(
      this.totals.map((x) => x.total),
      0.5
    );
    const outliers = median === null || this.totals.length < 10 ? [] : this.totals.filter((x) => x.total >= Math.max(5 * median, median + 1e3)).sort((a, b) => b.total - a.total).slice(0, 5).map((x) => ({ traceId: x.id, time: isoOrNull(x.t), total: x.total }));
    return { tokens: { median, outliers } };
  }
};
var tokensSection = defineSection("tokens", () => new TokensSection());

// scripts/lib/analysis/triage/sections/trace-findings.ts
var MAX_CHECKED = 1e3;
var EXAMPLES = 3;
var MAX_DEFERRED = 200;
var MAX_DEFERRED_REPLY = 200;
var MAX_KEPT_CHARS = 8e6;
var TraceFindingsSection = class {
  seen = /* @__PURE__ */ new Set();
  roles = {};
  /** Each kind's traces, with their place in the reading order. */
  hits = /* @__PURE__ */ new Map();
  order = /* @__PURE__ */ new Map();
  unchecked = 0;
  /** Each session's traces read, without spans: earlier turns from MLflow's previews. */
  sessions = /* @__PURE__ */ new Map();
  /** Session turns read with spans (any state), as health_check reads an earlier turn: texts and tools' outputs, no spans kept. */
  spanTurns = /* @__PURE__ */ new Map();
  keptChars = 0;
  deferred = [];
  deferredReply = 0;
  addInfo({ trace }) {
    const id = trace.info.sessionId;
    if (!id) return;
    const list2 = this.sessions.get(id) ?? [];
    list2.push({ ...trace, spans: [] });
    this.sessions.set(id, list2);
  }
  addSpans({ trace, tree, role }) {
    const checks = trace.info.state !== "ERROR" && !this.seen.has(trace.info.traceId);
    if (!checks || this.seen.size >= MAX_CHECKED) {
      if (checks) this.unchecked++;
      this.keepTurn(trace, tree);
      return;
    }
    this.order.set(trace.info.traceId, this.seen.size);
    this.seen.add(trace.info.traceId);
    this.roles[role] = (this.roles[role] ?? 0) + 1;
    const turn = locateTurn(trace, tree);
    const facts = new TraceFacts(trace, tree, { reply: replyProse(turn), turn });
    this.keepTurn(trace, tree, turn, facts.flow);
    if (this.defers(facts)) this.deferred.push(facts);
    else this.tallyAll(facts);
  }
  /**
   * As health_check: an id argument nothing in the trace holds, or a reply value no source of it binds, is
   * looked up in the session's earlier turns, once every trace's info is in (pages come newest first).
   */
  defers(facts) {
    if (!facts.trace.info.sessionId) return false;
    if (this.deferred.length - this.deferredReply < MAX_DEFERRED && wantsEarlierTurns(facts.provenance)) return true;
    if (this.deferredReply >= MAX_DEFERRED_REPLY || !replyValuesUnsettled(facts.provenance)) return false;
    this.deferredReply++;
    return true;
  }
  /** A session's turn read with spans, kept as an earlier turn of its later ones: its texts and its tools' outputs (no extra read). */
  keepTurn(trace, tree, io, flow) {
    const id = trace.info.traceId;
    if (!trace.info.sessionId || this.spanTurns.has(id) || this.keptChars > MAX_KEPT_CHARS) return;
    const texts = spanTurnTexts(io ?? locateTurn(trace, tree), flow ?? recordDataflow(tree));
    this.keptChars += (texts.user?.length ?? 0) + (texts.reply?.length ?? 0) + (texts.tools ?? []).reduce((n, r) => n + r.text.length, 0);
    this.spanTurns.set(id, texts);
  }
  tallyAll(facts) {
    const traceId = facts.trace.info.traceId;
    const ord = this.order.get(traceId) ?? 0;
    for (const kind of FINDING_KINDS) {
      const items = facts.of(kind);
      if (!items.length) continue;
      const hits = this.hits.get(kind) ?? [];
      hits.push({ ord, traceId, line: kind.line(items[0]) });
      this.hits.set(kind, hits);
    }
  }
  /** A kind's traces in the order read (a trace deferred for its session's earlier turns keeps its place). */
  tally(kind, hits) {
    hits.sort((a, b) => a.ord - b.ord);
    const examples = hits.slice(0, EXAMPLES).map((h) => ({ traceId: h.traceId, line: h.line }));
    return { kind: kind.kind, about: kind.about, heuristic: kind.heuristic, traces: hits.length, examples, traceIds: hits.map((h) => h.traceId) };
  }
  result() {
    for (const facts of this.deferred.splice(0)) {
      facts.addEarlier(earlierTurns(this.sessions.get(facts.trace.info.sessionId ?? "") ?? [], facts.trace, this.spanTurns));
      this.tallyAll(facts);
    }
    const kinds = FINDING_KINDS.flatMap((k) => {
      const hits = this.hits.get(k);
      return hits ? [this.tally(k, hits)] : [];
    });
    return { traceFindings: { checked: this.seen.size, unchecked: this.unchecked, roles: this.roles, kinds } };
  }
};
var traceFindingsSection = defineSection("traceFindings", () => new TraceFindingsSection());

// scripts/lib/analysis/common/rationales.ts
function mergeRationales(items, how) {
  return wordVariantGroups(items, how.group, how.fingerprint).map(({ items: group, words, text: text3 }) => {
    const first = group[0];
    return group.length < 2 ? first : how.combine(group, text3, spellVariants(how.text(first), words));
  });
}

// scripts/lib/analysis/triage/sections/verdicts.ts
var mergeRationaleCounts = (list2) => mergeRationales(list2, {
  group: () => "",
  fingerprint: (r) => r.fingerprint,
  text: (r) => r.text,
  combine: (items, fp, text3) => {
    const newest = items.reduce((a, b) => b.newestT > a.newestT ? b : a);
    return { fingerprint: fp, text: text3, count: items.reduce((n, r) => n + r.count, 0), newest: newest.newest, newestT: newest.newestT };
  }
});
var VerdictsSection = class {
  verdicts = /* @__PURE__ */ new Map();
  addInfo({ trace, member }) {
    const t2 = trace.info.requestTimeMs ?? 0;
    for (const verdict of verdictsOf(trace)) {
      const key = `${verdict.name}\0${verdict.source}`;
      let v = this.verdicts.get(key);
      if (!v)
        this.verdicts.set(
          key,
          v = {
            name: verdict.name,
            source: verdict.source,
            judged: 0,
            positive: 0,
            scored: /* @__PURE__ */ new Map(),
            members: [],
            rationales: /* @__PURE__ */ new Map(),
            values: /* @__PURE__ */ new Map(),
            others: /* @__PURE__ */ new Map()
          }
        );
      v.judged += 1;
      v.scored.set(member.id, member);
      if (verdict.positive) v.positive += 1;
      else if (!verdict.negative) v.others.set(verdict.value, (v.others.get(verdict.value) ?? 0) + 1);
      if (!verdict.negative) continue;
      v.members.push(member);
      v.values.set(verdict.value, (v.values.get(verdict.value) ?? 0) + 1);
      if (!verdict.rationale) continue;
      const fp = fingerprint(verdict.rationale);
      const r = v.rationales.get(fp);
      if (!r) v.rationales.set(fp, { fingerprint: fp, text: verdict.rationale, count: 1, newest: trace.info.traceId, newestT: t2 });
      else {
        r.count += 1;
        if (t2 > r.newestT) Object.assign(r, { newest: trace.info.traceId, newestT: t2 });
      }
    }
  }
  result(shared) {
    const sourcesOf = /* @__PURE__ */ new Map();
    for (const v of this.verdicts.values()) sourcesOf.set(v.name, [...sourcesOf.get(v.name) ?? [], v.source]);
    const verdicts = [...this.verdicts.values()].map((v) => {
      const scored = [...v.scored.values()];
      const rationales = mergeRationaleCounts([...v.rationales.values()]).map(({ newestT: _t, ...r }) => r).sort((a, b) => b.count - a.count);
      const top = rationales[0];
      return {
        name: v.name,
        source: v.source,
        count: v.members.length,
        judged: v.judged,
        positive: v.positive,
        coverage: shared.coverage(scored),
        otherSources: (sourcesOf.get(v.name) ?? []).filter((s) => s !== v.source),
        topRationale: top ? { text: top.text, count: top.count } : null,
        rationales: rationales.slice(0, 5),
        values: [...v.values.entries()].map(([value, count3]) => ({ value, count: count3 })).sort((a, b) => b.count - a.count),
        others: [...v.others.entries()].map(([value, count3]) => ({ value, count: count3 })).sort((a, b) => b.count - a.count).slice(0, 5),
        ...v.members.length ? ends(v.members) : { newest: null, oldest: null },
        // Against the traces this source scored: where it ran is not where verdicts went bad.
        overRepresented: v.members.length ? shared.overRepresented(v.members, scored.length < shared.count ? scored : void 0) : []
      };
    });
    return { verdicts: verdicts.sort((a, b) => b.count - a.count || b.judged - a.judged || a.name.localeCompare(b.name) || a.source.localeCompare(b.source)) };
  }
};
var verdictsSection = defineSection("verdicts", () => new VerdictsSection());

// scripts/lib/analysis/triage/registry.ts
var TRIAGE_SECTIONS = [
  overviewSection,
  failuresSection,
  traceFindingsSection,
  verdictsSection,
  judgeFailuresSection,
  latencySection,
  tokensSection,
  inProgressSection,
  histogramSection,
  costSection,
  applicationsSection
];

// scripts/lib/analysis/triage/accumulator.ts
var TriageAccumulator = class {
  shared = new TracesRead();
  sections;
  constructor(defs = TRIAGE_SECTIONS, options = DEFAULT_SECTION_OPTIONS) {
    this.sections = new Map(defs.map((d) => [d, d.create(options)]));
  }
  /** Pass 1: one trace's info (spans, if present, are not needed here). */
  addInfo(trace) {
    const read = { trace, member: this.shared.addInfo(trace.info) };
    for (const s of this.sections.values()) s.addInfo?.(read, this.shared);
  }
  /** Pass 2/3: a trace with spans, read because it failed, is in the slow tail, all were read, or a sample. */
  addSpans(trace, role) {
    const read = { trace, tree: buildTree(trace.spans), role, firstOfFailing: this.shared.markFailingSpansRead(trace.info) };
    for (const s of this.sections.values()) s.addSpans?.(read, this.shared);
  }
  /** Numbers the tracking server aggregated, to whichever section they concern. */
  addAggregate(aggregate) {
    for (const s of this.sections.values()) s.addAggregate?.(aggregate);
  }
  /** The failing traces seen so far, newest first: whose spans name the culprits. */
  failingIdsNewestFirst() {
    return this.shared.failingIdsNewestFirst();
  }
  /** The slow tail's threshold (latency section): which traces' spans the slow pass reads. */
  slowThresholdMs() {
    return this.state(LatencySection).slowThresholdMs();
  }
  /** The slow tail among the traces read, slowest first (at most `max`). */
  slowIds(max) {
    return this.state(LatencySection).slowIds(max);
  }
  /** Failing spans whose inputs want OK calls to be set beside (failures section). */
  spansWantingOkCalls(min2, max) {
    return this.state(FailuresSection).spansWantingOkCalls(min2, max);
  }
  /** The state of one section, for the job's questions between passes. */
  state(kind) {
    for (const s of this.sections.values()) if (s instanceof kind) return s;
    throw new Error(`no ${kind.name} in the triage registry`);
  }
  result() {
    const findings = {};
    for (const s of this.sections.values()) Object.assign(findings, s.result(this.shared));
    return findings;
  }
};

// scripts/lib/analysis/cost/price-volume.ts
function splitOne(x, y, a, b, prices) {
  const [from, to] = [x.models, y.models];
  if (from.length !== 1 || to.length !== 1 || from[0] === to[0] || !a.traces || !b.traces) return null;
  const [modelFrom, modelTo] = [from[0], to[0]];
  const perTraceFrom = x.usd / a.traces;
  const perTraceTo = y.usd / b.traces;
  if (!(perTraceTo > perTraceFrom) || perTraceFrom <= 0) return null;
  if (x.inputPerCall === null || y.inputPerCall === null) return { span: x.key, why: "its calls record no input token counts on both sides" };
  const atOldTokens = callCost(prices, modelTo, x.inputPerCall, x.outputPerCall ?? 0);
  if (!atOldTokens) return { span: x.key, why: `${modelTo} is not in the price table (--prices FILE adds it)` };
  const oldPerCall = x.usd / x.calls;
  const newPerCall = y.usd / y.calls;
  return {
    span: x.key,
    modelFrom,
    modelTo,
    ratio: perTraceTo / perTraceFrom,
    price: atOldTokens / oldPerCall,
    tokens: newPerCall / atOldTokens,
    calls: y.calls / b.traces / (x.calls / a.traces),
    inputPerCall: { from: x.inputPerCall, to: y.inputPerCall },
    outputPerCall: { from: x.outputPerCall, to: y.outputPerCall },
    callsPerTrace: { from: x.calls / a.traces, to: y.calls / b.traces },
    priceFrom: prices.name
  };
}
function priceVolumeSplits(a, b, prices) {
  const out = [];
  for (const x of a.bySpan) {
    const y = b.bySpan.find((s2) => s2.key === x.key);
    const s = y ? splitOne(x, y, a, b, prices) : null;
    if (s) out.push(s);
  }
  return out;
}

// scripts/lib/analysis/changes/applications.ts
function applicationsOf(records) {
  const m = /* @__PURE__ */ new Map();
  for (const r of records) {
    if (r.app === null) continue;
    let a = m.get(r.app);
    if (!a) m.set(r.app, a = { name: r.app, traces: 0, slowest: null });
    a.traces += 1;
    if (r.durationMs !== null && (!a.slowest || r.durationMs > a.slowest.durationMs)) a.slowest = { traceId: r.id, durationMs: r.durationMs };
  }
  return [...m.values()].sort((a, b) => b.traces - a.traces);
}
function rootAppsOf(facts) {
  const roots = /* @__PURE__ */ new Map();
  for (const f of facts) if (f.root !== null) roots.set(f.root, (roots.get(f.root) ?? 0) + 1);
  if (roots.size < 2) return [];
  return [...roots].map(([name, traces]) => ({ name, traces })).sort((a, b) => b.traces - a.traces || a.name.localeCompare(b.name));
}

// scripts/lib/analysis/common/chance.ts
var logFactorials = [0];
function logFactorial(n) {
  for (let i = logFactorials.length; i <= n; i++) logFactorials.push(logFactorials[i - 1] + Math.log(i));
  return logFactorials[n];
}
var logHypergeometric = (x, n1, n2, hits) => logFactorial(hits) + logFactorial(n1 + n2 - hits) + logFactorial(n1) + logFactorial(n2) - logFactorial(x) - logFactorial(n1 - x) - logFactorial(hits - x) - logFactorial(n2 - hits + x) - logFactorial(n1 + n2);
function fisherExact(a, n1, b, n2) {
  const hits = a + b;
  const observed = logHypergeometric(a, n1, n2, hits);
  let p = 0;
  for (let x = Math.max(0, hits - n2); x <= Math.min(n1, hits); x++) {
    const l = logHypergeometric(x, n1, n2, hits);
    if (l <= observed + 1e-7) p += Math.exp(l);
  }
  return Math.min(1, p);
}
function rateDifference(what, from, to) {
  if (!from.of || !to.of) return null;
  const p = fisherExact(from.n, from.of, to.n, to.of);
  return { what, from: { n: from.n, of: from.of }, to: { n: to.n, of: to.of }, p, withinChance: p >= 0.05 };
}

// scripts/lib/analysis/changes/cohort-diff.ts
function slowSpan(a, b) {
  let best = null;
  for (const s of b.spans) {
    const o = a.spans.find((x) => x.name === s.name);
    if (!o || o.selfP50 === null || s.selfP50 === null || o.count < 3 || s.count < 3) continue;
    const grew = s.selfP50 - o.selfP50;
    if (grew <= 0 || best && grew <= best.toSelfP50 - best.fromSelfP50) continue;
    best = {
      name: s.name,
      fromSelfP50: o.selfP50,
      toSelfP50: s.selfP50,
      ratio: o.selfP50 > 0 ? s.selfP50 / o.selfP50 : null,
      traces: { from: o.count, to: s.count }
    };
  }
  return best && best.toSelfP50 - best.fromSelfP50 >= 20 && (best.ratio === null || best.ratio >= 1.5) ? best : null;
}
function paramChanges(a, b) {
  const out = [];
  for (const [key, tb] of Object.entries(b.params)) {
    const ta = a.params[key];
    const ma = ta?.[0];
    const mb = tb[0];
    if (!ma || !mb || ma.value === mb.value) continue;
    const fromOf = ta.reduce((s, x) => s + x.count, 0);
    const toOf = tb.reduce((s, x) => s + x.count, 0);
    if (ma.count * 2 < fromOf || mb.count * 2 < toOf) continue;
    out.push({
      key,
      from: ma.value,
      to: mb.value,
      counts: { from: ma.count, fromOf, to: mb.count, toOf }
    });
  }
  return out;
}
function differences(a, b, verdictsComparable = true) {
  const negative = rateDifference("negative verdicts", a.negative, b.negative);
  return [rateDifference("errors", a.errors, b.errors), negative && !verdictsComparable ? { ...negative, comparable: false } : negative].filter(
    (d) => d !== null && (d.from.n > 0 || d.to.n > 0)
  );
}

// scripts/lib/analysis/changes/cohort-sides.ts
function cohortGroups(recs, keyValue2) {
  const groups = /* @__PURE__ */ new Map();
  for (const r of recs) {
    const v = keyValue2(r) ?? "(unset)";
    let g = groups.get(v);
    if (!g) groups.set(v, g = []);
    g.push(r);
  }
  return groups;
}
function twoLargest(groups) {
  const sides = [...groups].map(([value, rs]) => ({ value, n: rs.length, first: rs.reduce((m, r) => Math.min(m, r.t), Number.POSITIVE_INFINITY), newestT: rs[0]?.t ?? 0 })).sort((a, b) => a.first - b.first).sort((a, b) => b.n - a.n).slice(0, 2).sort((x, y) => x.newestT - y.newestT);
  return { from: sides[0]?.value ?? null, to: sides[1]?.value ?? null };
}
function commonSampleRange(a, b, hasSpans) {
  const span = (rs) => {
    const ts = rs.filter(hasSpans).map((r) => r.t);
    return ts.length ? [Math.min(...ts), Math.max(...ts)] : null;
  };
  const x = span(a);
  const y = span(b);
  if (!x || !y) return null;
  const lo = Math.max(x[0], y[0]);
  const hi = Math.min(x[1], y[1]);
  return lo <= hi ? [lo, hi] : null;
}

// scripts/lib/analysis/changes/trace-record.ts
var TRACE_NAME_TAG = "mlflow.traceName";
var keyedOf2 = keyedValues(MLFLOW_BOOKKEEPING);
function recordOf(trace) {
  const { info } = trace;
  if (info.requestTimeMs === null) return null;
  const kv = {};
  for (const [k, v] of keyedOf2(info)) kv[k] = v;
  return {
    id: info.traceId,
    t: info.requestTimeMs,
    app: info.tags[TRACE_NAME_TAG] ?? null,
    state: info.state,
    durationMs: info.durationMs,
    tokens: tokenTotalOf(info),
    kv,
    request: info.requestPreview ? info.requestPreview.slice(0, 300) : null,
    verdicts: verdictsOf(trace)
  };
}
var iso = (ms) => new Date(ms).toISOString();
var isBad = (r) => r.state === "ERROR" || r.verdicts.some((v) => v.negative);
function verdictLabels(recs) {
  const sources = /* @__PURE__ */ new Map();
  for (const r of recs) for (const v of r.verdicts) sources.set(v.name, (sources.get(v.name) ?? /* @__PURE__ */ new Set()).add(v.source));
  const multiSource = new Set([...sources].filter(([, s]) => s.size > 1).map(([n]) => n));
  return (v) => multiSource.has(v.name) ? `${v.name} [${v.source}]` : v.name;
}

// scripts/lib/analysis/changes/cohort-stats.ts
var MIN_COHORT = 20;
var rate = (n, of) => ({ n, of, rate: of ? n / of : null });
var tally = (values) => {
  const m = /* @__PURE__ */ new Map();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].map(([value, count3]) => ({ value, count: count3 })).sort((a, b) => b.count - a.count);
};
function verdictRates(judged, label) {
  const names = /* @__PURE__ */ new Map();
  for (const r of judged) {
    for (const v of new Map(r.verdicts.map((x) => [label(x), x])).values()) {
      const name = label(v);
      const s = names.get(name) ?? { n: 0, of: 0, assessment: v.name, source: v.source };
      s.of += 1;
      if (r.verdicts.some((x) => label(x) === name && x.negative)) s.n += 1;
      names.set(name, s);
    }
  }
  return [...names.entries()].map(([name, s]) => ({ name, assessment: s.assessment, source: s.source, ...rate(s.n, s.of) })).sort((a, b) => a.name.localeCompare(b.name));
}
function spanFigures(rs, src) {
  const spanTimes = /* @__PURE__ */ new Map();
  const params = /* @__PURE__ */ new Map();
  const finish = [];
  const costed = [];
  const spanApp = src.spanApp ?? null;
  let spansRead = 0;
  for (const r of rs) {
    const f = src.facts.get(r.id);
    if (!f || spanApp !== null && f.root !== null && f.root !== spanApp || !(src.inRange?.(r) ?? true)) continue;
    spansRead += 1;
    for (const s of f.spans) {
      let x = spanTimes.get(s.name);
      if (!x) spanTimes.set(s.name, x = { self: [], dur: [] });
      x.self.push(s.self);
      x.dur.push(s.dur);
    }
    for (const [k, v] of Object.entries(f.params)) {
      let x = params.get(k);
      if (!x) params.set(k, x = []);
      x.push(v);
    }
    finish.push(...f.finish);
    costed.push({ t: r.t, calls: f.calls });
  }
  const spans = [...spanTimes.entries()].map(([name, x]) => ({ name, count: x.self.length, selfP50: percentile(x.self, 0.5), selfP95: percentile(x.self, 0.95), p50: percentile(x.dur, 0.5) })).sort((a, b) => (b.selfP50 ?? 0) - (a.selfP50 ?? 0));
  const paramTallies = Object.fromEntries([...params.entries()].map(([k, v]) => [k, tally(v)]));
  return { spansRead, spans, params: paramTallies, finishReasons: tally(finish), cost: summariseCost(costed, src.prices) };
}
function cohortOf(value, rs, src) {
  const judged = rs.filter((r) => r.verdicts.length);
  const durs = rs.map((r) => r.durationMs).filter((d) => d !== null);
  const toks = rs.map((r) => r.tokens).filter((d) => d !== null);
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const r of rs) {
    first = Math.min(first, r.t);
    last = Math.max(last, r.t);
  }
  const { spansRead, spans, params, finishReasons: finishReasons2, cost } = spanFigures(rs, src);
  return {
    value,
    traces: rs.length,
    first: iso(first),
    last: iso(last),
    errors: rate(rs.filter((r) => r.state === "ERROR").length, rs.length),
    negative: rate(judged.filter((r) => r.verdicts.some((v) => v.negative)).length, judged.length),
    verdicts: verdictRates(judged, src.label),
    latency: { p50: percentile(durs, 0.5), p95: percentile(durs, 0.95) },
    tokensP50: percentile(toks, 0.5),
    spansRead,
    spans,
    params,
    finishReasons: finishReasons2,
    cost
  };
}

// scripts/lib/analysis/changes/switches.ts
function runsOf(sorted) {
  const runs = [];
  for (const p of sorted) {
    const last = runs.at(-1);
    if (last && last.value === p.value) {
      last.n += 1;
      last.lastMs = p.t;
    } else runs.push({ value: p.value, n: 1, firstMs: p.t, lastMs: p.t });
  }
  return runs;
}
function valueTable(points) {
  const m = /* @__PURE__ */ new Map();
  for (const p of points) {
    const v = m.get(p.value);
    if (!v) m.set(p.value, { value: p.value, count: 1, firstMs: p.t, lastMs: p.t });
    else {
      v.count += 1;
      v.firstMs = Math.min(v.firstMs, p.t);
      v.lastMs = Math.max(v.lastMs, p.t);
    }
  }
  return [...m.values()].sort((a, b) => a.firstMs - b.firstMs);
}
function detectSwitch(key, points, opts = {}) {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const values = valueTable(sorted);
  const base = { key, values, points: sorted.length };
  if (values.length <= 1) return { ...base, kind: "constant", changes: [] };
  const maxChanges = opts.maxChanges ?? 4;
  const minRun = Math.max(opts.minRun ?? 3, Math.floor((opts.minShare ?? 0.02) * sorted.length));
  const short2 = runsOf(sorted).filter((r) => r.n < minRun);
  const strays = short2.reduce((s, r) => s + r.n, 0);
  if (strays > Math.max(2, 0.05 * sorted.length)) {
    const change = takeover(sorted, minRun);
    return change ? { ...base, kind: "rollout", changes: [change], strays } : { ...base, kind: "interleaved", changes: [], strays };
  }
  const noise = new Set(short2);
  const runs = runsOf(sorted.filter((_p, i) => !inRun(noise, sorted, i)));
  if (runs.length <= 1) return { ...base, kind: "constant", changes: [], strays };
  if (runs.length - 1 > maxChanges) {
    const change = takeover(sorted, minRun);
    return change ? { ...base, kind: "rollout", changes: [change], strays } : { ...base, kind: "interleaved", changes: [], strays };
  }
  const changes = [];
  for (let i = 1; i < runs.length; i++) {
    const a = runs[i - 1];
    const b = runs[i];
    changes.push({ from: a.value, to: b.value, lastFromMs: a.lastMs, firstToMs: b.firstMs, before: a.n, after: b.n });
  }
  return { ...base, kind: changes.length === 1 ? "switch" : "back-and-forth", changes, strays };
}
var DOMINANT = 0.75;
function takeover(sorted, minRun) {
  const counts2 = /* @__PURE__ */ new Map();
  for (const p of sorted) counts2.set(p.value, (counts2.get(p.value) ?? 0) + 1);
  const n = sorted.length;
  let best = null;
  const top = [...counts2].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([v]) => v);
  for (const from2 of top)
    for (const to2 of top) {
      if (from2 === to2) continue;
      let fromBefore = 0;
      let toAfter = counts2.get(to2) ?? 0;
      for (let i2 = 1; i2 < n; i2++) {
        const v = sorted[i2 - 1].value;
        if (v === from2) fromBefore += 1;
        if (v === to2) toAfter -= 1;
        if (i2 < minRun || n - i2 < minRun) continue;
        if (fromBefore < DOMINANT * i2 || toAfter < DOMINANT * (n - i2)) continue;
        const score = fromBefore + toAfter;
        if (!best || score > best.score) best = { i: i2, from: from2, to: to2, score };
      }
    }
  if (!best) return null;
  const { i, from, to } = best;
  const before = sorted.slice(0, i);
  const after = sorted.slice(i);
  const lastFrom = before.filter((p) => p.value === from).at(-1);
  const firstTo = after.find((p) => p.value === to);
  const firstSeen = sorted.find((p) => p.value === to);
  const lastOld = sorted.filter((p) => p.value === from).at(-1);
  return {
    from,
    to,
    lastFromMs: lastFrom.t,
    firstToMs: firstTo.t,
    before: before.filter((p) => p.value === from).length,
    after: after.filter((p) => p.value === to).length,
    rollout: {
      firstSeenMs: firstSeen.t,
      lastOldMs: lastOld.t,
      canary: before.filter((p) => p.value === to).length,
      stragglers: after.filter((p) => p.value === from).length
    }
  };
}
function inRun(runs, sorted, i) {
  const p = sorted[i];
  for (const r of runs) if (r.value === p.value && p.t >= r.firstMs && p.t <= r.lastMs) return true;
  return false;
}
function valuePath(changes) {
  const first = changes[0];
  return first ? [first.from, ...changes.map((c) => c.to)] : [];
}
var RELEASE_KEY = /version|release|deploy|build|commit|revision|model|prompt|variant|image|tag$/i;
function rankSwitches(findings) {
  const switching = findings.filter((f) => f.kind === "switch" || f.kind === "rollout" || f.kind === "back-and-forth");
  const score = (f) => (RELEASE_KEY.test(f.key) ? 0 : 4) + (f.kind === "back-and-forth" ? 2 : 0) + (f.key.startsWith("span.") ? 3 : 0);
  const sorted = [...switching].sort((a, b) => score(a) - score(b) || b.points - a.points || a.key.localeCompare(b.key));
  const groups = [];
  const sameMoment = (a, b) => a.changes.length === b.changes.length && a.changes.every((c, i) => {
    const d = b.changes[i];
    return Math.max(c.lastFromMs, d.lastFromMs) <= Math.min(c.firstToMs, d.firstToMs);
  });
  for (const f of sorted) {
    const g = groups.find((x) => sameMoment(x.lead, f));
    if (g) g.together.push(f);
    else groups.push({ lead: f, together: [] });
  }
  return groups;
}

// scripts/lib/analysis/changes/value-shift.ts
var SLICES = 4;
var MIN_PER_SLICE = 10;
var MIN_GAP = 0.2;
var Z = 4;
function valuesShift(points, kind) {
  if (kind === "switch" || kind === "rollout" || kind === "back-and-forth") return true;
  if (kind === "constant" || points.length < SLICES * MIN_PER_SLICE) return false;
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const overall = /* @__PURE__ */ new Map();
  for (const p of sorted) overall.set(p.value, (overall.get(p.value) ?? 0) + 1);
  for (let s = 0; s < SLICES; s++) {
    const slice = sorted.slice(Math.floor(s * sorted.length / SLICES), Math.floor((s + 1) * sorted.length / SLICES));
    const here = /* @__PURE__ */ new Map();
    for (const p of slice) here.set(p.value, (here.get(p.value) ?? 0) + 1);
    for (const [value, count3] of overall) {
      const p = count3 / sorted.length;
      const q = (here.get(value) ?? 0) / slice.length;
      if (Math.abs(q - p) >= Math.max(MIN_GAP, Z * Math.sqrt(p * (1 - p) / slice.length))) return true;
    }
  }
  return false;
}

// scripts/lib/analysis/changes/key-switches.ts
var MAX_VALUES2 = 12;
function keySwitches(recs, valuesOf) {
  const keys = /* @__PURE__ */ new Map();
  const tooMany = /* @__PURE__ */ new Set();
  for (const r of recs) {
    const kv = valuesOf(r);
    if (!kv) continue;
    for (const [k, value] of Object.entries(kv)) {
      if (tooMany.has(k)) continue;
      let key = keys.get(k);
      if (!key) keys.set(k, key = { points: [], values: /* @__PURE__ */ new Set() });
      key.values.add(value);
      if (key.values.size > MAX_VALUES2) {
        tooMany.add(k);
        keys.delete(k);
        continue;
      }
      key.points.push({ t: r.t, value });
    }
  }
  return [...keys].map(([key, { points }]) => {
    const f = detectSwitch(key, points);
    return { ...f, shifts: valuesShift(points, f.kind) };
  });
}

// scripts/lib/analysis/changes/rationale-clusters.ts
var mergeRationaleVariants = (accs) => mergeRationales(accs, {
  group: (c) => c.verdict,
  fingerprint: (c) => c.fingerprint,
  text: (c) => c.example,
  combine: (items, fp, example) => {
    const per = /* @__PURE__ */ new Map();
    for (const c of items)
      for (const [value, p] of c.per) {
        const q = per.get(value);
        if (!q) per.set(value, { ...p });
        else {
          q.count += p.count;
          if (p.newest.t > q.newest.t) q.newest = p.newest;
        }
      }
    return { verdict: items[0].verdict, fingerprint: fp, example, per };
  }
});
function clustersOf(recs, { cohortOf: cohortOf2, label }) {
  const clusters = /* @__PURE__ */ new Map();
  for (const r of recs) {
    const value = cohortOf2(r);
    for (const v of r.verdicts) {
      if (!v.negative) continue;
      const fp = v.rationale ? fingerprint(v.rationale) : "(no rationale)";
      const key = `${label(v)}\0${fp}`;
      let c = clusters.get(key);
      if (!c) clusters.set(key, c = { verdict: label(v), fingerprint: fp, example: v.rationale ?? "", per: /* @__PURE__ */ new Map() });
      const p = c.per.get(value);
      if (!p) c.per.set(value, { count: 1, newest: r });
      else {
        p.count += 1;
        if (r.t > p.newest.t) p.newest = r;
      }
    }
  }
  return [...clusters.values()];
}
function rationaleClusters(recs, cohorts, sides) {
  const { from, to } = sides;
  const judgedIn = (value, verdict) => cohorts.find((c) => c.value === value)?.verdicts.find((v) => v.name === verdict)?.of ?? 0;
  return mergeRationaleVariants(clustersOf(recs, sides)).map((c) => {
    const byCohort = cohorts.map((co) => {
      const p = c.per.get(co.value);
      return {
        value: co.value,
        count: p?.count ?? 0,
        judged: judgedIn(co.value, c.verdict),
        newest: p?.newest.id ?? null,
        request: p?.newest.request ?? null
      };
    }).filter((x) => x.count > 0 || x.value === from || x.value === to);
    const total = byCohort.reduce((s, x) => s + x.count, 0);
    return { verdict: c.verdict, fingerprint: c.fingerprint, example: c.example, total, byCohort, trend: trendOf(byCohort, from, to) };
  }).sort((a, b) => b.total - a.total);
}
function trendOf(byCohort, from, to) {
  const a = byCohort.find((x) => x.value === from);
  const b = byCohort.find((x) => x.value === to);
  if (!a || !b) return "one cohort";
  if (a.judged === 0 || b.judged === 0) return "unjudged";
  const ra = a.judged ? a.count / a.judged : 0;
  const rb = b.judged ? b.count / b.judged : 0;
  if (a.count === 0 || rb >= 3 * ra) return b.count ? "new" : "steady";
  if (b.count === 0 || ra >= 3 * rb) return "gone";
  return "steady";
}

// scripts/lib/analysis/changes/rollback.ts
var began = (c) => c.rollout?.firstSeenMs ?? c.firstToMs;
function rollbackPlan(r) {
  const lead = r.switches.find((s) => s.key === r.by);
  const back = lead?.changes.at(-1);
  if (!lead || !back || lead.changes.length < 2 || lead.changes[0]?.from !== r.to || back.from !== r.from || back.to !== r.to) return null;
  let i = lead.changes.length - 2;
  while (i >= 0 && !(lead.changes[i]?.from === r.to && lead.changes[i]?.to === r.from)) i -= 1;
  const release = lead.changes[i];
  if (!release) return null;
  const prior = lead.changes[i - 1];
  return { release, back, beforeFromMs: prior ? began(prior) : null, releaseMs: began(release), backMs: began(back) };
}
function rollbackCost(p, key, recs, keyValue2, src) {
  const picked = [];
  const stretch = (value, fromMs, toMs) => {
    const rs = recs.filter((r) => keyValue2(r) === value && (fromMs === null || r.t >= fromMs) && (toMs === null || r.t < toMs));
    picked.push(...rs);
    const c = cohortOf(value, rs, src);
    const bound = (ms) => ms === null ? null : iso(ms);
    return { value, from: bound(fromMs), to: bound(toMs), traces: rs.length, spansRead: c.spansRead, perTrace: c.cost?.perTrace ?? null };
  };
  const a = p.release.from;
  const b = p.release.to;
  const stretches = [stretch(a, p.beforeFromMs, p.releaseMs), stretch(b, p.releaseMs, p.backMs), stretch(a, p.backMs, null)];
  return { key, stretches, source: cohortOf(a, picked, src).cost?.source ?? null };
}

// scripts/lib/analysis/changes/span-facts.ts
var obj = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : {};
var text2 = (v) => v === null || v === void 0 ? null : typeof v === "string" ? v : JSON.stringify(v);
function finishReasons(n) {
  const out = obj(spanOutputs(n.span)?.value);
  const choices = Array.isArray(out.choices) ? out.choices : [];
  const reasons = choices.map((c) => text2(obj(c).finish_reason)).filter((x) => !!x);
  if (reasons.length) return reasons;
  const r = text2(out.finish_reason ?? out.stop_reason);
  return r ? [r] : [];
}
function systemPrompt(n) {
  const inputs = spanInputs(n.span)?.value;
  const system = obj(inputs).system;
  if (typeof system === "string") return system.slice(0, 2e3);
  const first = messagesOf(inputs)?.find((m) => m.role === "system");
  return first ? first.text.slice(0, 2e3) : null;
}
function putModelParams(node, params) {
  const m = modelParams(node);
  const put = (k, v) => {
    const s = Array.isArray(v) ? v.length ? v.join(",") : null : text2(v);
    if (s !== null) params[`span.${node.span.name}.${k}`] = s;
  };
  put("model", m.model);
  put("temperature", m.temperature);
  put("max_tokens", m.maxTokens);
  put("top_p", m.topP);
  put("tools", m.tools);
  put("system_prompt", systemPrompt(node));
}
function spanFactsOf(trace, prices = BUILTIN_PRICES) {
  const tree = buildTree(trace.spans);
  const facts = { root: tree.roots[0]?.span.name ?? null, spans: [], params: {}, finish: [], calls: callCostsOf(trace, prices) };
  for (const node of tree.nodes) {
    const d = durationOf(node.span);
    if (d !== null) facts.spans.push({ name: node.span.name, self: selfTimeMs(node), dur: d });
    if (isModelCall(node)) {
      putModelParams(node, facts.params);
      facts.finish.push(...finishReasons(node));
    }
    const inputs = obj(spanInputs(node.span)?.value);
    for (const k of ["top_k", "top_n", "k"]) if (inputs[k] !== void 0) facts.params[`span.${node.span.name}.${k}`] = text2(inputs[k]);
  }
  return facts;
}

// scripts/lib/analysis/changes/verdict-coverage.ts
var FAR_RARER = 3;
var share = (s) => s.traces ? s.judged / s.traces : 0;
function verdictCoverage(from, to) {
  const labels = [...new Set([...from.verdicts, ...to.verdicts].map((v) => v.name))];
  if (!labels.length) return null;
  const uneven = [];
  const even = [];
  for (const label of labels) {
    const a = from.verdicts.find((v) => v.name === label);
    const b = to.verdicts.find((v) => v.name === label);
    const known = a ?? b;
    const row2 = {
      label,
      assessment: known.assessment,
      source: known.source,
      from: { judged: a?.of ?? 0, traces: from.traces },
      to: { judged: b?.of ?? 0, traces: to.traces }
    };
    const [lo, hi] = [share(row2.from), share(row2.to)].sort((x, y) => x - y);
    if (a && b && lo * FAR_RARER >= hi) even.push({ ...row2, fromRate: { n: a.n, of: a.of, rate: a.rate }, toRate: { n: b.n, of: b.of, rate: b.rate } });
    else uneven.push({ ...row2, absentFrom: !a ? "from" : !b ? "to" : null });
  }
  return { comparable: uneven.length === 0, uneven, even };
}

// scripts/lib/analysis/changes/trace-pairs.ts
function switchPair(recs, keyValue2, from, to, atMs) {
  let after = null;
  for (const r of recs) if (keyValue2(r) === to && (atMs === void 0 || r.t >= atMs) && (!after || r.t < after.t)) after = r;
  if (!after) return null;
  let before = null;
  for (const r of recs) if (keyValue2(r) === from && r.t <= after.t && (!before || r.t > before.t)) before = r;
  if (!before) {
    for (const r of recs) if (keyValue2(r) === from && (!before || r.t > before.t)) before = r;
  }
  if (!before) return null;
  return { before: { traceId: before.id, time: iso(before.t), value: from }, after: { traceId: after.id, time: iso(after.t), value: to } };
}
function badAfterGood(recs, keyValue2, from, to) {
  const good = (r) => r.state === "OK" && r.verdicts.length > 0 && !isBad(r);
  const after = recs.filter((r) => keyValue2(r) === to && isBad(r)).sort((a, b) => a.t - b.t);
  const before = recs.filter((r) => keyValue2(r) === from && good(r)).sort((a, b) => b.t - a.t);
  const fb = after.find((r) => r.verdicts.some((v) => v.negative)) ?? after[0];
  if (!fb || !before.length) return null;
  const same = before.find((r) => r.request !== null && r.request === fb.request);
  const lg = same ?? before[0];
  const why = fb.verdicts.find((v) => v.negative);
  return {
    lastGood: { traceId: lg.id, time: iso(lg.t), request: lg.request },
    firstBad: { traceId: fb.id, time: iso(fb.t), request: fb.request, why: why ? `${why.name}: ${why.rationale ?? "negative"}` : "ERROR" },
    sameRequest: !!same
  };
}

// scripts/lib/analysis/changes/changes.ts
var NO_COHORTS = {
  from: null,
  to: null,
  cohorts: [],
  tooSmall: [],
  differences: [],
  verdictCoverage: null,
  slowSpan: null,
  paramChanges: [],
  rationales: [],
  pair: null,
  switchPair: null,
  costDrivers: [],
  costSplits: [],
  rollback: null,
  sampling: "either side",
  sampleRange: null
};
var ChangeAccumulator = class {
  constructor(prices = BUILTIN_PRICES) {
    this.prices = prices;
  }
  records = [];
  facts = /* @__PURE__ */ new Map();
  /** The tag / metadata keys' findings, kept while no trace info is added: a triage reports twice. */
  kvFindings = null;
  addInfo(trace) {
    const r = recordOf(trace);
    if (r) this.records.push(r);
  }
  addSpans(trace) {
    if (this.facts.has(trace.info.traceId) || !trace.spans.length) return;
    this.facts.set(trace.info.traceId, spanFactsOf(trace, this.prices));
  }
  applications() {
    return applicationsOf(this.records);
  }
  /** The application analysed: the one asked for, else the one with most traces. */
  mainApp(asked) {
    if (asked) return asked;
    return this.applications()[0]?.name ?? null;
  }
  appRecords(app) {
    return app === null ? this.records : this.records.filter((r) => r.app === app || r.app === null);
  }
  /** Switch findings over every few-valued key of the app's traces (and span parameters read). */
  switches(app) {
    const recs = this.appRecords(app);
    if (this.kvFindings?.app !== app || this.kvFindings.records !== this.records.length)
      this.kvFindings = { app, records: this.records.length, findings: keySwitches(recs, (r) => r.kv) };
    return [...this.kvFindings.findings, ...keySwitches(recs, (r) => this.facts.get(r.id)?.params)];
  }
  /** A `--by` key as the user wrote it (app_version, tag.app_version, metadata.x) → the record key. */
  resolveKey(by) {
    const keys = /* @__PURE__ */ new Set();
    for (const r of this.records) for (const k of Object.keys(r.kv)) keys.add(k);
    for (const f of this.facts.values()) for (const k of Object.keys(f.params)) keys.add(k);
    if (keys.has(by)) return by;
    for (const prefix of ["tag.", "metadata.", "span."]) if (keys.has(prefix + by)) return prefix + by;
    return [...keys].find((k) => k.endsWith(`.${by}`)) ?? null;
  }
  knownKeys() {
    const keys = /* @__PURE__ */ new Set();
    for (const r of this.records) for (const k of Object.keys(r.kv)) keys.add(k);
    return [...keys].sort();
  }
  valueOf(r, key) {
    return r.kv[key] ?? this.facts.get(r.id)?.params[key] ?? null;
  }
  keyValueOf(key) {
    return (r) => this.valueOf(r, key);
  }
  /** The switches found, each with the keys that switched with it and a pair either side of its last change. */
  switchRows(recs, groups) {
    return groups.map((g) => {
      const last = g.lead.changes.at(-1);
      return {
        key: g.lead.key,
        kind: g.lead.kind,
        changes: g.lead.changes,
        together: g.together.map((f) => {
          const path = valuePath(f.changes);
          return { key: f.key, from: path[0] ?? "", to: path.at(-1) ?? "", ...path.length > 2 ? { path } : {} };
        }),
        counts: g.lead.key.startsWith("span.") ? "traces read with spans" : "traces read",
        pair: last ? switchPair(recs, this.keyValueOf(g.lead.key), last.from, last.to, last.firstToMs) : null
      };
    });
  }
  /**
   * The switch, the cohort key and the two sides to compare, with no cohort statistics: what
   * choosing the span samples needs (`report` once they are read).
   */
  plan(o) {
    const applications = this.applications();
    const app = this.mainApp(o.app);
    const recs = this.appRecords(app);
    const findings = this.switches(app);
    const groups = rankSwitches(findings);
    const constantKeys = findings.filter((f) => f.kind === "constant" && f.points === recs.length && !f.key.startsWith("span.")).map((f) => ({ key: f.key, value: f.values[0]?.value ?? "" })).filter((k) => k.value.trim() !== "");
    const splitKeys = findings.filter((f) => !f.key.startsWith("span.") && f.values.length > 1 && f.shifts === true).map((f) => ({ key: f.key, values: f.values.length })).sort((x, y) => x.key.localeCompare(y.key));
    const lead = groups[0]?.lead;
    const by = o.by ?? lead?.key ?? null;
    const base = {
      applications,
      rootApps: applications.length ? [] : rootAppsOf(this.facts.values()),
      app,
      appTraces: recs.length,
      switches: this.switchRows(recs, groups),
      constantKeys,
      splitKeys,
      by,
      bySource: o.by ? "option" : by ? "switch" : null,
      ...NO_COHORTS,
      spanKeysFrom: this.facts.size
    };
    if (!by) return base;
    const change = o.by === void 0 || o.by === lead?.key ? lead?.changes.at(-1) : findings.find((f) => f.key === by)?.changes.at(-1);
    const keyValue2 = this.keyValueOf(by);
    if (change) return { ...base, from: change.from, to: change.to, switchPair: switchPair(recs, keyValue2, change.from, change.to, change.firstToMs) };
    const { from, to } = twoLargest(cohortGroups(recs, keyValue2));
    return { ...base, from, to, sampling: "same range", switchPair: from && to ? switchPair(recs, keyValue2, from, to) : null };
  }
  /** The plan with every cohort's statistics, the rate differences, the slow span, the parameters, the rationales and a pair. */
  report(o) {
    const plan = this.plan(o);
    const { by, from, to } = plan;
    if (!by) return plan;
    const recs = this.appRecords(plan.app);
    const keyValue2 = this.keyValueOf(by);
    const label = verdictLabels(recs);
    const groups = cohortGroups(recs, keyValue2);
    const sameRange = plan.sampling === "same range";
    const hasSpans = (r) => this.facts.has(r.id);
    const range = sameRange && from && to ? commonSampleRange(groups.get(from) ?? [], groups.get(to) ?? [], hasSpans) : null;
    const inRange = (r) => !sameRange || range !== null && r.t >= range[0] && r.t <= range[1];
    const src = { facts: this.facts, label, prices: this.prices, spanApp: this.spanApp(plan.app), inRange };
    const cohorts = [...groups].map(([value, rs]) => cohortOf(value, rs, src)).sort((a, b) => a.first.localeCompare(b.first));
    const A = cohorts.find((c) => c.value === from);
    const B = cohorts.find((c) => c.value === to);
    const cohortOfRecord = (r) => keyValue2(r) ?? "(unset)";
    const coverage = A && B ? verdictCoverage(A, B) : null;
    const back = sameRange ? null : rollbackPlan(plan);
    return {
      ...plan,
      cohorts,
      tooSmall: cohorts.filter((c) => c.traces < MIN_COHORT).map((c) => c.value),
      differences: A && B ? differences(A, B, coverage?.comparable ?? true) : [],
      verdictCoverage: coverage,
      slowSpan: A && B ? slowSpan(A, B) : null,
      paramChanges: A && B ? paramChanges(A, B) : [],
      rationales: rationaleClusters(recs, cohorts, { cohortOf: cohortOfRecord, label, from: from ?? void 0, to: to ?? void 0 }),
      pair: from && to ? badAfterGood(recs, keyValue2, from, to) : null,
      costDrivers: A?.cost && B?.cost ? costDrivers(A.cost, B.cost) : [],
      // After a rollback the rise to split is the release's (to → from): the rollback's fall has none.
      costSplits: A?.cost && B?.cost ? back ? priceVolumeSplits(B.cost, A.cost, this.prices) : priceVolumeSplits(A.cost, B.cost, this.prices) : [],
      rollback: back ? rollbackCost(back, by, recs, keyValue2, src) : null,
      sampleRange: range ? { from: iso(range[0]), to: iso(range[1]) } : null
    };
  }
  /**
   * When no trace is tagged with its root name (OTLP ingest tags none), the application whose
   * spans the cohorts describe: the root most traces read with spans have, if they have several.
   * Another application's spans (a 30 s batch job) must not fill the table. With the tag, the
   * records are that application's already (null: no further filter).
   */
  spanApp(app) {
    return app !== null ? null : rootAppsOf(this.facts.values())[0]?.name ?? null;
  }
};

// scripts/lib/analysis/triage/sampling.ts
function sliceBounds(fromMs, toMs, count3) {
  const n = Math.max(1, Math.min(count3, toMs - fromMs));
  const bounds = [];
  for (let i = 0; i < n; i++) bounds.push([fromMs + Math.floor((toMs - fromMs) * i / n), fromMs + Math.floor((toMs - fromMs) * (i + 1) / n)]);
  return bounds;
}
function estimateSlice(read, cap, fromMs, toMs, oldestReadMs) {
  if (read < cap || oldestReadMs === null) return { n: read, lo: read, hi: read, exact: true };
  const covered = Math.max(1, toMs - oldestReadMs);
  const rest = Math.max(0, oldestReadMs - fromMs) / covered;
  const spread = 1.96 * Math.sqrt(read);
  return {
    n: Math.round(read + read * rest),
    lo: Math.round(read + Math.max(0, read - spread) * rest),
    hi: Math.round(read + (read + spread) * rest),
    exact: false
  };
}
var sumEstimates = (xs) => ({
  n: xs.reduce((s, x) => s + x.n, 0),
  lo: xs.reduce((s, x) => s + x.lo, 0),
  hi: xs.reduce((s, x) => s + x.hi, 0),
  exact: xs.every((x) => x.exact)
});
var SliceAccumulator = class {
  read = 0;
  errors = 0;
  judged = 0;
  negative = 0;
  oldestMs = null;
  durations = [];
  /** A single-call (SQL) store tells how many matched in all: then nothing is extrapolated. */
  totalKnown = null;
  add(trace) {
    const { info } = trace;
    this.read += 1;
    if (info.state === "ERROR") this.errors += 1;
    if (info.durationMs !== null) this.durations.push(info.durationMs);
    if (info.requestTimeMs !== null) this.oldestMs = this.oldestMs === null ? info.requestTimeMs : Math.min(this.oldestMs, info.requestTimeMs);
    const verdicts = verdictsOf(trace);
    if (verdicts.length) this.judged += 1;
    if (verdicts.some((v) => v.negative)) this.negative += 1;
  }
  result(fromMs, toMs, cap) {
    return {
      fromMs,
      toMs,
      read: this.read,
      traces: this.totalKnown !== null ? { n: this.totalKnown, lo: this.totalKnown, hi: this.totalKnown, exact: true } : estimateSlice(this.read, cap, fromMs, toMs, this.oldestMs),
      errors: this.errors,
      judged: this.judged,
      negative: this.negative,
      p50Ms: percentile(this.durations, 0.5)
    };
  }
};
function sliceTraces(traces, beforeMs, count3) {
  let startMs = Number.POSITIVE_INFINITY;
  for (const t2 of traces) {
    const at2 = t2.info.requestTimeMs;
    if (at2 !== null && at2 < beforeMs && at2 < startMs) startMs = at2;
  }
  if (startMs === Number.POSITIVE_INFINITY) return null;
  const bounds = sliceBounds(startMs, beforeMs, count3);
  const accs = bounds.map(() => new SliceAccumulator());
  for (const t2 of traces) {
    const at2 = t2.info.requestTimeMs;
    const i = at2 === null ? -1 : bounds.findIndex(([from, to]) => at2 >= from && at2 < to);
    if (i >= 0) accs[i]?.add(t2);
  }
  const slices = bounds.map(([fromMs, toMs], i) => accs[i].result(fromMs, toMs, Number.POSITIVE_INFINITY));
  return { fromMs: startMs, toMs: beforeMs, cap: null, slices, traces: sumEstimates(slices.map((s) => s.traces)) };
}

// scripts/lib/commands/triage/cohort-searches.ts
var COHORT_SAMPLE = 100;
function cohortSearches(plan) {
  const { from, to } = plan;
  if (!from || !to) return [];
  const toOrder = plan.sampling === "same range" ? "timestamp_ms DESC" : "timestamp_ms ASC";
  const open = { fromMs: null, beforeMs: null };
  const before = { value: from, order: "timestamp_ms DESC", ...open, limit: COHORT_SAMPLE, label: `cohort-${from}` };
  const back = plan.sampling === "either side" ? rollbackPlan(plan) : null;
  if (!back) return [before, { value: to, order: toOrder, ...open, limit: COHORT_SAMPLE, label: `cohort-${to}` }];
  const half = Math.ceil(COHORT_SAMPLE / 2);
  return [
    before,
    { value: to, order: "timestamp_ms ASC", fromMs: back.backMs, beforeMs: null, limit: half, label: `cohort-${to}` },
    { value: to, order: "timestamp_ms DESC", fromMs: back.beforeFromMs, beforeMs: back.releaseMs, limit: half, label: `cohort-${to}-before` }
  ];
}
var timeClause = (c) => andFilter(c.fromMs === null ? void 0 : `trace.timestamp_ms >= ${c.fromMs}`, c.beforeMs === null ? void 0 : `trace.timestamp_ms < ${c.beforeMs}`);
function pickSample(c, recs, keyValue2) {
  const rs = recs.filter((r) => keyValue2(r) === c.value && (c.fromMs === null || r.t >= c.fromMs) && (c.beforeMs === null || r.t < c.beforeMs));
  return rs.sort((x, y) => c.order === "timestamp_ms ASC" ? x.t - y.t : y.t - x.t).slice(0, c.limit);
}

// scripts/lib/commands/triage/changes-job.ts
var LOOK_BACK = 500;
function assertByKey(by, changes) {
  if (/^(metadata\.)?(mlflow\.trace\.)?session(\.id)?$/i.test(by))
    throw new SkillError("usage", `--by ${by}: a session id names one chat, not a cohort to compare.`, {
      hint: `Every chat of the window ranked by what went wrong: ${commandFor("triage_sessions", ["<EXPERIMENT>", "--since", "7d"])}; one chat: ${commandFor("session_transcript", ["<EXPERIMENT>", "<SESSION_ID>"])}.`
    });
  const key = changes.resolveKey(by);
  if (key) return key;
  const keys = changes.knownKeys();
  throw new SkillError("usage", `--by ${by}: no trace read has that key.`, {
    hint: keys.length ? `Keys on these traces: ${keys.slice(0, 15).join(", ")}${keys.length > 15 ? ", …" : ""}.` : "These traces carry no tags or metadata to split by."
  });
}
function cohortClause(key, value) {
  if (value === "(unset)") return null;
  const m = /^(tag|metadata)\.(.+)$/.exec(key);
  return m ? `${filterKey(m[1], m[2])} = ${quoteFilterValue(value, `${key} value`)}` : null;
}
function appClause(report, a) {
  if (a.traceName || report.applications.length < 2 || !report.app) return void 0;
  return `${filterKey("tag", "mlflow.traceName")} = ${quoteFilterValue(report.app, "trace name")}`;
}
function lookBackQuery(a, plan, windowStartMs) {
  const constant = plan.constantKeys.filter((k) => RELEASE_KEY.test(k.key) && cohortClause(k.key, k.value));
  const key = constant[0];
  if (!key) return null;
  const filter = andFilter(buildTraceFilter({ ...a.spec, sinceMs: void 0, untilMs: windowStartMs }), appClause(plan, a));
  return {
    key,
    query: { experimentId: a.experimentId, filter, orderBy: "timestamp_ms DESC", keep: a.keep, includeSpans: false, limit: LOOK_BACK, label: "look-back" }
  };
}
function cohortSampleIds(a, changes) {
  if (a.by) return null;
  const plan = changes.plan({ app: a.traceName });
  const by = plan.by;
  if (!by || !plan.from || !plan.to || plan.sampling !== "either side") return null;
  const app = appClause(plan, a) ? plan.app : void 0;
  const recs = changes.records.filter((r) => app === void 0 || r.app === app);
  const keyValue2 = (r) => changes.valueOf(r, by);
  const ids = cohortSearches(plan).flatMap((c) => (cohortClause(by, c.value) ? pickSample(c, recs, keyValue2) : []).map((r) => r.id));
  return { by, from: plan.from, to: plan.to, ids };
}
function startLookBack(a, changes, windowStartMs) {
  if (a.by || windowStartMs === null) return null;
  const plan = changes.plan({ app: a.traceName });
  const q = plan.switches.length ? null : lookBackQuery(a, plan, windowStartMs);
  if (!q) return null;
  let calls = 0;
  const pages = (async () => {
    const all = [];
    for await (const page of searchPages(q.query, a.cli)) {
      if (page.fetched) calls += 1;
      all.push(page);
    }
    return all;
  })();
  pages.catch(() => void 0);
  return { filter: q.query.filter, pages, calls: () => calls };
}
async function lookBack(a, changes, plan, windowStartMs, files, early, fetched) {
  const q = lookBackQuery(a, plan, windowStartMs);
  if (!q) return null;
  const { key, query } = q;
  let read = 0;
  let cut = false;
  let newestSame = null;
  let lastGood = null;
  const pages = early && early.filter === query.filter ? await early.pages : searchPages(query, a.cli);
  for await (const page of pages) {
    files.push(page.file);
    if (page.fetched && !Array.isArray(pages)) fetched();
    cut = page.more;
    for (const t2 of page.traces) {
      read += 1;
      changes.addInfo(t2);
      if (lastGood) continue;
      const v = t2.info.tags[key.key.replace(/^tag\./, "")] ?? t2.info.metadata[key.key.replace(/^metadata\./, "")];
      const time = t2.info.requestTimeMs ?? 0;
      if (v === key.value) newestSame = { id: t2.info.traceId, t: time };
      else if (v !== void 0) lastGood = { traceId: t2.info.traceId, time: new Date(time).toISOString(), value: v };
    }
  }
  const onset = newestSame ?? null;
  return {
    key: key.key,
    value: key.value,
    read,
    cut: cut && !lastGood,
    lastGood,
    // Pages come newest first: the last same-valued trace seen before the change is the onset.
    onset: onset ? { traceId: onset.id, time: new Date(onset.t).toISOString() } : null,
    windowStart: new Date(windowStartMs).toISOString()
  };
}
function feedAround(pages, changes, acc, files) {
  const traces = pages.flatMap((p) => p.traces).reverse();
  for (const page of pages) files.push(page.file);
  for (const t2 of traces) {
    changes.addInfo(t2);
    changes.addSpans(t2);
    acc.addSpans(t2, "sample");
  }
  return traces.length > 0;
}
async function runChanges(a, changes, acc, windowStartMs, window, early = null, server = null, presampled = null) {
  const files = [];
  const calls = { lookBack: 0, samples: 0 };
  const by = a.by ? assertByKey(a.by, changes) : void 0;
  let plan = changes.plan({ by, app: a.traceName });
  let onset = null;
  let sampledAround = false;
  if (!plan.switches.length && !by && windowStartMs !== null) {
    const located = await server?.run;
    if (located && "onset" in located) {
      onset = located.onset;
      calls.lookBack += located.calls;
      sampledAround = feedAround(located.pages, changes, acc, files);
    } else {
      onset = await lookBack(a, changes, plan, windowStartMs, files, early, () => {
        calls.lookBack += 1;
      });
      if (onset && located) onset.declined = located.declined;
    }
    if (onset?.lastGood) plan = changes.plan({ app: a.traceName });
  }
  const readById = !onset && presampled?.by === plan.by && presampled?.from === plan.from && presampled?.to === plan.to;
  if (plan.by && plan.from && plan.to && !sampledAround && !readById) {
    for (const c of cohortSearches(plan)) {
      const clause = cohortClause(plan.by, c.value);
      if (!clause) continue;
      const inWindow = onset?.lastGood && c.value !== onset.value ? void 0 : window;
      const since = onset?.lastGood && c.value !== onset.value ? void 0 : a.spec.sinceMs;
      const filter = andFilter(buildTraceFilter({ ...a.spec, sinceMs: since }), inWindow, timeClause(c), clause, appClause(plan, a));
      for await (const page of searchPages(
        { experimentId: a.experimentId, filter, orderBy: c.order, keep: a.keep, includeSpans: true, limit: c.limit, label: c.label, deferEach: true },
        a.cli
      )) {
        files.push(page.file);
        if (page.fetched) calls.samples += 1;
        for (const t2 of page.traces) {
          changes.addSpans(t2);
          acc.addSpans(t2, "sample");
        }
      }
    }
  }
  if (early) calls.lookBack += await early.pages.then(early.calls, early.calls);
  const report = onset && !onset.lastGood ? plan : changes.report({ by, app: a.traceName });
  return { report, onset, files, calls };
}

// scripts/lib/analysis/changes/cohort-window-cost.ts
function cohortMetricsFilter(key, value) {
  const m = /^(tag|metadata)\.(.+)$/.exec(key);
  if (!m) return { why: `${key} is a span parameter, and the metrics endpoint filters traces by tag, metadata and status only` };
  if (value === "(unset)") return { why: `the cohort without ${key} cannot be filtered (the endpoint has no "is not set")` };
  const name = m[2];
  if (!/^[\w.-]+$/.test(name) || value.includes('"')) return { why: `${key} = ${value} is not expressible in the metrics endpoint's filter syntax` };
  return { filter: `trace.${m[1]}.${name} = "${value}"` };
}
function cohortQueries(experimentId, s, cohortFilter) {
  const base = { experimentIds: [experimentId], filters: [...s.filters, cohortFilter], startMs: s.startMs, endMs: s.endMs };
  return {
    traces: { ...base, view: "TRACES", metric: "trace_count", aggregations: [{ type: "COUNT" }] },
    tokens: { ...base, view: "TRACES", metric: "total_tokens", aggregations: [{ type: "SUM" }] },
    cost: { ...base, view: "SPANS", metric: "total_cost", aggregations: [{ type: "SUM" }], dimensions: ["span_model_name"] }
  };
}
var sum = (points, label) => {
  let total = null;
  for (const p of points) {
    const v = p.values[label];
    if (v !== void 0 && Number.isFinite(v)) total = (total ?? 0) + v;
  }
  return total;
};
var isoOrNull2 = (ms, open) => open ? null : new Date(ms).toISOString();
function cohortWindowCost(s, answers, openEndMs) {
  const traces = sum(answers.traces, "COUNT") ?? 0;
  if (!traces) return { why: `the server counted no trace of cohort ${s.value} in the window` };
  const byModel = answers.cost.map((p) => ({ model: p.dimensions.span_model_name || "(no model name)", usd: p.values.SUM ?? 0 })).filter((m) => Number.isFinite(m.usd) && m.usd > 0).sort((a, b) => b.usd - a.usd);
  const usd3 = byModel.reduce((n, m) => n + m.usd, 0);
  if (!usd3) return { why: `no span of cohort ${s.value} has a cost recorded by MLflow (mlflow.llm.cost), so its calls are priced over the sample` };
  const tokens = sum(answers.tokens, "SUM");
  return {
    value: s.value,
    traces,
    usd: usd3,
    perTrace: usd3 / traces,
    tokens,
    tokensPerTrace: tokens === null ? null : tokens / traces,
    byModel,
    from: isoOrNull2(s.startMs, s.startMs <= 0),
    to: isoOrNull2(s.endMs, s.endMs >= openEndMs)
  };
}

// scripts/lib/analysis/triage/server-figures.ts
var SERVER_FIGURES = ["traces", "latency", "tokens", "costPerDay", "costByModel", "assessments", "verdictTotals"];
var OPEN_END_MS = Date.UTC(2100, 0, 1);
var quoted = (v) => v.includes('"') ? null : `"${v}"`;
function metricsScope(spec) {
  if (spec.raw?.trim()) return { unexpressible: "a --filter string (the metrics endpoint takes only tag, metadata and status filters)" };
  if (spec.minExecutionMs !== void 0) return { unexpressible: "--min-ms (the metrics endpoint has no execution-time filter)" };
  if (spec.feedback?.length) return { unexpressible: "--feedback (the metrics endpoint filters traces by tag, metadata and status only)" };
  if (spec.spanName !== void 0) return { unexpressible: "--span-name (the metrics endpoint filters spans only in its span view)" };
  const clauses = [];
  if (spec.status) clauses.push(["trace.status", spec.status]);
  for (const [k, v] of spec.tags ?? []) clauses.push([`trace.tag.${k}`, v]);
  for (const [k, v] of spec.metadata ?? []) clauses.push([`trace.metadata.${k}`, v]);
  if (spec.user !== void 0) clauses.push(["trace.metadata.mlflow.trace.user", spec.user]);
  if (spec.session !== void 0) clauses.push(["trace.metadata.mlflow.trace.session", spec.session]);
  if (spec.traceName !== void 0) clauses.push(["trace.tag.mlflow.traceName", spec.traceName]);
  const filters = [];
  for (const [key, value] of clauses) {
    const q = quoted(value);
    if (q === null || !/^[\w.-]+$/.test(key)) return { unexpressible: `the filter ${key} = ${value} (not expressible in the metrics endpoint's syntax)` };
    filters.push(`${key} = ${q}`);
  }
  return { filters, startMs: spec.sinceMs ?? 0, endMs: spec.untilMs ?? OPEN_END_MS };
}
var HOUR_S = 3600;
var DAY_S = 86400;
function figureQueries(experimentId, s) {
  const base = { experimentIds: [experimentId], filters: s.filters, startMs: s.startMs, endMs: s.endMs };
  return {
    // Per state, no buckets: exact totals in one data point per state (bucketsQuery gives the times).
    traces: { ...base, view: "TRACES", metric: "trace_count", aggregations: [{ type: "COUNT" }], dimensions: ["trace_status"] },
    latency: {
      ...base,
      view: "TRACES",
      metric: "latency",
      aggregations: [{ type: "PERCENTILE", percentile: 50 }, { type: "PERCENTILE", percentile: 95 }, { type: "MAX" }]
    },
    tokens: { ...base, view: "TRACES", metric: "total_tokens", aggregations: [{ type: "PERCENTILE", percentile: 50 }, { type: "SUM" }] },
    costPerDay: { ...base, view: "SPANS", metric: "total_cost", aggregations: [{ type: "SUM" }], intervalSeconds: DAY_S },
    costByModel: { ...base, view: "SPANS", metric: "total_cost", aggregations: [{ type: "SUM" }], dimensions: ["span_model_name"] },
    assessments: { ...base, view: "ASSESSMENTS", metric: "assessment_count", aggregations: [{ type: "COUNT" }], dimensions: ["assessment_name"] },
    // Feedback per name and value (no source dimension exists): positive and negative over the window, every source together.
    verdictTotals: {
      ...base,
      filters: [...s.filters, 'assessment.type = "feedback"'],
      view: "ASSESSMENTS",
      metric: "assessment_count",
      aggregations: [{ type: "COUNT" }],
      dimensions: ["assessment_name", "assessment_value"]
    }
  };
}
function bucketsQuery(experimentId, s, unit) {
  const base = { experimentIds: [experimentId], filters: s.filters, startMs: s.startMs, endMs: s.endMs };
  return {
    ...base,
    view: "TRACES",
    metric: "trace_count",
    aggregations: [{ type: "COUNT" }],
    dimensions: ["trace_status"],
    intervalSeconds: unit === "day" ? DAY_S : HOUR_S
  };
}
var countOf = (points) => points.reduce((n, p) => n + (p.values.COUNT ?? 0), 0);
var bucketMs = (p) => {
  const t2 = p.dimensions.time_bucket;
  const ms = t2 ? Date.parse(t2) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
};
var num = (v) => v === void 0 || !Number.isFinite(v) ? null : v;
function statesAggregate(totals2, buckets = null, unitMs = HOUR_S * 1e3) {
  const counts2 = {};
  for (const p of totals2) {
    const n = p.values.COUNT ?? 0;
    if (n) counts2[p.dimensions.trace_status ?? "UNKNOWN"] = (counts2[p.dimensions.trace_status ?? "UNKNOWN"] ?? 0) + n;
  }
  if (!buckets) return { kind: "states", counts: counts2, first: null, last: null };
  const points = buckets;
  const hours = [];
  let first = null;
  let last = null;
  for (const p of points) {
    const n = p.values.COUNT ?? 0;
    if (!n) continue;
    const state = p.dimensions.trace_status ?? "UNKNOWN";
    const t2 = bucketMs(p);
    if (t2 === null) continue;
    hours.push({ t: t2, state, n });
    first = first === null ? t2 : Math.min(first, t2);
    last = last === null ? t2 + unitMs - 1 : Math.max(last, t2 + unitMs - 1);
  }
  return { kind: "states", counts: counts2, first, last, hours };
}
function latencyAggregate(points, traces) {
  const v = points[0]?.values;
  if (!v || num(v.MAX) === null) return null;
  return { kind: "latency", count: traces, p50: num(v["P50.0"]), p95: num(v["P95.0"]), max: num(v.MAX) };
}
function tokensAggregate(points) {
  const v = points[0]?.values;
  const median = num(v?.["P50.0"]);
  return median === null ? null : { kind: "tokens", median, total: num(v?.SUM) };
}
var dayOf2 = (ms) => new Date(ms).toISOString().slice(0, 10);
function costPerDayAggregate(hourly, costDaily) {
  const traces = /* @__PURE__ */ new Map();
  for (const p of hourly) {
    const t2 = bucketMs(p);
    if (t2 !== null) traces.set(dayOf2(t2), (traces.get(dayOf2(t2)) ?? 0) + (p.values.COUNT ?? 0));
  }
  const usd3 = /* @__PURE__ */ new Map();
  for (const p of costDaily) {
    const t2 = bucketMs(p);
    const v = num(p.values.SUM);
    if (t2 !== null && v !== null && v > 0) usd3.set(dayOf2(t2), (usd3.get(dayOf2(t2)) ?? 0) + v);
  }
  if (!usd3.size) return null;
  const days = [.../* @__PURE__ */ new Set([...traces.keys(), ...usd3.keys()])].sort().map((day) => ({ day, traces: traces.get(day) ?? 0, usd: usd3.get(day) ?? 0 }));
  return { kind: "costPerDay", days };
}
function costByModelAggregate(points) {
  const models = points.map((p) => ({ model: p.dimensions.span_model_name || "(no model name)", usd: num(p.values.SUM) ?? 0 })).filter((m) => m.usd > 0).sort((a, b) => b.usd - a.usd);
  return models.length ? { kind: "costByModel", models } : null;
}
function assessmentsAggregate(points) {
  const counts2 = {};
  for (const p of points) {
    const name = p.dimensions.assessment_name;
    if (name) counts2[name] = (counts2[name] ?? 0) + (p.values.COUNT ?? 0);
  }
  return { kind: "assessments", counts: counts2 };
}
var storedValue = (text3) => {
  try {
    return JSON.parse(text3);
  } catch {
    return text3;
  }
};
function verdictTotalsAggregate(points) {
  const perName = {};
  for (const p of points) {
    const name = p.dimensions.assessment_name;
    const n = p.values.COUNT ?? 0;
    if (!name || !n) continue;
    const t2 = perName[name] ??= { judged: 0, positive: 0, negative: 0, noValue: 0 };
    const value = storedValue(p.dimensions.assessment_value ?? "null");
    if (value === null) {
      t2.noValue += n;
      continue;
    }
    t2.judged += n;
    const polarity = polarityOf(value, name);
    if (polarity === "positive") t2.positive += n;
    if (polarity === "negative") t2.negative += n;
  }
  return { kind: "verdictTotals", perName };
}

// scripts/lib/commands/triage/cohort-cost-pass.ts
var sample = (why, requests = 0) => ({ path: "sample", why, requests, cohorts: [] });
function rangeOf(value, window, onset) {
  if (onset?.lastGood && value !== onset.value) return { startMs: 0, endMs: Date.parse(onset.windowStart) };
  return window;
}
var sameCohorts = (x, y) => x.by === y.by && x.from === y.from && x.to === y.to && x.app === y.app && x.applications.length > 1 === y.applications.length > 1;
async function readCohortCost(a, onServer, r, onset) {
  if (!onServer || !r.by || !r.from || !r.to) return null;
  const scope = metricsScope(a.spec);
  if ("unexpressible" in scope) return sample(`the metrics endpoint cannot express ${scope.unexpressible}`);
  const app = !a.traceName && r.applications.length > 1 && r.app ? [`trace.tag.mlflow.traceName = "${r.app}"`] : [];
  if (app.length && r.app?.includes('"')) return sample(`the application name ${r.app} is not expressible in the metrics endpoint's filter syntax`);
  const scopes = [];
  for (const value of [r.from, r.to]) {
    const f = cohortMetricsFilter(r.by, value);
    if ("why" in f) return sample(f.why);
    scopes.push({ s: { value, filters: [...scope.filters, ...app], ...rangeOf(value, scope, onset) }, filter: f.filter });
  }
  let requests = 0;
  const ask = async (q) => {
    const answer = await queryMetrics(q, { timeoutMs: a.cli.timeoutMs });
    requests += answer.requests;
    return "refused" in answer ? answer.refused : answer.points;
  };
  const answered = await Promise.all(
    scopes.map(async ({ s, filter }) => {
      const qs = cohortQueries(a.experimentId, s, filter);
      const names = Object.keys(qs);
      const got = await Promise.all(names.map((n) => ask(qs[n])));
      const refused = got.find((x) => typeof x === "string");
      if (refused !== void 0) return { why: refused };
      return cohortWindowCost(s, Object.fromEntries(names.map((n, i) => [n, got[i]])), OPEN_END_MS);
    })
  );
  const why = answered.find((x) => "why" in x);
  if (why) return sample(why.why, requests);
  return { path: "server", why: null, requests, cohorts: answered };
}

// scripts/lib/commands/triage/span-passes.ts
var SLOW_SPANS = 200;
var storeQuery = (a, q) => ({ experimentId: a.experimentId, keep: a.keep, ...q });
function failingSpansQuery(a, acc, window) {
  const failing = acc.failingIdsNewestFirst();
  if (!failing.length) return null;
  const bound = Math.min(failing.length, a.maxFailing);
  const fromMs = failing.length > bound ? failing[bound - 1]?.t ?? null : null;
  const errorOnly = a.spec.status === "ERROR" ? void 0 : "trace.status = 'ERROR'";
  const filter = andFilter(a.filter, window, errorOnly, fromMs !== null ? `trace.timestamp_ms >= ${fromMs}` : void 0);
  return storeQuery(a, { filter, orderBy: "timestamp_ms DESC", includeSpans: true, limit: bound, label: "failing-spans", deferEach: true });
}
function slowSpansQuery(a, acc, window) {
  const threshold = acc.slowThresholdMs();
  if (threshold === null) return null;
  const filter = andFilter(a.filter, window, `trace.execution_time_ms >= ${Math.floor(threshold)}`);
  return storeQuery(a, { filter, orderBy: "execution_time_ms DESC", includeSpans: true, limit: SLOW_SPANS, label: "slow-spans", deferEach: true });
}
var SERVER_PAGE = 500;
function byIdsQuery(a, acc, samples) {
  const failing = acc.failingIdsNewestFirst().slice(0, a.maxFailing).map((f) => f.id);
  const slow = acc.slowIds(SLOW_SPANS);
  const ids = [.../* @__PURE__ */ new Set([...failing, ...slow, ...samples])];
  const filter = ids.length > SERVER_PAGE ? null : traceIdsFilter(ids);
  if (!filter) return null;
  const query = storeQuery(a, { filter, orderBy: "timestamp_ms DESC", includeSpans: true, limit: ids.length, label: "failing-slow-spans", deferEach: true });
  return { query, failing, slow, samples };
}
async function readByIds(a, q, acc, changes, files) {
  const byId = /* @__PURE__ */ new Map();
  let calls = 0;
  for await (const page of searchPages(q.query, a.cli)) {
    if (page.fetched) calls += 1;
    files.push(page.file);
    for (const t2 of page.traces) byId.set(t2.info.traceId, t2);
  }
  for (const [ids, pass] of [
    [q.failing, "failing"],
    [q.slow, "slow"],
    [q.samples, "sample"]
  ])
    for (const id of ids) {
      const t2 = byId.get(id);
      if (!t2) continue;
      acc.addSpans(t2, pass);
      changes.addSpans(t2);
    }
  return calls;
}
async function readSpanPasses(a, acc, changes, window, files, serverPage = false, samples = []) {
  const byIds = serverPage ? byIdsQuery(a, acc, samples) : null;
  if (byIds) return { failing: await readByIds(a, byIds, acc, changes, files.failingSpans), slow: 0, sampled: samples.length > 0 };
  const failing = failingSpansQuery(a, acc, window);
  const slow = slowSpansQuery(a, acc, window);
  const slowPages = [];
  const [fed, read] = await Promise.allSettled([
    failing ? feedSpans(a, failing, "failing", acc, changes, files.failingSpans) : Promise.resolve(0),
    (async () => {
      if (slow) for await (const page of searchPages(slow, a.cli)) slowPages.push(page);
    })()
  ]);
  if (fed.status === "rejected") throw fed.reason;
  if (read.status === "rejected") throw read.reason;
  return { failing: fed.value, slow: feedPages(slowPages, "slow", acc, changes, files.slowSpans), sampled: false };
}
async function feedSpans(a, query, pass, acc, changes, files) {
  let calls = 0;
  for await (const page of searchPages(query, a.cli)) calls += feedPages([page], pass, acc, changes, files);
  return calls;
}
function feedPages(pages, pass, acc, changes, files) {
  let calls = 0;
  for (const page of pages) {
    if (page.fetched) calls += 1;
    files.push(page.file);
    for (const t2 of page.traces) {
      acc.addSpans(t2, pass);
      changes.addSpans(t2);
    }
  }
  return calls;
}

// scripts/lib/analysis/changes/switch-buckets.ts
var LEVELS_S = [86400, 3600, 60];
var SMALL_BUCKET = 50;
function countQuery(experimentId, filters, range, sizeS) {
  return {
    experimentIds: [experimentId],
    view: "TRACES",
    metric: "trace_count",
    aggregations: [{ type: "COUNT" }],
    filters,
    intervalSeconds: sizeS,
    startMs: range.startMs,
    endMs: range.endMs - 1
  };
}
var startOf = (p) => {
  const ms = Date.parse(p.dimensions.time_bucket ?? "");
  return Number.isFinite(ms) ? ms : null;
};
function bucketsOf(all, withValue, range, sizeS) {
  const byStart = /* @__PURE__ */ new Map();
  const at2 = (ms) => {
    let b = byStart.get(ms);
    if (!b) byStart.set(ms, b = { startMs: ms, sizeS, all: 0, value: 0 });
    return b;
  };
  for (const [points, field] of [
    [all ?? [], "all"],
    [withValue, "value"]
  ])
    for (const p of points) {
      const ms = startOf(p);
      if (ms === null || ms + sizeS * 1e3 <= range.startMs || ms >= range.endMs) continue;
      at2(ms)[field] += p.values.COUNT ?? 0;
    }
  return [...byStart.values()].sort((a, b) => a.startMs - b.startMs);
}
var firstWith = (buckets) => buckets.find((b) => b.value > 0) ?? null;
function lastOther(buckets) {
  for (let i = buckets.length - 1; i >= 0; i--) {
    const b = buckets[i];
    if (b.all > b.value) return b;
  }
  return null;
}
function readFrom(buckets, last, before) {
  let i = buckets.indexOf(last);
  if (i < 0) return last.startMs;
  let n = last.all;
  while (n < before && i > 0) {
    i -= 1;
    n += buckets[i].all;
  }
  return buckets[i].startMs;
}
var rangeOfBucket = (b, within) => ({
  startMs: Math.max(b.startMs, within.startMs),
  endMs: Math.min(b.startMs + b.sizeS * 1e3, within.endMs)
});
function finer(sizeS) {
  const i = LEVELS_S.indexOf(sizeS);
  return i >= 0 && i < LEVELS_S.length - 1 ? LEVELS_S[i + 1] : null;
}
function pairAround(traces, value) {
  const sorted = [...traces].sort((a, b) => a.t - b.t);
  let lastGood = null;
  for (const x of sorted) if (x.value !== void 0 && x.value !== value) lastGood = x;
  const onset = sorted.find((x) => x.value === value && (lastGood === null || x.t >= lastGood.t)) ?? null;
  return { lastGood, onset };
}

// scripts/lib/commands/triage/server-onset.ts
var PAIR_READ = 200;
var Declined = class extends Error {
};
var keyValue = (t2, key) => key.startsWith("tag.") ? t2.info.tags[key.slice(4)] : key.startsWith("metadata.") ? t2.info.metadata[key.slice(9)] : void 0;
function keyToLocate(changes, a) {
  const plan = changes.plan({ app: a.traceName });
  if (plan.switches.length) return null;
  for (const k of plan.constantKeys) {
    if (!RELEASE_KEY.test(k.key)) continue;
    const f = cohortMetricsFilter(k.key, k.value);
    if ("filter" in f) return { key: k.key, value: k.value, filter: f.filter, app: plan.applications.length > 1 && !a.traceName ? plan.app : null };
  }
  return null;
}
async function narrowFirst(send, exp, filters, b, range) {
  let at2 = b;
  for (let size = at2 ? finer(at2.sizeS) : null; at2 && size; size = finer(size)) {
    const r = rangeOfBucket(at2, range);
    at2 = firstWith(bucketsOf(null, await send(countQuery(exp, filters, r, size)), r, size)) ?? at2;
  }
  return at2;
}
async function narrowLast(send, exp, scope, valueFilters, days, range) {
  let at2 = lastOther(days);
  let level = days;
  for (let size = at2 ? finer(at2.sizeS) : null; at2 && size && at2.all > SMALL_BUCKET; size = finer(size)) {
    const r = rangeOfBucket(at2, range);
    const [all, value] = await Promise.all([send(countQuery(exp, scope, r, size)), send(countQuery(exp, valueFilters, r, size))]);
    const buckets = bucketsOf(all, value, r, size);
    const found = lastOther(buckets);
    if (!found) break;
    [at2, level] = [found, buckets];
  }
  return at2 ? { last: at2, fromMs: readFrom(level, at2, PAIR_READ / 2) } : null;
}
var iso2 = (ms) => new Date(ms).toISOString();
function startServerOnset(a, changes, onServer, readOldestMs) {
  if (a.by || !onServer) return null;
  const scope = metricsScope(a.spec);
  const k = "filters" in scope ? keyToLocate(changes, a) : null;
  if (!k || !("filters" in scope)) return null;
  if (k.app?.includes('"')) return null;
  const filters = [...scope.filters, ...k.app ? [`trace.tag.mlflow.traceName = "${k.app}"`] : []];
  const range = { startMs: 0, endMs: scope.endMs };
  let requests = 0;
  const send = async (q) => {
    const answer = await queryMetrics(q, { timeoutMs: a.cli.timeoutMs });
    requests += answer.requests;
    if ("refused" in answer) throw new Declined(answer.refused);
    return answer.points;
  };
  const run = async () => {
    const withValue = [...filters, k.filter];
    const size = LEVELS_S[0];
    const [all, value] = await Promise.all([send(countQuery(a.experimentId, filters, range, size)), send(countQuery(a.experimentId, withValue, range, size))]);
    const days = bucketsOf(all, value, range, size);
    const [first, located] = await Promise.all([
      narrowFirst(send, a.experimentId, withValue, firstWith(days), range),
      narrowLast(send, a.experimentId, filters, withValue, days, range)
    ]);
    const last = located?.last ?? null;
    const counted = { traces: days.reduce((n, b) => n + b.all, 0), withValue: days.reduce((n, b) => n + b.value, 0) };
    const infos = [];
    if (located && last && last.startMs < readOldestMs) {
      const app = k.app ? `${filterKey("tag", "mlflow.traceName")} = ${quoteFilterValue(k.app, "trace name")}` : void 0;
      const filter = andFilter(buildTraceFilter({ ...a.spec, sinceMs: located.fromMs, untilMs: readOldestMs }), app);
      const q = {
        experimentId: a.experimentId,
        filter,
        orderBy: "timestamp_ms ASC",
        keep: a.keep,
        includeSpans: false,
        limit: PAIR_READ,
        label: "switch-pair"
      };
      for await (const page of searchPages(q, a.cli)) infos.push(...page.traces);
    }
    const around = infos.map((t2) => ({ id: t2.info.traceId, t: t2.info.requestTimeMs ?? 0, value: keyValue(t2, k.key) }));
    const pair2 = pairAround(around, k.value);
    const onset = {
      key: k.key,
      value: k.value,
      read: around.length,
      cut: false,
      lastGood: pair2.lastGood?.value !== void 0 ? { traceId: pair2.lastGood.id, time: iso2(pair2.lastGood.t), value: pair2.lastGood.value } : null,
      onset: pair2.onset ? { traceId: pair2.onset.id, time: iso2(pair2.onset.t) } : null,
      windowStart: iso2(readOldestMs),
      server: {
        ...counted,
        to: scope.endMs < OPEN_END_MS ? iso2(scope.endMs) : null,
        firstSeen: first ? { at: iso2(first.startMs), sizeS: first.sizeS } : null,
        lastOther: last ? { at: iso2(last.startMs), sizeS: last.sizeS, traces: last.all - last.value } : null,
        requests
      }
    };
    located$(onset);
    const { pages, calls } = await spansOf(a, infos);
    return { onset, pages, calls, requests };
  };
  let located$ = () => {
  };
  const locatedOnset = new Promise((ok) => {
    located$ = ok;
  });
  const whole2 = run().catch((err) => {
    if (err instanceof Declined) return { declined: err.message, requests };
    throw err;
  });
  whole2.then(
    () => located$(null),
    () => located$(null)
  );
  return { run: whole2, located: locatedOnset };
}
async function spansOf(a, infos) {
  const ids = infos.map((t2) => t2.info.traceId);
  const filter = traceIdsFilter(ids);
  if (!filter) return { pages: [], calls: 0 };
  const q = { experimentId: a.experimentId, filter, orderBy: "timestamp_ms ASC", keep: a.keep, includeSpans: true, limit: ids.length, label: "switch-pair" };
  const pages = [];
  let calls = 0;
  for await (const page of searchPages({ ...q, deferEach: true }, a.cli)) {
    if (page.fetched) calls += 1;
    pages.push(page);
  }
  return { pages, calls };
}

// scripts/lib/commands/triage/server-pass.ts
var paging = (why, requests = 0) => ({
  path: "paging",
  why,
  traces: null,
  requests,
  figures: SERVER_FIGURES.map((figure) => ({ figure, path: "paging" }))
});
async function timeBuckets(traces, send) {
  const daily = await send("day");
  if (typeof daily === "string" || countOf(daily) !== traces) return null;
  const days = new Set(daily.map((p) => p.dimensions.time_bucket)).size;
  if (days > 3) return { points: daily, unitMs: 864e5 };
  const hourly = await send("hour");
  if (typeof hourly === "string" || countOf(hourly) !== traces) return { points: daily, unitMs: 864e5 };
  return { points: hourly, unitMs: 36e5 };
}
async function readServerFigures(a, acc, counted = () => {
}) {
  const figures = await askServer(a, acc, counted);
  counted(figures.path);
  return figures;
}
async function askServer(a, acc, counted) {
  if (a.paging) return paging("--paging");
  const where = metricsEndpoint();
  if ("none" in where) return paging(`the tracking URI is ${where.none}`);
  const scope = metricsScope(a.spec);
  if ("unexpressible" in scope) return paging(`the metrics endpoint cannot express ${scope.unexpressible}`);
  const queries = figureQueries(a.experimentId, scope);
  let requests = 0;
  const send = async (q) => {
    const answer = await queryMetrics(q, { timeoutMs: a.cli.timeoutMs });
    requests += answer.requests;
    return "refused" in answer ? answer.refused : answer.points;
  };
  const ask = (figure) => send(queries[figure]);
  const totals2 = await ask("traces");
  if (typeof totals2 === "string") return paging(totals2, requests);
  counted("server");
  const traces = countOf(totals2);
  const buckets = await timeBuckets(traces, (unit) => send(bucketsQuery(a.experimentId, scope, unit)));
  const states = statesAggregate(totals2, buckets?.points ?? null, buckets?.unitMs);
  acc.addAggregate(states);
  const hourly = buckets?.points ?? [];
  const figures = [{ figure: "traces", path: "server" }];
  const fill = async (figure, use, empty = "") => {
    const points = await ask(figure);
    if (typeof points === "string") figures.push({ figure, path: "paging", why: points });
    else if (use(points) === false) figures.push({ figure, path: "paging", why: empty });
    else figures.push({ figure, path: "server" });
  };
  const add = (x) => {
    if (x) acc.addAggregate(x);
    return x;
  };
  await fill("latency", (p) => add(latencyAggregate(p, traces)));
  await fill("tokens", (p) => add(tokensAggregate(p)));
  const noCost = "the server summed no span cost in the window (MLflow recorded none: mlflow.llm.cost)";
  if (buckets) await fill("costPerDay", (p) => add(costPerDayAggregate(hourly, p)) !== null, noCost);
  else figures.push({ figure: "costPerDay", path: "paging", why: "the server's traces per day did not add up to its total" });
  await fill("costByModel", (p) => add(costByModelAggregate(p)));
  await fill("assessments", (p) => add(assessmentsAggregate(p)));
  await fill("verdictTotals", (p) => add(verdictTotalsAggregate(p)));
  return { path: "server", why: null, traces, requests, figures };
}

// scripts/lib/commands/triage/triage-job.ts
var TRIAGE_SUMMARY = `What is going wrong across many traces of an MLflow experiment: failures clustered by culprit span,
exception and message fingerprint (count, share, first/last seen, over-represented tag values,
per-hour/day histogram), negative verdicts by assessment with their rationale clusters, judge
failures apart, latency p50/p95/max per span (self time too) and the slow tail, token outliers.
mlflow calls: one per page of trace infos (a sqlite store answers in one; a tracking server pages 500
and answers them over REST from its search endpoint, no mlflow process), plus
the pages of spans of the failing and of the slow-tail traces, and of up to 100 OK traces that
called a failing span when no other pass read enough of them (its inputs are set beside them).

What it reads: every trace that matches the filters; with no --since, the whole experiment.
Clusters, verdicts and latency cover the newest 5,000 (--limit); older matches are sampled as 8
time slices (EARLIER IN THE WINDOW: counts and rates, estimated from the newest 500 of each slice
on a server). Every trace of the experiment in full: no --since and --limit 0 (on a server, one
mlflow call per 500 traces). --since 24h reads the last day only.

WHAT CHANGED (first, when a tag or metadata value switched in the window, e.g. a deploy): the switch
and its time, cohorts side by side (traces, error rate, negative verdicts among judged traces,
latency p50/p95, tokens, finish reasons, per-span self time, model parameters; counts behind every
rate), the span whose time grew, the parameter that changed, rationale clusters per cohort (new vs
unchanged), a last-good / first-bad pair for compare_traces. Several applications (root span names)
in one experiment are kept apart. When the whole window has one version, one bounded search looks
further back for the real onset and the last good trace. Costs 1-3 more mlflow calls.
On a tracking server that answers trace metrics: the failing and slow-tail traces of the newest 500
are read by id in one search, and when every trace read has one version the server's counts per
day, hour and minute locate where it began (first seen, the last trace without it) over every
trace; one search then reads the traces around that point (the pair and both cohorts' spans).`;
function asFilterError(err, a) {
  if (!(err instanceof SkillError) || err.kind !== "mlflow-failed" || !a.spec.raw) return err;
  if (!/filter|Invalid (clause|entity|attribute|comparator|value|identifier|search)|pars(e|ing)|INVALID_PARAMETER_VALUE|Expected/i.test(err.message))
    return err;
  const line = err.message.replace(/^mlflow (failed \(exit \d+\)|rejected the command): /, "").replace(/^mlflow\.exceptions\.\w+: /, "");
  return new SkillError("usage", `MLflow rejected the filter: ${line}`, {
    hint: `Filter sent: ${a.filter}. Syntax: tag.k = 'v', metadata.\`a.b\` = 'v', trace.status = 'ERROR', trace.timestamp_ms > N, span.name = 'x', feedback.name = 'v'; clauses joined by AND.`
  });
}
var storeQuery2 = (a, q) => ({ experimentId: a.experimentId, keep: a.keep, ...q });
var PASSES = ["infos", "sample", "failingSpans", "slowSpans", "changes", "okCalls"];
function passCalls() {
  const start = mlflowCallCount();
  const calls = Object.fromEntries(PASSES.map((p) => [p, 0]));
  return {
    async during(pass, run) {
      const before = mlflowCallCount();
      try {
        return await run();
      } finally {
        calls[pass] += mlflowCallCount() - before;
      }
    },
    /** Calls of a pass that ran beside another (its pages: one call each). */
    add(pass, n) {
      calls[pass] += n;
    },
    counts: () => ({ ...calls, total: mlflowCallCount() - start })
  };
}
async function readInfos(a, acc, changes, files) {
  const seen = { read: 0, more: false, totalKnown: null, oldestMs: null, rest: [] };
  try {
    for await (const page of searchPages(
      storeQuery2(a, { filter: a.filter, orderBy: "timestamp_ms DESC", includeSpans: a.allSpans, limit: a.limit ?? void 0, label: "infos" }),
      a.cli
    )) {
      files.push(page.file);
      for (const t2 of page.traces) {
        acc.addInfo(t2);
        changes.addInfo(t2);
        if (a.allSpans) {
          acc.addSpans(t2, "all");
          changes.addSpans(t2);
        }
        const ms = t2.info.requestTimeMs;
        if (ms !== null) seen.oldestMs = seen.oldestMs === null ? ms : Math.min(seen.oldestMs, ms);
      }
      Object.assign(seen, { read: seen.read + page.traces.length, more: page.more, rest: page.rest, totalKnown: page.totalKnown });
    }
  } catch (err) {
    throw asFilterError(err, a);
  }
  return seen;
}
var SERVER_SAMPLE = 500;
async function runTriage(given) {
  const searchesBefore = restSearchCount();
  const acc = new TriageAccumulator(TRIAGE_SECTIONS, { prices: given.prices });
  const changes = new ChangeAccumulator(given.prices);
  const files = Object.fromEntries(PASSES.map((p) => [p, []]));
  const calls = passCalls();
  let decided = () => {
  };
  const path = new Promise((resolve) => {
    decided = resolve;
  });
  const figures = readServerFigures(given, acc, decided);
  figures.catch(() => void 0);
  const onServer = await Promise.race([path, figures.then((f) => f.path)]) === "server";
  const a = onServer && !given.limitGiven ? { ...given, limit: SERVER_SAMPLE } : given;
  const infos = await calls.during("infos", () => readInfos(a, acc, changes, files.infos));
  const { read, more, oldestMs, rest } = infos;
  if (a.by && read) assertByKey(a.by, changes);
  const whole2 = infos.totalKnown !== null && infos.totalKnown < SQL_STORE_PAGE ? rest : null;
  const sample2 = await calls.during(
    "sample",
    async () => more && oldestMs !== null && a.slices > 0 && !onServer ? await sampleOlderWindow(a, oldestMs, files.sample, whole2) : null
  );
  const window = more && oldestMs !== null ? `trace.timestamp_ms >= ${oldestMs}` : void 0;
  const windowStartMs = a.spec.sinceMs ?? (more ? oldestMs : null);
  const located = read && windowStartMs !== null && oldestMs !== null ? startServerOnset(a, changes, onServer, oldestMs) : null;
  located?.run.catch(() => void 0);
  const earlyCost = located?.located.then((onset) => cohortCostAt(a, changes, onset)) ?? null;
  earlyCost?.catch(() => void 0);
  const early = read && !located ? startLookBack(a, changes, windowStartMs) : null;
  const presampled = read && onServer && !a.allSpans ? cohortSampleIds(a, changes) : null;
  let sampled = false;
  if (!a.allSpans) {
    const spanCalls = await readSpanPasses(a, acc, changes, window, files, onServer, presampled?.ids ?? []);
    calls.add("failingSpans", spanCalls.failing);
    calls.add("slowSpans", spanCalls.slow);
    sampled = spanCalls.sampled;
  }
  const changed = read ? await runChanges(a, changes, acc, windowStartMs, window, early, located && { run: located.run }, sampled ? presampled : null) : null;
  const onsetRun = located ? await located.run : null;
  calls.add("changes", (changed?.calls.lookBack ?? 0) + (changed?.calls.samples ?? 0));
  files.changes = changed?.files ?? [];
  const asked = await earlyCost?.catch(() => null);
  const cohortCost = asked && changed && sameCohorts(asked.spec, changed.report) ? asked.cost : changed ? readCohortCost(a, onServer, changed.report, changed.onset) : Promise.resolve(null);
  cohortCost.catch(() => void 0);
  if (!a.allSpans) await calls.during("okCalls", () => readOkCalls(a, acc, window, files.okCalls));
  if (changed) changed.report = { ...changed.report, cohortCost: await cohortCost };
  const server = await figures;
  server.requests += (onsetRun?.requests ?? 0) + (changed?.report.cohortCost?.requests ?? 0);
  const totalKnown = server.traces ?? infos.totalKnown;
  const findings = acc.result();
  storeNamedTraces(JSON.stringify([findings, changed]).match(TRACE_ID2) ?? []);
  const restSearches = restSearchCount() - searchesBefore;
  return { findings, read, more, totalKnown, files, changes: changed, sample: sample2, mlflowCalls: calls.counts(), server, restSearches };
}
var TRACE_ID2 = /tr-[0-9a-f]{32}/g;
function cohortCostAt(a, changes, onset) {
  if (!onset?.lastGood) return null;
  const plan = changes.plan({ app: a.traceName });
  const spec = { by: onset.key, from: onset.lastGood.value, to: onset.value, app: plan.app, applications: plan.applications };
  const cost = readCohortCost(a, true, spec, onset);
  cost.catch(() => void 0);
  return { spec, cost };
}
var OK_CALLS_SAMPLE = 100;
async function readOkCalls(a, acc, window, files) {
  if (a.spec.status) return;
  for (const [i, name] of acc.spansWantingOkCalls().entries()) {
    if (a.spec.spanName !== void 0 && a.spec.spanName !== name) continue;
    const filter = andFilter(a.filter, window, buildTraceFilter({ status: "OK", spanName: a.spec.spanName === name ? void 0 : name }));
    for await (const page of searchPages(
      storeQuery2(a, { filter, orderBy: "timestamp_ms DESC", includeSpans: true, limit: OK_CALLS_SAMPLE, label: `ok-calls-${i + 1}`, deferEach: true }),
      a.cli
    )) {
      files.push(page.file);
      for (const t2 of page.traces) acc.addSpans(t2, "sample");
    }
  }
}
var SLICE_CAP = 500;
async function sampleOlderWindow(a, beforeMs, files, whole2) {
  if (whole2) return sliceTraces(whole2, beforeMs, a.slices);
  const startMs = a.spec.sinceMs ?? await oldestTraceMs(a, files);
  if (startMs === null || startMs >= beforeMs) return null;
  const cap = Math.min(SLICE_CAP, Math.max(1, Math.ceil((a.limit ?? SLICE_CAP) / a.slices)));
  const slices = [];
  for (const [i, [fromMs, toMs]] of sliceBounds(startMs, beforeMs, a.slices).entries()) {
    const acc = new SliceAccumulator();
    const filter = andFilter(a.filter, fromMs === a.spec.sinceMs ? void 0 : `trace.timestamp_ms >= ${fromMs}`, `trace.timestamp_ms < ${toMs}`);
    for await (const page of searchPages(
      storeQuery2(a, { filter, orderBy: "timestamp_ms DESC", includeSpans: false, limit: cap, label: `sample-${i + 1}` }),
      a.cli
    )) {
      files.push(page.file);
      for (const t2 of page.traces) acc.add(t2);
      if (page.totalKnown !== null) acc.totalKnown = page.totalKnown;
    }
    slices.push(acc.result(fromMs, toMs, cap));
  }
  return { fromMs: startMs, toMs: beforeMs, cap, slices, traces: sumEstimates(slices.map((s) => s.traces)) };
}
async function oldestTraceMs(a, files) {
  for await (const page of searchPages(
    storeQuery2(a, { filter: a.filter, orderBy: "timestamp_ms ASC", includeSpans: false, limit: 1, label: "oldest" }),
    a.cli
  )) {
    files.push(page.file);
    return page.traces[0]?.info.requestTimeMs ?? null;
  }
  return null;
}

// scripts/lib/commands/triage/triage-traces.ts
var triageTraces = defineCommand({
  name: "triage_traces",
  summary: TRIAGE_SUMMARY,
  args: TRIAGE_ARGS,
  options: TRIAGE_OPTIONS,
  async run({ args, opts, argv }) {
    const a = triageArgs(
      { ...opts, experimentId: args.experimentId },
      argv.filter((x) => x !== "--json" && !x.startsWith("--json="))
    );
    a.experimentId = await experimentIdOf(a.experimentId, a.cli);
    let r = await runTriage(a);
    if (r.read > 0) return triageResult(a, r);
    let newest = await newestTrace(a.experimentId, a.cli);
    const named2 = newest === null ? await numberAsName(a.experimentId, a.cli) : null;
    if (!named2) return noMatch(a, newest);
    r = await runTriage(Object.assign(a, { experimentId: named2 }));
    if (r.read > 0) return triageResult(a, r);
    newest = await newestTrace(a.experimentId, a.cli);
    return noMatch(a, newest);
  }
});
var isoMinute = (ms) => `${new Date(ms).toISOString().slice(0, 16)}Z`;
var SHORT_COHORT = 100;
function widerWindow(a, report, nowMs = Date.now()) {
  const older = report?.cohorts.find((c) => c.value === report.from);
  const since = a.spec.sinceMs;
  if (!older || since === void 0 || older.traces >= SHORT_COHORT || Date.parse(older.first) - since > 36e5) return null;
  const until = a.spec.untilMs;
  if (until !== void 0) return triageCommand(a, [`--since ${isoMinute(until - 2 * (until - since))}`]);
  return triageCommand(a, [`--since ${Math.round(2 * (nowMs - since) / 36e5)}h`]);
}
var WEEK_MS = 7 * 864e5;
function weekUpTo(a, newest) {
  const since = a.spec.sinceMs;
  if (!newest || newest.timeMs === null || since === void 0 || newest.timeMs >= since) return null;
  const until = Math.floor(newest.timeMs / 6e4) * 6e4 + 6e4;
  return { newestMs: newest.timeMs, command: triageCommand(a, [`--since ${isoMinute(until - WEEK_MS)}`, `--until ${isoMinute(until)}`]) };
}
function noMatch(a, newest) {
  if (newest === null) {
    const named2 = experimentLabel(a.given, a.experimentId);
    throw new SkillError("experiment-not-found", `Experiment ${named2} has no traces (or does not exist in this tracking store).`, {
      hint: "Check the experiment with `mlflow experiments search` and MLFLOW_TRACKING_URI."
    });
  }
  const week = weekUpTo(a, newest);
  const newestJson = { traceId: newest.traceId, time: newest.timeMs === null ? null : new Date(newest.timeMs).toISOString() };
  return {
    json: {
      experimentId: a.experimentId,
      filter: a.filter,
      bounds: windowJson(a.window),
      traces: 0,
      matched: false,
      newest: newestJson,
      weekUpToNewest: week?.command ?? null
    },
    text: () => noMatchText(a.experimentId, a.filter, a.traceName, week, a.given)
  };
}
var windowFlags = (a) => [
  ...a.spec.sinceMs !== void 0 ? ["--since", new Date(a.spec.sinceMs).toISOString()] : [],
  ...a.spec.untilMs !== void 0 ? ["--until", new Date(a.spec.untilMs).toISOString()] : [],
  ...a.spec.user !== void 0 ? ["--user", a.spec.user] : [],
  ...(a.spec.tags ?? []).flatMap(([k, v]) => ["--tag", `${k}=${v}`])
];
function callsLine(c, metricsRequests, searchRequests) {
  const sample2 = c.sample ? `${c.sample} for the sample of the earlier window, ` : "";
  const okCalls = c.okCalls ? `, ${c.okCalls} for OK calls of the failing span` : "";
  const spans = `${c.failingSpans} for spans of failing traces, ${c.slowSpans} for the slow tail`;
  const metrics = metricsRequests ? `; ${plural(metricsRequests, "request")} to the metrics endpoint` : "";
  const search = searchRequests ? `; ${plural(searchRequests, "page")} of trace infos from the search endpoint over REST (no mlflow process)` : "";
  return `mlflow calls: ${c.infos} for trace infos, ${sample2}${spans}, ${c.changes} for what changed${okCalls}${metrics}${search}`;
}
function silence(a, r) {
  const last = r.findings.window.last;
  if (a.spec.sinceMs === void 0 || a.spec.untilMs !== void 0 || !last) return { silentForMs: null, windowMs: null };
  const now = a.window.nowMs ?? Date.now();
  return { silentForMs: now - Date.parse(last), windowMs: now - a.spec.sinceMs };
}
function triageResult(a, r) {
  const run = {
    experimentId: a.experimentId,
    given: a.given,
    filter: a.filter,
    window: a.window,
    source: a.source ?? null,
    read: r.read,
    limit: a.limit,
    more: r.more,
    totalKnown: r.totalKnown,
    sampled: r.sample !== null,
    ...silence(a, r),
    failingSpanBound: a.maxFailing,
    slowSpanBound: SLOW_SPANS,
    mlflowCalls: mlflowCallCount(),
    server: r.server
  };
  const follow = {
    inspect: (id) => commandFor("inspect_turn", [id]),
    compare: (x, y) => commandFor("compare_traces", [x, y]),
    all: triageCommand(a, ["--limit 0"]),
    paging: triageCommand(a, ["--paging", "--limit 0"]),
    json: triageCommand(a, ["--json"]),
    ...a.allSpans ? {} : { spans: triageCommand(a, ["--spans"]) },
    judges: (name) => commandFor("judge_agreement", [a.given, "--name", name, ...windowFlags(a)])
  };
  const { total: _total, ...callsBy } = r.mlflowCalls;
  return {
    json: {
      experimentId: a.experimentId,
      filter: a.filter,
      bounds: windowJson(a.window),
      source: a.source ?? null,
      read: r.read,
      limit: a.limit,
      more: r.more,
      totalKnown: r.totalKnown,
      cut: cutLine(run, follow),
      silence: silenceLine(run),
      sample: r.sample,
      windowTraces: r.sample ? windowEstimate(r.read, r.sample) : null,
      figures: r.server,
      ...r.findings,
      changes: r.changes
    },
    files: r.files,
    mlflowCallsBy: { ...callsBy, restSearches: r.restSearches },
    text: () => {
      const footer = [
        ...rawJsonLines("search", [...r.files.infos, ...r.files.sample, ...r.files.failingSpans, ...r.files.slowSpans, ...r.files.okCalls], {
          cache: cacheStatus()
        }),
        callsLine(r.mlflowCalls, r.server.requests, r.restSearches),
        `One trace in depth: ${commandFor("inspect_turn", ["<trace_id>"])} · two side by side: ${commandFor("compare_traces", ["<trace_a>", "<trace_b>"])}`
      ];
      const changeFollow = {
        compare: (x, y) => commandFor("compare_traces", [x, y, "--experiment-id", a.given]),
        byKey: (k) => triageCommand(a, [`--by ${k}`]),
        traceName: (n) => triageCommand(a, [`--trace-name ${n}`]),
        spanName: (n) => triageCommand(a, [`--span-name ${n}`]),
        wider: widerWindow(a, r.changes?.report),
        json: follow.json
      };
      const sections = triageSections(r.findings, run, follow);
      if (r.sample) sections.push(sampleSection(r.sample, r.read, follow.json));
      return renderBudgeted(withChanges(sections, changeSections(r.changes.report, r.changes.onset, changeFollow)), footer, a.maxChars, follow.json).text;
    }
  };
}

// scripts/triage_traces.ts
await runCommand(triageTraces);
