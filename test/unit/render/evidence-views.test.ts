/** The views that show the evidence: tool calls with their arguments and the model on a model call's row, a whole small tree, a loop on the critical path as one line. */
import { describe, expect, it } from 'vitest';
import type { PathStep } from '../../../scripts/lib/analysis/trace/critical-path.js';
import { cycles, pathLines } from '../../../scripts/lib/render/time-view.js';
import { DEFAULT_TREE, previewLines, renderTree, spanLabel } from '../../../scripts/lib/render/tree-view.js';
import { toolCallsLine } from '../../../scripts/lib/render/span-preview.js';
import { chat, treeOf, type SpanSpec } from '../../support/span-trees.js';

const step = (name: string, at: number, ms = 100): PathStep => ({
  name,
  type: null,
  spanIds: [`${name}-${at}`],
  count: 1,
  startOffsetMs: at,
  durationMs: ms,
  minMs: ms,
  maxMs: ms,
  share: ms / 2_000,
});

describe('a loop on the critical path', () => {
  it('7 identical plan → tool steps are one unit; a lone repeat of 2 is not', () => {
    const steps = [step('route', 0)];
    for (let i = 0; i < 7; i++) steps.push(step('llm_plan', 100 + i * 200), step('lookup_fare_rules', 200 + i * 200));
    steps.push(step('answer', 1_500));
    const units = cycles(steps);
    expect(units).toHaveLength(3);
    expect(units[1]).toMatchObject({ names: ['llm_plan', 'lookup_fare_rules'], times: 7, durationMs: 1_400 });
    const levels = [{ within: { spanId: 'root', name: 'agent', durationMs: 2_000 }, steps }];
    expect(pathLines(levels)).toEqual([
      '  critical path: agent 2.00s › route 100ms (5%) › [7 × llm_plan → lookup_fare_rules = 1.40s, 70%] › answer 100ms (5%)',
    ]);
    expect(cycles([step('a', 0), step('b', 100), step('a', 200), step('b', 300), step('c', 400)]).map((u) => ('times' in u ? 'cycle' : u.name))).toEqual([
      'a',
      'b',
      'a',
      'b',
      'c',
    ]);
  });
});

describe("a model call's row", () => {
  const plan: SpanSpec = {
    name: 'plan',
    type: 'CHAT_MODEL',
    attrs: { 'mlflow.llm.model': 'gpt-4o-mini' },
    inputs: chat(['user', 'Where is booking BK-58213?']),
    outputs: {
      choices: [
        { message: { role: 'assistant', content: null, tool_calls: [{ function: { name: 'get_booking', arguments: '{"booking_id": "BK-52813"}' } }] } },
      ],
    },
  };
  const tree = treeOf({ name: 'agent', type: 'AGENT', children: [plan] });
  const node = tree.nodes[1] as NonNullable<(typeof tree.nodes)[number]>;

  it('shows the tool calls with their arguments, and the model on the label', () => {
    expect(toolCallsLine(node, 200)).toBe('out: 1 tool call: get_booking({"booking_id": "BK-52813"})');
    expect(previewLines(node, 110, tree)).toContain('out: 1 tool call: get_booking({"booking_id": "BK-52813"})');
    expect(spanLabel(node, 0)).toMatch(/^✓ plan \[CHAT_MODEL: gpt-4o-mini\] /);
  });

  it('a wrapper of kind LLM (DSPy Predict) is no model call: no note on its label, no tool-call line', () => {
    const t = treeOf({ name: 'Predict.forward', type: 'LLM', children: [plan] });
    expect(spanLabel(t.nodes[0] as NonNullable<(typeof t.nodes)[number]>, 0)).toMatch(/^✓ Predict.forward \[LLM\] /);
    expect(toolCallsLine(t.nodes[0] as NonNullable<(typeof t.nodes)[number]>, 200)).toBeNull();
  });
});

describe('a failed span without a status message', () => {
  it('shows its exception on the err: line', () => {
    const tree = treeOf({ name: 'Tool.lookup', type: 'TOOL', error: ['ConnectionError', 'timed out'] });
    const node = tree.nodes[0] as NonNullable<(typeof tree.nodes)[number]>;
    node.span.statusMessage = '';
    expect(previewLines(node, 110, tree).at(-1)).toMatch(/err: ConnectionError: timed out/);
  });
});

describe('a tree of 15 children under one parent', () => {
  it('the default cut hides the last ones; drawn whole, none is hidden', () => {
    const tree = treeOf({ name: 'agent', children: Array.from({ length: 14 }, (_, i) => ({ name: `step_${i}` })) });
    const opts = { ...DEFAULT_TREE, previews: false, spanCommand: (id: string) => `--span ${id}` };
    expect(renderTree(tree, tree.roots, opts).hidden).toBe(2);
    expect(renderTree(tree, tree.roots, { ...opts, maxChildren: 50, maxDepth: 50 }).hidden).toBe(0);
  });
});
