import {
  analyseTokens
} from "./chunk-5SXQ4TEL.mjs";
import {
  TraceFacts,
  turnsSoFar
} from "./chunk-7PUXK5AD.mjs";
import {
  locateTurn,
  replyProse,
  turnFromInfo
} from "./chunk-L7NKPVFV.mjs";
import {
  findErrors
} from "./chunk-SUSXR56T.mjs";
import {
  answeredAfterFailedTool,
  collectFindings,
  foundKinds,
  itemsOf,
  modelHistory,
  passageHead,
  recordDataflow,
  successClaim,
  toolRecords
} from "./chunk-MWQ5YTIN.mjs";
import {
  summariseAssessments
} from "./chunk-NTVFJSFG.mjs";
import {
  parseUsageDict
} from "./chunk-2IPHA5SA.mjs";
import {
  buildTree,
  decodeValue,
  mainRoot
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/session/turn.ts
var HISTORY_CAP = 5e4;
function turnFindings(facts) {
  const f = collectFindings(facts);
  return foundKinds(f).length ? f : null;
}
function culpritLine(errors) {
  const c = errors.culprits[0];
  if (!c) return null;
  return `${c.name}: ${c.exception ? `${c.exception.type}: ${c.exception.message}` : c.statusMessage}`;
}
function readSpans(trace, tree, tokens, earlier) {
  const io = locateTurn(trace, tree);
  const root = mainRoot(tree);
  const keys = [io.inputs?.key, io.outputs?.key].filter(Boolean).join(" / ");
  const errors = findErrors(tree);
  const flow = recordDataflow(tree);
  const reply = replyProse(io);
  return {
    user: io.user,
    reply: io.reply,
    source: io.source,
    textSpan: io.spanName ? { name: io.spanName, keys, rootName: root?.span.name ?? null, rootIsWrapper: io.rootIsWrapper } : null,
    history: modelHistory(tree, io.spanId ? tree.byId.get(io.spanId) ?? null : null),
    tokens: tokens ?? analyseTokens(trace, tree).total,
    error: culpritLine(errors),
    findings: turnFindings(new TraceFacts(trace, tree, { errors, flow, reply, earlier })),
    historyNorm: flow.models[0]?.model?.norm.slice(0, HISTORY_CAP) ?? "",
    records: toolRecords(flow)
  };
}
function readPreviews(trace, tokens) {
  const { user, reply } = turnFromInfo(trace.info);
  const source = "trace previews (request_preview / response_preview)";
  return { user, reply, source, textSpan: null, history: null, tokens, error: null, findings: null, historyNorm: "", records: [] };
}
function readTurn(trace, n, earlier = []) {
  const info = trace.info;
  const tokens = parseUsageDict(decodeValue(info.metadata["mlflow.trace.tokenUsage"]));
  const r = trace.spans.length ? readSpans(trace, buildTree(trace.spans), tokens, earlier) : readPreviews(trace, tokens);
  const turn = {
    n,
    traceId: info.traceId,
    requestTime: info.requestTimeMs === null ? null : new Date(info.requestTimeMs).toISOString(),
    requestTimeMs: info.requestTimeMs,
    state: info.state,
    durationMs: info.durationMs,
    tokens: r.tokens,
    user: r.user,
    reply: r.reply,
    source: r.source,
    textSpan: r.textSpan,
    history: r.history,
    error: r.error,
    assessments: summariseAssessments(info.assessments.filter((a) => !a.sessionLevel)),
    findings: r.findings,
    builtOnClaim: null
  };
  return { turn, historyNorm: r.historyNorm, records: r.records };
}
var claimOf = (t) => (t.findings ? itemsOf(t.findings, answeredAfterFailedTool).find((f) => f.successClaim)?.successClaim : null) ?? null;
function markBuiltOnClaims(turns, histories) {
  for (const t of turns) {
    const claim = t.findings ? itemsOf(t.findings, answeredAfterFailedTool).find((f) => f.successClaim) : void 0;
    if (!claim?.successClaim) continue;
    const claimNorm = passageHead(t.reply?.text ?? claim.successClaim, 80);
    const errorNorm = passageHead(claim.error, 60, 300);
    if (claimNorm.length < 12) continue;
    for (const later of turns) {
      if (later.n <= t.n || later.builtOnClaim) continue;
      const h = histories[later.n - 1] ?? "";
      if (h.includes(claimNorm) && !(errorNorm && h.includes(errorNorm))) later.builtOnClaim = { turn: t.n, claim: claim.successClaim, tool: claim.toolRef };
    }
  }
}
var needsSpans = (turns) => turns.some((t) => !t.user || t.user.shape === "json" || !t.reply && t.state !== "ERROR" || t.reply?.shape === "json");

// scripts/lib/analysis/session/session-verdicts.ts
var clip = (s, n = 160) => s.length > n ? `${s.slice(0, n - 1)}…` : s;
function sessionVerdictSignals(summary, scored, last) {
  const negative = summary?.verdicts.filter((v) => v.polarity === "negative") ?? [];
  if (!negative.length || !last) return [];
  const top = [...scored].sort((a, b) => b.score - a.score || a.turn - b.turn)[0];
  const turn = top && top.score > 0 ? top.turn : last.n;
  const where = top && top.score > 0 ? "pinned on the turn with the most other evidence" : "it names no turn: the last turn is listed; read the transcript";
  return negative.map((v) => ({
    turn,
    points: 5,
    reason: `negative session-level verdict ${v.name} = ${JSON.stringify(v.value)} [${v.sourceType}]${v.rationale ? `: ${clip(v.rationale)}` : ""} (${where})`
  }));
}

// scripts/lib/analysis/session/signals.ts
var phrases = (lines, tail = "") => new RegExp(String.raw`\b(${lines.join("|")})\b${tail}`, "i");
var DOUBT = phrases(
  [
    "did (it|that|this) (work|go through|save|change)|is it (done|fixed|changed|saved)|has it (been )?(changed|updated|done)",
    "(it|that|the app|this) (still|is still) (shows?|says?|has|is)|still (shows?|says?|see|the same)|nothing (has )?changed",
    "hat es funktioniert|ça a marché|funcion[oó]|funcionou"
  ],
  String.raw`|\bstill\b.*\?$`
);
var CORRECTION = phrases([
  "you (told|said|promised|claimed)|i (asked|said|told you|already (said|told|asked))|that'?s (wrong|not (right|true|what))|not what i",
  "incorrect|why did you|you didn'?t|doesn'?t work|didn'?t work|wrong|i meant|is not correct",
  "ist falsch|c'est faux|no es correcto|est[aá] mal|j'ai demandé|ich habe gefragt|te (dije|pregunt[eé])"
]);
var AGAIN = /\b(again|once more|one more time|for the (second|third) time|repeat(ing)? myself|encore|nochmal|noch einmal|otra vez|de novo|outra vez)\b|\?\?|!!/i;
var FRUSTRATION = phrases(
  [
    String.raw`useless|ridiculous|frustrat\w*|annoying|waste of (my )?time|terrible|awful|hopeless|give up|fed up|unacceptable`,
    "nutzlos|inutile|in[uú]til|p[eé]rdida de tiempo"
  ],
  String.raw`|!!|\?!`
);
var HUMAN = phrases([
  "(talk|speak|chat) (to|with) (a |an |someone|somebody|a real |real )?(human|person|agent|representative|someone|manager|support)",
  String.raw`real (person|human)|human agent|escalat\w+|menschen|conseiller|humano|una persona`
]);
var LONG_GAP_MIN = 30;
var SHOUTING = /\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b/;
var norm = (s) => s.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, " ").replace(/\s+/g, " ").trim();
var clip2 = (s, n = 80) => s.length > n ? `${s.slice(0, n - 1)}…` : s;
function overlap(a, b) {
  const A = new Set(norm(a).split(" ").filter(Boolean));
  const B = new Set(norm(b).split(" ").filter(Boolean));
  if (!A.size || !B.size) return 0;
  let inter = 0;
  for (const w of A) if (B.has(w)) inter++;
  return inter / (A.size + B.size - inter);
}
var repeats = (reply, prev) => norm(reply).length >= 20 && (norm(reply) === norm(prev) || overlap(reply, prev) >= 0.9);
function endingReason(n, waited, unanswered, user) {
  const on = unanswered ? "a turn with no reply" : "a complaint";
  return `the conversation ends at turn ${n}${waited} on ${on}${user ? `: "${clip2(user)}"` : ""} (nothing after it resolves it)`;
}
function conversationSignals(turns) {
  const out = [];
  const add = (kind, turn, blames, points, reason) => out.push({ kind, turn, blames, points, reason });
  turns.forEach((t, i) => {
    const prev = turns[i - 1];
    const u = t.user ?? "";
    const quote = `"${clip2(u)}"`;
    if (u && prev) {
      if (DOUBT.test(u)) add("doubt", t.n, prev.n, 4, `the user doubts turn ${prev.n}'s result at turn ${t.n}: ${quote}`);
      if (CORRECTION.test(u)) add("correction", t.n, prev.n, 4, `the user corrects or contradicts turn ${prev.n} at turn ${t.n}: ${quote}`);
      else if (AGAIN.test(u)) add("repeat-question", t.n, prev.n, 3, `the user asks again at turn ${t.n}: ${quote}`);
    }
    if (u && FRUSTRATION.test(u)) add("frustration", t.n, t.n, 3, `frustration at turn ${t.n}: ${quote}`);
    else if (u && SHOUTING.test(u)) add("frustration", t.n, t.n, 2, `shouting (capitals) at turn ${t.n}: ${quote}`);
    if (u && HUMAN.test(u)) add("human", t.n, t.n, 4, `the user asks for a human at turn ${t.n}: ${quote}`);
    if (t.reply && prev?.reply && repeats(t.reply, prev.reply))
      add("assistant-repeat", t.n, t.n, 4, `the reply at turn ${t.n} repeats turn ${prev.n}'s reply: "${clip2(t.reply)}"`);
    const claim = t.reply ? successClaim(t.reply) : null;
    const next = turns[i + 1]?.user ?? "";
    if (claim && next && DOUBT.test(next))
      add("claimed-success", t.n, t.n, 3, `turn ${t.n}'s reply claimed success ("${clip2(claim)}") and the user doubted it next`);
  });
  const last = turns.at(-1);
  if (last && turns.length > 1) {
    const u = last.user ?? "";
    const complaint = [DOUBT, CORRECTION, FRUSTRATION, HUMAN].some((re) => re.test(u));
    const unanswered = !last.reply || last.state === "ERROR";
    const before = turns.at(-2);
    const gapMin = last.requestTimeMs !== null && before?.requestTimeMs != null ? Math.round((last.requestTimeMs - before.requestTimeMs) / 6e4) : 0;
    const waited = gapMin >= LONG_GAP_MIN && (complaint || AGAIN.test(u)) ? ` after a ${gapMin}-min wait` : "";
    if (complaint || unanswered || waited) add("abandoned", last.n, last.n, waited ? 3 : 2, endingReason(last.n, waited, unanswered, u));
  }
  return out;
}
var SIGNAL_WORDS = {
  doubt: "doubted a result",
  correction: "corrected the assistant",
  "repeat-question": "asked again",
  frustration: "frustration",
  human: "asked for a human",
  "assistant-repeat": "assistant repeated itself",
  abandoned: "ended on a complaint",
  "claimed-success": "claimed success, then doubted"
};

// scripts/lib/analysis/session/turn-ranking.ts
var median = (xs) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
var reasonOf = (kind, item) => kind.turnReason?.(item) ?? kind.turnLine?.(item) ?? kind.line(item);
var CORRECTION_WORDS = [
  "that'?s (wrong|not right|incorrect)|not what i|incorrect|you said|why did you|i already (said|told)|still (not|wrong|doesn'?t)",
  String.raw`doesn'?t work|didn'?t work|wrong|no,|actually,?|i meant|that is not|useless|frustrat|again\?`
];
var CORRECTION2 = new RegExp(String.raw`\b(${CORRECTION_WORDS.join("|")})|\?\?|!!`, "i");
var STOP = new Set(
  [
    "a an the i you me my your is are was were be to of in on at for and or but it this that what why how did do does say said",
    "can could would will please not no yes so then than as with from by"
  ].join(" ").split(" ")
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
var REPEATED_CLAIM = new RegExp(
  String.raw`\b(repeat\w*|again|earlier|previous(?:ly)?|still|already|prior)\b[^.]{0,80}\b(claim\w*|said|stated|told|assert\w*|confirm\w*)\b` + String.raw`|\b(false|incorrect|wrong|untrue) (claim|statement|confirmation)`,
  "i"
);
function historyIsMissing(turns) {
  const later = turns.filter((t) => t.n > 1 && t.history);
  if (turns.length < 2 || !later.length || (turns[0]?.history?.earlierMessages ?? 0) > 0) return false;
  return later.every((t) => t.history?.earlierMessages === 0);
}
var Scores = class {
  byTurn = /* @__PURE__ */ new Map();
  flag(t, points, reason) {
    const s = this.byTurn.get(t.n) ?? { turn: t.n, traceId: t.traceId, score: 0, reasons: [] };
    s.score += points;
    s.reasons.push(reason);
    this.byTurn.set(t.n, s);
  }
  flagTurn(turns, n, points, reason) {
    const t = turns[n - 1];
    if (t) this.flag(t, points, reason);
  }
  suspects() {
    return [...this.byTurn.values()];
  }
};
function sessionNorms(turns, historyMissing) {
  const gaps = turns.slice(1).map((t, i) => (t.requestTimeMs ?? 0) - (turns[i].requestTimeMs ?? 0));
  return {
    durationMs: median(turns.map((t) => t.durationMs).filter((d) => d !== null)),
    tokens: median(turns.map((t) => t.tokens?.total).filter((d) => typeof d === "number")),
    gaps,
    gapMs: median(gaps),
    replyWords: turns.map((t) => t.reply ? words(t.reply.text).join(" ") : ""),
    claimTurn: turns.find((t) => t.findings && itemsOf(t.findings, answeredAfterFailedTool).some((f) => f.successClaim)),
    historyMissing
  };
}
function flagVerdicts(scores, t, norms) {
  for (const v of t.assessments.verdicts) {
    if (v.polarity !== "negative") continue;
    scores.flag(t, 5, `negative verdict ${v.name} = ${JSON.stringify(v.value)}${v.rationale ? `: ${clipText(v.rationale, 160)}` : ""}`);
    const claimTurn = norms.claimTurn;
    if (v.rationale && REPEATED_CLAIM.test(v.rationale) && claimTurn && claimTurn.n < t.n)
      scores.flag(claimTurn, 3, `turn ${t.n}'s judge speaks of repeating an earlier claim: it was first made here`);
  }
}
function flagFindings(scores, t, norms) {
  for (const { kind, items } of t.findings ? foundKinds(t.findings) : []) {
    for (const item of items) {
      const points = kind.turnWeight(item);
      if (points > 0) scores.flag(t, points, reasonOf(kind, item));
    }
  }
  if (t.builtOnClaim) {
    const { turn, claim, tool } = t.builtOnClaim;
    scores.flag(t, 2, `its model input holds turn ${turn}'s claim "${clipText(claim, 100)}" but not the error of ${tool}: it builds on a false "done"`);
  }
  if (norms.historyMissing && t.n > 1 && t.history?.earlierMessages === 0) scores.flag(t, 1, "history missing: the model input held no earlier turn");
  if (t.state === "ERROR") scores.flag(t, 4, `state ERROR${t.error ? ` (${clipText(t.error, 140)})` : ""}`);
  if (t.state === "IN_PROGRESS") scores.flag(t, 1, "still IN_PROGRESS (never finished?)");
}
function flagPushBack(scores, turns, i, norms) {
  const t = turns[i];
  const prev = turns[i - 1];
  const userText = t.user?.text ?? "";
  if (prev && userText && CORRECTION2.test(userText)) {
    scores.flag(prev, 3, `the next user message (turn ${t.n}) corrects or pushes back: "${clipText(userText)}"`);
    scores.flag(t, 1, "the user corrects or pushes back in this turn");
    const pairs = bigrams(userText);
    for (let j = 0; j < i - 1; j++) {
      const quoted = pairs.find((p) => norms.replyWords[j]?.includes(p));
      if (quoted) {
        scores.flag(turns[j], 3, `turn ${t.n}'s correction refers to this reply ("${quoted}")`);
        break;
      }
    }
  }
  if (prev?.user && userText && similarity(prev.user.text, userText) >= 0.6) scores.flag(prev, 2, `the user asks again at turn ${t.n} (rephrased or repeated)`);
}
function flagOutliers(scores, turns, i, norms) {
  const t = turns[i];
  const many = turns.length >= 4;
  if (t.durationMs !== null && many && norms.durationMs > 0 && t.durationMs > 2.5 * norms.durationMs)
    scores.flag(t, 1, `latency outlier: ${Math.round(t.durationMs)} ms vs median ${Math.round(norms.durationMs)} ms`);
  const tot = t.tokens?.total;
  if (typeof tot === "number" && many && norms.tokens > 0 && tot > 2.5 * norms.tokens)
    scores.flag(t, 1, `token outlier: ${tot} vs median ${Math.round(norms.tokens)}`);
  const pin = turns[i - 1]?.tokens?.input;
  const tin = t.tokens?.input;
  if (typeof pin === "number" && typeof tin === "number" && pin > 0 && tin > 2 * pin && tin - pin > 500)
    scores.flag(t, 1, `context grew from ${pin} to ${tin} input tokens`);
  const gap = i > 0 ? norms.gaps[i - 1] : void 0;
  if (gap !== void 0 && many && gap > 5 * 6e4 && gap > 5 * norms.gapMs)
    scores.flag(t, 1, `long pause before this turn (${Math.round(gap / 6e4)} min)`);
}
function flagSignals(scores, turns) {
  const texts = turns.map((t) => ({ n: t.n, user: t.user?.text ?? null, reply: t.reply?.text ?? null, state: t.state, requestTimeMs: t.requestTimeMs }));
  for (const s of conversationSignals(texts)) {
    const userText = turns[s.turn - 1]?.user?.text ?? "";
    if ((s.kind === "correction" || s.kind === "repeat-question") && CORRECTION2.test(userText)) continue;
    scores.flagTurn(turns, s.blames, s.points, s.reason);
  }
}
function rankTurns(turns, historyMissing = historyIsMissing(turns), sessionVerdicts = null) {
  const scores = new Scores();
  const norms = sessionNorms(turns, historyMissing);
  turns.forEach((t, i) => {
    flagVerdicts(scores, t, norms);
    flagFindings(scores, t, norms);
    flagPushBack(scores, turns, i, norms);
    flagOutliers(scores, turns, i, norms);
  });
  flagSignals(scores, turns);
  for (const s of sessionVerdictSignals(sessionVerdicts, scores.suspects(), turns.at(-1) ?? null)) scores.flagTurn(turns, s.turn, s.points, s.reason);
  const suspects = scores.suspects().sort((a, b) => b.score - a.score || a.turn - b.turn);
  const strong = suspects.filter((s) => s.score >= 3);
  const firstBadTurn = strong.length ? Math.min(...strong.map((s) => s.turn)) : null;
  const readEarlier = (n) => n > 1 ? ` Read ${earlierTurns(n)} too: a wrong fact the user did not challenge often causes a failure turns later.` : "";
  const advice = firstBadTurn === null ? null : `The earliest strong signal is turn ${firstBadTurn}.${readEarlier(firstBadTurn)}`;
  return { suspects, firstBadTurn, advice };
}

// scripts/lib/analysis/session/turn-order.ts
function historyOrder(earlierMessages) {
  if (earlierMessages.length < 2 || earlierMessages.some((n) => n === null)) return null;
  const counts = earlierMessages;
  if (counts.every((n, i) => i === 0 || n > counts[i - 1])) return null;
  const order = counts.map((_, i) => i).sort((a, b) => counts[a] - counts[b]);
  const strictlyGrowing = order.every((idx, k) => k === 0 || counts[idx] > counts[order[k - 1]]);
  return strictlyGrowing ? order : null;
}
var reorderedWarning = (timeOrder) => `turns are in conversation order, not time order: each model input holds the turns before it, and the timestamps say otherwise (by time they run ${timeOrder.map((i) => i + 1).join(", ")}); check how the app stamps its traces`;

// scripts/lib/analysis/session/session.ts
var SPANS_BY_DEFAULT_MAX_TURNS = 200;
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
function analyseSession(sessionId, timeOrdered, spansLoaded) {
  const timeRead = [];
  for (const [i, t] of timeOrdered.entries()) timeRead.push(readTurn(t, i + 1, turnsSoFar(timeRead)));
  const order = historyOrder(timeRead.map((r) => r.turn.history?.earlierMessages ?? null));
  const traces = order ? order.map((i) => timeOrdered[i]) : timeOrdered;
  const read = order ? order.map((i, k) => {
    const r = timeRead[i];
    return { ...r, turn: { ...r.turn, n: k + 1 } };
  }) : timeRead;
  const turns = read.map((r) => r.turn);
  markBuiltOnClaims(
    turns,
    read.map((r) => r.historyNorm)
  );
  const sessionLevel = traces.flatMap((t) => t.info.assessments.filter((a) => a.sessionLevel));
  const historyMissing = historyIsMissing(turns);
  const warnings = [...order ? [reorderedWarning(order)] : [], ...sessionWarnings(traces, turns, spansLoaded, historyMissing)];
  const sessionAssessments = summariseAssessments(sessionLevel);
  const ranked = rankTurns(turns, historyMissing, sessionAssessments);
  return {
    sessionId,
    experimentId: traces[0]?.info.experimentId ?? null,
    turnCount: turns.length,
    users: [...new Set(traces.map((t) => t.info.userId).filter((u) => !!u))],
    spansLoaded,
    sessionAssessments,
    turns,
    ...ranked,
    warnings,
    textFrom: textFromLine(turns, spansLoaded),
    historyMissing
  };
}
function sessionWarnings(traces, turns, spansLoaded, historyMissing) {
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
  if (historyMissing) {
    const span = later[0]?.history?.spanName ?? "the model span";
    const calls = later.length === turns.length - 1 ? "every" : `${later.length} of ${turns.length - 1}`;
    warnings.push(
      `no earlier turns in the model input: history missing — from turn 2 on, ${calls} model call ("${span}") was given only the current user message`
    );
  }
  return warnings;
}

export {
  conversationSignals,
  SIGNAL_WORDS,
  claimOf,
  needsSpans,
  SPANS_BY_DEFAULT_MAX_TURNS,
  analyseSession
};
