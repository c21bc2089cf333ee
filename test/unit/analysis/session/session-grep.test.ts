import { describe, expect, it } from 'vitest';
import {
  grepSessionOf,
  grepSessions,
  parsePattern,
  QUOTE_PAD,
  quoteAround,
  toolText,
  type GrepSession,
} from '../../../../scripts/lib/analysis/session/session-grep.js';
import { rankSessions } from '../../../../scripts/lib/analysis/session/sessions-rank.js';
import { redactText } from '../../../../scripts/lib/core/redact.js';
import type { Trace } from '../../../../scripts/lib/trace/trace.js';
import { agentTrace } from '../../../support/provenance-cases.js';
import { span } from '../../../support/spans.js';

const turn = (n: number, user: string | null, reply: string | null, tools: Array<{ tool: string; text: string }> = []) => ({
  n,
  traceId: `tr-${n}`,
  user,
  reply,
  tools,
});
const sessions: GrepSession[] = [
  {
    sessionId: 'old',
    last: '2026-01-01T00:00:00.000Z',
    turns: [turn(1, 'What is the exit fee?', 'The exit\nfee is 49 EUR.'), turn(2, 'thanks', 'You are welcome.')],
  },
  { sessionId: 'none', last: '2026-01-03T00:00:00.000Z', turns: [turn(1, 'Hello', 'Hi!')] },
  {
    sessionId: 'new',
    last: '2026-01-02T00:00:00.000Z',
    turns: [turn(1, 'Cancel my plan.', 'Done.', [{ tool: 'cancel_plan', text: 'status: error\nEXIT FEE unpaid' }])],
  },
];

describe('parsePattern', () => {
  it('plain text is case-insensitive, its spaces match any run of whitespace, and regex characters are literal', () => {
    const p = parsePattern('  exit fee ');
    expect(p).toMatchObject({ given: 'exit fee', regex: false });
    expect('The EXIT\n  FEE'.match(p.re)).toHaveLength(1);
    expect(parsePattern('49.00 (EUR)').re.test('49x00 (EUR)')).toBe(false);
  });

  it('/re/ is a case-insensitive regex; a bad one or an empty text is a usage error', () => {
    const p = parsePattern('/refund(ed)?/');
    expect(p.regex).toBe(true);
    expect('REFUNDED, refund'.match(p.re)).toEqual(['REFUNDED', 'refund']);
    expect(() => parsePattern('/(unclosed/')).toThrow(/not a JavaScript regular expression/);
    expect(() => parsePattern('  ')).toThrow(/empty/);
  });
});

describe('grepSessions', () => {
  const g = grepSessions(sessions, parsePattern('exit fee'));

  it('counts sessions, turns and matches, and finds the text across a line break and in a tool output', () => {
    expect(g).toMatchObject({ sessions: 3, sessionsMatched: 2, turnsMatched: 2, matches: 3, insideSecrets: 0 });
    expect(g.searched).toEqual(['user messages', 'replies', 'tool outputs']);
  });

  it('says who said it, with the turn and trace; most matching turns first, then the newest', () => {
    expect(g.found.map((f) => f.sessionId)).toEqual(['new', 'old']);
    expect(g.found[1]?.hits.map((h) => [h.turn, h.who, h.quote])).toEqual([
      [1, 'user', 'What is the exit fee?'],
      [1, 'assistant', 'The exit · fee is 49 EUR.'],
    ]);
    expect(g.found[0]?.hits[0]).toMatchObject({ who: 'tool', tool: 'cancel_plan', traceId: 'tr-1', quote: 'status: error · EXIT FEE unpaid' });
  });

  it('an empty regex match is no hit; previews only say tool outputs were not searched', () => {
    expect(grepSessions(sessions, parsePattern('/q*/')).sessionsMatched).toBe(0);
    expect(grepSessions(sessions, parsePattern('hello'), undefined, false).searched).toEqual(['user messages', 'replies']);
  });

  it("quotes from the cleaned text: a match inside a secret is counted, not shown; a marker's own words never match", () => {
    // Built from fragments: no tracked file holds a whole key (the secret scanners' test).
    const key = ['sk', 'proj', 'T3stOnlyKey9x8c7v6b5n4m3QWERtyuiASDFghjkZXCVbnm12'].join('-');
    const s: GrepSession[] = [{ sessionId: 's', last: null, turns: [turn(1, `my key is ${key} please fix the key`, 'ok')] }];
    const inside = grepSessions(s, parsePattern('T3stOnlyKey'), (t) => redactText(t));
    expect(inside).toMatchObject({ sessionsMatched: 0, insideSecrets: 1 });
    const around = grepSessions(s, parsePattern('/key|redacted/'), (t) => redactText(t));
    expect(around.matches).toBe(2);
    expect(around.maskedInQuotes).toBe(1);
    expect(around.found[0]?.hits[0]?.quote).not.toContain('T3stOnly');
  });
});

describe('quoteAround', () => {
  it('keeps QUOTE_PAD chars either side, at word edges, and marks each cut side', () => {
    const words = Array.from({ length: 60 }, (_, i) => `word${i}`).join(' ');
    const text = `${words} NEEDLE ${words}`;
    const at = text.indexOf('NEEDLE');
    const q = quoteAround(text, at, at + 6);
    expect(q.startsWith('…word')).toBe(true);
    expect(q.endsWith('…')).toBe(true);
    expect(q).toContain('NEEDLE');
    expect(q.length).toBeLessThanOrEqual(2 * QUOTE_PAD + 6 + 2 * 16 + 2);
    const whole = new Set(text.split(' '));
    for (const w of q.replace(/…/g, '').split(' ')) expect(whole.has(w), w).toBe(true);
  });

  it('a very long match is cut itself', () => {
    const text = 'x'.repeat(1_000);
    expect(quoteAround(text, 0, 1_000).length).toBeLessThan(200);
  });
});

describe('grepSessionOf: turns as session_transcript numbers them, with tool outputs from spans', () => {
  it('reads the user, the reply and each tool output of a turn read with spans', () => {
    const t1 = agentTrace({
      user: 'Move my booking to Friday.',
      tools: [{ name: 'move_booking', args: { day: 'Friday' }, result: { status: 'error', message: 'slot taken' } }],
      reply: 'Done, moved to Friday.',
    });
    const t2 = agentTrace({ user: 'Is the slot taken?', reply: 'No.' });
    const list: Trace[] = [t1, t2].map((t, i) => ({ ...t, info: { ...t.info, sessionId: 's1', requestTimeMs: 1_000 + i } }));
    const seen: GrepSession[] = [];
    rankSessions(list, true, (r, traces) => seen.push(grepSessionOf(r, traces)));
    expect(seen).toHaveLength(1);
    const g = grepSessions(seen, parsePattern('slot taken'));
    expect(g.found[0]?.hits.map((h) => [h.turn, h.who, h.tool, h.quote])).toEqual([
      [1, 'tool', 'move_booking', 'status: error · message: slot taken'],
      [2, 'user', null, 'Is the slot taken?'],
    ]);
    expect(seen[0]?.last).toBe(new Date(1_001).toISOString());
  });
});

describe('toolText', () => {
  it('keeps every key and every boolean: `member_name` and `ok: false` are searchable (trial t39c)', () => {
    const s = span('t', 'cancel_booking', {
      type: 'TOOL',
      outputs: { ok: false, error: 'CANCEL_WINDOW_CLOSED: too late', member_name: 'Daniel Whitcombe', note: null },
    });
    expect(toolText(s).split('\n')).toEqual(['ok: false', 'error: CANCEL_WINDOW_CLOSED: too late', 'member_name: Daniel Whitcombe', 'note: null']);
  });
});
