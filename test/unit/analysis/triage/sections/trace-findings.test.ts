import { describe, expect, it } from 'vitest';
import { traceFindingsSection } from '../../../../../scripts/lib/analysis/triage/sections/trace-findings.js';
import { parseTrace } from '../../../../../scripts/lib/trace/trace.js';
import { type AgentSpec, agentTrace, agentTraceJson, caseSpec } from '../../../../support/provenance-cases.js';
import { triageOver } from '../../../../support/builders.js';

const spec = caseSpec('pharmacy refill, digits swapped');
if (!spec) throw new Error('the labelled set lost its pharmacy case');
const swapped = () => agentTrace(spec);

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
    const turn = (spec: AgentSpec, id: string, minutes: number) => {
      const j = agentTraceJson(spec, id) as { info: Record<string, unknown> & { request_time: string; trace_metadata: Record<string, string> } };
      // MLflow's previews: what an earlier turn is read from without its spans.
      Object.assign(j.info, { request_preview: JSON.stringify({ message: spec.user }), response_preview: spec.reply });
      j.info.request_time = new Date(Date.parse(j.info.request_time) + minutes * 60_000).toISOString();
      j.info.trace_metadata['mlflow.trace.session'] = 'chat-9';
      return parseTrace(j);
    };
    const first = turn({ user: 'Hi, my number is +47 912 34 567. How much data is left?', reply: 'You have 3.2 GB left.' }, 'tr-turn-1', 0);
    const booster = { name: 'add_booster', args: { msisdn: '+4791243567' }, result: { ok: true, subscriber: 'Kari Nilsen' } };
    const second = turn({ user: 'Please add the 10 GB booster.', tools: [booster], reply: 'Done, the booster is added.' }, 'tr-turn-2', 2);
    // Newest first, each trace's info and spans together: as a --spans read pages them.
    const acc = triageOver([traceFindingsSection], []);
    for (const t of [second, first]) {
      acc.addInfo(t);
      acc.addSpans(t, 'all');
    }
    const arg = acc.result().traceFindings.kinds.find((k) => k.kind === 'argumentNotFromConversation');
    expect(arg?.traceIds).toEqual(['tr-turn-2']);
    expect(arg?.examples[0]?.line).toMatch(
      /\+4791243567.*the user wrote \+47 912 34 567 in turn 1 of the session \(tr-turn-1\) \(two digits swapped\).*its output names subscriber "Kari Nilsen"/,
    );
  });

  it('is empty when no spans were read', () => {
    expect(triageOver([traceFindingsSection], [swapped()]).result().traceFindings).toEqual({ checked: 0, unchecked: 0, roles: {}, kinds: [] });
  });
});
