/**
 * The provenance pass's sources, span by span: each source once within the caps (a thousand tool
 * outputs that say the same are one source), and tool calls whose arguments and result are
 * decoded only when asked.
 */
import { describe, expect, it } from 'vitest';
import { recordDataflow } from '../../../../scripts/lib/analysis/trace/dataflow.js';
import { addSpan, SourceList, type ToolCall } from '../../../../scripts/lib/analysis/trace/source-list.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { span } from '../../../support/spans.js';

function sourcesOf(spans: ReturnType<typeof span>[]) {
  const flow = recordDataflow(buildTree(spans));
  const list = new SourceList();
  const calls: ToolCall[] = [];
  for (const rec of flow.records) addSpan(rec, list, calls);
  return { sources: list.sources, calls };
}

describe('SourceList', () => {
  it('keeps a repeated tool output once, and every call', () => {
    const tools = Array.from({ length: 1_000 }, (_, i) =>
      span(`t${i}`, 'lookup', { parentId: 'root', type: 'TOOL', start: i + 1, end: i + 2, inputs: { i }, outputs: { ok: true } }),
    );
    const { sources, calls } = sourcesOf([span('root', 'agent', { type: 'AGENT', start: 0, end: 2_000, inputs: { q: 'go' } }), ...tools]);
    expect(sources.filter((s) => s.kind === 'tool-output')).toHaveLength(1);
    expect(calls).toHaveLength(1_000);
    expect(calls[7]?.args()).toEqual({ i: 7 });
    expect(calls[7]?.result()).toEqual({ ok: true });
    expect(calls[7]?.argsText).toBe('{"i":7}');
    expect(calls[7]).toMatchObject({ tool: 'lookup', startMs: 8, endMs: 9 });
  });

  it('names messages by their role, a role it does not know as other', () => {
    const model = span('m', 'chat', {
      type: 'CHAT_MODEL',
      inputs: {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'Order A-1?' },
          { role: 'constructor', content: 'odd role' },
        ],
      },
      outputs: { choices: [{ message: { role: 'assistant', content: 'Shipped.' } }] },
    });
    const kinds = sourcesOf([model]).sources.map((s) => [s.kind, s.text]);
    expect(kinds).toEqual([
      ['system', 'Be brief.'],
      ['user', 'Order A-1?'],
      ['other', 'odd role'],
      ['model-output', 'Shipped.'],
    ]);
  });

  it('documents keep their id, rank and score', () => {
    const retriever = span('r', 'search', {
      type: 'RETRIEVER',
      outputs: [
        { page_content: 'Refunds take 14 days.', metadata: { doc_uri: 'kb://refunds' } },
        { page_content: 'Refunds take 30 days.', metadata: { doc_uri: 'kb://old' } },
      ],
    });
    const docs = sourcesOf([retriever]).sources.filter((s) => s.kind === 'document');
    expect(docs.map((d) => [d.docId, d.rank])).toEqual([
      ['kb://refunds', 1],
      ['kb://old', 2],
    ]);
  });
});
