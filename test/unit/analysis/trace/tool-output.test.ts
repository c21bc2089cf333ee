/** A tool's output as text values are found in, and a trace's tool outputs in order (what later turns reuse). */
import { describe, expect, it } from 'vitest';
import { recordDataflow } from '../../../../scripts/lib/analysis/trace/dataflow.js';
import { argumentLeaves, toolRecords } from '../../../../scripts/lib/analysis/trace/tool-output.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { agentTrace } from '../../../support/provenance-cases.js';

describe('toolRecords', () => {
  it("each tool's output in time order; a JSON object with sentences reads as lines", () => {
    const t = agentTrace({
      user: 'Check my plan.',
      tools: [
        { name: 'get_plan', args: { id: 'P-1' }, result: { plan: 'Fri 15 GB', ends: '2027-03-31' } },
        { name: 'get_usage', args: { id: 'P-1' }, result: { left_gb: 3.2 } },
      ],
      reply: 'ok',
    });
    expect(toolRecords(recordDataflow(buildTree(t.spans)))).toEqual([
      { tool: 'get_plan', text: 'Fri 15 GB\nends: 2027-03-31' },
      { tool: 'get_usage', text: '{"left_gb":3.2}' },
    ]);
  });
  it('argumentLeaves names nested keys', () => {
    expect(argumentLeaves({ a: { b: ['x', 2] } })).toEqual([
      { key: 'a.b[0]', value: 'x' },
      { key: 'a.b[1]', value: '2' },
    ]);
  });
});
