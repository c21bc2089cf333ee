import { describe, expect, it } from 'vitest';
import { type TraceFindings, traceFindingsSection } from '../../../../../scripts/lib/analysis/triage/sections/trace-findings.js';
import { parseTrace } from '../../../../../scripts/lib/trace/trace.js';
import { type AgentSpec, agentTrace, agentTraceJson, caseSpec } from '../../../../support/provenance-cases.js';
import { triageOver } from '../../../../support/builders.js';

const spec = caseSpec('pharmacy refill, digits swapped');
if (!spec) throw new Error('the labelled set lost its pharmacy case');
const swapped = () => agentTrace(spec);

/** One turn of a session, as MLflow stores it: its previews (what an earlier turn is read from without spans) and its time. */
const turn = (spec: AgentSpec, id: string, minutes: number, session = 'chat-9', state = 'OK') => {
  const j = agentTraceJson(spec, id) as { info: Record<string, unknown> & { request_time: string; trace_metadata: Record<string, string> } };
  Object.assign(j.info, { request_preview: JSON.stringify({ message: spec.user }), response_preview: spec.reply, state });
  j.info.request_time = new Date(Date.parse(j.info.request_time) + minutes * 60_000).toISOString();
  j.info.trace_metadata['mlflow.trace.session'] = session;
  return parseTrace(j);
};

describe('findings across traces', () => {
  it('counts each kind by trace, registry order, with the first examples and their lines', () => {
    const ts = [swapped(), swapped(), swapped(), swapped()];
    const { traceFindings } = triageOver(
      [traceFindingsSection],
      ts,
      ts.map((t) => [t, 'all'] as const),
    ).result();
    expect(traceFindings.checked).toBe(4);
    expect(traceFindings.roles).toEqual({ all: 4 });
    const arg = traceFindings.kinds.find((k) => k.kind === 'argumentNotFromConversation');
    expect(arg?.traces).toBe(4);
    expect(arg?.examples.map((e) => e.traceId)).toEqual(ts.slice(0, 3).map((t) => t.info.traceId));
    expect(arg?.traceIds).toEqual(ts.map((t) => t.info.traceId));
    expect(arg?.examples[0]?.line).toContain('RX-47018');
  });

  it('checks a trace once, whatever the reasons its spans were read', () => {
    const t = swapped();
    const { traceFindings } = triageOver(
      [traceFindingsSection],
      [t],
      [
        [t, 'slow'],
        [t, 'all'],
      ],
    ).result();
    expect(traceFindings.checked).toBe(1);
    expect(traceFindings.roles).toEqual({ slow: 1 });
  });

  it("an id argument nothing in the trace holds is looked up in the session's earlier turns, as health_check does, whatever the read order", () => {
    const first = turn({ user: 'Hi, my number is +47 912 34 567. How much data is left?', reply: 'You have 3.2 GB left.' }, 'tr-turn-1', 0);
    const booster = { name: 'add_booster', args: { msisdn: '+4791243567' }, result: { ok: true, subscriber: 'Kari Nilsen' } };
    const second = turn({ user: 'Please add the 10 GB booster.', tools: [booster], reply: 'Done, the booster is added.' }, 'tr-turn-2', 2);
    // Newest first, each trace's info and spans together: as a --spans read pages them.
    const acc = triageOver([traceFindingsSection], []);
    const alone = swapped();
    for (const t of [second, first, alone]) {
      acc.addInfo(t);
      acc.addSpans(t, 'all');
    }
    const arg = acc.result().traceFindings.kinds.find((k) => k.kind === 'argumentNotFromConversation');
    // The trace kept for its session's turns keeps its place in the reading order.
    expect(arg?.traceIds).toEqual(['tr-turn-2', alone.info.traceId]);
    expect(arg?.examples[0]?.line).toMatch(
      /\+4791243567.*the user wrote \+47 912 34 567 in turn 1 of the session \(tr-turn-1\) \(two digits swapped\).*its output names subscriber "Kari Nilsen"/,
    );
  });

  describe("a reply that contradicts an earlier turn's tool output", () => {
    const getLease = { name: 'get_lease', args: { contract: 'CL-40917' }, result: { contract: 'CL-40917', monthly_eur: 489, lease_ends: '2027-08-31' } };
    const first = (state = 'OK') =>
      turn({ user: 'Look up contract CL-40917.', tools: [getLease], reply: 'Your lease costs 489 EUR a month.' }, 'tr-lease-1', 0, 'lease-3', state);
    const second = turn({ user: 'When does it end?', reply: 'Your lease ends on 31 October 2027.' }, 'tr-lease-2', 2, 'lease-3');
    const contradicts = (acc: { result(): { traceFindings: TraceFindings } }) =>
      acc.result().traceFindings.kinds.find((k) => k.kind === 'replyContradictsSources');

    it('is found when the earlier turn was read with spans (--spans, newest first), naming its tool, turn and trace', () => {
      const acc = triageOver([traceFindingsSection], []);
      for (const t of [second, first()]) {
        acc.addInfo(t);
        acc.addSpans(t, 'all');
      }
      const k = contradicts(acc);
      expect(k?.traceIds).toEqual(['tr-lease-2']);
      expect(k?.examples[0]?.line).toContain('`get_lease`\'s output in turn 1 of the session (tr-lease-1) says "ends 2027-08-31"');
    });

    it("from a failing earlier turn's spans too (the failing pass), before the slow tail's", () => {
      const failed = first('ERROR');
      const acc = triageOver(
        [traceFindingsSection],
        [second, failed],
        [
          [failed, 'failing'],
          [second, 'slow'],
        ],
      );
      expect(contradicts(acc)?.traceIds).toEqual(['tr-lease-2']);
    });

    it("not when the earlier turn was read from MLflow's previews only: they hold no tool output", () => {
      expect(contradicts(triageOver([traceFindingsSection], [second, first()], [[second, 'slow']]))).toBeUndefined();
    });
  });

  it('is empty when no spans were read', () => {
    expect(triageOver([traceFindingsSection], [swapped()]).result().traceFindings).toEqual({ checked: 0, unchecked: 0, roles: {}, kinds: [] });
  });
});
