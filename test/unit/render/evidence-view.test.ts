/** inspect_turn --evidence's text: marks, sources named so --span reaches them, bounds said, the next command. */
import { describe, expect, it } from 'vitest';
import { evidenceOfTrace } from '../../../scripts/lib/analysis/trace/evidence.js';
import type { ValueEvidence } from '../../../scripts/lib/analysis/trace/value-evidence.js';
import { evidenceSections, firstDoubt, sourceLabel, valueLine } from '../../../scripts/lib/render/evidence-view.js';
import { buildTree } from '../../../scripts/lib/trace/tree.js';
import { agentTrace, caseSpec, type AgentSpec } from '../../support/provenance-cases.js';

const ofCase = (name: string) => {
  const trace = agentTrace(caseSpec(name) as AgentSpec);
  return evidenceOfTrace(trace, buildTree(trace.spans));
};
const text = (name: string) =>
  evidenceSections(ofCase(name), 'node inspect_turn.mjs T --evidence --json')
    .flatMap((s) => s.lines)
    .join('\n')
    .replace(/\x1b\[[0-9;]*m/g, '');

describe('evidence view', () => {
  it('an argument nobody wrote, with its nearest candidate and where it is', () => {
    expect(text('pharmacy refill, digits swapped')).toContain('? rx_id=RX-47018 — nowhere; nearest: RX-40718 in the user message (two digits swapped)');
  });
  it('a reply value against its source, the sentence beside its best support', () => {
    const t = text('utilities, late fee');
    expect(t).toContain('1. "Paying late adds a 5 EUR reminder fee after 10 days."');
    expect(t).toContain('best support: the output of `tariff_lookup` "A late payment adds a 5 EUR reminder fee after 14 days."');
    expect(t).toContain('≠ 10 (day) — different: the output of `tariff_lookup` says 14 days');
    expect(t).toContain('= 5 (EUR reminder fee) — same');
    expect(t).toMatch(/1 same, 1 different, 1 nowhere — heuristic: /);
  });
  it('documents by uri with rank and score; repeats counted', () => {
    const e = ofCase('clinic, opening time');
    const v = e.reply.flatMap((s) => s.values).find((x) => x.text === '08:30');
    expect(sourceLabel(v?.sources[0] as never)).toBe('document `kb://clinic/hours.md` of `search_kb`, rank 1');
    expect(text('fare lookup loop, max_iterations')).toContain('lookup_zone (`lookup_zone#1`) (×6 with the same arguments)');
  });
  it('the next span to open is the first value not found as written', () => {
    expect(firstDoubt(ofCase('pharmacy refill, digits swapped'))).toEqual({ span: 'get_prescription' });
    expect(firstDoubt(ofCase('clean: id copied right'))).toBeNull();
  });
  it('a value line without sources says so', () => {
    const v: ValueEvidence = { text: 'PK-1', kind: 'id', boundTo: 'id', verdict: 'nowhere', sources: [], other: null, candidates: [], note: null };
    expect(valueLine(v, true)).toBe('? id=PK-1 — nowhere: in nothing the model had');
  });
});
