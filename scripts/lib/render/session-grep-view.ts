/** triage_sessions --grep's screen: how many sessions and turns hold the text, then each session's hits quoted, with the transcript to open. */
import type { GrepReport, GrepSessionHits } from '../analysis/session/session-grep.js';
import type { Section } from './budget.js';
import { plural } from './format.js';
import { colourEnabled, palette } from './style.js';
import { windowLines, type WindowBounds } from './window-line.js';

export interface GrepFollow {
  /** session_transcript on the session, around these of its turns. */
  transcript: (s: Pick<GrepSessionHits, 'sessionId' | 'turns'>, turns: readonly number[]) => string;
  page: (offset: number) => string;
}

export interface GrepViewOptions {
  top: number;
  offset: number;
  spansLoaded: boolean;
  /** Traces of the window with no session id: not searched. */
  noSession: number;
  /** The session's place among those with evidence of going wrong, by id. */
  ranks: ReadonlyMap<string, { rank: number; score: number }>;
  ranked: number;
  /** The time bounds read: stated under the head line. */
  window?: WindowBounds;
}

/** Hits quoted per session; the rest are named by turn. */
export const HITS_SHOWN = 3;

export const patternLabel = (g: Pick<GrepReport, 'pattern' | 'regex'>): string => (g.regex ? g.pattern : `'${g.pattern}'`);

/** The turns to open: the matching ones when they lie close, else the first with one either side. */
export function turnsToOpen(turns: readonly number[], count: number): [number, number] {
  const first = turns[0] ?? 1;
  const last = turns.at(-1) ?? first;
  const [from, to] = last - first <= 5 ? (first === last ? [first - 1, last + 1] : [first, last]) : [first - 1, first + 1];
  return [Math.max(1, from), Math.max(1, Math.min(count, to))];
}

function sessionLines(s: GrepSessionHits, i: number, o: GrepViewOptions, follow: GrepFollow): string[] {
  const r = o.ranks.get(s.sessionId);
  const standing = r ? `#${r.rank} of ${o.ranked} with evidence of going wrong (score ${r.score})` : 'no evidence of going wrong';
  const which = `turn${s.matchedTurns.length > 1 ? 's' : ''} ${s.matchedTurns.join(', ')}`;
  const lines = [`  #${o.offset + i + 1} ${s.sessionId} · ${plural(s.turns, 'turn')}, match in ${which} · ${standing}`];
  for (const h of s.hits.slice(0, HITS_SHOWN)) {
    const who = h.who === 'tool' ? `tool ${h.tool}` : h.who;
    const more = h.matches > 1 ? ` (+${h.matches - 1} more in it)` : '';
    lines.push(`     turn ${h.turn} ${who}: "${h.quote}"${more}`);
  }
  const rest = s.hits.slice(HITS_SHOWN);
  if (rest.length) {
    const turns = [...new Set(rest.map((h) => h.turn))];
    lines.push(`     … ${plural(rest.length, 'more hit')} (turn${turns.length > 1 ? 's' : ''} ${turns.join(', ')}): ${follow.transcript(s, turns)}`);
  }
  lines.push(`     open: ${follow.transcript(s, s.matchedTurns)}`);
  return lines;
}

export function grepSections(g: GrepReport, follow: GrepFollow, o: GrepViewOptions): Section[] {
  const paint = palette(colourEnabled());
  const where = g.sessionsMatched ? `in ${g.sessionsMatched} of ${g.sessions} sessions` : `in none of ${g.sessions} sessions`;
  const bad = g.found.filter((f) => o.ranks.has(f.sessionId)).length;
  const among = g.sessionsMatched ? `; ${bad} of them among the ${o.ranked} with evidence of going wrong` : '';
  const counts = g.sessionsMatched ? `, ${plural(g.turnsMatched, 'turn')} (${plural(g.matches, 'match', 'matches')})${among}` : '';
  const head = [`${paint.head('GREP')} ${patternLabel(g)} ${where}${counts}`, ...windowLines(o.window), `  searched: ${g.searched.join(', ')} of every turn`];
  if (!o.spansLoaded)
    head.push('  read from trace previews without spans: tool outputs not searched, and a message past 1,000 chars only in its preview (--spans reads them)');
  if (o.noSession) head.push(`  ${plural(o.noSession, 'trace')} with no session id not searched (triage_traces covers single traces)`);
  if (g.insideSecrets)
    head.push(`  ${plural(g.insideSecrets, 'match', 'matches')} fell inside redacted secrets: counted out, not quoted (--show-secrets shows them)`);
  if (g.maskedInQuotes) head.push(`  ${plural(g.maskedInQuotes, 'secret')} in the quotes masked before quoting (--show-secrets shows them)`);
  const shown = g.found.slice(o.offset, o.offset + o.top);
  const lines: string[] = [];
  if (g.found.length)
    lines.push(`${paint.head('SESSIONS WITH A MATCH')} (most matching turns first, then the newest)${o.offset ? `, from #${o.offset + 1}` : ''}:`);
  for (const [i, s] of shown.entries()) lines.push(...sessionLines(s, i, o, follow));
  const rest = g.found.length - o.offset - shown.length;
  if (rest > 0) lines.push(`  … ${plural(rest, 'more session')} with a match: ${follow.page(o.offset + o.top)}`);
  return [
    { name: 'grep', priority: 0, lines: head },
    { name: 'matches', priority: 1, lines },
  ];
}
