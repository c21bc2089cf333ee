#!/usr/bin/env node
import {
  SPANS_BY_DEFAULT_MAX_TURNS,
  analyseSession,
  claimOf,
  needsSpans
} from "./lib/chunk-MDAZ5UOB.mjs";
import "./lib/chunk-5SXQ4TEL.mjs";
import {
  SESSION_ARGS,
  SESSION_SOURCE_OPTIONS,
  fetchSession,
  sessionArgs
} from "./lib/chunk-6GVL6BJW.mjs";
import "./lib/chunk-7PUXK5AD.mjs";
import "./lib/chunk-4NTHLB4J.mjs";
import "./lib/chunk-L7NKPVFV.mjs";
import {
  experimentIdOf
} from "./lib/chunk-CF3OK2NH.mjs";
import {
  assessmentCount,
  assessmentLine,
  assessmentLines,
  findingValues,
  jsonIdNote
} from "./lib/chunk-KUWHRL37.mjs";
import "./lib/chunk-SUSXR56T.mjs";
import {
  foundKinds
} from "./lib/chunk-MWQ5YTIN.mjs";
import "./lib/chunk-B4YWSYFA.mjs";
import {
  paint,
  rawJsonLines,
  renderBudgeted
} from "./lib/chunk-NTVFJSFG.mjs";
import "./lib/chunk-2IPHA5SA.mjs";
import "./lib/chunk-5R3F2B7O.mjs";
import {
  withCachedSpans
} from "./lib/chunk-XMU4V6IM.mjs";
import {
  SkillError,
  cacheStatus,
  clip,
  clipKeeping,
  commandFor,
  defineCommand,
  experimentLabel,
  flag,
  fmtInt,
  fmtMs,
  oneLine,
  plural,
  runCommand,
  sessionLink,
  shown,
  text
} from "./lib/chunk-V3PRQPWM.mjs";

// scripts/lib/commands/session/session-transcript.ts
import { basename } from "node:path";

// scripts/lib/render/session-view.ts
function turnBlock(t, full, suspect, whole) {
  const textMax = full ? 1e5 : 220;
  const stateMark = t.state === "ERROR" ? paint.error("ERROR") : t.state === "OK" ? "OK" : paint.warn(t.state);
  const tok = t.tokens?.total != null ? ` · ${fmtInt(t.tokens.total)} tok` : "";
  const when = t.requestTime?.slice(0, 19).replace("T", " ") ?? "?";
  const head = `${suspect ? paint.error("▶") : " "} ${String(t.n).padStart(3)}. ${t.traceId} · ${when} · ${stateMark} · ${fmtMs(t.durationMs)}${tok}`;
  const lines = [head];
  const keep = t.findings ? findingValues(t.findings) : [];
  const text2 = (e) => e ? clipKeeping(full ? e.text : oneLine(e.text), textMax, keep, keep.length ? whole : void 0) : paint.dim("(none found)");
  lines.push(`       user:  ${text2(t.user)}`);
  lines.push(`       reply: ${replyText(t, text2)}`);
  if (t.error && t.reply) lines.push(`       error: ${paint.error(clip(oneLine(t.error), 200))}`);
  if (t.history) {
    const lost = t.n > 1 && t.history.earlierMessages === 0 ? paint.warn(" (no history)") : "";
    lines.push(`       model input: ${plural(t.history.earlierMessages, "earlier message")}${lost}`);
  }
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
function replyText(t, text2) {
  if (t.reply) return text2(t.reply);
  if (!t.error) return text2(null);
  const claim = claimOf(t);
  const why = clip(oneLine(t.error), 200);
  if (!claim) return paint.error(`(no reply: ${why})`);
  return `${paint.error(`(the trace returned none: ${why})`)}; the model's answer: "${clip(oneLine(claim), 160)}"`;
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
  const times = r.turns.map((t) => t.requestTime).filter((x) => !!x).sort();
  const header = [
    paint.head(`Session ${JSON.stringify(r.sessionId)} — ${plural(r.turnCount, "turn")}`) + `${r.experimentId ? ` · experiment ${experimentLabel(opts.given, r.experimentId)}` : ""}${r.users.length ? ` · user ${r.users.join(", ")}` : ""}`,
    `${times[0] ?? "?"} → ${times.at(-1) ?? "?"}`,
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
    const block = turnBlock(t, full, suspectTurns.has(t.n), full ? void 0 : follow.turns(t.n, t.n));
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
  summary: "Every turn of an MLflow chat session (traces sharing metadata mlflow.trace.session), oldest first and\ncomplete (pages followed to the end): user message, reply, state, latency, tokens, assessments; the\nsession-level assessments; and the turns ranked by evidence of where the conversation went wrong.\nSpans are read by default for sessions of up to 200 turns (a second call; --spans makes it one; none\nwhen the trace cache holds every turn finished, as triage_sessions leaves it for 15 min);\nlonger sessions are read from previews unless they lack the text or --spans is given.",
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
    const { report, traces, files, spanFiles } = await readSession(a, opts.spans);
    if (range && range[0] > report.turnCount) throw new SkillError("usage", `--turns ${range[0]}-${range[1]}: the session has ${report.turnCount} turns.`);
    const turns = range ? report.turns.filter((t) => t.n >= range[0] && t.n <= range[1]) : report.turns;
    return {
      json: { ...report, turns },
      files: { searchJson: files, ...spanFiles.length ? { traceJson: spanFiles } : {} },
      text: () => {
        const follow = {
          inspect: (traceId) => commandFor("inspect_turn", [traceId]),
          turns: (from, to) => a.again("session_transcript", ["--turns", `${from}-${to}`]),
          spans: a.fromFile ? void 0 : a.again("session_transcript", ["--spans"])
        };
        const footer = [
          ...rawJsonLines("search", files, { fromUserFile: !!a.fromFile, idNote: jsonIdNote(traces[0]?.format ?? "3.x"), cache: cacheStatus() }),
          ...spanFiles.length ? [spansFromCacheLine(spanFiles)] : [],
          `One turn in depth: ${commandFor("inspect_turn", ["<trace_id>"])}`
        ];
        return renderBudgeted(
          sessionSections(report, follow, { maxChars: a.maxChars, range, given: a.given }),
          footer,
          a.maxChars,
          a.again("session_transcript", ["--json"])
        ).text;
      }
    };
  }
});
async function readSession(a, wantSpans) {
  let spans = wantSpans;
  let { traces, files } = await fetchSession(a, spans);
  let report = analyseSession(a.sessionId, traces, spans || traces.some((t) => t.spans.length > 0));
  let spanFiles = [];
  if (!spans && !a.fromFile && (report.turnCount <= SPANS_BY_DEFAULT_MAX_TURNS || needsSpans(report.turns))) {
    spans = true;
    const held = withCachedSpans(traces, a.cli);
    if (held) ({ value: traces, files: spanFiles } = held);
    else ({ traces, files } = await fetchSession(a, true));
    report = analyseSession(a.sessionId, traces, true);
  }
  return { report, traces, files, spanFiles, spans };
}
function spansFromCacheLine(files) {
  const first = files[0];
  const more = files.length > 1 ? ` (and ${files.length - 1} more, one per turn: ${basename(first).replace(/^trace-.*\.json$/, "trace-<trace_id>.json")})` : "";
  return `Spans from the trace cache, unread by mlflow this time (unredacted, 0600): ${first}${more}`;
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
