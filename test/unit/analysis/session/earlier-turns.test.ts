/**
 * Earlier session turns as sources of a value: an id the user gave in turn 1 is from the
 * conversation when turn 2's tool uses it, and a near spelling of it in turn 2 names turn 1; a
 * date a tool returned in turn 1 is what turn 2's reply is checked against.
 */
import { describe, expect, it } from 'vitest';
import { argumentNotFromConversation, wantsEarlierTurns } from '../../../../scripts/lib/analysis/findings/kinds/argument-origin.js';
import { TraceFacts } from '../../../../scripts/lib/analysis/findings/trace-facts.js';
import { replyContradictsSources, replyValuesUnsettled } from '../../../../scripts/lib/analysis/findings/kinds/reply-contradiction.js';
import { EARLIER_MAX, earlierTurns, turnsSoFar, turnTexts } from '../../../../scripts/lib/analysis/session/earlier-turns.js';
import { analyseSession } from '../../../../scripts/lib/analysis/session/session.js';
import { traceEvidence } from '../../../../scripts/lib/analysis/trace/evidence.js';
import { replyValues, traceProvenance, type EarlierTurn } from '../../../../scripts/lib/analysis/trace/provenance.js';
import { parseTrace, type Trace } from '../../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { agentTrace, type ToolStep } from '../../../support/provenance-cases.js';
import { FROM_TURN1, SWAPPED, sessionTurnJson, TURN1 } from '../../../support/session-turns.js';

const turn1 = parseTrace(sessionTurnJson(TURN1, 'tr-turn1', 0));
const swapped = parseTrace(sessionTurnJson(SWAPPED, 'tr-swapped', 2));
const fromTurn1 = parseTrace(sessionTurnJson(FROM_TURN1, 'tr-from1', 2));
const findings = (t: Trace, earlier: EarlierTurn[] = []) => new TraceFacts(t, buildTree(t.spans), { earlier }).of(argumentNotFromConversation);

describe('earlier turns as sources of an argument', () => {
  it('a near spelling of an earlier turn: the finding names that turn (and the trace alone has none)', () => {
    expect(findings(swapped)).toEqual([]);
    const [f] = findings(swapped, earlierTurns([turn1, swapped], swapped));
    expect(f?.title).toBe(
      '`llm#1` called `get_booking` with booking_id=BK-52813, which no message or earlier output holds; ' +
        'the user wrote BK-58213 in turn 1 of the session (tr-turn1) (two digits swapped); ' +
        'its output names passenger_name "Rolf Dahl", whom no user message or system prompt mentions',
    );
    // The spans it names are this trace's: the model and the tool, not turn 1's stand-in.
    expect(f?.spans.map((s) => s.name)).toEqual(['llm', 'get_booking']);
    expect(f?.evidence.join('\n')).not.toContain('passenger_name');
  });
  it('the value the user gave in an earlier turn is from the conversation: no finding', () => {
    expect(findings(fromTurn1)).toHaveLength(1);
    expect(findings(fromTurn1, earlierTurns([turn1, fromTurn1], fromTurn1))).toEqual([]);
  });
  it('the session is wanted only when an argument id is held by nothing in the trace', () => {
    expect(wantsEarlierTurns(traceProvenance(buildTree(swapped.spans)))).toBe(true);
    expect(wantsEarlierTurns(traceProvenance(buildTree(turn1.spans)))).toBe(false);
  });
});

describe('earlierTurns', () => {
  it('the traces before the current one in time order, numbered from 1, with their user message and reply', () => {
    const later = parseTrace(sessionTurnJson(TURN1, 'tr-later', 9));
    expect(earlierTurns([later, swapped, turn1], swapped)).toEqual([{ n: 1, traceId: 'tr-turn1', user: TURN1.user, reply: TURN1.reply }]);
  });
  it('at most EARLIER_MAX, the nearest, keeping their numbers', () => {
    const many = Array.from({ length: EARLIER_MAX + 5 }, (_, i) => parseTrace(sessionTurnJson(TURN1, `tr-${i}`, i)));
    const last = parseTrace(sessionTurnJson(SWAPPED, 'tr-last', 100));
    const got = earlierTurns([...many, last], last);
    expect([got.length, got[0]?.n, got.at(-1)?.n]).toEqual([EARLIER_MAX, 6, EARLIER_MAX + 5]);
    expect(turnsSoFar([{ turn: { n: 1, traceId: 't', user: { text: 'u' }, reply: null } }])).toEqual([{ n: 1, traceId: 't', user: 'u', reply: null }]);
  });
});

describe('session_transcript', () => {
  it("turn 2's findings name turn 1 as where the swapped id came from", () => {
    const r = analyseSession('s-1', [turn1, swapped], true);
    const f = r.turns[1]?.findings?.argumentNotFromConversation ?? [];
    expect(f.map((x) => x.title).join('\n')).toContain('the user wrote BK-58213 in turn 1 of the session (tr-turn1)');
    expect(analyseSession('s-1', [turn1, fromTurn1], true).turns[1]?.findings?.argumentNotFromConversation ?? []).toEqual([]);
  });
});

describe("earlier turns' tool outputs", () => {
  const lease = (user: string, reply: string, tools: ToolStep[] = []) => ({ user, reply, tools });
  const turn1 = agentTrace(
    lease('Look up contract CL-40917.', 'Your lease costs 489 EUR a month.', [
      { name: 'get_lease', args: { contract: 'CL-40917' }, result: { contract: 'CL-40917', monthly_eur: 489, lease_ends: '2027-08-31' } },
    ]),
  );
  const turn2 = agentTrace(lease('When does it end?', 'Your lease ends on 31 October 2027.'));
  const contradictions = (t: Trace, earlier: EarlierTurn[]) => new TraceFacts(t, buildTree(t.spans), { earlier }).of(replyContradictsSources);

  it('a turn read with spans carries its tools outputs; read from previews it has none', () => {
    expect(turnTexts(turn1).tools).toEqual([{ tool: 'get_lease', text: expect.stringContaining('"lease_ends":"2027-08-31"') }]);
    expect(turnTexts({ ...turn1, spans: [] }).tools).toBeUndefined();
  });
  it("a reply that contradicts an earlier turn's record is a finding that names the tool, the turn and its trace", () => {
    const p = traceProvenance(buildTree(turn2.spans));
    expect(replyValuesUnsettled(p)).toBe(true);
    // The reply's values are extracted once per trace: the check and the finding read the same list.
    expect(replyValues(p)).toBe(replyValues(p));
    const [f] = contradictions(turn2, [{ n: 1, traceId: 'tr-t1', ...turnTexts(turn1) }]);
    expect(f?.title).toBe('the reply says "ends on 31 October 2027"; `get_lease`\'s output in turn 1 of the session (tr-t1) says "ends 2027-08-31"');
    expect(f?.spans).toEqual([]);
  });
  it('not after a tool that may write, and not from the turn read without spans', () => {
    const written = { n: 2, traceId: 'tr-t2', user: 'extend it', reply: 'Done.', tools: [{ tool: 'extend_lease', text: '{"ok": true}' }] };
    expect(contradictions(turn2, [{ n: 1, traceId: 'tr-t1', ...turnTexts(turn1) }, written])).toEqual([]);
    expect(contradictions(turn2, [{ n: 1, traceId: 'tr-t1', ...turnTexts({ ...turn1, spans: [] }) }])).toEqual([]);
  });
  it("--evidence: a value only an earlier turn holds is the same, and says this trace's model input does not hold it", () => {
    const right = agentTrace(lease('When does it end?', 'Your lease ends on 31 August 2027.'));
    const facts = new TraceFacts(right, buildTree(right.spans), { earlier: [{ n: 1, traceId: 'tr-t1', ...turnTexts(turn1) }] });
    const v = traceEvidence(facts.provenance).reply.flatMap((x) => x.values)[0];
    expect(v).toMatchObject({
      verdict: 'same',
      note: "an earlier turn holds it; this trace's model input does not",
      sources: [{ turn: { n: 1, tool: 'get_lease' } }],
    });
  });
  it('a session read with spans gives each turn the records of the turns before it', () => {
    const t1 = { ...turn1, info: { ...turn1.info, traceId: 'tr-s1', requestTimeMs: 1 } };
    const t2 = { ...turn2, info: { ...turn2.info, traceId: 'tr-s2', requestTimeMs: 2 } };
    const r = analyseSession('s', [t1, t2], true);
    expect(r.turns[1]?.findings?.replyContradictsSources?.[0]?.title).toContain('in turn 1 of the session (tr-s1)');
  });
});

describe('a time off by its source’s UTC offset', () => {
  const at = (reply: string) =>
    agentTrace({
      user: 'When is my appointment? Patient P-20931.',
      tools: [{ name: 'get_appointment', args: { patient: 'P-20931' }, result: { appointment_at: '2026-12-14T14:30:00+01:00' } }],
      reply,
    });
  const evidence = (t: Trace) => new TraceFacts(t, buildTree(t.spans)).of(replyContradictsSources)[0]?.evidence ?? [];
  it('says so as a clue; another difference does not', () => {
    expect(evidence(at('Your appointment is at 15:30.'))).toContain(
      "the two differ by exactly the source's UTC offset (+01:00): a time zone applied twice or the wrong way?",
    );
    expect(evidence(at('Your appointment is at 16:30.')).join('\n')).not.toContain('UTC offset');
  });
  it("quotes the reply's whole sentence: a title's full stop does not end it", () => {
    expect(evidence(at('Done. Your appointment with Dr. Aas is at 15:30.'))[0]).toBe('reply: "Your appointment with Dr. Aas is at 15:30."');
  });
});
