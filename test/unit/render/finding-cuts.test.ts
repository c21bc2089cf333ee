/**
 * Cuts that keep a finding's value: where health_check, inspect_turn and session_transcript cut
 * a reply or a span's output, the id or amount a finding quotes stays on screen, the cut says
 * how much it took and names the command for the whole. Over a labelled-set trace with a long reply.
 */
import { describe, expect, it } from 'vitest';
import { analyseSession } from '../../../scripts/lib/analysis/session/session.js';
import { analyseTrace } from '../../../scripts/lib/analysis/trace/trace-report.js';
import { renderBudgeted } from '../../../scripts/lib/render/budget.js';
import { healthSections } from '../../../scripts/lib/render/health.js';
import { inspectSections } from '../../../scripts/lib/render/inspect.js';
import { sessionSections } from '../../../scripts/lib/render/session-view.js';
import { buildTree } from '../../../scripts/lib/trace/tree.js';
import { agentTrace, caseSpec, type AgentSpec } from '../../support/provenance-cases.js';

const base = caseSpec('pharmacy refill, digits swapped') as AgentSpec;
const filler = 'Thank you for your patience while I looked into this for you. '.repeat(7);
const spec: AgentSpec = {
  ...base,
  tools: [{ ...(base.tools?.[0] as NonNullable<AgentSpec['tools']>[number]), result: { note: filler, rx_id: 'RX-47018', patient_name: 'Ivo Marsh' } }],
  reply: `${filler}Your prescription RX-47018 has 2 refills left; I have queued one. ${filler}`,
};
const trace = agentTrace(spec);
const tree = buildTree(trace.spans);
const report = analyseTrace(trace, tree);
const follow = { inspect: 'inspect', inspectSpan: (s: string) => `inspect --span ${s}` };

describe('a cut keeps the value a finding names', () => {
  it('the trace has the finding, and its value sits past every plain cut', () => {
    expect(report.findings.argumentNotFromConversation).toHaveLength(1);
    expect(spec.reply.indexOf('RX-47018')).toBeGreaterThan(400);
  });

  it('health_check: the Response line keeps RX-47018, says what it cut and where the reply is whole', () => {
    const text = renderBudgeted(healthSections(report, follow), [], 20_000, 'x').text;
    const line = text.split('\n').find((l) => l.startsWith('Response: ')) ?? '';
    expect(line).toMatch(/… \[\d+ chars cut\] ….*prescription RX-47018 has 2 refills.*… \[\+\d+ chars; whole: inspect --span [0-9a-f]+\]$/);
  });

  it('inspect_turn: the tool output row and the turn reply keep it; a span without the value is cut as before', () => {
    const opts = { spanCommand: (id: string) => `inspect --span ${id}`, childrenCommand: () => 'c', maxChars: 20_000 };
    const lines = renderBudgeted(inspectSections(report, tree, follow, opts), [], 20_000, 'x').text.split('\n');
    const toolOut = lines[lines.findIndex((l) => l.includes('get_prescription [TOOL]')) + 2] ?? '';
    expect(toolOut).toMatch(/out: .*… \[\d+ chars cut\] ….*"rx_id":"RX-47018".*whole: inspect --span [0-9a-f]+\]$/);
    expect(lines.find((l) => l.startsWith('  reply: '))).toContain('RX-47018');
  });

  it("inspect_turn: the model row's `last tool:` keeps the value the tool message holds past the cut", () => {
    const opts = { spanCommand: (id: string) => `inspect --span ${id}`, childrenCommand: () => 'c', maxChars: 20_000 };
    const lines = renderBudgeted(inspectSections(report, tree, follow, opts), [], 20_000, 'x').text.split('\n');
    const lastTool = lines.find((l) => l.includes('last tool: ')) ?? '';
    expect(lastTool).toMatch(/last tool: .*… \[\d+ chars cut\] ….*RX-47018.*whole: inspect --span [0-9a-f]+\]$/);
  });

  it('inspect_turn: a tool call row keeps an argument past the cut; the finding evidence keeps it too', () => {
    const call = { ...(base.tools?.[0] as NonNullable<AgentSpec['tools']>[number]), args: { note: filler, rx_id: 'RX-47018' } };
    const t = agentTrace({ ...base, tools: [call] });
    const tr = buildTree(t.spans);
    const r = analyseTrace(t, tr);
    const opts = { spanCommand: (id: string) => `inspect --span ${id}`, childrenCommand: () => 'c', maxChars: 20_000 };
    const lines = renderBudgeted(inspectSections(r, tr, follow, opts), [], 20_000, 'x').text.split('\n');
    expect(lines.find((l) => l.includes('out: 1 tool call: get_prescription('))).toMatch(/… \[\d+ chars cut\] ….*"rx_id":"RX-47018".*whole: inspect --span/);
    // Without a finding the same row is cut as before: the plain marker, no kept window.
    const clean = agentTrace({ ...base, user: 'Please refill prescription RX-47018 for me.', tools: [call] });
    const cleanTree = buildTree(clean.spans);
    const cleanLines = renderBudgeted(inspectSections(analyseTrace(clean, cleanTree), cleanTree, follow, opts), [], 20_000, 'x').text.split('\n');
    expect(cleanLines.find((l) => l.includes('out: 1 tool call: get_prescription('))).toMatch(/get_prescription\(\{"note":"Thank you.*… \[\+\d+ chars\]$/);
  });

  it('session_transcript: the turn reply keeps it and names the command for the whole turn', () => {
    const withSession = agentTrace(spec);
    const r = analyseSession('s-1', [withSession], true);
    const text = renderBudgeted(
      sessionSections(r, { inspect: (t) => `inspect ${t}`, turns: (a, b) => `--turns ${a}-${b}` }, { maxChars: 20_000, range: null }),
      [],
      20_000,
      'x',
    ).text;
    const reply = text.split('\n').find((l) => l.trim().startsWith('reply:')) ?? '';
    expect(reply).toMatch(/RX-47018.*whole: --turns 1-1\]$/);
  });
});
