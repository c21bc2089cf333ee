import { describe, expect, it } from 'vitest';
import { traceFindingsSection } from '../../../../../scripts/lib/analysis/triage/sections/trace-findings.js';
import { agentTrace, caseSpec } from '../../../../support/provenance-cases.js';
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

  it('is empty when no spans were read', () => {
    expect(triageOver([traceFindingsSection], [swapped()]).result().traceFindings).toEqual({ checked: 0, unchecked: 0, roles: {}, kinds: [] });
  });
});
