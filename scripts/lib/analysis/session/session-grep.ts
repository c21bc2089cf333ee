/**
 * triage_sessions --grep: one text (or /regex/) searched in every turn of every session read — the
 * user's message, the reply, and with spans each tool's output — so "a one-off or a pattern?" is
 * one command, not a transcript per session. Each hit is quoted in a bounded window; the texts
 * a quote is cut from are cleaned first (redaction), so no quote starts inside a secret.
 */
import { SkillError } from '../../core/errors.js';
import { oneLine } from '../../core/format.js';
import { spanExceptions, spanOutputs, spanType } from '../../trace/conventions.js';
import type { Span, Trace } from '../../trace/trace.js';
import { argumentLeaves, SOURCE_CAP } from '../trace/tool-output.js';
import type { SessionReport } from './session.js';

export interface GrepPattern {
  /** As the user gave it, for headers and follow-up commands. */
  given: string;
  /** Global and case-insensitive. */
  re: RegExp;
  regex: boolean;
}

/** One turn's searchable texts, in the order session_transcript shows them. */
export interface GrepTurn {
  n: number;
  traceId: string;
  user: string | null;
  reply: string | null;
  tools: Array<{ tool: string; text: string }>;
}

export interface GrepSession {
  sessionId: string;
  turns: GrepTurn[];
  /** The clock's last turn (ISO), for ties: the newest first. */
  last: string | null;
}

export interface GrepHit {
  turn: number;
  traceId: string;
  who: 'user' | 'assistant' | 'tool';
  /** The tool's span name (who = tool). */
  tool: string | null;
  /** The first match with the words around it, one line, bounded; '…' where cut. */
  quote: string;
  /** Matches in this text, the quoted one included. */
  matches: number;
}

export interface GrepSessionHits {
  sessionId: string;
  turns: number;
  last: string | null;
  matchedTurns: number[];
  hits: GrepHit[];
}

export interface GrepReport {
  pattern: string;
  regex: boolean;
  /** What was searched: tool outputs only where spans were read. */
  searched: string[];
  sessions: number;
  sessionsMatched: number;
  turnsMatched: number;
  matches: number;
  /** Matches that fell inside a secret the cleaning masked: not quoted, only counted. */
  insideSecrets: number;
  /** Secrets masked in the quotes (their markers): the output's own redaction note does not count them. */
  maskedInQuotes: number;
  /** Matching sessions, the most matching turns first, then the newest. */
  found: GrepSessionHits[];
}

/** Characters of context either side of a match; a match longer than MATCH_MAX is itself cut. */
export const QUOTE_PAD = 70;
const MATCH_MAX = 160;
/** How far a window's edge moves to reach a space, so it neither starts nor ends mid-word. */
const WORD_SLACK = 16;

/** `exit fee` as case-insensitive text (any run of spaces matching any run), `/exit\s+fees?/` as a regex (case-insensitive too). */
export function parsePattern(given: string): GrepPattern {
  const trimmed = given.trim();
  if (!trimmed)
    throw new SkillError('usage', '--grep takes a text to search for, not an empty string.', { hint: "e.g. --grep 'exit fee' or --grep '/refund(ed)?/'" });
  const rx = /^\/(.+)\/([a-z]*)$/s.exec(trimmed);
  if (rx) {
    const flags = `gi${(rx[2] as string).replace(/[gi]/g, '')}`;
    try {
      return { given: trimmed, re: new RegExp(rx[1] as string, flags), regex: true };
    } catch (err) {
      throw new SkillError('usage', `--grep ${trimmed}: not a JavaScript regular expression (${(err as Error).message}).`, {
        hint: 'Without the slashes the text is searched as it is, case-insensitively.',
      });
    }
  }
  const source = trimmed
    .split(/\s+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('\\s+');
  return { given: trimmed, re: new RegExp(source, 'gi'), regex: false };
}

/** A match that is empty (`/x*\/`) would match everywhere: those are skipped. */
function matchesIn(text: string, re: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length) out.push([m.index, m.index + m[0].length]);
    else re.lastIndex++;
  }
  return out;
}

/** A redaction marker (`[redacted openai-key]`): a match inside one matched the marker's words, not the trace's. */
const MARKER = /\[redacted [\w-]+\]/g;

function outsideMarkers(text: string, at: Array<[number, number]>): Array<[number, number]> {
  if (!text.includes('[redacted ')) return at;
  const marks = [...text.matchAll(MARKER)].map((m) => [m.index, m.index + m[0].length] as const);
  return at.filter(([s, e]) => !marks.some(([ms, me]) => s < me && e > ms));
}

/** The window [s, e) widened or narrowed to the nearest space, when one is near. */
function wordEdges(text: string, s: number, e: number, matchStart: number, matchEnd: number): [number, number] {
  let start = Math.max(0, s);
  let end = Math.min(text.length, e);
  if (start > 0 && !/\s/.test(text[start - 1] as string)) {
    const back = text.lastIndexOf(' ', start);
    const fwd = text.indexOf(' ', start);
    if (back >= 0 && start - back <= WORD_SLACK) start = back + 1;
    else if (fwd >= 0 && fwd - start <= WORD_SLACK && fwd < matchStart) start = fwd + 1;
  }
  if (end < text.length && !/\s/.test(text[end] as string)) {
    const fwd = text.indexOf(' ', end);
    const back = text.lastIndexOf(' ', end);
    if (fwd >= 0 && fwd - end <= WORD_SLACK) end = fwd;
    else if (back > matchEnd && end - back <= WORD_SLACK) end = back;
  }
  return [start, end];
}

/** The match at [s, e) with QUOTE_PAD characters either side, on one line; '…' marks each cut side. */
export function quoteAround(text: string, s: number, e: number): string {
  const mEnd = Math.min(e, s + MATCH_MAX);
  const [start, end] = wordEdges(text, s - QUOTE_PAD, mEnd + QUOTE_PAD, s, mEnd);
  const cutMatch = mEnd < e ? '…' : '';
  const body = cutMatch ? `${text.slice(start, mEnd)}…` : text.slice(start, end);
  // A line break (a tool output's fields, a message's paragraphs) stays visible on the one line.
  return `${start > 0 ? '…' : ''}${oneLine(body.replace(/\s*\n\s*/g, ' · '))}${!cutMatch && end < text.length ? '…' : ''}`;
}

/**
 * A tool span's output as searchable text: a string as it is, an object as one `key: value` line
 * per leaf, keys and booleans included (trial t39c searched `member_name` and `ok: false` and found
 * nothing), and its exception.
 */
export function toolText(span: Span): string {
  const out = spanOutputs(span)?.value;
  const parts: string[] = [];
  if (typeof out === 'string') parts.push(out);
  else if (out !== undefined && out !== null)
    parts.push(
      argumentLeaves(out, 2_000, true)
        .map((l) => (l.key ? `${l.key}: ${l.value}` : l.value))
        .join('\n'),
    );
  for (const x of spanExceptions(span)) parts.push(`${x.type}: ${x.message}`);
  if (span.status === 'ERROR' && !spanExceptions(span).length && span.statusMessage) parts.push(span.statusMessage);
  return parts.join('\n').slice(0, SOURCE_CAP);
}

/** A session as session_transcript numbers its turns, with each turn's tool outputs (spans read only). */
export function grepSessionOf(r: SessionReport, traces: readonly Trace[]): GrepSession {
  const byId = new Map(traces.map((t) => [t.info.traceId, t]));
  const turns = r.turns.map((t) => {
    const spans = byId.get(t.traceId)?.spans ?? [];
    const tools = spans
      .filter((s) => spanType(s) === 'TOOL')
      .sort((a, b) => a.startMs - b.startMs)
      .map((s) => ({ tool: s.name, text: toolText(s) }))
      .filter((x) => x.text);
    return { n: t.n, traceId: t.traceId, user: t.user?.text ?? null, reply: t.reply?.text ?? null, tools };
  });
  const times = traces.map((t) => t.info.requestTimeMs).filter((x): x is number => x !== null);
  return { sessionId: r.sessionId, turns, last: times.length ? new Date(Math.max(...times)).toISOString() : null };
}

/**
 * Every text of every turn searched. `clean` (redaction) runs only on a text that matched, before
 * it is quoted: a match that the cleaning removes was inside a secret and is counted, not shown.
 */
export function grepSessions(sessions: readonly GrepSession[], p: GrepPattern, clean: (s: string) => string = (s) => s, toolsRead = true): GrepReport {
  const found: GrepSessionHits[] = [];
  let matches = 0;
  let insideSecrets = 0;
  for (const s of sessions) {
    const hits: GrepHit[] = [];
    for (const t of s.turns) {
      const texts: Array<[GrepHit['who'], string | null, string | null]> = [
        ['user', null, t.user],
        ['assistant', null, t.reply],
        ...t.tools.map((x): [GrepHit['who'], string | null, string | null] => ['tool', x.tool, x.text]),
      ];
      for (const [who, tool, raw] of texts) {
        const rawAt = raw ? matchesIn(raw, p.re) : [];
        if (!raw || !rawAt.length) continue;
        const text = clean(raw);
        const at = text === raw ? rawAt : outsideMarkers(text, matchesIn(text, p.re));
        insideSecrets += Math.max(0, rawAt.length - at.length);
        const first = at[0];
        if (!first) continue;
        matches += at.length;
        hits.push({ turn: t.n, traceId: t.traceId, who, tool, quote: quoteAround(text, first[0], first[1]), matches: at.length });
      }
    }
    if (hits.length) found.push({ sessionId: s.sessionId, turns: s.turns.length, last: s.last, matchedTurns: [...new Set(hits.map((h) => h.turn))], hits });
  }
  found.sort((a, b) => b.matchedTurns.length - a.matchedTurns.length || (b.last ?? '').localeCompare(a.last ?? ''));
  return {
    pattern: p.given,
    regex: p.regex,
    searched: ['user messages', 'replies', ...(toolsRead ? ['tool outputs'] : [])],
    sessions: sessions.length,
    sessionsMatched: found.length,
    turnsMatched: found.reduce((n, f) => n + f.matchedTurns.length, 0),
    matches,
    insideSecrets,
    maskedInQuotes: found.reduce((n, f) => n + f.hits.reduce((k, h) => k + (h.quote.match(MARKER)?.length ?? 0), 0), 0),
    found,
  };
}
