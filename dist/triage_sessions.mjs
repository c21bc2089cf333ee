#!/usr/bin/env node
import {
  WINDOW_OPTIONS,
  lookupClause,
  noTraceIn,
  readWindow,
  resolveWindowExperiment,
  windowArgs
} from "./lib/chunk-YJ2CS66O.mjs";
import {
  SIGNAL_WORDS,
  analyseSession,
  conversationSignals
} from "./lib/chunk-MDAZ5UOB.mjs";
import "./lib/chunk-5SXQ4TEL.mjs";
import {
  windowJson,
  windowLines
} from "./lib/chunk-WYBBQINX.mjs";
import "./lib/chunk-TS6CMI4S.mjs";
import "./lib/chunk-7PUXK5AD.mjs";
import {
  EXPERIMENT_ARG
} from "./lib/chunk-4NTHLB4J.mjs";
import "./lib/chunk-L7NKPVFV.mjs";
import "./lib/chunk-CF3OK2NH.mjs";
import "./lib/chunk-SUSXR56T.mjs";
import {
  SOURCE_CAP,
  answeredAfterFailedTool,
  argumentLeaves,
  foundKinds,
  itemsOf
} from "./lib/chunk-MWQ5YTIN.mjs";
import "./lib/chunk-B4YWSYFA.mjs";
import {
  colourEnabled,
  palette,
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-NTVFJSFG.mjs";
import {
  spanExceptions,
  spanOutputs,
  spanType
} from "./lib/chunk-2IPHA5SA.mjs";
import "./lib/chunk-5R3F2B7O.mjs";
import {
  SkillError,
  cacheStatus,
  commandFor,
  defineCommand,
  flag,
  oneLine,
  plural,
  redactText,
  runCommand,
  text
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/session/session-grep.ts
var QUOTE_PAD = 70;
var MATCH_MAX = 160;
var WORD_SLACK = 16;
function parsePattern(given) {
  const trimmed = given.trim();
  if (!trimmed)
    throw new SkillError("usage", "--grep takes a text to search for, not an empty string.", { hint: "e.g. --grep 'exit fee' or --grep '/refund(ed)?/'" });
  const rx = /^\/(.+)\/([a-z]*)$/s.exec(trimmed);
  if (rx) {
    const flags = `gi${rx[2].replace(/[gi]/g, "")}`;
    try {
      return { given: trimmed, re: new RegExp(rx[1], flags), regex: true };
    } catch (err) {
      throw new SkillError("usage", `--grep ${trimmed}: not a JavaScript regular expression (${err.message}).`, {
        hint: "Without the slashes the text is searched as it is, case-insensitively."
      });
    }
  }
  const source = trimmed.split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")).join("\\s+");
  return { given: trimmed, re: new RegExp(source, "gi"), regex: false };
}
function matchesIn(text2, re) {
  const out = [];
  re.lastIndex = 0;
  for (let m = re.exec(text2); m; m = re.exec(text2)) {
    if (m[0].length) out.push([m.index, m.index + m[0].length]);
    else re.lastIndex++;
  }
  return out;
}
var MARKER = /\[redacted [\w-]+\]/g;
function outsideMarkers(text2, at) {
  if (!text2.includes("[redacted ")) return at;
  const marks = [...text2.matchAll(MARKER)].map((m) => [m.index, m.index + m[0].length]);
  return at.filter(([s, e]) => !marks.some(([ms, me]) => s < me && e > ms));
}
function wordEdges(text2, s, e, matchStart, matchEnd) {
  let start = Math.max(0, s);
  let end = Math.min(text2.length, e);
  if (start > 0 && !/\s/.test(text2[start - 1])) {
    const back = text2.lastIndexOf(" ", start);
    const fwd = text2.indexOf(" ", start);
    if (back >= 0 && start - back <= WORD_SLACK) start = back + 1;
    else if (fwd >= 0 && fwd - start <= WORD_SLACK && fwd < matchStart) start = fwd + 1;
  }
  if (end < text2.length && !/\s/.test(text2[end])) {
    const fwd = text2.indexOf(" ", end);
    const back = text2.lastIndexOf(" ", end);
    if (fwd >= 0 && fwd - end <= WORD_SLACK) end = fwd;
    else if (back > matchEnd && end - back <= WORD_SLACK) end = back;
  }
  return [start, end];
}
function quoteAround(text2, s, e) {
  const mEnd = Math.min(e, s + MATCH_MAX);
  const [start, end] = wordEdges(text2, s - QUOTE_PAD, mEnd + QUOTE_PAD, s, mEnd);
  const cutMatch = mEnd < e ? "…" : "";
  const body = cutMatch ? `${text2.slice(start, mEnd)}…` : text2.slice(start, end);
  return `${start > 0 ? "…" : ""}${oneLine(body.replace(/\s*\n\s*/g, " · "))}${!cutMatch && end < text2.length ? "…" : ""}`;
}
function toolText(span2) {
  const out = spanOutputs(span2)?.value;
  const parts = [];
  if (typeof out === "string") parts.push(out);
  else if (out !== void 0 && out !== null)
    parts.push(
      argumentLeaves(out, 2e3, true).map((l) => l.key ? `${l.key}: ${l.value}` : l.value).join("\n")
    );
  for (const x of spanExceptions(span2)) parts.push(`${x.type}: ${x.message}`);
  if (span2.status === "ERROR" && !spanExceptions(span2).length && span2.statusMessage) parts.push(span2.statusMessage);
  return parts.join("\n").slice(0, SOURCE_CAP);
}
function grepSessionOf(r, traces) {
  const byId = new Map(traces.map((t) => [t.info.traceId, t]));
  const turns = r.turns.map((t) => {
    const spans = byId.get(t.traceId)?.spans ?? [];
    const tools = spans.filter((s) => spanType(s) === "TOOL").sort((a, b) => a.startMs - b.startMs).map((s) => ({ tool: s.name, text: toolText(s) })).filter((x) => x.text);
    return { n: t.n, traceId: t.traceId, user: t.user?.text ?? null, reply: t.reply?.text ?? null, tools };
  });
  const times = traces.map((t) => t.info.requestTimeMs).filter((x) => x !== null);
  return { sessionId: r.sessionId, turns, last: times.length ? new Date(Math.max(...times)).toISOString() : null };
}
function grepSessions(sessions, p, clean = (s) => s, toolsRead = true) {
  const found = [];
  let matches = 0;
  let insideSecrets = 0;
  for (const s of sessions) {
    const hits = [];
    for (const t of s.turns) {
      const texts = [
        ["user", null, t.user],
        ["assistant", null, t.reply],
        ...t.tools.map((x) => ["tool", x.tool, x.text])
      ];
      for (const [who, tool, raw] of texts) {
        const rawAt = raw ? matchesIn(raw, p.re) : [];
        if (!raw || !rawAt.length) continue;
        const text2 = clean(raw);
        const at = text2 === raw ? rawAt : outsideMarkers(text2, matchesIn(text2, p.re));
        insideSecrets += Math.max(0, rawAt.length - at.length);
        const first = at[0];
        if (!first) continue;
        matches += at.length;
        hits.push({ turn: t.n, traceId: t.traceId, who, tool, quote: quoteAround(text2, first[0], first[1]), matches: at.length });
      }
    }
    if (hits.length) found.push({ sessionId: s.sessionId, turns: s.turns.length, last: s.last, matchedTurns: [...new Set(hits.map((h) => h.turn))], hits });
  }
  found.sort((a, b) => b.matchedTurns.length - a.matchedTurns.length || (b.last ?? "").localeCompare(a.last ?? ""));
  return {
    pattern: p.given,
    regex: p.regex,
    searched: ["user messages", "replies", ...toolsRead ? ["tool outputs"] : []],
    sessions: sessions.length,
    sessionsMatched: found.length,
    turnsMatched: found.reduce((n, f) => n + f.matchedTurns.length, 0),
    matches,
    insideSecrets,
    maskedInQuotes: found.reduce((n, f) => n + f.hits.reduce((k, h) => k + (h.quote.match(MARKER)?.length ?? 0), 0), 0),
    found
  };
}

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
function rankSessions(traces, spansLoaded, seen) {
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
    seen?.(r, list);
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
  const fineRows = rows.filter((r) => !strong.includes(r));
  const fineIds = fineRows.map((r) => r.sessionId);
  const fineSessions = fineRows.map(({ sessionId, users, turns, first, last }) => ({ sessionId, users, turns, first, last }));
  const multiTurn = rows.length - singleTurn;
  const fine = fineIds.length;
  return { sessions: rows.length, traces: traces.length, noSession, ranked: strong, fine, fineIds, fineSessions, singleTurn, multiTurn, historyLost };
}

// scripts/lib/render/session-grep-view.ts
var HITS_SHOWN = 3;
var patternLabel = (g) => g.regex ? g.pattern : `'${g.pattern}'`;
function turnsToOpen(turns, count) {
  const first = turns[0] ?? 1;
  const last = turns.at(-1) ?? first;
  const [from, to] = last - first <= 5 ? first === last ? [first - 1, last + 1] : [first, last] : [first - 1, first + 1];
  return [Math.max(1, from), Math.max(1, Math.min(count, to))];
}
function sessionLines(s, i, o, follow) {
  const r = o.ranks.get(s.sessionId);
  const standing = r ? `#${r.rank} of ${o.ranked} with evidence of going wrong (score ${r.score})` : "no evidence of going wrong";
  const which = `turn${s.matchedTurns.length > 1 ? "s" : ""} ${s.matchedTurns.join(", ")}`;
  const lines = [`  #${o.offset + i + 1} ${s.sessionId} · ${plural(s.turns, "turn")}, match in ${which} · ${standing}`];
  for (const h of s.hits.slice(0, HITS_SHOWN)) {
    const who = h.who === "tool" ? `tool ${h.tool}` : h.who;
    const more = h.matches > 1 ? ` (+${h.matches - 1} more in it)` : "";
    lines.push(`     turn ${h.turn} ${who}: "${h.quote}"${more}`);
  }
  const rest = s.hits.slice(HITS_SHOWN);
  if (rest.length) {
    const turns = [...new Set(rest.map((h) => h.turn))];
    lines.push(`     … ${plural(rest.length, "more hit")} (turn${turns.length > 1 ? "s" : ""} ${turns.join(", ")}): ${follow.transcript(s, turns)}`);
  }
  lines.push(`     open: ${follow.transcript(s, s.matchedTurns)}`);
  return lines;
}
function grepSections(g, follow, o) {
  const paint = palette(colourEnabled());
  const where = g.sessionsMatched ? `in ${g.sessionsMatched} of ${g.sessions} sessions` : `in none of ${g.sessions} sessions`;
  const bad = g.found.filter((f) => o.ranks.has(f.sessionId)).length;
  const among = g.sessionsMatched ? `; ${bad} of them among the ${o.ranked} with evidence of going wrong` : "";
  const counts = g.sessionsMatched ? `, ${plural(g.turnsMatched, "turn")} (${plural(g.matches, "match", "matches")})${among}` : "";
  const head = [`${paint.head("GREP")} ${patternLabel(g)} ${where}${counts}`, ...windowLines(o.window), `  searched: ${g.searched.join(", ")} of every turn`];
  if (!o.spansLoaded)
    head.push("  read from trace previews without spans: tool outputs not searched, and a message past 1,000 chars only in its preview (--spans reads them)");
  if (o.noSession) head.push(`  ${plural(o.noSession, "trace")} with no session id not searched (triage_traces covers single traces)`);
  if (g.insideSecrets)
    head.push(`  ${plural(g.insideSecrets, "match", "matches")} fell inside redacted secrets: counted out, not quoted (--show-secrets shows them)`);
  if (g.maskedInQuotes) head.push(`  ${plural(g.maskedInQuotes, "secret")} in the quotes masked before quoting (--show-secrets shows them)`);
  const shown = g.found.slice(o.offset, o.offset + o.top);
  const lines = [];
  if (g.found.length)
    lines.push(`${paint.head("SESSIONS WITH A MATCH")} (most matching turns first, then the newest)${o.offset ? `, from #${o.offset + 1}` : ""}:`);
  for (const [i, s] of shown.entries()) lines.push(...sessionLines(s, i, o, follow));
  const rest = g.found.length - o.offset - shown.length;
  if (rest > 0) lines.push(`  … ${plural(rest, "more session")} with a match: ${follow.page(o.offset + o.top)}`);
  return [
    { name: "grep", priority: 0, lines: head },
    { name: "matches", priority: 1, lines }
  ];
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
  const head = [`${paint.head("SESSIONS")} — ${r.sessions} sessions in ${r.traces - r.noSession} traces${noSession}; ${counts}`, ...windowLines(opts.window)];
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
--grep TEXT searches every turn of those sessions instead (the user's message, the reply, and with
spans each tool's output): the sessions and turns holding it, each quoted, with the transcript to
open; it reads what the ranking reads (no mlflow call more).
mlflow calls: one per page of trace infos; up to ${SPANS_UP_TO} traces, one more read with spans; an experiment
name one more lookup (cached five minutes), an id none.`,
  args: [EXPERIMENT_ARG],
  options: {
    ...WINDOW_OPTIONS,
    top: text("N", "show the N worst sessions (default 15)"),
    offset: text("N", "start the list at the N+1th worst (paging)"),
    spans: flag(`read spans whatever the window's size (default: up to ${SPANS_UP_TO} traces)`),
    noSpans: flag("never read spans (previews only: quicker, no tool or history checks)"),
    grep: text(
      "'TEXT'|/RE/",
      "search every turn of every session for TEXT (case-insensitive; /RE/ a regex):\nthe matching sessions, most matching turns first, each hit quoted (--top, --offset page them)"
    )
  },
  async run({ args, opts }) {
    const a = windowArgs({ ...opts, experimentId: args.experimentId });
    const pattern = opts.grep === void 0 ? null : parsePattern(opts.grep);
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
    const grepped = [];
    const report = rankSessions(read.traces, spansLoaded, pattern ? (r, list) => grepped.push(grepSessionOf(r, list)) : void 0);
    const grepArgs = pattern ? ["--grep", pattern.given] : [];
    const again = (extra) => commandFor("triage_sessions", [a.given, ...a.source, ...grepArgs, ...extra]);
    const transcript = (s, turns) => {
      const [from, to] = turnsToOpen(turns, s.turns);
      return commandFor("session_transcript", [a.given, s.sessionId, "--turns", `${from}-${to}`]);
    };
    const grep = pattern ? grepSessions(grepped, pattern, opts.showSecrets ? void 0 : (t) => redactText(t), spansLoaded) : null;
    const cut = read.more ? `Read the newest ${read.traces.length} traces of the window (--limit): sessions that started earlier may be cut; all: ${again(["--limit", "0"])}` : null;
    return {
      json: {
        experimentId: a.experimentId,
        filter: a.filter,
        bounds: windowJson(a.window),
        read: read.traces.length,
        more: read.more,
        cut,
        spansLoaded,
        ...grep ? { grep: { ...grep, found: grep.found.map((f) => ({ ...f, open: transcript(f, f.matchedTurns) })) } } : {},
        ...report
      },
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
        const ranks = new Map(report.ranked.map((r, i) => [r.sessionId, { rank: i + 1, score: r.score }]));
        const sections = grep ? grepSections(
          grep,
          { transcript, page: follow.page },
          { top, offset, spansLoaded, noSession: report.noSession, ranks, ranked: report.ranked.length, window: a.window }
        ) : sessionsSections(report, follow, { top, offset, spansLoaded, window: a.window });
        return renderBudgeted(sections, footer, opts.maxChars ?? 2e4, again(["--json"])).text;
      }
    };
  }
});

// scripts/triage_sessions.ts
await runCommand(triageSessions);
