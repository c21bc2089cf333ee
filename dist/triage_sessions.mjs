#!/usr/bin/env node
import {
  WINDOW_OPTIONS,
  lookupClause,
  noTraceIn,
  readWindow,
  resolveWindowExperiment,
  windowArgs
} from "./lib/chunk-WPMZ4PZF.mjs";
import {
  SIGNAL_WORDS,
  analyseSession,
  conversationSignals
} from "./lib/chunk-XB3PWVDV.mjs";
import "./lib/chunk-O35365V5.mjs";
import "./lib/chunk-KC3FC3PO.mjs";
import "./lib/chunk-5TR2KXW2.mjs";
import {
  EXPERIMENT_ARG
} from "./lib/chunk-4NTHLB4J.mjs";
import "./lib/chunk-SQX54EEC.mjs";
import "./lib/chunk-33AJUE5E.mjs";
import "./lib/chunk-62UNSSGO.mjs";
import {
  answeredAfterFailedTool,
  foundKinds,
  itemsOf
} from "./lib/chunk-J3FDRUXF.mjs";
import "./lib/chunk-HXKRIMLI.mjs";
import {
  colourEnabled,
  palette,
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-U2HH66ML.mjs";
import "./lib/chunk-EVETZBY6.mjs";
import "./lib/chunk-CPAATUGT.mjs";
import {
  SkillError,
  cacheStatus,
  commandFor,
  defineCommand,
  flag,
  runCommand,
  text
} from "./lib/chunk-SSRYZME3.mjs";

// scripts/lib/analysis/session/sessions-rank.ts
var STRONG = 3;
function verdictsBySource(r) {
  const out = {};
  const all = [...r.sessionAssessments.verdicts, ...r.turns.flatMap((t) => t.assessments.verdicts)];
  for (const v of all) {
    const s = v.sourceType.replace(/^SOURCE_TYPE_/, "");
    const c = out[s] ?? { negative: 0, positive: 0 };
    if (v.polarity === "negative") c.negative++;
    if (v.polarity === "positive") c.positive++;
    out[s] = c;
  }
  return out;
}
function evidenceOf(r, verdicts) {
  const ev = [];
  const neg = Object.entries(verdicts).filter(([, c]) => c.negative);
  if (neg.length) {
    const sessionNeg = r.sessionAssessments.verdicts.filter((v) => v.polarity === "negative").map((v) => v.name);
    ev.push(
      `negative verdicts ${neg.map(([s, c]) => `${s} ${c.negative}`).join(", ")}${sessionNeg.length ? ` (session-level: ${sessionNeg.join(", ")})` : ""}`
    );
  }
  const failed = r.turns.flatMap((t) => t.findings ? itemsOf(t.findings, answeredAfterFailedTool) : []);
  if (failed.length)
    ev.push(`failed tool ${[...new Set(failed.map((f) => f.toolRef))].join(", ")}${failed.some((f) => f.successClaim) ? ", reply claimed success" : ""}`);
  const errors = r.turns.filter((t) => t.state === "ERROR").length;
  if (errors) ev.push(`${errors} turn${errors > 1 ? "s" : ""} in ERROR`);
  const kinds = /* @__PURE__ */ new Map();
  const signals = conversationSignals(
    r.turns.map((t) => ({ n: t.n, user: t.user?.text ?? null, reply: t.reply?.text ?? null, state: t.state, requestTimeMs: t.requestTimeMs }))
  );
  for (const s of signals) kinds.set(SIGNAL_WORDS[s.kind], (kinds.get(SIGNAL_WORDS[s.kind]) ?? 0) + 1);
  for (const [k, c] of kinds) ev.push(c > 1 ? `${k} ×${c}` : k);
  ev.push(...findingWords(r));
  if (r.historyMissing) ev.push("history lost (no earlier turn in the model input)");
  return ev;
}
var FINDING_WORDS = {
  argumentNotFromConversation: "tool argument not from the conversation",
  replyContradictsSources: "reply contradicts a source",
  sourcesDisagree: "sources disagree",
  loopOrStop: "a loop or a stop",
  grounding: "a fact no source holds",
  truncation: "an output cut at its token limit",
  retrieval: "a document that never reached the prompt"
};
function findingWords(r) {
  const turnsOf = /* @__PURE__ */ new Map();
  for (const t of r.turns)
    for (const { kind } of t.findings ? foundKinds(t.findings) : [])
      if (FINDING_WORDS[kind.kind]) turnsOf.set(kind.kind, [...turnsOf.get(kind.kind) ?? [], t.n]);
  return [...turnsOf].map(([k, ns]) => `${FINDING_WORDS[k]} (turn${ns.length > 1 ? "s" : ""} ${ns.join(", ")})`);
}
var isoTime = (ms) => ms == null ? null : new Date(ms).toISOString();
function rankSessions(traces, spansLoaded) {
  const bySession = /* @__PURE__ */ new Map();
  let noSession = 0;
  for (const t of traces) {
    const s = t.info.sessionId;
    if (!s) {
      noSession++;
      continue;
    }
    const list = bySession.get(s) ?? [];
    list.push(t);
    bySession.set(s, list);
  }
  const rows = [];
  let singleTurn = 0;
  let historyLost = 0;
  for (const [sid, list] of bySession) {
    list.sort((a, b) => (a.info.requestTimeMs ?? 0) - (b.info.requestTimeMs ?? 0));
    if (list.length === 1) singleTurn++;
    const r = analyseSession(sid, list, spansLoaded);
    if (r.historyMissing) historyLost++;
    const score = r.suspects.reduce((s, x) => s + x.score, 0);
    const top = r.suspects[0];
    const open = r.firstBadTurn ?? top?.turn ?? null;
    const verdicts = verdictsBySource(r);
    rows.push({
      sessionId: sid,
      turns: r.turnCount,
      // The clock's first and last: turns in conversation order may run against it.
      first: isoTime(list[0]?.info.requestTimeMs),
      last: isoTime(list.at(-1)?.info.requestTimeMs),
      users: r.users,
      score,
      evidence: evidenceOf(r, verdicts),
      verdicts,
      openTurn: open,
      openTrace: open === null ? null : r.turns[open - 1]?.traceId ?? null,
      reasons: r.suspects.flatMap((s) => s.reasons.map((x) => `turn ${s.turn}: ${x}`)).slice(0, 4)
    });
  }
  const strong = rows.filter((r) => r.score >= STRONG && r.evidence.length);
  strong.sort((a, b) => b.score - a.score || (b.last ?? "").localeCompare(a.last ?? ""));
  const fineIds = rows.filter((r) => !strong.includes(r)).map((r) => r.sessionId);
  const multiTurn = rows.length - singleTurn;
  return { sessions: rows.length, traces: traces.length, noSession, ranked: strong, fine: fineIds.length, fineIds, singleTurn, multiTurn, historyLost };
}

// scripts/lib/render/sessions-view.ts
var span = (a, b) => {
  if (!a || !b) return "?";
  const mins = Math.round((Date.parse(b) - Date.parse(a)) / 6e4);
  const endDay = a.slice(0, 10) === b.slice(0, 10) ? "" : ` (${b.slice(5, 10)})`;
  return `${a.slice(0, 16).replace("T", " ")} … ${b.slice(11, 16)}${endDay}, ${mins < 1 ? "<1" : mins} min`;
};
function sessionsSections(r, follow, opts) {
  const paint = palette(colourEnabled());
  const shown = r.ranked.slice(opts.offset, opts.offset + opts.top);
  const noSession = r.noSession ? ` (${r.noSession} traces carry no session id)` : "";
  const counts = `${r.ranked.length} show evidence of going wrong, ${r.fine} show none (${r.singleTurn} single-turn)`;
  const head = [`${paint.head("SESSIONS")} — ${r.sessions} sessions in ${r.traces - r.noSession} traces${noSession}; ${counts}`];
  if (!opts.spansLoaded) head.push("  read from trace previews without spans: failed tools and lost history are not checked (--spans reads them)");
  if (r.historyLost >= 2 && r.historyLost * 2 >= r.multiTurn)
    head.push(
      `  history lost in ${r.historyLost} of ${r.multiTurn} multi-turn sessions: from turn 2 on their model inputs hold no earlier turn (the app passes no conversation, or passes it where the trace does not show it): likely one cause shared by all of them`
    );
  if (!r.sessions)
    head.push(
      "  No trace in the window carries a session id (metadata mlflow.trace.session): the app does not record sessions. triage_traces covers single traces."
    );
  const lines = [
    `${paint.head("WORST FIRST")} (score = evidence points, as session_transcript ranks turns)${opts.offset ? `, from #${opts.offset + 1}` : ""}:`
  ];
  for (const [i, s] of shown.entries()) {
    const turns = `${s.turns} turn${s.turns > 1 ? "s" : ""}`;
    lines.push(`  #${opts.offset + i + 1} ${s.sessionId} · ${turns} · ${span(s.first, s.last)} · ${s.users.join(", ") || "no user"} · score ${s.score}`);
    lines.push(`     evidence: ${s.evidence.join("; ")}`);
    for (const reason of s.reasons.slice(0, 2)) lines.push(`     · ${reason.length > 220 ? `${reason.slice(0, 219)}…` : reason}`);
    lines.push(`     open turn ${s.openTurn ?? 1}: ${follow.transcript(s.sessionId, s.openTurn)}${s.openTrace ? `  · ${follow.inspect(s.openTrace)}` : ""}`);
  }
  if (!shown.length && r.sessions) lines.push("  none: no session has a negative verdict, failed tool, push-back, repeat, complaint or lost history.");
  const rest = r.ranked.length - opts.offset - shown.length;
  if (rest > 0) lines.push(`  … ${rest} more with evidence: ${follow.page(opts.offset + opts.top)}`);
  return [
    { name: "sessions", priority: 0, lines: head },
    { name: "worst first", priority: 1, lines },
    ...r.fineIds.length ? [{ name: "fine", priority: 2, lines: fineLines(r.fineIds, follow) }] : []
  ];
}
var FINE_SHOWN = 40;
function fineLines(ids, follow) {
  const more = ids.length > FINE_SHOWN ? ` … ${ids.length - FINE_SHOWN} more (--json: fineIds)` : "";
  const first = ids[0];
  return [`NO EVIDENCE (${ids.length}): ${ids.slice(0, FINE_SHOWN).join(", ")}${more}`, `  spot-check one: ${follow.transcript(first, null)}`];
}

// scripts/lib/commands/sessions/triage-sessions.ts
var SPANS_UP_TO = 2e3;
var whole = (v, flagName, fallback) => {
  if (v === void 0) return fallback;
  if (!/^\d+$/.test(v)) throw new SkillError("usage", `--${flagName} takes a whole number, not ${JSON.stringify(v)}.`);
  return Number(v);
};
var triageSessions = defineCommand({
  name: "triage_sessions",
  summary: `Which conversations went wrong: every chat session (traces sharing metadata mlflow.trace.session)
of an experiment's window with its turns, time span and user, ranked by evidence: negative
session-level and turn verdicts (by source), failed tools (also errors inside an OK tool output)
and replies that claimed success, the user doubting a result or correcting ("did it work?", "you
said…", "I asked…"), asking again, frustration, asking for a human, the assistant repeating its
previous reply, a conversation ending on a complaint, lost history. Each with the turn to open.
mlflow calls: one per page of trace infos; up to ${SPANS_UP_TO} traces, one more read with spans; an experiment
name one more lookup (cached five minutes), an id none.`,
  args: [EXPERIMENT_ARG],
  options: {
    ...WINDOW_OPTIONS,
    top: text("N", "show the N worst sessions (default 15)"),
    offset: text("N", "start the list at the N+1th worst (paging)"),
    spans: flag(`read spans whatever the window's size (default: up to ${SPANS_UP_TO} traces)`),
    noSpans: flag("never read spans (previews only: quicker, no tool or history checks)")
  },
  async run({ args, opts }) {
    const a = windowArgs({ ...opts, experimentId: args.experimentId });
    const lookups = await resolveWindowExperiment(a);
    const top = whole(opts.top, "top", 15) || 15;
    const offset = whole(opts.offset, "offset", 0);
    let read = await readWindow(a, false, "sessions");
    if (!read.traces.length) throw noTraceIn(a);
    const hasSpans = read.traces.some((t) => t.spans.length > 0);
    const wantSpans = !a.fromFile && !opts.noSpans && (opts.spans || read.traces.length <= SPANS_UP_TO);
    let calls = read.calls;
    if (wantSpans && !hasSpans) {
      read = await readWindow(a, true, "sessions-spans");
      calls += read.calls;
    }
    const spansLoaded = read.traces.some((t) => t.spans.length > 0);
    const report = rankSessions(read.traces, spansLoaded);
    const again = (extra) => commandFor("triage_sessions", [a.given, ...a.source, ...extra]);
    const cut = read.more ? `Read the newest ${read.traces.length} traces of the window (--limit): sessions that started earlier may be cut; all: ${again(["--limit", "0"])}` : null;
    return {
      json: { experimentId: a.experimentId, filter: a.filter, read: read.traces.length, more: read.more, cut, spansLoaded, ...report },
      files: { searchJson: read.files },
      text: () => {
        const follow = {
          transcript: (sid, turn) => commandFor("session_transcript", [a.given, sid, ...turn ? ["--turns", `${Math.max(1, turn - 1)}-${turn + 1}`] : []]),
          inspect: (id) => commandFor("inspect_turn", [id]),
          page: (n) => again(["--offset", String(n), "--top", String(top)])
        };
        const footer = [
          ...cut ? [cut] : [],
          ...rawJsonLines("search", read.files, { fromUserFile: !!a.fromFile, cache: cacheStatus() }),
          `mlflow calls: ${calls} for traces${lookupClause(lookups)} · every session as data: ${again(["--json"])}`
        ];
        return renderBudgeted(sessionsSections(report, follow, { top, offset, spansLoaded }), footer, opts.maxChars ?? 2e4, again(["--json"])).text;
      }
    };
  }
});

// scripts/triage_sessions.ts
await runCommand(triageSessions);
