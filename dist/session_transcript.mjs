#!/usr/bin/env node
import {
  TraceFacts,
  analyseTokens
} from "./lib/chunk-2N5ROFDQ.mjs";
import {
  SESSION_ARGS,
  SESSION_SOURCE_OPTIONS,
  fetchSession,
  sessionArgs
} from "./lib/chunk-HRMMFFII.mjs";
import {
  locateTurn,
  turnFromInfo
} from "./lib/chunk-TQAPHJUD.mjs";
import "./lib/chunk-4NTHLB4J.mjs";
import {
  experimentIdOf
} from "./lib/chunk-I5XWKEBQ.mjs";
import {
  answeredAfterFailedTool,
  assessmentCount,
  assessmentLine,
  assessmentLines,
  collectFindings,
  foundKinds,
  itemsOf,
  jsonIdNote,
  modelHistory,
  normaliseText,
  recordDataflow
} from "./lib/chunk-KS7L2HCM.mjs";
import {
  findErrors
} from "./lib/chunk-2F3UW5YN.mjs";
import "./lib/chunk-PLXCPJKJ.mjs";
import {
  paint,
  rawJsonLines,
  renderBudgeted,
  summariseAssessments
} from "./lib/chunk-75VG4MON.mjs";
import {
  parseUsageDict
} from "./lib/chunk-SN7MIARC.mjs";
import "./lib/chunk-74YYLKJ4.mjs";
import "./lib/chunk-O7YMMXFA.mjs";
import {
  SkillError,
  buildTree,
  cacheStatus,
  clip,
  commandFor,
  decodeValue,
  defineCommand,
  flag,
  fmtInt,
  fmtMs,
  mainRoot,
  oneLine,
  plural,
  runCommand,
  sessionLink,
  shown,
  text
} from "./lib/chunk-S6G2NY6H.mjs";

// scripts/lib/analysis/session/session.ts
var SPANS_BY_DEFAULT_MAX_TURNS = 200;
var median = (xs) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
var HISTORY_CAP = 5e4;
function turnFindings(facts) {
  const f = collectFindings(facts);
  return foundKinds(f).length ? f : null;
}
var reasonOf = (kind, item) => kind.turnReason?.(item) ?? kind.turnLine?.(item) ?? kind.line(item);
function readTurn(trace, n) {
  const info = trace.info;
  const perTurn = info.assessments.filter((a) => !a.sessionLevel);
  let text2;
  let tokens = parseUsageDict(decodeValue(info.metadata["mlflow.trace.tokenUsage"]));
  let error = null;
  let textSpan = null;
  let history = null;
  let findings = null;
  let historyNorm = "";
  if (trace.spans.length) {
    const tree = buildTree(trace.spans);
    const io = locateTurn(trace, tree);
    text2 = { user: io.user, reply: io.reply, source: io.source };
    const root = mainRoot(tree);
    if (io.spanName)
      textSpan = {
        name: io.spanName,
        keys: [io.inputs?.key, io.outputs?.key].filter(Boolean).join(" / "),
        rootName: root?.span.name ?? null,
        rootIsWrapper: io.rootIsWrapper
      };
    history = modelHistory(tree, io.spanId ? tree.byId.get(io.spanId) ?? null : null);
    tokens ??= analyseTokens(trace, tree).total;
    const errors = findErrors(tree);
    const culprit = errors.culprits[0];
    if (culprit) error = `${culprit.name}: ${culprit.exception ? `${culprit.exception.type}: ${culprit.exception.message}` : culprit.statusMessage}`;
    const flow = recordDataflow(tree);
    findings = turnFindings(new TraceFacts(trace, tree, { errors, flow, reply: io.reply && io.reply.shape !== "json" ? io.reply.text : null }));
    historyNorm = flow.models[0]?.model?.norm.slice(0, HISTORY_CAP) ?? "";
  } else {
    const t = turnFromInfo(info);
    text2 = { ...t, source: "trace previews (request_preview / response_preview)" };
  }
  const turn = {
    n,
    traceId: info.traceId,
    requestTime: info.requestTimeMs === null ? null : new Date(info.requestTimeMs).toISOString(),
    requestTimeMs: info.requestTimeMs,
    state: info.state,
    durationMs: info.durationMs,
    tokens,
    user: text2.user,
    reply: text2.reply,
    source: text2.source,
    textSpan,
    history,
    error,
    assessments: summariseAssessments(perTurn),
    findings,
    builtOnClaim: null
  };
  return { turn, historyNorm };
}
function markBuiltOnClaims(turns, histories) {
  for (const t of turns) {
    const claim = t.findings ? itemsOf(t.findings, answeredAfterFailedTool).find((f) => f.successClaim) : void 0;
    if (!claim?.successClaim) continue;
    const claimNorm = normaliseText(t.reply?.text ?? claim.successClaim).slice(0, 80);
    const errorNorm = normaliseText(claim.error.slice(0, 300)).slice(0, 60);
    if (claimNorm.length < 12) continue;
    for (const later of turns) {
      if (later.n <= t.n || later.builtOnClaim) continue;
      const h = histories[later.n - 1] ?? "";
      if (h.includes(claimNorm) && !(errorNorm && h.includes(errorNorm))) later.builtOnClaim = { turn: t.n, claim: claim.successClaim, tool: claim.toolRef };
    }
  }
}
var needsSpans = (turns) => turns.some((t) => !t.user || t.user.shape === "json" || !t.reply && t.state !== "ERROR" || t.reply?.shape === "json");
var CORRECTION = /\b(that'?s (wrong|not right|incorrect)|not what i|incorrect|you said|why did you|i already (said|told)|still (not|wrong|doesn'?t)|doesn'?t work|didn'?t work|wrong|no,|actually,?|i meant|that is not|useless|frustrat|again\?)|\?\?|!!/i;
var STOP = new Set(
  "a an the i you me my your is are was were be to of in on at for and or but it this that what why how did do does say said can could would will please not no yes so then than as with from by".split(
    " "
  )
);
var words = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}\s'-]/gu, " ").split(/\s+/).filter(Boolean);
function similarity(a, b) {
  const A = new Set(words(a).filter((w) => !STOP.has(w)));
  const B = new Set(words(b).filter((w) => !STOP.has(w)));
  if (A.size < 2 || B.size < 2) return 0;
  const numbers = (S) => [...S].filter((w) => /\d/.test(w)).sort().join(" ");
  if (numbers(A) !== numbers(B)) return 0;
  let inter = 0;
  for (const w of A) if (B.has(w)) inter++;
  return inter / (A.size + B.size - inter);
}
function bigrams(s) {
  const w = words(s);
  const out = [];
  for (let i = 0; i + 1 < w.length; i++) {
    const pair = [w[i], w[i + 1]];
    if (pair.some((x) => !STOP.has(x) && (x.length > 2 || /\d/.test(x)))) out.push(pair.join(" "));
  }
  return out;
}
var clipText = (s, n = 80) => s.length > n ? `${s.slice(0, n - 1)}…` : s;
function earlierTurns(firstBad) {
  const from = Math.max(1, firstBad - 2);
  const to = firstBad - 1;
  return from === to ? `turn ${to}` : `turns ${from}–${to}`;
}
var REPEATED_CLAIM = /\b(repeat\w*|again|earlier|previous(?:ly)?|still|already|prior)\b[^.]{0,80}\b(claim\w*|said|stated|told|assert\w*|confirm\w*)\b|\b(false|incorrect|wrong|untrue) (claim|statement|confirmation)/i;
function historyIsMissing(turns) {
  const later = turns.filter((t) => t.n > 1 && t.history);
  return turns.length > 1 && later.length > 0 && later.every((t) => t.history?.earlierMessages === 0);
}
function rankTurns(turns, historyMissing = historyIsMissing(turns)) {
  const score = /* @__PURE__ */ new Map();
  const flag2 = (t, points, reason) => {
    const s = score.get(t.n) ?? { turn: t.n, traceId: t.traceId, score: 0, reasons: [] };
    s.score += points;
    s.reasons.push(reason);
    score.set(t.n, s);
  };
  const durations = turns.map((t) => t.durationMs).filter((d) => d !== null);
  const medDur = median(durations);
  const totals = turns.map((t) => t.tokens?.total).filter((d) => typeof d === "number");
  const medTok = median(totals);
  const gaps = turns.slice(1).map((t, i) => (t.requestTimeMs ?? 0) - (turns[i].requestTimeMs ?? 0));
  const medGap = median(gaps);
  const replyWords = turns.map((t) => t.reply ? words(t.reply.text).join(" ") : "");
  const claimTurn = turns.find((t) => t.findings && itemsOf(t.findings, answeredAfterFailedTool).some((f) => f.successClaim));
  turns.forEach((t, i) => {
    const prev = turns[i - 1];
    for (const v of t.assessments.verdicts) {
      if (v.polarity === "negative")
        flag2(t, 5, `negative verdict ${v.name} = ${JSON.stringify(v.value)}${v.rationale ? `: ${clipText(v.rationale, 160)}` : ""}`);
      if (v.polarity === "negative" && v.rationale && REPEATED_CLAIM.test(v.rationale) && claimTurn && claimTurn.n < t.n) {
        flag2(claimTurn, 3, `turn ${t.n}'s judge speaks of repeating an earlier claim: it was first made here`);
      }
    }
    for (const { kind, items } of t.findings ? foundKinds(t.findings) : []) {
      for (const item of items) {
        const points = kind.turnWeight(item);
        if (points > 0) flag2(t, points, reasonOf(kind, item));
      }
    }
    if (t.builtOnClaim)
      flag2(
        t,
        2,
        `its model input holds turn ${t.builtOnClaim.turn}'s claim "${clipText(t.builtOnClaim.claim, 100)}" but not the error of ${t.builtOnClaim.tool}: it builds on a false "done"`
      );
    if (historyMissing && t.n > 1 && t.history?.earlierMessages === 0) flag2(t, 1, "history missing: the model input held no earlier turn");
    if (t.state === "ERROR") flag2(t, 4, `state ERROR${t.error ? ` (${clipText(t.error, 140)})` : ""}`);
    if (t.state === "IN_PROGRESS") flag2(t, 1, "still IN_PROGRESS (never finished?)");
    const userText = t.user?.text ?? "";
    if (prev && userText && CORRECTION.test(userText)) {
      flag2(prev, 3, `the next user message (turn ${t.n}) corrects or pushes back: "${clipText(userText)}"`);
      flag2(t, 1, "the user corrects or pushes back in this turn");
      const pairs = bigrams(userText);
      for (let j = 0; j < i - 1; j++) {
        const quoted = pairs.find((p) => replyWords[j]?.includes(p));
        if (quoted) {
          flag2(turns[j], 3, `turn ${t.n}'s correction refers to this reply ("${quoted}")`);
          break;
        }
      }
    }
    if (prev?.user && userText && similarity(prev.user.text, userText) >= 0.6) flag2(prev, 2, `the user asks again at turn ${t.n} (rephrased or repeated)`);
    if (t.durationMs !== null && turns.length >= 4 && medDur > 0 && t.durationMs > 2.5 * medDur)
      flag2(t, 1, `latency outlier: ${Math.round(t.durationMs)} ms vs median ${Math.round(medDur)} ms`);
    const tot = t.tokens?.total;
    if (typeof tot === "number" && turns.length >= 4 && medTok > 0 && tot > 2.5 * medTok) flag2(t, 1, `token outlier: ${tot} vs median ${Math.round(medTok)}`);
    const pin = prev?.tokens?.input;
    const tin = t.tokens?.input;
    if (typeof pin === "number" && typeof tin === "number" && pin > 0 && tin > 2 * pin && tin - pin > 500)
      flag2(t, 1, `context grew from ${pin} to ${tin} input tokens`);
    const gap = i > 0 ? gaps[i - 1] : void 0;
    if (gap !== void 0 && turns.length >= 4 && gap > 5 * 6e4 && gap > 5 * medGap)
      flag2(t, 1, `long pause before this turn (${Math.round(gap / 6e4)} min)`);
  });
  const suspects = [...score.values()].sort((a, b) => b.score - a.score || a.turn - b.turn);
  const strong = suspects.filter((s) => s.score >= 3);
  const firstBadTurn = strong.length ? Math.min(...strong.map((s) => s.turn)) : null;
  const advice = firstBadTurn === null ? null : `The earliest strong signal is turn ${firstBadTurn}.${firstBadTurn > 1 ? ` Read ${earlierTurns(firstBadTurn)} too: a wrong fact the user did not challenge often causes a failure turns later.` : ""}`;
  return { suspects, firstBadTurn, advice };
}
function textFromLine(turns, spansLoaded) {
  const spans = turns.map((t) => t.textSpan).filter((x) => x !== null);
  if (!spansLoaded || !spans.length) return "trace previews (request_preview / response_preview; no spans needed)";
  const counts = /* @__PURE__ */ new Map();
  for (const s2 of spans) {
    const k = `${s2.name}\0${s2.keys}\0${s2.rootName}\0${s2.rootIsWrapper}`;
    const c = counts.get(k) ?? { n: 0, s: s2 };
    c.n += 1;
    counts.set(k, c);
  }
  const top = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  const { s } = top;
  const root = s.rootIsWrapper ? `the root "${s.rootName}" is a wrapper` : "the root span itself (not a wrapper)";
  const share = top.n < turns.length ? ` (in ${top.n} of ${turns.length} turns; --turns shows each turn's source)` : "";
  return `span "${s.name}"${s.keys ? ` (${s.keys})` : ""}; ${root}${share}`;
}
function analyseSession(sessionId, traces, spansLoaded) {
  const read = traces.map((t, i) => readTurn(t, i + 1));
  const turns = read.map((r) => r.turn);
  markBuiltOnClaims(
    turns,
    read.map((r) => r.historyNorm)
  );
  const sessionLevel = traces.flatMap((t) => t.info.assessments.filter((a) => a.sessionLevel));
  const warnings = [];
  const inProgress = turns.filter((t) => t.state === "IN_PROGRESS").length;
  if (inProgress) warnings.push(`${inProgress} turn(s) are IN_PROGRESS: the session may still be running, or those turns are incomplete.`);
  const noText = turns.filter((t) => !t.user).length;
  if (noText) warnings.push(`${noText} turn(s) have no readable user message${spansLoaded ? "" : " in the trace previews (run with --spans)"}.`);
  const cut = turns.filter((t) => (t.user?.text.length ?? 0) >= 997 && t.user?.text.endsWith("...")).length;
  if (cut && !spansLoaded) warnings.push(`${cut} user message(s) are MLflow previews cut at 1,000 chars; --spans reads them whole.`);
  const firstSessionAssessmentTrace = traces.findIndex((t) => t.info.assessments.some((a) => a.sessionLevel));
  if (firstSessionAssessmentTrace > 0)
    warnings.push(
      `Session-level assessments sit on turn ${firstSessionAssessmentTrace + 1}, not on the first turn: earlier turns may be missing from this session.`
    );
  const later = turns.filter((t) => t.n > 1 && t.history);
  const historyMissing = historyIsMissing(turns);
  if (historyMissing) {
    const span = later[0]?.history?.spanName ?? "the model span";
    warnings.push(
      `no earlier turns in the model input: history missing — from turn 2 on, ${later.length === turns.length - 1 ? "every" : `${later.length} of ${turns.length - 1}`} model call ("${span}") was given only the current user message`
    );
  }
  const ranked = rankTurns(turns, historyMissing);
  return {
    sessionId,
    experimentId: traces[0]?.info.experimentId ?? null,
    turnCount: turns.length,
    users: [...new Set(traces.map((t) => t.info.userId).filter((u) => !!u))],
    spansLoaded,
    sessionAssessments: summariseAssessments(sessionLevel),
    turns,
    ...ranked,
    warnings,
    textFrom: textFromLine(turns, spansLoaded),
    historyMissing
  };
}

// scripts/lib/render/session-view.ts
function turnBlock(t, full, suspect) {
  const textMax = full ? 1e5 : 220;
  const stateMark = t.state === "ERROR" ? paint.error("ERROR") : t.state === "OK" ? "OK" : paint.warn(t.state);
  const tok = t.tokens?.total != null ? ` · ${fmtInt(t.tokens.total)} tok` : "";
  const head = `${suspect ? paint.error("▶") : " "} ${String(t.n).padStart(3)}. ${t.traceId} · ${t.requestTime?.slice(0, 19).replace("T", " ") ?? "?"} · ${stateMark} · ${fmtMs(t.durationMs)}${tok}`;
  const lines = [head];
  const text2 = (e) => e ? clip(full ? e.text : oneLine(e.text), textMax) : paint.dim("(none found)");
  lines.push(`       user:  ${text2(t.user)}`);
  lines.push(`       reply: ${t.reply ? text2(t.reply) : t.error ? paint.error(`(no reply: ${clip(oneLine(t.error), 200)})`) : text2(null)}`);
  if (t.error && t.reply) lines.push(`       error: ${paint.error(clip(oneLine(t.error), 200))}`);
  if (t.history)
    lines.push(
      `       model input: ${plural(t.history.earlierMessages, "earlier message")}${t.n > 1 && t.history.earlierMessages === 0 ? paint.warn(" (no history)") : ""}`
    );
  lines.push(...turnFindingLines(t, full ? 1e3 : 200));
  if (full) {
    lines.push(`       text from: ${t.source}`);
    lines.push(...assessmentLines(t.assessments, "       ", 2e3));
  } else {
    for (const v of t.assessments.verdicts) lines.push(`       ${assessmentLine(v, 160)}`);
    for (const e of t.assessments.scorerErrors)
      lines.push(`       ${paint.warn("!")} ${e.name}: scorer error ${e.error?.code ?? ""} (judge failure, not a turn failure)`);
  }
  return lines;
}
function turnFindingLines(t, max) {
  const bang = paint.warn("!");
  const out = (t.findings ? foundKinds(t.findings) : []).flatMap(
    ({ kind, items }) => (
      // A kind that writes its own turn line bounds it; a finding's full line is clipped here.
      items.map((item) => `       ${bang} ${kind.turnLine ? kind.turnLine(item) : clip(kind.line(item), max)}`)
    )
  );
  if (t.builtOnClaim) out.push(`       ${bang} model input holds turn ${t.builtOnClaim.turn}'s claim but not the error of ${t.builtOnClaim.tool}`);
  return out;
}
function sessionSections(r, follow, opts) {
  const first = r.turns[0];
  const last = r.turns.at(-1);
  const header = [
    paint.head(`Session ${JSON.stringify(r.sessionId)} — ${plural(r.turnCount, "turn")}`) + `${r.experimentId ? ` · experiment ${r.experimentId}` : ""}${r.users.length ? ` · user ${r.users.join(", ")}` : ""}`,
    `${first?.requestTime ?? "?"} → ${last?.requestTime ?? "?"}`,
    `text from ${r.textFrom}`
  ];
  const link = sessionLink(r.experimentId, r.sessionId);
  if (link) header.push(`MLflow UI: ${link}`);
  if (!r.spansLoaded && r.turnCount >= 2 && follow.spans)
    header.push(
      `spans not read (previews only: sessions over ${SPANS_BY_DEFAULT_MAX_TURNS} turns are read from previews): model inputs (history), failed tools and the other per-turn findings show with ${follow.spans}`
    );
  const sections = [{ name: "header", priority: 0, lines: header }];
  if (r.warnings.length) sections.push({ name: "warnings", priority: 0, lines: r.warnings.map((w) => `${paint.warn("!")} ${w}`) });
  if (assessmentCount(r.sessionAssessments)) {
    sections.push({
      name: "session assessments",
      priority: 1,
      lines: [paint.head("SESSION-LEVEL ASSESSMENTS (judge the whole conversation)"), ...assessmentLines(r.sessionAssessments)]
    });
  } else sections.push({ name: "session assessments", priority: 0, lines: [`${paint.head("SESSION-LEVEL ASSESSMENTS")}: none logged`] });
  const sus = r.suspects.filter((s) => s.score >= 2).slice(0, 6);
  const wrong = [paint.head("WHERE IT WENT WRONG (turns ranked by evidence)")];
  if (r.historyMissing)
    wrong.push(`  ${paint.warn("!")} history missing: from turn 2 on, no model input held an earlier turn — every answer was given without the conversation`);
  if (!sus.length) wrong.push("  No turn stands out: no errors, negative verdicts, corrections or outliers. Read the transcript for wrong facts.");
  for (const [i, s] of sus.entries()) {
    wrong.push(`  #${i + 1} turn ${s.turn} (score ${s.score}) — ${follow.inspect(s.traceId)}`);
    for (const reason of s.reasons) wrong.push(`       · ${clip(reason, 300)}`);
  }
  if (r.advice) wrong.push(`  → ${r.advice}`);
  sections.push({ name: "where it went wrong", priority: 1, lines: wrong });
  const suspectTurns = new Set(r.suspects.filter((s) => s.score >= 3).map((s) => s.turn));
  const chosen = opts.range ? r.turns.filter((t) => t.n >= opts.range[0] && t.n <= opts.range[1]) : r.turns;
  const full = opts.range !== null;
  const used = sections.reduce((s, sec) => s + sec.lines.reduce((a, l) => a + l.length + 1, 0), 0);
  let room = opts.maxChars - used - 600;
  const turnLines = [paint.head(opts.range ? `TURNS ${opts.range[0]}–${opts.range[1]} (in full)` : "TURNS (▶ = suspect)")];
  let shownTo = 0;
  for (const t of chosen) {
    const block = turnBlock(t, full, suspectTurns.has(t.n));
    const size = block.reduce((a, l) => a + l.length + 1, 0);
    if (size > room && shownTo > 0) break;
    turnLines.push(...block);
    room -= size;
    shownTo = t.n;
  }
  const lastWanted = chosen.at(-1)?.n ?? 0;
  if (shownTo < lastWanted) {
    const next = shownTo + 1;
    const span = Math.max(5, shownTo - (chosen[0]?.n ?? 1) + 1);
    turnLines.push(
      `  … turns ${next}–${lastWanted} not shown (${plural(lastWanted - shownTo, "turn")}); see: ${follow.turns(next, Math.min(lastWanted, next + span - 1))}`
    );
  }
  sections.push({ name: "turns", priority: 2, lines: turnLines, more: follow.turns(1, Math.min(r.turnCount, 20)) });
  return sections;
}

// scripts/lib/commands/session/session-transcript.ts
var sessionTranscript = defineCommand({
  name: "session_transcript",
  summary: "Every turn of an MLflow chat session (traces sharing metadata mlflow.trace.session), oldest first and\ncomplete (pages followed to the end): user message, reply, state, latency, tokens, assessments; the\nsession-level assessments; and the turns ranked by evidence of where the conversation went wrong.\nSpans are read by default for sessions of up to 200 turns (a second call; --spans makes it one);\nlonger sessions are read from previews unless they lack the text or --spans is given.",
  args: SESSION_ARGS,
  options: {
    ...SESSION_SOURCE_OPTIONS,
    turns: text("A-B", "show turns A to B in full (texts up to 4,000 chars, rationales whole)"),
    spans: flag(
      "read each turn from its spans from the start (one call instead of two when\nthe previews are known not to hold the text, e.g. wrapper roots, OTel apps)"
    )
  },
  async run({ args, opts }) {
    const range = parseRange(opts.turns);
    const a = sessionArgs({ ...opts, experimentId: args.experimentId, sessionId: args.sessionId });
    if (!a.fromFile) a.experimentId = await experimentIdOf(a.experimentId, a.cli);
    const { report, traces, files } = await readSession(a, opts.spans);
    if (range && range[0] > report.turnCount) throw new SkillError("usage", `--turns ${range[0]}-${range[1]}: the session has ${report.turnCount} turns.`);
    const turns = range ? report.turns.filter((t) => t.n >= range[0] && t.n <= range[1]) : report.turns;
    return {
      json: { ...report, turns },
      files: { searchJson: files },
      text: () => {
        const follow = {
          inspect: (traceId) => commandFor("inspect_turn", [traceId]),
          turns: (from, to) => a.again("session_transcript", ["--turns", `${from}-${to}`]),
          spans: a.fromFile ? void 0 : a.again("session_transcript", ["--spans"])
        };
        const footer = [
          ...rawJsonLines("search", files, { fromUserFile: !!a.fromFile, idNote: jsonIdNote(traces[0]?.format ?? "3.x"), cache: cacheStatus() }),
          `One turn in depth: ${commandFor("inspect_turn", ["<trace_id>"])}`
        ];
        return renderBudgeted(sessionSections(report, follow, { maxChars: a.maxChars, range }), footer, a.maxChars, a.again("session_transcript", ["--json"])).text;
      }
    };
  }
});
async function readSession(a, wantSpans) {
  let spans = wantSpans;
  let { traces, files } = await fetchSession(a, spans);
  let report = analyseSession(a.sessionId, traces, spans || traces.some((t) => t.spans.length > 0));
  if (!spans && !a.fromFile && (report.turnCount <= SPANS_BY_DEFAULT_MAX_TURNS || needsSpans(report.turns))) {
    spans = true;
    ({ traces, files } = await fetchSession(a, true));
    report = analyseSession(a.sessionId, traces, true);
  }
  return { report, traces, files, spans };
}
function parseRange(v) {
  if (!v) return null;
  const m = /^(\d+)(?:\s*[-–:]\s*(\d+))?$/.exec(v.trim());
  if (!m) throw new SkillError("usage", `--turns takes A-B (e.g. 3-7), not ${shown(v)}.`, { hint: "e.g. --turns 3-7, or --turns 4 for one turn." });
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (a < 1 || b < a)
    throw new SkillError("usage", `--turns ${shown(v)}: the range must be 1-based and ascending.`, { hint: "e.g. --turns 3-7 (turn 1 is the first)." });
  return [a, b];
}

// scripts/session_transcript.ts
await runCommand(sessionTranscript);
