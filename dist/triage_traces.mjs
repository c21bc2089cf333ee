#!/usr/bin/env node
import {
  findErrors
} from "./lib/chunk-23VTPSS3.mjs";
import {
  selfTimeMs
} from "./lib/chunk-RZXAN3BL.mjs";
import {
  COMMON_OPTIONS_HELP,
  SkillError,
  andFilter,
  bool,
  buildTraceFilter,
  buildTree,
  cacheStatus,
  clip,
  commandFor,
  decodeValue,
  durationOf,
  exitCodeHelp,
  fmtInt,
  fmtMs,
  mlflowCallCount,
  num,
  oneLine,
  pageSizeFor,
  paint,
  parseFlags,
  parseSearch,
  parseTimeArg,
  parseUsageDict,
  plural,
  polarityOf,
  prepareOutDir,
  rawJsonLines,
  renderBudgeted,
  runScript,
  searchTraces,
  str
} from "./lib/chunk-AWLKMLHY.mjs";

// scripts/lib/render/triage.ts
var pct = (x) => `${x >= 0.1 || x === 0 ? Math.round(x * 100) : (x * 100).toFixed(1)}%`;
var shortTime = (iso2) => iso2 ? iso2.replace(/:\d{2}\.\d{3}Z$/, "Z").replace(/\.\d{3}Z$/, "Z") : "?";
function overRepLine(o) {
  return `${o.key}=${o.value}: ${fmtInt(o.inCluster)} of ${fmtInt(o.clusterSize)} here, ${pct(o.overallShare)} overall`;
}
function cutLine(run, follow) {
  if (!run.more) return null;
  const of = run.totalKnown !== null ? `of ${fmtInt(run.totalKnown)} matching` : `of more than ${fmtInt(run.read)} matching`;
  return `Read the newest ${fmtInt(run.read)} ${of} (--limit ${fmtInt(run.limit ?? run.read)}); --limit 0 for all: ${follow.all}`;
}
function clusterLines(c, i, follow) {
  const what = `${c.span ?? "(no span)"}${c.spanType ? ` [${c.spanType}]` : ""}${c.exceptionType ? ` ${c.exceptionType}` : ""}`;
  const lines = [
    `  ${i + 1}. ${paint.error(`${fmtInt(c.count)} traces`)} (${pct(c.share)}) ${what}: ${clip(c.fingerprint, 200)}`,
    `     e.g. ${JSON.stringify(clip(oneLine(c.example), 200))}`,
    `     seen ${shortTime(c.firstSeen)} … ${shortTime(c.lastSeen)}`
  ];
  for (const o of c.overRepresented.slice(0, 3)) lines.push(`     ${paint.warn("over-represented")} ${overRepLine(o)}`);
  lines.push(`     newest ${c.newest.traceId}: ${follow.inspect(c.newest.traceId)}`);
  if (c.oldest.traceId !== c.newest.traceId) lines.push(`     oldest ${c.oldest.traceId} (${shortTime(c.oldest.time)})`);
  return lines;
}
function triageSections(f, run, follow) {
  const header = [
    paint.head(`TRIAGE — experiment ${run.experimentId}: ${plural(f.traces, "trace")} read`) + (f.window.first ? ` (${shortTime(f.window.first)} … ${shortTime(f.window.last)})` : ""),
    `Filter: ${run.filter || "(none: every trace of the experiment)"}`,
    `States: ${Object.entries(f.states).sort((a, b) => b[1] - a[1]).map(([s, n]) => `${s} ${fmtInt(n)}`).join(" · ")}`
  ];
  const cut = cutLine(run, follow);
  if (cut) header.push(paint.warn(cut));
  const sections = [{ name: "header", priority: 0, lines: header }];
  const fail = [];
  if (!f.failing.count) fail.push(paint.head("FAILURES — none (no trace in state ERROR)"));
  else {
    fail.push(paint.head(`FAILURES — ${plural(f.failing.count, "failing trace")} (${pct(f.failing.count / Math.max(1, f.traces))} of those read) in ${plural(f.clusters.length, "cluster")}`) + " by deepest failing span, exception and message fingerprint");
    if (f.unclustered > 0) fail.push(paint.warn(`  spans read for the newest ${fmtInt(f.failing.spansRead)} failing traces only (bound ${fmtInt(run.failingSpanBound)}); ${fmtInt(f.unclustered)} more are counted, not clustered`));
    f.clusters.forEach((c, i) => fail.push(...clusterLines(c, i, follow)));
  }
  sections.push({ name: "failures", priority: 1, lines: fail, more: follow.json });
  const hist = f.histogram;
  if (hist.buckets.length > 1) {
    const peak = Math.max(1, ...hist.buckets.map((b) => b.failures));
    const lines = [paint.head(`FAILURES PER ${hist.unit.toUpperCase()} (UTC)`) + (hist.omitted ? ` — the last ${hist.buckets.length}; ${fmtInt(hist.omitted)} older left out` : "")];
    lines.push(`  ${"start".padEnd(hist.unit === "hour" ? 16 : 10)}  traces  failed`);
    for (const b of hist.buckets) {
      const label = hist.unit === "hour" ? b.start.slice(0, 16).replace("T", " ") : b.start.slice(0, 10);
      const bar = "█".repeat(Math.round(b.failures / peak * 30));
      lines.push(`  ${label}  ${fmtInt(b.traces).padStart(6)}  ${fmtInt(b.failures).padStart(6)} ${paint.error(bar)}`);
    }
    sections.push({ name: "histogram", priority: 4, lines, more: follow.json });
  }
  const v = [];
  if (f.verdicts.length) {
    v.push(paint.head(`NEGATIVE VERDICTS — ${plural(f.verdicts.length, "assessment")} with negative values`));
    for (const c of f.verdicts) {
      const values = c.values.slice(0, 3).map((x) => `${x.value} ×${fmtInt(x.count)}`).join(", ");
      v.push(`  ${paint.warn(c.name)}: ${plural(c.count, "negative verdict")} (${values})`);
      if (c.topRationale) v.push(`     most common rationale (${fmtInt(c.topRationale.count)}×): ${JSON.stringify(clip(oneLine(c.topRationale.text), 240))}`);
      for (const o of c.overRepresented.slice(0, 2)) v.push(`     over-represented ${overRepLine(o)}`);
      v.push(`     newest ${c.newest.traceId}: ${follow.inspect(c.newest.traceId)}`);
    }
  } else v.push(paint.head("NEGATIVE VERDICTS — none among the traces read"));
  if (f.judgeFailures.length) {
    v.push(paint.head(`JUDGE FAILURES — ${plural(f.judgeFailures.reduce((s, g) => s + g.count, 0), "scorer error")}: the judge failed, not the trace (not counted as failures)`));
    for (const g of f.judgeFailures) v.push(`  ${g.name} ${g.code} ×${fmtInt(g.count)} — ${JSON.stringify(clip(oneLine(g.example), 160))} (newest ${g.newest.traceId})`);
  }
  sections.push({ name: "verdicts", priority: 2, lines: v, more: follow.json });
  const l = f.latency;
  const lat = [paint.head(`LATENCY — traces p50 ${fmtMs(l.traces.p50)} · p95 ${fmtMs(l.traces.p95)} · max ${fmtMs(l.traces.max)} (${fmtInt(l.traces.count)} with a duration)`)];
  if (l.slowTail.thresholdMs !== null) {
    lat.push(`  slow tail: ${plural(l.slowTail.count, "trace")} ≥ ${fmtMs(l.slowTail.thresholdMs)}` + (l.tailSpan ? `; the time goes to ${paint.warn(l.tailSpan.name)} (self p50 ${fmtMs(l.tailSpan.tailSelfP50)} in the tail vs ${fmtMs(l.tailSpan.restSelfP50)} elsewhere)` : ""));
    lat.push(`  slowest: ${l.slowTail.slowest.map((s) => `${s.traceId} ${fmtMs(s.durationMs)}`).join(", ")}`);
  } else lat.push("  no slow tail (no trace at twice the median or more, or under 20 traces)");
  if (l.spans.length) {
    const from = l.spansFrom.all ? `all ${fmtInt(l.spansFrom.traces)} traces` : `the ${fmtInt(l.spansFrom.traces)} traces whose spans were read (${fmtInt(l.spansFrom.failing)} failing, ${fmtInt(l.spansFrom.slowTail)} slow tail; --spans reads all)`;
    lat.push(`  per span name, over ${from}:`);
    const w = Math.min(28, Math.max(4, ...l.spans.map((s) => s.name.length)));
    lat.push(`    ${"span".padEnd(w)}  ${"n".padStart(6)}  ${"p50".padStart(7)}  ${"p95".padStart(7)}  ${"max".padStart(7)}  ${"self p50".padStart(8)}  ${"self p95".padStart(8)}`);
    for (const s of l.spans.slice(0, 15)) {
      lat.push(`    ${(s.name.length > w ? `${s.name.slice(0, w - 1)}…` : s.name).padEnd(w)}  ${fmtInt(s.count).padStart(6)}  ${fmtMs(s.p50).padStart(7)}  ${fmtMs(s.p95).padStart(7)}  ${fmtMs(s.max).padStart(7)}  ${fmtMs(s.selfP50).padStart(8)}  ${fmtMs(s.selfP95).padStart(8)}`);
    }
    if (l.spans.length > 15) lat.push(`    … ${fmtInt(l.spans.length - 15)} more span names: ${follow.json}`);
  }
  if (f.tokens.median !== null) {
    lat.push(`  tokens: median ${fmtInt(f.tokens.median)} per trace` + (f.tokens.outliers.length ? `; outliers: ${f.tokens.outliers.map((o) => `${o.traceId} ${fmtInt(o.total)}`).join(", ")}` : "; no outliers (≥ 5 × median)"));
  }
  lat.push(f.inProgress.count ? `  ${paint.warn(`${fmtInt(f.inProgress.count)} still IN_PROGRESS`)} (not finished, or their process died): ${f.inProgress.newest.map((t) => t.traceId).join(", ")}` : "  IN_PROGRESS: none");
  sections.push({ name: "latency", priority: 3, lines: lat, more: follow.json });
  return sections;
}
function noMatchText(experimentId, filter) {
  return `No trace in experiment ${experimentId} matches the filter.
Filter: ${filter || "(none)"}
Widen it: an earlier --since, fewer --tag / --status / --user options, or check the values with \`mlflow traces search -x ${experimentId}\`.`;
}

// scripts/lib/analysis/clusters.ts
var PATHLIKE = /^(~|\.{1,2})?\/[^\s]*$|^[A-Za-z]:\\/;
function fingerprint(message) {
  return message.replace(/\s+/g, " ").trim().slice(0, 2e3).replace(/'([^']*)'|"([^"]*)"|`([^`]*)`/g, (_m, a, b, c) => PATHLIKE.test(a ?? b ?? c ?? "") ? "<path>" : "<str>").replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s,;)\]]+/gi, "<url>").replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<id>").replace(/\btr-[0-9a-f]{8,}\b/gi, "<id>").replace(/(^|[\s=:(\[,])(?:~|\.{1,2})?(?:\/[\w.@%+-]+){2,}\/?/g, "$1<path>").replace(/\b0x[0-9a-f]+\b/gi, "<hex>").replace(/\b[a-z]+[_-](?=[\w-]*\d)[\w-]+\b/gi, "<id>").replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, "<hex>").replace(/[-+]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?/gi, "<n>");
}
function percentile(values, q) {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}
var iso = (ms) => ms === null ? null : new Date(ms).toISOString();
var SKIP_KEY = /^mlflow\.(?!trace\.user$|source\.name$|source\.git\.commit$|modelId$)/;
var MAX_VALUES_PER_KEY = 100;
var MAX_HISTOGRAM_BUCKETS = 60;
var kvKey = (k, v) => `${k}\0${v}`;
var TriageAccumulator = class {
  traces = 0;
  first = null;
  last = null;
  states = /* @__PURE__ */ new Map();
  durations = [];
  tokenTotals = [];
  kvCounts = /* @__PURE__ */ new Map();
  tooMany = /* @__PURE__ */ new Set();
  failingMembers = /* @__PURE__ */ new Map();
  inProgress = [];
  verdicts = /* @__PURE__ */ new Map();
  judge = /* @__PURE__ */ new Map();
  clusters = /* @__PURE__ */ new Map();
  clustered = /* @__PURE__ */ new Set();
  spanStats = /* @__PURE__ */ new Map();
  spanTraces = /* @__PURE__ */ new Set();
  slowIds = /* @__PURE__ */ new Set();
  failingSpanTraces = 0;
  slowSpanTraces = 0;
  allSpans = false;
  times = [];
  /** Pass 1: one trace's info (spans, if present, are not needed here). */
  addInfo(trace) {
    const { info } = trace;
    this.traces += 1;
    const t = info.requestTimeMs;
    if (t !== null) {
      this.first = this.first === null ? t : Math.min(this.first, t);
      this.last = this.last === null ? t : Math.max(this.last, t);
      this.times.push({ t, failed: info.state === "ERROR" });
    }
    this.states.set(info.state, (this.states.get(info.state) ?? 0) + 1);
    if (info.durationMs !== null) this.durations.push({ id: info.traceId, t, d: info.durationMs });
    const usage = parseUsageDict(decodeValue(info.metadata["mlflow.trace.tokenUsage"]));
    const total = usage?.total ?? (usage ? (usage.input ?? 0) + (usage.output ?? 0) : null);
    if (total !== null) this.tokenTotals.push({ id: info.traceId, t, total });
    const kv = [];
    const note = (prefix, map) => {
      for (const [k, v] of Object.entries(map)) {
        if (SKIP_KEY.test(k)) continue;
        const key = `${prefix}.${k}`;
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
    };
    note("tag", info.tags);
    note("metadata", info.metadata);
    const member = { id: info.traceId, t, kv };
    if (info.state === "ERROR") this.failingMembers.set(info.traceId, member);
    if (info.state === "IN_PROGRESS") this.inProgress.push(member);
    for (const a of info.assessments) {
      if (a.kind !== "feedback") continue;
      if (a.error) {
        const key = `${a.name}\0${a.error.code}`;
        const g = this.judge.get(key);
        if (!g) this.judge.set(key, { name: a.name, code: a.error.code, count: 1, example: a.error.message, newest: { traceId: info.traceId, time: iso(t) }, newestT: t ?? 0 });
        else {
          g.count += 1;
          if ((t ?? 0) > g.newestT) Object.assign(g, { newest: { traceId: info.traceId, time: iso(t) }, newestT: t ?? 0, example: a.error.message || g.example });
        }
        continue;
      }
      if (!a.valid || polarityOf(a.value) !== "negative") continue;
      let v = this.verdicts.get(a.name);
      if (!v) this.verdicts.set(a.name, v = { name: a.name, members: [], rationales: /* @__PURE__ */ new Map(), values: /* @__PURE__ */ new Map() });
      v.members.push(member);
      const value = typeof a.value === "string" ? a.value : JSON.stringify(a.value);
      v.values.set(value, (v.values.get(value) ?? 0) + 1);
      if (a.rationale) v.rationales.set(a.rationale.trim(), (v.rationales.get(a.rationale.trim()) ?? 0) + 1);
    }
  }
  /** The failing traces seen so far, newest first: whose spans name the culprits. */
  failingIdsNewestFirst() {
    return [...this.failingMembers.values()].sort((a, b) => (b.t ?? 0) - (a.t ?? 0)).map((m) => ({ id: m.id, t: m.t }));
  }
  /**
   * The slow tail's threshold: twice the median trace, or p95 when that is higher (a heavy tail
   * is then its slowest 5 %). No tail when no trace reaches it, or under 20 traces.
   */
  slowThresholdMs() {
    const ds = this.durations.map((d) => d.d);
    if (ds.length < 20) return null;
    const threshold = Math.max(2 * percentile(ds, 0.5), percentile(ds, 0.95));
    return threshold > 0 && ds.some((d) => d >= threshold) ? threshold : null;
  }
  /** Pass 2/3: a trace with spans, read because it failed, is in the slow tail, or all were read. */
  addSpans(trace, role) {
    const id = trace.info.traceId;
    if (role === "all") this.allSpans = true;
    const tree = buildTree(trace.spans);
    if (trace.info.state === "ERROR" && this.failingMembers.has(id) && !this.clustered.has(id)) {
      this.clustered.add(id);
      this.failingSpanTraces += 1;
      const culprit = findErrors(tree).culprits[0];
      const message = culprit ? culprit.exception?.message || culprit.statusMessage || "" : "";
      const c = {
        span: culprit?.name ?? null,
        spanType: culprit?.type ?? null,
        exceptionType: culprit?.exception?.type ?? null,
        fingerprint: culprit ? fingerprint(message) : "(no failing span recorded: the trace failed outside any span)"
      };
      const key = `${c.span}\0${c.exceptionType}\0${c.fingerprint}`;
      let acc = this.clusters.get(key);
      if (!acc) this.clusters.set(key, acc = { ...c, example: message, members: [] });
      const member = this.failingMembers.get(id);
      if ((member.t ?? 0) >= acc.members.reduce((m, x) => Math.max(m, x.t ?? 0), 0)) acc.example = message;
      acc.members.push(member);
    }
    if (this.spanTraces.has(id)) return;
    this.spanTraces.add(id);
    const slow = role === "slow" || this.isSlow(trace);
    if (slow) {
      this.slowIds.add(id);
      this.slowSpanTraces += 1;
    }
    for (const node of tree.nodes) {
      const d = durationOf(node.span);
      if (d === null) continue;
      let s = this.spanStats.get(node.span.name);
      if (!s) this.spanStats.set(node.span.name, s = { durs: [], selfs: [], tail: [], rest: [] });
      const self = selfTimeMs(node);
      s.durs.push(d);
      s.selfs.push(self);
      (slow ? s.tail : s.rest).push(self);
    }
  }
  isSlow(trace) {
    const threshold = this.slowThresholdMs();
    return threshold !== null && trace.info.durationMs !== null && trace.info.durationMs >= threshold;
  }
  result() {
    const total = this.traces;
    const overRep = (members) => {
      const inCluster = /* @__PURE__ */ new Map();
      for (const m of members) for (const k of m.kv) inCluster.set(k, (inCluster.get(k) ?? 0) + 1);
      const out = [];
      for (const [k, n] of inCluster) {
        const [key, value] = k.split("\0");
        const overall = this.kvCounts.get(key)?.get(value);
        if (overall === void 0) continue;
        const share = n / members.length;
        const overallShare = overall / Math.max(1, total);
        if (n >= 3 && share >= 0.5 && share >= 1.5 * overallShare && overallShare < 0.9) {
          out.push({ key, value, inCluster: n, clusterSize: members.length, overall, overallShare });
        }
      }
      return out.sort((a, b) => b.inCluster / b.clusterSize - b.overallShare - (a.inCluster / a.clusterSize - a.overallShare)).slice(0, 5);
    };
    const ends = (members) => {
      const sorted = [...members].sort((a, b) => (a.t ?? 0) - (b.t ?? 0));
      const o = sorted[0];
      const n = sorted.at(-1);
      return { oldest: { traceId: o.id, time: iso(o.t) }, newest: { traceId: n.id, time: iso(n.t) } };
    };
    const clustered = this.failingSpanTraces;
    const clusters = [...this.clusters.values()].map((c) => {
      const { oldest, newest } = ends(c.members);
      return {
        span: c.span,
        spanType: c.spanType,
        exceptionType: c.exceptionType,
        fingerprint: c.fingerprint,
        example: c.example,
        count: c.members.length,
        share: c.members.length / Math.max(1, clustered),
        firstSeen: oldest.time,
        lastSeen: newest.time,
        newest,
        oldest,
        overRepresented: overRep(c.members)
      };
    }).sort((a, b) => b.count - a.count);
    const verdicts = [...this.verdicts.values()].map((v) => {
      const top = [...v.rationales.entries()].sort((a, b) => b[1] - a[1])[0];
      return {
        name: v.name,
        count: v.members.length,
        topRationale: top ? { text: top[0], count: top[1] } : null,
        values: [...v.values.entries()].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
        ...ends(v.members),
        overRepresented: overRep(v.members)
      };
    }).sort((a, b) => b.count - a.count);
    const judgeFailures = [...this.judge.values()].map(({ newestT: _t, ...g }) => g).sort((a, b) => b.count - a.count);
    const ds = this.durations.map((d) => d.d);
    const threshold = this.slowThresholdMs();
    const tail = threshold === null ? [] : this.durations.filter((d) => d.d >= threshold);
    const spans = [...this.spanStats.entries()].map(([name, s]) => ({
      name,
      count: s.durs.length,
      p50: percentile(s.durs, 0.5),
      p95: percentile(s.durs, 0.95),
      max: s.durs.length ? Math.max(...s.durs) : null,
      selfP50: percentile(s.selfs, 0.5),
      selfP95: percentile(s.selfs, 0.95),
      selfMax: s.selfs.length ? Math.max(...s.selfs) : null,
      tailSelfP50: percentile(s.tail, 0.5),
      restSelfP50: percentile(s.rest, 0.5)
    })).sort((a, b) => (b.selfP95 ?? 0) - (a.selfP95 ?? 0));
    const tailSpan = spans.filter((s) => s.tailSelfP50 !== null).map((s) => ({ name: s.name, tailSelfP50: s.tailSelfP50, restSelfP50: s.restSelfP50, gain: s.tailSelfP50 - (s.restSelfP50 ?? 0) })).sort((a, b) => b.gain - a.gain)[0];
    const tokens = this.tokenTotals.map((x) => x.total);
    const median = percentile(tokens, 0.5);
    const outliers = median === null || tokens.length < 10 ? [] : this.tokenTotals.filter((x) => x.total >= Math.max(5 * median, median + 1e3)).sort((a, b) => b.total - a.total).slice(0, 5).map((x) => ({ traceId: x.id, time: iso(x.t), total: x.total }));
    return {
      traces: total,
      window: { first: iso(this.first), last: iso(this.last) },
      states: Object.fromEntries(this.states),
      failing: { count: this.failingMembers.size, spansRead: clustered },
      clusters,
      unclustered: this.failingMembers.size - clustered,
      verdicts,
      judgeFailures,
      latency: {
        traces: { count: ds.length, p50: percentile(ds, 0.5), p95: percentile(ds, 0.95), max: ds.length ? Math.max(...ds) : null },
        slowTail: { thresholdMs: threshold, count: tail.length, slowest: [...tail].sort((a, b) => b.d - a.d).slice(0, 5).map((d) => ({ traceId: d.id, time: iso(d.t), durationMs: d.d })) },
        spansFrom: { traces: this.spanTraces.size, failing: this.failingSpanTraces, slowTail: this.slowSpanTraces, all: this.allSpans },
        spans,
        tailSpan: tailSpan && tailSpan.gain > 0 ? { name: tailSpan.name, tailSelfP50: tailSpan.tailSelfP50, restSelfP50: tailSpan.restSelfP50 } : null
      },
      tokens: { median, outliers },
      inProgress: { count: this.inProgress.length, newest: [...this.inProgress].sort((a, b) => (b.t ?? 0) - (a.t ?? 0)).slice(0, 5).map((m) => ({ traceId: m.id, time: iso(m.t) })) },
      histogram: histogram(this.times)
    };
  }
};
function histogram(times) {
  if (!times.length) return { unit: "day", buckets: [], omitted: 0 };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const { t } of times) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  const unit = hi - lo <= 48 * 36e5 ? "hour" : "day";
  const width = unit === "hour" ? 36e5 : 864e5;
  const start = Math.floor(lo / width) * width;
  const n = Math.floor((hi - start) / width) + 1;
  const keep = Math.min(n, MAX_HISTOGRAM_BUCKETS);
  const first = n - keep;
  const buckets = Array.from({ length: keep }, (_, i) => ({ start: new Date(start + (first + i) * width).toISOString(), traces: 0, failures: 0 }));
  for (const { t, failed } of times) {
    const b = buckets[Math.floor((t - start) / width) - first];
    if (!b) continue;
    b.traces += 1;
    if (failed) b.failures += 1;
  }
  return { unit, buckets, omitted: first };
}

// scripts/lib/mlflow/pages.ts
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkdirSync, mkdtempSync } from "node:fs";
async function* searchPages(q, cli, trackingUri = process.env.MLFLOW_TRACKING_URI) {
  const dir = join(cli.dir ?? mkdtempSync(join(tmpdir(), "mlflow-traces-")), q.label);
  mkdirSync(dir, { recursive: true, mode: 448 });
  const size = pageSizeFor(trackingUri, q.limit ?? Number.POSITIVE_INFINITY);
  const singleCall = size === 5e4;
  let token;
  let yielded = 0;
  for (let n = 1; ; n++) {
    const fetched = await searchTraces({ experimentId: q.experimentId, filter: q.filter, orderBy: q.orderBy, maxResults: size, pageToken: token, includeSpans: q.includeSpans }, { ...cli, dir }, n);
    const page = parseSearch(fetched.json, `mlflow traces search output (${fetched.file})`);
    token = page.nextPageToken ?? void 0;
    const room = q.limit === void 0 ? Number.POSITIVE_INFINITY : q.limit - yielded;
    const traces = page.traces.length > room ? page.traces.slice(0, room) : page.traces;
    yielded += traces.length;
    const cutHere = traces.length < page.traces.length;
    const last = !token || page.traces.length === 0 || yielded >= (q.limit ?? Number.POSITIVE_INFINITY);
    yield { n, traces, file: fetched.file, more: cutHere || last && !!token && page.traces.length > 0, totalKnown: singleCall ? page.traces.length : null };
    if (last) return;
  }
}

// scripts/lib/commands/triage-job.ts
var TRIAGE_HELP = `Usage: triage_traces <EXPERIMENT_ID> [options]

What is going wrong across many traces of an MLflow experiment: failures clustered by culprit span,
exception and message fingerprint (count, share, first/last seen, over-represented tag values,
per-hour/day histogram), negative verdicts by assessment with their most common rationale, judge
failures apart, latency p50/p95/max per span (self time too) and the slow tail, token outliers.
mlflow calls: one per page of trace infos (a server pages 500; a sqlite store answers in one), plus
the pages of spans of the failing and of the slow-tail traces.

Arguments: <EXPERIMENT_ID> (or --experiment-id / MLFLOW_EXPERIMENT_ID).

Filters (ANDed, pushed to the store, values quoted safely):
  --since 24h|7d|30m|2w|DATE  traces at or after (DATE: 2026-11-20 or 2026-11-20T09:00Z; UTC)
  --until DUR|DATE   traces before
  --status OK|ERROR|IN_PROGRESS
  --user ID          metadata mlflow.trace.user
  --session ID       metadata mlflow.trace.session
  --tag K=V          a trace tag (repeatable)
  --metadata K=V     a trace metadata entry (repeatable)
  --span-name NAME   traces with a span of that name
  --min-ms N         execution time at least N ms
  --feedback NAME=V  traces with that feedback value (repeatable)
  --filter 'F'       your own MLflow filter string, ANDed to the above

Options:
  --limit N          read the newest N matching traces (default 5000; 0 for all)
  --max-failing N    read the spans of at most N failing traces (default 1000; the rest are counted)
  --spans            read every trace's spans (per-span latency over all traces; more data)
${COMMON_OPTIONS_HELP}

${exitCodeHelp()}
`;
function takeRepeated(argv, names) {
  const values = Object.fromEntries(names.map((n) => [n, []]));
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = names.find((n) => a === `--${n}` || a.startsWith(`--${n}=`));
    if (!name) {
      rest.push(a);
      continue;
    }
    const v = a.includes("=") && a.startsWith(`--${name}=`) ? a.slice(name.length + 3) : argv[++i];
    if (v === void 0 || v === "") throw new SkillError("usage", `--${name} needs a value (KEY=VALUE).`);
    values[name].push(v);
  }
  return { rest, values };
}
var pair = (flag, v) => {
  const at = v.indexOf("=");
  if (at <= 0) throw new SkillError("usage", `--${flag} takes KEY=VALUE, not ${JSON.stringify(v.slice(0, 60))}.`);
  return [v.slice(0, at), v.slice(at + 1)];
};
function triageArgs(flags, repeated, argv, nowMs = Date.now()) {
  if (flags._.length > 1) throw new SkillError("usage", `Expected one <EXPERIMENT_ID>, got ${flags._.length} arguments.`, { hint: "Quote filter values with spaces; run with --help." });
  const experimentId = str(flags, "experiment-id") ?? flags._[0] ?? process.env.MLFLOW_EXPERIMENT_ID;
  if (!experimentId) throw new SkillError("usage", "An experiment id is required.", { hint: "Pass it first, or as --experiment-id, or set MLFLOW_EXPERIMENT_ID; list them with `mlflow experiments search`." });
  if (!/^\d+$/.test(experimentId)) throw new SkillError("usage", `Experiment id ${JSON.stringify(experimentId.slice(0, 60))} is not a number.`, { hint: "MLflow experiment ids are numbers; find yours with `mlflow experiments search`." });
  const since = str(flags, "since");
  const until = str(flags, "until");
  const sinceMs = since === void 0 ? void 0 : parseTimeArg(since, "--since", nowMs);
  const untilMs = until === void 0 ? void 0 : parseTimeArg(until, "--until", nowMs);
  if (sinceMs !== void 0 && untilMs !== void 0 && untilMs <= sinceMs) {
    throw new SkillError("usage", `--until ${until} is not after --since ${since} (${new Date(untilMs).toISOString()} ≤ ${new Date(sinceMs).toISOString()}).`);
  }
  const status = str(flags, "status")?.toUpperCase();
  if (status !== void 0 && !["OK", "ERROR", "IN_PROGRESS"].includes(status)) throw new SkillError("usage", `--status takes OK, ERROR or IN_PROGRESS, not ${JSON.stringify(status)}.`);
  const minMs = str(flags, "min-ms");
  if (minMs !== void 0 && !/^\d+$/.test(minMs)) throw new SkillError("usage", `--min-ms takes a whole number of milliseconds, not ${JSON.stringify(minMs)}.`);
  const limitRaw = str(flags, "limit");
  if (limitRaw !== void 0 && !/^\d+$/.test(limitRaw)) throw new SkillError("usage", `--limit takes a whole number (0 for all), not ${JSON.stringify(limitRaw)}.`);
  const limit = limitRaw === void 0 ? 5e3 : Number(limitRaw) === 0 ? null : Number(limitRaw);
  const spec = {
    sinceMs,
    untilMs,
    status,
    minExecutionMs: minMs === void 0 ? void 0 : Number(minMs),
    tags: (repeated.tag ?? []).map((v) => pair("tag", v)),
    metadata: (repeated.metadata ?? []).map((v) => pair("metadata", v)),
    feedback: (repeated.feedback ?? []).map((v) => pair("feedback", v)),
    user: str(flags, "user"),
    session: str(flags, "session"),
    spanName: str(flags, "span-name"),
    raw: str(flags, "filter")
  };
  const filter = buildTraceFilter(spec);
  return {
    experimentId,
    spec,
    filter,
    limit,
    maxFailing: num(flags, "max-failing", 1e3),
    allSpans: flags.values.spans === true,
    cli: { dir: prepareOutDir(str(flags, "out-dir")), timeoutMs: num(flags, "timeout", 120) * 1e3, fresh: bool(flags, "fresh") },
    maxChars: num(flags, "max-chars", 2e4),
    argv
  };
}
function asFilterError(err, a) {
  if (!(err instanceof SkillError) || err.kind !== "mlflow-failed" || !a.spec.raw) return err;
  if (!/filter|Invalid (clause|entity|attribute|comparator|value|identifier|search)|pars(e|ing)|INVALID_PARAMETER_VALUE|Expected/i.test(err.message)) return err;
  const line = err.message.replace(/^mlflow (failed \(exit \d+\)|rejected the command): /, "").replace(/^mlflow\.exceptions\.\w+: /, "");
  return new SkillError("usage", `MLflow rejected the filter: ${line}`, {
    hint: `Filter sent: ${a.filter}. Syntax: tag.k = 'v', metadata.\`a.b\` = 'v', trace.status = 'ERROR', trace.timestamp_ms > N, span.name = 'x', feedback.name = 'v'; clauses joined by AND.`
  });
}
async function runTriage(a) {
  const acc = new TriageAccumulator();
  const files = { infos: [], failingSpans: [], slowSpans: [] };
  let read = 0;
  let more = false;
  let totalKnown = null;
  let oldestMs = null;
  const calls0 = mlflowCallCount();
  try {
    for await (const page of searchPages({ experimentId: a.experimentId, filter: a.filter, orderBy: "timestamp_ms DESC", includeSpans: a.allSpans, limit: a.limit ?? void 0, label: "infos" }, a.cli)) {
      files.infos.push(page.file);
      for (const t of page.traces) {
        acc.addInfo(t);
        if (a.allSpans) acc.addSpans(t, "all");
        if (t.info.requestTimeMs !== null) oldestMs = oldestMs === null ? t.info.requestTimeMs : Math.min(oldestMs, t.info.requestTimeMs);
      }
      read += page.traces.length;
      more = page.more;
      totalKnown = page.totalKnown;
    }
  } catch (err) {
    throw asFilterError(err, a);
  }
  const calls1 = mlflowCallCount();
  const window = more && oldestMs !== null ? `trace.timestamp_ms >= ${oldestMs}` : void 0;
  if (!a.allSpans) {
    const failing = acc.failingIdsNewestFirst();
    if (failing.length) {
      const bound = Math.min(failing.length, a.maxFailing);
      const fromMs = failing.length > bound ? failing[bound - 1]?.t ?? null : null;
      const filter = andFilter(a.filter, window, "trace.status = 'ERROR'", fromMs !== null ? `trace.timestamp_ms >= ${fromMs}` : void 0);
      for await (const page of searchPages({ experimentId: a.experimentId, filter, orderBy: "timestamp_ms DESC", includeSpans: true, limit: bound, label: "failing-spans" }, a.cli)) {
        files.failingSpans.push(page.file);
        for (const t of page.traces) acc.addSpans(t, "failing");
      }
    }
  }
  const calls2 = mlflowCallCount();
  const threshold = acc.slowThresholdMs();
  if (!a.allSpans && threshold !== null) {
    const filter = andFilter(a.filter, window, `trace.execution_time_ms >= ${Math.floor(threshold)}`);
    for await (const page of searchPages({ experimentId: a.experimentId, filter, orderBy: "execution_time_ms DESC", includeSpans: true, limit: 200, label: "slow-spans" }, a.cli)) {
      files.slowSpans.push(page.file);
      for (const t of page.traces) acc.addSpans(t, "slow");
    }
  }
  const calls3 = mlflowCallCount();
  return {
    findings: acc.result(),
    read,
    more,
    totalKnown,
    files,
    mlflowCalls: { infos: calls1 - calls0, failingSpans: calls2 - calls1, slowSpans: calls3 - calls2, total: calls3 - calls0 }
  };
}
async function experimentIsEmpty(a) {
  try {
    const fetched = await searchTraces({ experimentId: a.experimentId, maxResults: 1, includeSpans: false }, { ...a.cli, dir: a.cli.dir }, 0);
    return parseSearch(fetched.json, "mlflow traces search output").traces.length === 0;
  } catch (err) {
    if (err instanceof SkillError && err.kind === "page-token-bug") return false;
    throw err;
  }
}
var triageCommand = (a, extra = []) => {
  const args = [...a.argv];
  for (const flag of extra) {
    const name = flag.split(" ")[0];
    const at = args.findIndex((x) => x === name || x.startsWith(`${name}=`));
    if (at >= 0) args.splice(at, args[at]?.includes("=") ? 1 : 2);
  }
  return commandFor("triage_traces", [...args, ...extra.flatMap((f) => f.split(" "))]);
};

// scripts/triage_traces.ts
await runScript(async (argv) => {
  const { rest, values } = takeRepeated(argv, ["tag", "metadata", "feedback"]);
  const flags = parseFlags(rest, {
    string: ["experiment-id", "since", "until", "filter", "status", "user", "session", "span-name", "min-ms", "limit"],
    number: ["max-failing"],
    boolean: ["spans"]
  });
  if (bool(flags, "help")) return TRIAGE_HELP;
  if (flags.values["from-file"] !== void 0) throw new SkillError("usage", "triage_traces reads from mlflow, not --from-file.", { hint: "Point MLFLOW_TRACKING_URI at the store and pass the experiment id." });
  const a = triageArgs(flags, values, argv.filter((x) => x !== "--json"));
  const r = await runTriage(a);
  const json = bool(flags, "json");
  if (r.read === 0) {
    if (await experimentIsEmpty(a)) {
      throw new SkillError("experiment-not-found", `Experiment ${a.experimentId} has no traces (or does not exist in this tracking store).`, { hint: "Check the experiment id with `mlflow experiments search` and MLFLOW_TRACKING_URI." });
    }
    if (json) return JSON.stringify({ experimentId: a.experimentId, filter: a.filter, traces: 0, matched: false, mlflowCalls: mlflowCallCount() }, null, 2);
    return noMatchText(a.experimentId, a.filter);
  }
  const run = { experimentId: a.experimentId, filter: a.filter, read: r.read, limit: a.limit, more: r.more, totalKnown: r.totalKnown, failingSpanBound: a.maxFailing, slowSpanBound: 200, mlflowCalls: mlflowCallCount() };
  const follow = {
    inspect: (id) => commandFor("inspect_turn", [id]),
    compare: (x, y) => commandFor("compare_traces", [x, y]),
    all: triageCommand(a, ["--limit 0"]),
    json: triageCommand(a, ["--json"])
  };
  if (json) {
    return JSON.stringify({
      experimentId: a.experimentId,
      filter: a.filter,
      read: r.read,
      limit: a.limit,
      more: r.more,
      totalKnown: r.totalKnown,
      cut: cutLine(run, follow),
      ...r.findings,
      files: r.files,
      mlflowCalls: { ...r.mlflowCalls, total: mlflowCallCount() },
      cache: cacheStatus()
    }, null, 2);
  }
  const footer = [
    ...rawJsonLines("search", [...r.files.infos, ...r.files.failingSpans, ...r.files.slowSpans], { cache: cacheStatus() }),
    `mlflow calls: ${r.mlflowCalls.infos} for trace infos, ${r.mlflowCalls.failingSpans} for spans of failing traces, ${r.mlflowCalls.slowSpans} for the slow tail`,
    `One trace in depth: ${commandFor("inspect_turn", ["<trace_id>"])} · two side by side: ${commandFor("compare_traces", ["<trace_a>", "<trace_b>"])}`
  ];
  return renderBudgeted(triageSections(r.findings, run, follow), footer, a.maxChars, follow.json).text;
});
