/** compare_traces' analysis: two span trees aligned, the first divergence, docs and model parameters that differ. */
import { describe, expect, it } from 'vitest';
import { alignTrees } from '../../../../scripts/lib/analysis/compare/align.js';
import { compareTraces } from '../../../../scripts/lib/analysis/compare/compare.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { HOUR as H, T0 } from '../../../support/builders.js';
import { type SpanFields, span as spanOf, trace as traceOf, type TraceFields } from '../../../support/spans.js';

const span = (id: string, parentId: string | null, name: string, start: number, end: number, o: SpanFields = {}) =>
  spanOf(id, name, { ...o, parentId, start, end });
const trace = (id: string, t: number, o: TraceFields = {}) => traceOf(id, { ...o, requestTimeMs: t });

describe('compare: aligning two span trees', () => {
  const a = [
    span('a0', null, 'agent', 0, 500, { type: 'AGENT', inputs: { q: 'refund?' }, outputs: { answer: '30 days' } }),
    span('a1', 'a0', 'retrieve', 10, 100, {
      type: 'RETRIEVER',
      inputs: { q: 'refund?' },
      outputs: [{ id: 'policy-v3', metadata: { doc_uri: 'kb/refunds.md' } }],
    }),
    span('a2', 'a0', 'call_llm', 110, 400, {
      type: 'CHAT_MODEL',
      inputs: { model: 'gpt-4o-mini', temperature: 0, messages: [] },
      outputs: { text: '30 days' },
    }),
    span('a3', 'a0', 'call_llm', 410, 490, { type: 'CHAT_MODEL', inputs: { model: 'gpt-4o-mini', temperature: 0 }, outputs: { text: 'ok' } }),
  ];
  const b = [
    span('b0', null, 'agent', 0, 600, { type: 'AGENT', inputs: { q: 'refund?' }, outputs: { answer: '90 days' } }),
    span('b1', 'b0', 'retrieve', 10, 120, {
      type: 'RETRIEVER',
      inputs: { q: 'refund?' },
      outputs: [{ id: 'returns-2019', metadata: { doc_uri: 'kb/archive.md' } }],
    }),
    span('bx', 'b0', 'rerank', 125, 130, { type: 'RERANKER' }),
    span('b2', 'b0', 'call_llm', 140, 500, {
      type: 'CHAT_MODEL',
      inputs: { model: 'gpt-4o-mini', temperature: 0.9, messages: [] },
      outputs: { text: '90 days' },
    }),
  ];

  it('pairs by name path and order; the rest is only in one', () => {
    const al = alignTrees(buildTree(a), buildTree(b));
    expect(al.pairs.map((p) => p.path)).toEqual(
      ['agent', 'agent › retrieve', 'agent › call_llm', 'agent › call_llm#2'].filter((p) => p !== 'agent › call_llm#2'),
    );
    expect(al.onlyA.map((p) => p.path)).toEqual(['agent › call_llm#2']);
    expect(al.onlyB.map((p) => p.path)).toEqual(['agent › rerank']);
  });

  it('finds the first divergence bottom-up, the docs and the model parameters that differ', () => {
    const c = compareTraces(trace('tr-a', T0, { spans: a }), trace('tr-b', T0 + H, { spans: b, tags: { app_version: 'v42' } }));
    expect(c.firstDivergence?.path).toBe('agent › retrieve');
    const retrieve = c.pairs.find((p) => p.path === 'agent › retrieve');
    expect(retrieve?.docs).toMatchObject({ onlyA: ['policy-v3 (kb/refunds.md)'], onlyB: ['returns-2019 (kb/archive.md)'] });
    const llm = c.pairs.find((p) => p.path === 'agent › call_llm');
    expect(llm?.model?.differs).toEqual(['temperature']);
    expect(llm?.outputDiff?.lines).toEqual(['- "text": "30 days"', '+ "text": "90 days"']);
    expect(c.contextDiffers).toEqual([{ key: 'tag.app_version', a: null, b: 'v42' }]);
    expect(c.onlyB.map((s) => s.path)).toEqual(['agent › rerank']);
  });
});

describe('compare: what is called the same is compared whole', () => {
  const agent = (id: string, inputs: unknown, children: ReturnType<typeof span>[]) => [
    span(`${id}0`, null, 'agent', 0, 500, { type: 'AGENT', inputs, outputs: { answer: 'ok' } }),
    ...children,
  ];
  const llm = (id: string, tools: unknown[]) =>
    span(`${id}1`, `${id}0`, 'call_llm', 10, 400, { type: 'CHAT_MODEL', inputs: { model: 'gpt-4o-mini', tools, messages: [] }, outputs: { text: 'ok' } });
  const tool = (description: string) => ({ type: 'function', function: { name: 'lookup_policy', description, parameters: { type: 'object' } } });

  it('the requests: the root inputs, not the previews (two chats ending on the same question differ)', () => {
    const last = { role: 'user', content: 'And the deductible?' };
    const a = trace('tr-a', T0, { spans: agent('a', { messages: [{ role: 'user', content: 'Home policy?' }, last] }, []) });
    const b = trace('tr-b', T0, { spans: agent('b', { messages: [{ role: 'user', content: 'Car policy?' }, last] }, []) });
    expect(compareTraces(a, b).sameRequest).toBe(false);
    expect(compareTraces(a, a).sameRequest).toBe(true);
    expect(compareTraces(a, trace('tr-c', T0)).sameRequest).toBeNull();
  });

  it('tools offered under the same names with other definitions differ', () => {
    const a = trace('tr-a', T0, { spans: agent('a', { q: 1 }, [llm('a', [tool('Look up the policy wording.')])]) });
    const b = trace('tr-b', T0, { spans: agent('b', { q: 1 }, [llm('b', [tool('Look up the 2019 policy wording.')])]) });
    const model = compareTraces(a, b).pairs.find((p) => p.path === 'agent › call_llm')?.model;
    expect(model?.differs).toEqual(['tools']);
    expect(model?.toolsRedefined).toEqual(['lookup_policy']);
    expect(compareTraces(a, b).sameness.modelParams).toMatchObject({ identical: false, differ: ['tools'] });
    expect(compareTraces(a, a).pairs.find((p) => p.path === 'agent › call_llm')?.model).toMatchObject({ differs: [], toolsRedefined: [] });
  });
});
