#!/usr/bin/env node
import {
  buildCase
} from "./lib/chunk-BHTV7DSH.mjs";
import {
  WINDOW_OPTIONS,
  lookupClause,
  noTraceIn,
  readWindow,
  resolveWindowExperiment,
  windowArgs
} from "./lib/chunk-YJ2CS66O.mjs";
import "./lib/chunk-TS6CMI4S.mjs";
import {
  EXPERIMENT_ARG
} from "./lib/chunk-4NTHLB4J.mjs";
import {
  parseSource,
  sourceOf
} from "./lib/chunk-AHYV3VDS.mjs";
import "./lib/chunk-CF3OK2NH.mjs";
import {
  colourEnabled,
  palette,
  polarityOf,
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-NTVFJSFG.mjs";
import "./lib/chunk-2IPHA5SA.mjs";
import {
  SkillError,
  cacheStatus,
  clipAtWord,
  commandFor,
  defineCommand,
  fmtMs,
  oneLine,
  plural,
  runCommand,
  text
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/actions/alignment-set.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
function alignmentRecords(name, traces) {
  const pair = name.pairs.find((p) => p.disagreements.length);
  if (!pair) return [];
  const byId = new Map(traces.map((t) => [t.info.traceId, t]));
  const out = [];
  for (const g of pair.disagreements)
    for (const id of g.traceIds) {
      const trace = byId.get(id);
      if (!trace) continue;
      const reference = trace.info.assessments.find((a) => a.kind === "feedback" && a.valid && !a.error && a.name === name.name && srcIs(a.sourceType, pair.a));
      const { record } = buildCase(trace, { facts: [] });
      record.expectations[name.name] = reference?.value ?? g.labels[pair.a];
      out.push(record);
    }
  return out;
}
var srcIs = (type, source) => type === source || type.replace(/^SOURCE_TYPE_/, "") === source;
function writeAlignmentSet(path, name, records, trackingUri) {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join("\n") + (records.length ? "\n" : ""));
  return { file, records: records.length, snippet: alignmentSnippet(file, name.name, trackingUri, judgeModel(name)) };
}
var MODEL_URI = /^[A-Za-z][\w.-]*:\/[^\s/]\S*$/;
function judgeModel(name) {
  const ids = name.sources.find((s) => s.source === "LLM_JUDGE")?.sourceIds ?? [];
  const uris = ids.filter((id) => MODEL_URI.test(id));
  if (ids.length === 1 && uris.length === 1) return uris[0];
  const seen = ids.length ? `; its source ids here: ${ids.slice(0, 3).join(", ")}` : "";
  return `<fill in the judge's model as provider:/model${seen}>`;
}
var JUDGE_INSTRUCTIONS = "<your judge's instructions, with {{ inputs }} and {{ outputs }}>";
function alignmentSnippet(file, name, trackingUri, model) {
  return [
    "import json, mlflow",
    "from mlflow.genai.judges import make_judge",
    ...trackingUri ? [`mlflow.set_tracking_uri(${JSON.stringify(trackingUri)})`] : [],
    `ids = [json.loads(l)["source_trace_id"] for l in open(${JSON.stringify(file)})]`,
    "traces = [mlflow.get_trace(i) for i in ids]  # each holds the human label and the judge verdict",
    `judge = make_judge(name=${JSON.stringify(name)}, instructions="${JUDGE_INSTRUCTIONS}", model=${JSON.stringify(model)})`,
    "aligned = judge.align(traces=traces)  # MLflow 3.4+: the default optimizer; needs ~10+ labelled traces",
    "print(aligned.instructions)"
  ].join("\n");
}

// scripts/lib/analysis/judges/kappa.ts
var SMALL_N = 30;
var LOW_GAP = 0.2;
function cohenKappa(pairs, names = ["the first source", "the second source"]) {
  const n = pairs.length;
  if (!n) return { value: null, note: "no trace scored by both" };
  const a = /* @__PURE__ */ new Map();
  const b = /* @__PURE__ */ new Map();
  let agree = 0;
  for (const [x, y] of pairs) {
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) agree++;
  }
  const po = agree / n;
  let pe = 0;
  for (const [label, ca] of a) pe += ca / n * ((b.get(label) ?? 0) / n);
  if (pe === 1) return { value: null, note: "both gave one and the same label to every trace: kappa is undefined (agreement says nothing here)" };
  const value = (po - pe) / (1 - pe);
  const notes = [];
  if (n < SMALL_N) notes.push(`n = ${n} is small: kappa moves by ~${(1 / Math.sqrt(n)).toFixed(2)} with a few traces either way`);
  for (const [who, m] of [
    [names[0], a],
    [names[1], b]
  ])
    if (m.size === 1 && n >= 5) notes.push(`${who} gave "${[...m.keys()][0]}" to every trace: its verdicts tell these traces apart no better than chance`);
  if (pe > 0.7 && po - value >= LOW_GAP)
    notes.push(
      `one label dominates (chance agreement ${Math.round(pe * 100)}%): that is why kappa (${value.toFixed(2)}) is well below the raw agreement (${Math.round(po * 100)}%)`
    );
  return { value, note: notes.length ? notes.join("; ") : null };
}
function kappaWords(k) {
  if (k < 0) return "worse than chance";
  if (k < 0.2) return "slight";
  if (k < 0.4) return "fair";
  if (k < 0.6) return "moderate";
  if (k < 0.8) return "substantial";
  return "almost perfect";
}

// scripts/lib/analysis/judges/coverage.ts
var TRACE_KEYS = String.raw`trace\.(session|user|sizeBytes|sizeStats|tokenUsage|requestPreview|responsePreview)`;
var PER_TRACE = new RegExp(
  String.raw`^mlflow\.(${TRACE_KEYS}|traceInputs|traceOutputs|source\.|artifactLocation|modelId|spanInputs)|^mlflow\.trace_schema`,
  "i"
);
function cohortValues(t) {
  const out = [];
  for (const [k, v] of Object.entries(t.info.tags)) if (!PER_TRACE.test(k) && v.length <= 80) out.push([`tag.${k}`, v]);
  for (const [k, v] of Object.entries(t.info.metadata))
    if (!PER_TRACE.test(k) && /version|release|commit|model/i.test(k) && v.length <= 80) out.push([`metadata.${k}`, v]);
  return out;
}
function coverageOf(source, verdicts, traces) {
  const ids = new Set(verdicts.map((v) => v.traceId));
  const scored = traces.filter((t) => ids.has(t.info.traceId));
  const times = scored.map((t) => t.info.requestTimeMs).filter((x) => x !== null).sort((a, b) => a - b);
  const labels2 = {};
  for (const v of verdicts) labels2[v.label] = (labels2[v.label] ?? 0) + 1;
  const onlyOn = [];
  const byKey = /* @__PURE__ */ new Map();
  for (const t of traces) {
    const hit = ids.has(t.info.traceId);
    for (const [k, v] of cohortValues(t)) {
      const m = byKey.get(k) ?? /* @__PURE__ */ new Map();
      const c = m.get(v) ?? { all: 0, scored: 0 };
      c.all++;
      if (hit) c.scored++;
      m.set(v, c);
      byKey.set(k, m);
    }
  }
  for (const [key, m] of byKey) {
    if (key === "tag.mlflow.traceName" || m.size < 2) continue;
    const withScores = [...m].filter(([, c2]) => c2.scored > 0);
    if (withScores.length !== 1) continue;
    const [value, c] = withScores[0];
    if (c.scored !== scored.length) continue;
    const otherTraces = [...m].filter(([v]) => v !== value).reduce((s, [, x]) => s + x.all, 0);
    if (otherTraces > 0) onlyOn.push({ key, value, scored: c.scored, valueTraces: c.all, otherTraces });
  }
  return {
    source,
    sourceIds: [...new Set(verdicts.map((v) => v.sourceId).filter((s) => !!s))].slice(0, 5),
    verdicts: verdicts.length,
    traces: ids.size,
    of: traces.length,
    first: times.length ? new Date(times[0]).toISOString() : null,
    last: times.length ? new Date(times.at(-1)).toISOString() : null,
    onlyOn: onlyOn.slice(0, 5),
    labels: labels2
  };
}

// scripts/lib/analysis/judges/fingerprint.ts
var STOP = new Set(
  [
    "a an the i you me my your is are was were be to of in on at for and or but it this that what why how did do does can could would will please",
    "not no yes so then than as with from by our we us its it's there their what's when which who"
  ].join(" ").split(" ")
);
var wordsOf = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, " ").split(/\s+/).filter(Boolean);
function fingerprint(text2, loose = true) {
  if (!loose) return wordsOf(text2).join(" ");
  return wordsOf(
    text2.replace(/"[^"]*"|'[^']*'|\([^)]*\)/g, " Q ").replace(/\b\d[\d.,:]*\b/g, " N ").replace(/(?<=\s)[A-Z][a-z]+/g, " W ")
  ).join(" ");
}
var contentWords = (s) => new Set(wordsOf(s).filter((w) => w.length >= 3 && !STOP.has(w) && !/^\d+$/.test(w)));
function distinctiveWords(group, others) {
  if (!group.length) return [];
  const count = (texts) => {
    const m = /* @__PURE__ */ new Map();
    for (const t of texts) for (const w of contentWords(t)) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const here = count(group);
  const there = count(others);
  return [...here].filter(([w, c]) => c / group.length >= 0.6 && (others.length === 0 || (there.get(w) ?? 0) / others.length <= c / group.length / 2)).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 3).map(([word, c]) => ({ word, here: c, agreeing: there.get(word) ?? 0 }));
}

// scripts/lib/analysis/judges/override-flips.ts
var MAX_FLIPS = 50;
var said = (a, label) => ({
  value: a.value,
  label: label(a.value, a.name),
  rationale: a.rationale,
  createTime: a.createTime
});
function overrideFlips(traces, name, label) {
  const out = [];
  for (const t of traces) {
    const byId = new Map(t.info.assessments.filter((a) => a.id).map((a) => [a.id, a]));
    for (const now of t.info.assessments) {
      const old = now.overrides ? byId.get(now.overrides) : void 0;
      if (!old || old.kind !== "feedback" || now.kind !== "feedback" || old.name !== name || old.error || now.error) continue;
      if (sourceOf(old) !== sourceOf(now)) continue;
      const from = said(old, label);
      const to = said(now, label);
      if (from.label === to.label) continue;
      const gap = old.createTime && now.createTime ? Date.parse(now.createTime) - Date.parse(old.createTime) : Number.NaN;
      out.push({ traceId: t.info.traceId, source: sourceOf(now), from, to, gapMs: Number.isFinite(gap) ? gap : null });
    }
  }
  return out.slice(0, MAX_FLIPS);
}

// scripts/lib/analysis/judges/agreement.ts
function labelOf(value, name) {
  const p = polarityOf(value, name);
  if (p === "negative") return "fail";
  if (p === "positive") return "pass";
  if (typeof value === "string") return value.trim().toLowerCase();
  return JSON.stringify(value);
}
var MAX_GROUPS = 10;
var MAX_IDS = 20;
function verdictsOf(traces, skipped, only) {
  const latest = /* @__PURE__ */ new Map();
  for (const trace of traces) {
    const input = trace.info.requestPreview ?? "";
    const output = trace.info.responsePreview ?? "";
    for (const a of trace.info.assessments) {
      if (only !== void 0 && a.name !== only) continue;
      if (a.kind === "expectation") {
        skipped.expectations++;
        continue;
      }
      if (a.kind !== "feedback") continue;
      const source = sourceOf(a);
      if (a.error) {
        skipped.errors[source] = (skipped.errors[source] ?? 0) + 1;
        const codes = skipped.errorCodes[source] ??= {};
        codes[a.error.code] = (codes[a.error.code] ?? 0) + 1;
        continue;
      }
      if (!a.valid) {
        skipped.overridden++;
        continue;
      }
      const key = `${trace.info.traceId}\0${a.name}\0${source}`;
      const t = a.createTime ?? "";
      const prev = latest.get(key);
      if (prev && prev.t > t) continue;
      latest.set(key, {
        t,
        v: {
          traceId: trace.info.traceId,
          name: a.name,
          source,
          sourceId: a.sourceId,
          value: a.value,
          label: labelOf(a.value, a.name),
          rationale: a.rationale,
          input,
          output
        }
      });
    }
  }
  return [...latest.values()].map((x) => x.v);
}
function comparePair(a, b, byTrace) {
  const confusion = {};
  const pairs = [];
  for (const m of byTrace.values()) {
    const va = m.get(a);
    const vb = m.get(b);
    if (!va || !vb) continue;
    pairs.push([va, vb]);
    const row = confusion[va.label] ?? {};
    row[vb.label] = (row[vb.label] ?? 0) + 1;
    confusion[va.label] = row;
  }
  const agreeing = pairs.filter(([x, y]) => x.label === y.label);
  const differing = pairs.filter(([x, y]) => x.label !== y.label);
  const groups = /* @__PURE__ */ new Map();
  for (const p of differing) {
    const k = `${p[0].label}\0${p[1].label}\0${fingerprint(p[0].rationale ?? "")}\0${fingerprint(p[1].rationale ?? "")}`;
    groups.set(k, [...groups.get(k) ?? [], p]);
  }
  const disagreements = [...groups.values()].sort((x, y) => y.length - x.length).slice(0, MAX_GROUPS).map((g) => {
    const [first] = g;
    return {
      labels: { [a]: first[0].label, [b]: first[1].label },
      count: g.length,
      rationales: { [a]: first[0].rationale, [b]: first[1].rationale },
      inputWords: distinctiveWords(
        g.map(([x]) => x.input),
        agreeing.map(([x]) => x.input)
      ),
      example: first[0].traceId,
      traceIds: g.slice(0, MAX_IDS).map(([x]) => x.traceId)
    };
  });
  return {
    a,
    b,
    both: pairs.length,
    agree: agreeing.length,
    rate: pairs.length ? agreeing.length / pairs.length : null,
    kappa: cohenKappa(
      pairs.map(([x, y]) => [x.label, y.label]),
      [a, b]
    ),
    confusion,
    disagreements
  };
}
function inconsistencies(verdicts) {
  const groups = /* @__PURE__ */ new Map();
  for (const v of verdicts) {
    if (!v.input) continue;
    const k = `${v.source}\0${fingerprint(v.input, false)}\0${fingerprint(v.output, false)}`;
    groups.set(k, [...groups.get(k) ?? [], v]);
  }
  const out = [];
  for (const g of groups.values()) {
    const labels2 = {};
    const rationales = {};
    const byLabel = {};
    for (const v of g) {
      labels2[v.label] = (labels2[v.label] ?? 0) + 1;
      rationales[v.label] ??= v.rationale;
      byLabel[v.label] = [...byLabel[v.label] ?? [], v.traceId].slice(0, MAX_IDS);
    }
    if (Object.keys(labels2).length < 2) continue;
    const first = g[0];
    out.push({
      source: first.source,
      count: g.length,
      labels: labels2,
      rationales,
      input: first.input.slice(0, 200),
      output: first.output.slice(0, 200),
      traceIds: g.slice(0, MAX_IDS).map((v) => v.traceId),
      byLabel
    });
  }
  return out.sort((x, y) => y.count - x.count).slice(0, MAX_GROUPS);
}
function analyseJudges(traces, only) {
  const skipped = { overridden: 0, errors: {}, errorCodes: {}, expectations: 0 };
  const verdicts = verdictsOf(traces, skipped, only);
  const byName = /* @__PURE__ */ new Map();
  for (const v of verdicts) if (!only || v.name === only) byName.set(v.name, [...byName.get(v.name) ?? [], v]);
  const names = [];
  for (const [name, vs] of byName) {
    const sources = [...new Set(vs.map((v) => v.source))].sort(humanFirst);
    const byTrace = /* @__PURE__ */ new Map();
    for (const v of vs) {
      const m = byTrace.get(v.traceId) ?? /* @__PURE__ */ new Map();
      m.set(v.source, v);
      byTrace.set(v.traceId, m);
    }
    const pairs = [];
    for (let i = 0; i < sources.length; i++)
      for (let j = i + 1; j < sources.length; j++) pairs.push(comparePair(sources[i], sources[j], byTrace));
    names.push({
      name,
      sources: sources.map(
        (s) => coverageOf(
          s,
          vs.filter((v) => v.source === s),
          traces
        )
      ),
      pairs,
      inconsistencies: inconsistencies(vs),
      overrideFlips: overrideFlips(traces, name, labelOf),
      singleSource: sources.length < 2
    });
  }
  names.sort((x, y) => Number(x.singleSource) - Number(y.singleSource) || total(y) - total(x));
  return { traces: traces.length, names, skipped };
}
var total = (n) => n.sources.reduce((s, c) => s + c.verdicts, 0);
var ORDER = ["HUMAN", "CODE", "LLM_JUDGE"];
var humanFirst = (x, y) => (ORDER.indexOf(x) + 1 || 9) - (ORDER.indexOf(y) + 1 || 9) || x.localeCompare(y);

// scripts/lib/render/judges-view.ts
var clip = (s, n = 140) => clipAtWord(oneLine(s), n);
var pct = (x) => `${Math.round(x * 100)}%`;
var day = (iso) => iso ? iso.slice(0, 16).replace("T", " ") : "?";
var labels = (m) => Object.entries(m).sort((a, b) => b[1] - a[1]).map(([l, c]) => `${l} ${c}`).join(", ");
function coverageLines(n) {
  const out = [];
  for (const s of n.sources) {
    const ids = s.sourceIds.length ? ` (${s.sourceIds.join(", ")})` : "";
    out.push(`  ${s.source}${ids}: ${verdictsOn(s)} read, ${day(s.first)} … ${day(s.last)} — ${labels(s.labels)}`);
    for (const o of s.onlyOn)
      out.push(
        `    ! only on ${o.key}=${o.value} (${o.scored} of its ${plural(o.valueTraces, "trace")}; ${noneOfOthers(o.otherTraces)}): a difference across ${o.key} in these verdicts is where ${s.source} ran, not evidence about ${o.key}`
      );
  }
  return out;
}
function confusionLines(p) {
  const rowsL = Object.keys(p.confusion).sort();
  const colsL = [...new Set(Object.values(p.confusion).flatMap((r) => Object.keys(r)))].sort();
  const w = Math.max(8, ...rowsL.map((l) => l.length), ...colsL.map((l) => l.length)) + 2;
  const out = [`    ${`${p.a} ↓ / ${p.b} →`.padEnd(w + 8)}${colsL.map((c) => c.padStart(w)).join("")}`];
  for (const r of rowsL) out.push(`    ${r.padEnd(w + 8)}${colsL.map((c) => String(p.confusion[r]?.[c] ?? 0).padStart(w)).join("")}`);
  return out;
}
function pairLines(p, follow, name) {
  const paint = palette(colourEnabled());
  if (!p.both) return [`  ${p.a} vs ${p.b}: no trace scored by both — no agreement to compute (see coverage above)`];
  const k = p.kappa.value === null ? "kappa n/a" : `Cohen's kappa ${p.kappa.value.toFixed(2)} (${kappaWords(p.kappa.value)})`;
  const out = [`  ${paint.head(`${p.a} vs ${p.b}`)}: agree on ${p.agree} of ${plural(p.both, "trace")} both scored (${pct(p.rate ?? 0)}); ${k}`];
  if (p.kappa.note) out.push(`    note: ${p.kappa.note}`);
  out.push(...confusionLines(p));
  if (p.disagreements.length) out.push(`  Disagreements (${p.both - p.agree}), grouped by labels, rationale and what the inputs share:`);
  for (const g of p.disagreements) {
    const words = g.inputWords.length ? ` — inputs share ${g.inputWords.map((w) => `"${w.word}" (${w.here} of ${g.count}; ${w.agreeing} of ${p.agree} agreeing)`).join(", ")}` : "";
    out.push(`    ${paint.warn("≠")} ${g.count} × ${p.a} ${g.labels[p.a]} / ${p.b} ${g.labels[p.b]}${words}`);
    out.push(`      ${p.a}: ${clip(g.rationales[p.a] ?? "(no rationale)")}`);
    out.push(`      ${p.b}: ${clip(g.rationales[p.b] ?? "(no rationale)")}`);
    out.push(`      e.g. ${follow.inspect(g.example)}${g.count > 1 ? `  (all ${g.count}: --json, disagreements[].traceIds)` : ""}`);
  }
  if (p.disagreements.length) out.push(exportLine(follow, name));
  return out;
}
var verdictsOn = (s) => `${plural(s.verdicts, "verdict")} on ${s.traces} of ${plural(s.of, "trace")}`;
var noneOfOthers = (n) => n === 1 ? "not the 1 other" : `none of the ${n} others`;
function exportLine(follow, name) {
  const done = follow.exported?.name === name ? follow.exported : null;
  if (!done) return `  → labelled set for judge alignment: ${follow.export(name)}`;
  return `  → labelled set written: ${done.file} (${plural(done.records, "record")}); next: align the judge with the Python under EXPORT above`;
}
var traceList = (ids) => `traces: ${ids.slice(0, 8).join(", ")}${ids.length > 8 ? ` … ${ids.length - 8} more (--json, inconsistencies[].traceIds)` : ""}`;
var labelledTraces = (byLabel) => "traces by verdict — " + Object.entries(byLabel).map(([label, ids]) => `${label}: ${ids.slice(0, 8).join(", ")}${ids.length > 8 ? ` … ${ids.length - 8} more` : ""}`).join("; ");
var inOrder = (xs) => [...new Set(xs)].sort(humanFirst);
var andList = (xs) => xs.length < 2 ? xs[0] ?? "" : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;
var PREVIEW = 100;
var since = (ms) => ms === null || ms < 0 ? "" : ` ${fmtMs(ms)} later`;
var shownValue = (v) => clip(JSON.stringify(v) ?? String(v), 40);
function consistencyLines(n, follow, at) {
  const paint = palette(colourEnabled());
  const out = [];
  for (const c of n.inconsistencies) {
    out.push(
      `${at}${paint.warn("~")} inconsistent: ${c.source} gave ${labels(c.labels)} to ${plural(c.count, "trace")} with the same input and same output — e.g. ${follow.inspect(c.traceIds[0])}`
    );
    out.push(`${at}  input:  ${clip(c.input, PREVIEW)}`, `${at}  output: ${clip(c.output ?? "", PREVIEW)}`);
    for (const [label, why] of Object.entries(c.rationales ?? {}).slice(0, 3)) if (why) out.push(`${at}  ${label}: ${clip(why, 140)}`);
    out.push(`${at}  ${c.byLabel ? labelledTraces(c.byLabel) : traceList(c.traceIds)}`);
  }
  if (n.inconsistencies.length)
    out.push(`${at}  (input and output compared as previews; retrieved context is in the spans, not read here: inspect_turn shows it)`);
  for (const f of (n.overrideFlips ?? []).slice(0, 8)) {
    out.push(
      `${at}${paint.warn("~")} the same trace judged twice by ${f.source}: ${shownValue(f.from.value)} → ${shownValue(f.to.value)} (the first overridden${since(f.gapMs)}) — ${follow.inspect(f.traceId)}`
    );
    out.push(`${at}  ${shownValue(f.from.value)}: ${clip(f.from.rationale ?? "(no rationale)", 140)}`);
    out.push(`${at}  ${shownValue(f.to.value)}: ${clip(f.to.rationale ?? "(no rationale)", 140)}`);
  }
  const more = (n.overrideFlips ?? []).length - 8;
  if (more > 0) out.push(`${at}  … ${more} more judged twice (--json, names[].overrideFlips)`);
  return out;
}
function changedNote(r) {
  const changed = r.names.reduce((s, n) => s + (n.overrideFlips?.length ?? 0), 0);
  return changed ? `; ${changed} changed the verdict on the same trace: under consistency` : "";
}
function namesLine(names, compared) {
  const sources = inOrder(names.flatMap((n) => n.sources.map((s) => s.source)));
  if (names.length === 1) return `assessment ${names[0]?.name}, scored by ${andList(sources)}`;
  return `${names.length} assessment names, ${compared} scored by more than one source (sources here: ${sources.join(", ") || "none"})`;
}
function judgeSections(r, follow) {
  const paint = palette(colourEnabled());
  const compared = r.names.filter((n) => !n.singleSource);
  const single = r.names.filter((n) => n.singleSource);
  const head = [`${paint.head("JUDGES")} — ${plural(r.traces, "trace")} read; ${namesLine(r.names, compared.length)}`];
  const errors = Object.entries(r.skipped.errors);
  const codes = (source) => Object.entries(r.skipped.errorCodes?.[source] ?? {}).map(([code, n]) => `${code} ×${n}`).join(", ");
  const leftOut = [
    ...errors.map(([s, c]) => `${plural(c, `${s} scorer error`)} (the judge failed; no verdict${codes(s) ? `: ${codes(s)}` : ""})`),
    ...r.skipped.overridden ? [`${r.skipped.overridden} overridden (replaced by a later assessment${changedNote(r)})`] : []
  ];
  if (leftOut.length) head.push(`  left out: ${leftOut.join(", ")}`);
  if (!compared.length)
    head.push(
      "  No assessment name has verdicts from two sources: there is nothing to check a judge against. Log human labels (annotate_trace --feedback NAME=V) on some judged traces."
    );
  const sections = [{ name: "judges", priority: 0, lines: head }];
  for (const n of compared) {
    const lines = [`${paint.head(n.name.toUpperCase())} — coverage by source:`, ...coverageLines(n)];
    for (const p of n.pairs) lines.push(...pairLines(p, follow, n.name));
    if (n.inconsistencies.length || n.overrideFlips.length) {
      lines.push("  Consistency: different verdicts from one source on the same input and output, or on the same trace:");
      lines.push(...consistencyLines(n, follow, "    "));
    } else lines.push("  Consistency: no source gave different verdicts to the same input and output.");
    sections.push({ name: n.name, priority: 1, lines });
  }
  if (single.length) {
    const lines = [`${paint.head("ONE SOURCE ONLY")} (no agreement to compute; coverage and consistency only):`];
    for (const n of single) {
      const s = n.sources[0];
      if (!s) continue;
      lines.push(`  ${n.name}: ${s.source} only — ${verdictsOn(s)} (${labels(s.labels)})`);
      for (const o of s.onlyOn) lines.push(`    ! only on ${o.key}=${o.value} (${noneOfOthers(o.otherTraces)})`);
      lines.push(...consistencyLines(n, follow, "    "));
      if (!n.inconsistencies.length && !n.overrideFlips.length) lines.push("    consistency: no repeated input and output got different verdicts");
    }
    sections.push({ name: "one source", priority: 2, lines });
  }
  return sections;
}

// scripts/lib/commands/judges/judge-agreement.ts
var judgeAgreement = defineCommand({
  name: "judge_agreement",
  summary: `Can the judge be trusted: for each assessment name scored by more than one source (LLM_JUDGE,
HUMAN, CODE) over an experiment's traces, the agreement over the traces both scored (count, rate,
Cohen's kappa, confusion table), the disagreements grouped by labels, rationale and the words their
inputs share (with an example trace), the same input and output given different verdicts by one
source (consistency), and which traces and cohorts (tags, time) each source covered. Values of any
type are compared as pass/fail where they read that way (bool, yes/no, scores), else as they are.
--export writes the disagreements as a labelled set for MLflow's judge alignment.
mlflow calls: one per page of trace infos (a sqlite store answers in one), no spans; an experiment name
one more lookup (cached five minutes), an id none.`,
  args: [EXPERIMENT_ARG],
  options: {
    ...WINDOW_OPTIONS,
    name: text("NAME", "one assessment name only"),
    verdict: text("NAME=V", "list the traces whose verdict NAME is V (pass, fail, or the value); with --source, from that source only"),
    source: text("HUMAN|LLM_JUDGE|CODE", "with --verdict: verdicts from this source only (MLflow's source types; human, judge, code also read)"),
    export: text("PATH", "write NAME's disagreements (needs --name) as evaluation-dataset records, the reference label as expectation")
  },
  async run({ args, opts }) {
    const a = windowArgs({ ...opts, experimentId: args.experimentId });
    const lookups = await resolveWindowExperiment(a);
    if (opts.export && !opts.name) throw new SkillError("usage", "--export needs --name NAME (the assessment whose disagreements to write).");
    const read = await readWindow(a, false, "judges");
    if (!read.traces.length) throw noTraceIn(a);
    const report = analyseJudges(read.traces, opts.name);
    if (opts.name && !report.names.length)
      throw new SkillError("usage", `No verdict named ${JSON.stringify(opts.name)} on the ${plural(read.traces.length, "trace")} read.`, {
        hint: `Names there: ${[...new Set(read.traces.flatMap((t) => t.info.assessments.map((x) => x.name)))].slice(0, 12).join(", ") || "(none)"}`
      });
    const again = (extra) => commandFor("judge_agreement", [a.given, ...a.source, ...extra]);
    const inspect = (id) => commandFor("inspect_turn", [id]);
    const listed = opts.verdict ? verdictList(read.traces, opts.verdict, opts.source, inspect) : null;
    const exported = opts.export && opts.name ? exportSet(report.names[0], read.traces, opts.export) : null;
    const cut = read.more ? `Read the newest ${plural(read.traces.length, "trace")} of the window (--limit); more match: ${again(["--limit", "0"])}` : null;
    return {
      json: { experimentId: a.experimentId, filter: a.filter, read: read.traces.length, more: read.more, cut, ...report, verdicts: listed, exported },
      files: { searchJson: read.files },
      text: () => {
        const follow = {
          inspect,
          export: (name) => again(["--name", name, "--export", `eval/judge_alignment_${name}.jsonl`]),
          verdicts: (name, label, source) => again(["--verdict", `${name}=${label}`, "--source", source]),
          exported: exported?.file && opts.name ? { name: opts.name, file: exported.file, records: exported.records } : null
        };
        const sections = listed ? [{ name: "verdicts", priority: 0, lines: listed.lines }] : judgeSections(report, follow);
        if (exported) sections.unshift({ name: "export", priority: 0, lines: exported.lines });
        const footer = [
          ...cut ? [cut] : [],
          ...listed ? [`The whole report: ${again(opts.name ? ["--name", opts.name] : [])}`] : [],
          ...rawJsonLines("search", read.files, { fromUserFile: !!a.fromFile, cache: cacheStatus() }),
          `mlflow calls: ${read.calls} for trace infos${lookupClause(lookups)} · all of it as data: ${again(["--json"])}`
        ];
        return renderBudgeted(sections, footer, opts.maxChars ?? 2e4, again(["--json"])).text;
      }
    };
  }
});
var LIST_RATIONALE = 120;
var INSPECT_RATIONALE = 240;
var PREVIEW_LIST = 100;
var PREVIEW_JSON = 500;
var preview = (s) => s ? clipAtWord(oneLine(s), PREVIEW_LIST) : "(no preview)";
function verdictList(traces, spec, source, inspect) {
  const at = spec.indexOf("=");
  if (at <= 0) throw new SkillError("usage", `--verdict takes NAME=VALUE, not ${JSON.stringify(spec.slice(0, 60))}.`);
  const name = spec.slice(0, at);
  const want = spec.slice(at + 1).trim().toLowerCase();
  const src = source === void 0 ? void 0 : parseSource(source);
  const hits = [];
  for (const t of traces)
    for (const x of t.info.assessments) {
      if (x.kind !== "feedback" || !x.valid || x.error || x.name !== name) continue;
      if (src && sourceOf(x) !== src) continue;
      const label = labelOf(x.value, x.name);
      const raw = typeof x.value === "string" ? x.value.trim().toLowerCase() : JSON.stringify(x.value);
      if (label === want || raw === want)
        hits.push({
          traceId: t.info.traceId,
          source: sourceOf(x),
          value: x.value,
          rationale: x.rationale,
          request: (t.info.requestPreview ?? "").slice(0, PREVIEW_JSON),
          response: (t.info.responsePreview ?? "").slice(0, PREVIEW_JSON)
        });
    }
  const traceCount = plural(new Set(hits.map((h) => h.traceId)).size, "trace");
  const lines = [`VERDICTS ${name} = ${want}${src ? ` from ${src}` : " (every source)"}: ${hits.length} on ${traceCount}`];
  for (const h of hits.slice(0, 30)) {
    const why = h.rationale ? oneLine(h.rationale) : "";
    const whole = why.length > INSPECT_RATIONALE ? "--json, verdicts.hits[].rationale" : inspect(h.traceId);
    lines.push(`  ${h.traceId} [${h.source}] ${JSON.stringify(h.value)}${why ? ` — ${clipAtWord(why, LIST_RATIONALE, whole)}` : ""}`);
    lines.push(`      asked:    ${preview(h.request)}`, `      answered: ${preview(h.response)}`);
  }
  if (hits.length > 30) lines.push(`  … ${hits.length - 30} more in --json (verdicts.hits)`);
  return { name, value: want, source: src ?? null, hits, lines };
}
function exportSet(name, traces, path) {
  if (!name) return null;
  const records = alignmentRecords(name, traces);
  const pair = name.pairs.find((p) => p.disagreements.length);
  if (!records.length || !pair) return { file: null, records: 0, lines: [`EXPORT: no disagreement on ${name.name} between two sources: nothing written.`] };
  const set = writeAlignmentSet(path, name, records, process.env.MLFLOW_TRACKING_URI);
  const lines = [
    `EXPORT: ${plural(set.records, "trace")} where ${pair.a} and ${pair.b} disagree on ${name.name} → ${set.file}`,
    `  (evaluation-dataset records: inputs, expectations.${name.name} = the ${pair.a} label, source_trace_id, version tags)`,
    "  Next, align the judge with MLflow (Python):",
    ...set.snippet.split("\n").map((l) => `    ${l}`)
  ];
  return { file: set.file, records: set.records, lines };
}

// scripts/judge_agreement.ts
await runCommand(judgeAgreement);
