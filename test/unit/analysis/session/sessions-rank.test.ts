import { describe, expect, it } from 'vitest';
import { rankSessions } from '../../../../scripts/lib/analysis/session/sessions-rank.js';
import { analyseSession } from '../../../../scripts/lib/analysis/session/session.js';
import type { Trace } from '../../../../scripts/lib/trace/trace.js';
import { humanFeedback, judgeFeedback, sessionLevel } from '../../../support/assessments.js';
import { agentTrace } from '../../../support/provenance-cases.js';
import { trace } from '../../../support/spans.js';

let clock = 0;
/** One session of previews-only turns: user text as the request, the reply as the response. */
function session(id: string, turns: Array<[string, string]>, extra: (ts: Trace[]) => void = () => {}): Trace[] {
  const ts = turns.map(([u, r], i) => {
    const t = trace(`${id}-${i}`, { sessionId: id, request: JSON.stringify({ messages: [{ role: 'user', content: u }] }), requestTimeMs: (clock += 60_000) });
    t.info.responsePreview = JSON.stringify({ choices: [{ message: { role: 'assistant', content: r } }] });
    return t;
  });
  extra(ts);
  return ts;
}

const fine = (id: string) =>
  session(id, [
    ['Do you sell rain barrels?', 'Yes, 200 L and 300 L ones.'],
    ['Thanks!', 'You are welcome.'],
  ]);

describe('rankSessions: the bad chats first, no fine one above them', () => {
  const bad = {
    doubt: session('doubt', [
      ['Rename my plan to Gold.', 'Done! Your plan has been renamed to Gold.'],
      ['The page still shows Silver. Did it work?', 'Yes, it has been updated.'],
      ['You told me it was changed!', 'Sorry.'],
    ]),
    verdict: session(
      'verdict',
      [
        ['When does my order arrive?', 'Seeds ship in paper envelopes.'],
        ['ok', 'Anything else?'],
      ],
      (ts) => {
        ts[0]?.info.assessments.push(sessionLevel(judgeFeedback('resolved', false, 'Never answered.'), 'verdict'));
      },
    ),
    human: session('human', [
      ['My trimmer is broken.', 'Try charging it.'],
      ['Useless. I want to speak to a human.', 'Try charging it.'],
    ]),
    labelled: session('labelled', [['Is it frost-proof?', 'No idea.']], (ts) => {
      ts[0]?.info.assessments.push(humanFeedback('correct', false));
    }),
  };
  const traces = [...Object.values(bad).flat(), ...Array.from({ length: 40 }, (_, i) => fine(`fine-${i}`)).flat()];

  it('lists exactly the bad sessions, ranked, with the turn to open; precision 1', () => {
    const r = rankSessions(traces, false);
    expect(r.sessions).toBe(44);
    expect(r.fine).toBe(40);
    const ids = r.ranked.map((s) => s.sessionId);
    expect(new Set(ids)).toEqual(new Set(Object.keys(bad)));
    expect(r.ranked.find((s) => s.sessionId === 'verdict')?.verdicts).toEqual({ LLM_JUDGE: { negative: 1, positive: 0 } });
    expect(r.ranked.find((s) => s.sessionId === 'labelled')?.evidence[0]).toMatch(/negative verdicts HUMAN 1/);
  });

  it('session_transcript never says "no turn stands out" for a doubted claim or a negative session verdict', () => {
    for (const s of [bad.doubt, bad.verdict]) expect(analyseSession(s[0]?.info.sessionId as string, s, false).suspects[0]?.score).toBeGreaterThanOrEqual(3);
  });

  it('counts traces with no session id, and handles no sessions at all', () => {
    const r = rankSessions([trace('x1'), trace('x2')], false);
    expect(r).toMatchObject({ sessions: 0, noSession: 2, ranked: [] });
  });

  it('ranks 10,000 sessions', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      i % 1000 === 7 ? bad.human.map((t) => ({ ...t, info: { ...t.info, sessionId: `h${i}` } })) : fine(`f${i}`),
    ).flat();
    const r = rankSessions(many, false);
    expect(r.sessions).toBe(10_000);
    expect(new Set(r.ranked.map((s) => s.sessionId))).toEqual(new Set(Array.from({ length: 10 }, (_, k) => `h${k * 1000 + 7}`)));
    expect(r.ranked).toHaveLength(10);
  });
});

describe('rankSessions over turns read with spans', () => {
  const lease = {
    user: 'Look up contract CL-40917.',
    tools: [{ name: 'get_lease', args: { contract: 'CL-40917' }, result: { contract: 'CL-40917', lease_ends: '2027-08-31' } }],
    reply: 'Found your lease.',
  };
  const chat = (sid: string, second: string) =>
    [agentTrace(lease, `${sid}-1`), agentTrace({ user: 'When does it end?', reply: second }, `${sid}-2`)].map((t, i) => {
      t.info.sessionId = sid;
      t.info.requestTimeMs = (clock += 60_000) + i;
      return t;
    });
  const r = rankSessions(
    [...chat('wrong', 'Your lease ends on 31 October 2027.'), ...chat('right-1', 'It ends on 31 August 2027.'), ...chat('right-2', 'Soon.')],
    true,
  );

  it('names a finding the turns hold in the evidence line, with its turn; the fine sessions by id; history lost in all', () => {
    expect(r.ranked.map((s) => s.sessionId)).toEqual(['wrong']);
    expect(r.ranked[0]?.evidence).toContain('reply contradicts a source (turn 2)');
    expect(r.fineIds).toEqual(['right-1', 'right-2']);
    expect(r.fineSessions.map((s) => s.sessionId)).toEqual(r.fineIds);
    expect(r.fineSessions[0]).toHaveProperty('users');
    expect([r.multiTurn, r.historyLost]).toEqual([3, 3]);
  });
});
