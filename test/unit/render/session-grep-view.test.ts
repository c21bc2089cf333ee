import { describe, expect, it } from 'vitest';
import { grepSessions, parsePattern, type GrepSession } from '../../../scripts/lib/analysis/session/session-grep.js';
import { renderBudgeted } from '../../../scripts/lib/render/budget.js';
import { grepSections, HITS_SHOWN, turnsToOpen, type GrepViewOptions } from '../../../scripts/lib/render/session-grep-view.js';

const text = (s: Array<{ lines: string[] }>) => s.flatMap((x) => x.lines).join('\n');
const follow = {
  transcript: (s: { sessionId: string; turns: number }, turns: readonly number[]) =>
    `transcript ${s.sessionId} --turns ${turnsToOpen(turns, s.turns).join('-')}`,
  page: (n: number) => `page --offset ${n}`,
};
const turn = (n: number, user: string, reply: string) => ({ n, traceId: `tr-${n}`, user, reply, tools: [] });
const session = (id: string, fee: number[], turns = 8): GrepSession => ({
  sessionId: id,
  last: `2026-01-0${id.length % 9}T00:00:00.000Z`,
  turns: Array.from({ length: turns }, (_, i) => turn(i + 1, fee.includes(i + 1) ? 'What is the exit fee?' : 'Hello', 'Hi')),
});
const opts = (o: Partial<GrepViewOptions> = {}): GrepViewOptions => ({
  top: 15,
  offset: 0,
  spansLoaded: true,
  noSession: 0,
  ranks: new Map([['bad', { rank: 2, score: 9 }]]),
  ranked: 3,
  ...o,
});

describe('turnsToOpen', () => {
  it('the matching turns when close, else the first with one either side; never past the session', () => {
    expect(turnsToOpen([2, 3], 8)).toEqual([2, 3]);
    expect(turnsToOpen([4], 8)).toEqual([3, 5]);
    expect(turnsToOpen([1], 1)).toEqual([1, 1]);
    expect(turnsToOpen([2, 12], 20)).toEqual([1, 3]);
  });
});

describe('grepSections', () => {
  const g = grepSessions([session('bad', [1, 2, 3, 4, 6]), session('fine', [5]), session('none', [])], parsePattern('exit fee'));

  it('heads with the counts and what was searched; each session with its standing, its hits quoted, and the transcript', () => {
    const out = text(grepSections(g, follow, opts()));
    expect(out).toContain("GREP 'exit fee' in 2 of 3 sessions, 6 turns (6 matches); 1 of them among the 3 with evidence of going wrong");
    expect(out).toContain('searched: user messages, replies, tool outputs of every turn');
    expect(out).toContain('#1 bad · 8 turns, match in turns 1, 2, 3, 4, 6 · #2 of 3 with evidence of going wrong (score 9)');
    expect(out).toContain('#2 fine · 8 turns, match in turn 5 · no evidence of going wrong');
    expect(out).toContain('     turn 1 user: "What is the exit fee?"');
    expect(out.match(/ turn \d user: /g)).toHaveLength(HITS_SHOWN + 1);
    expect(out).toContain('… 2 more hits (turns 4, 6): transcript bad --turns 4-6');
    expect(out).toContain('open: transcript bad --turns 1-6');
    expect(out).toContain('open: transcript fine --turns 4-6');
  });

  it('pages: the cut names the sessions left and the command for them', () => {
    const out = text(grepSections(g, follow, opts({ top: 1 })));
    expect(out).toContain('… 1 more session with a match: page --offset 1');
    expect(out).not.toContain('fine ·');
  });

  it('says what it could not search, and a pattern found nowhere', () => {
    const none = grepSessions([session('a', [])], parsePattern('/refund(ed)?/'), undefined, false);
    const out = text(grepSections(none, follow, opts({ spansLoaded: false, noSession: 4 })));
    expect(out).toContain('GREP /refund(ed)?/ in none of 1 sessions');
    expect(out).toContain('searched: user messages, replies of every turn');
    expect(out).toContain('tool outputs not searched');
    expect(out).toContain('4 traces with no session id not searched');
  });

  it('under a tight budget the header stays and the cut says where the rest is', () => {
    const many = grepSessions(
      Array.from({ length: 40 }, (_, i) => session(`s-${i}`, [1, 2])),
      parsePattern('exit fee'),
    );
    const r = renderBudgeted(grepSections(many, follow, opts()), ['footer'], 2_000, 'json command');
    expect(r.text.length).toBeLessThanOrEqual(2_000);
    expect(r.text).toContain("GREP 'exit fee' in 40 of 40 sessions");
    expect(r.text).toMatch(/more lines \([\d,]+ chars\) cut; see: json command/);
  });
});
