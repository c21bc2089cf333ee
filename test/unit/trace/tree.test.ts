import { describe, expect, it } from 'vitest';
import type { Span } from '../../../scripts/lib/trace/trace.js';
import { buildTree, mainRoot } from '../../../scripts/lib/trace/tree.js';
import { analyseTrace } from '../../../scripts/lib/analysis/trace/trace-report.js';

const span = (id: string, parentId: string | null, start = 0, extra: Partial<Span> = {}): Span => ({
  id,
  parentId,
  name: `s${id}`,
  startMs: start,
  endMs: start + 1,
  status: 'OK',
  statusMessage: '',
  rawAttributes: {},
  events: [],
  ...extra,
});

describe('the span tree survives bad data', () => {
  it('orders children by start time, whatever order the CLI printed', () => {
    const t = buildTree([span('c', 'r', 5), span('r', null, 0), span('b', 'r', 1)]);
    expect(t.nodes.map((n) => n.span.id)).toEqual(['r', 'b', 'c']);
  });

  it('makes orphans extra roots and reports them', () => {
    const t = buildTree([span('r', null), span('o', 'missing', 2)]);
    expect(t.orphans.map((n) => n.span.id)).toEqual(['o']);
    expect(mainRoot(t)?.span.id).toBe('r');
  });

  it('cuts a span that is its own parent', () => {
    const t = buildTree([span('r', null), span('x', 'x', 1)]);
    expect(t.cycles.map((n) => n.span.id)).toEqual(['x']);
    expect(t.nodes).toHaveLength(2);
  });

  it('cuts a parent cycle without hanging', () => {
    const t = buildTree([span('a', 'c', 0), span('b', 'a', 1), span('c', 'b', 2)]);
    expect(t.cycles).toHaveLength(1);
    expect(t.nodes.map((n) => n.span.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps the first of duplicate span ids', () => {
    const t = buildTree([span('r', null), span('r', null, 9)]);
    expect(t.duplicateIds).toEqual(['r']);
    expect(t.nodes).toHaveLength(1);
  });

  it('walks a 10,000-deep chain without a stack overflow', () => {
    const spans = Array.from({ length: 10_000 }, (_, i) => span(String(i), i ? String(i - 1) : null, i));
    const t = buildTree(spans);
    expect(t.nodes.at(-1)?.depth).toBe(9_999);
    expect(() =>
      analyseTrace(
        {
          info: {
            traceId: 'tr-x',
            experimentId: null,
            requestTimeMs: 0,
            durationMs: 1,
            state: 'OK',
            requestPreview: null,
            responsePreview: null,
            metadata: {},
            tags: {},
            assessments: [],
            sessionId: null,
            userId: null,
          },
          spans,
          format: '3.x',
        },
        t,
      ),
    ).not.toThrow();
  });

  it('handles 50,000 flat spans and no root at all', () => {
    const flat = buildTree(Array.from({ length: 50_000 }, (_, i) => span(String(i), 'ghost', i)));
    expect(flat.orphans).toHaveLength(50_000);
    expect(mainRoot(flat)).not.toBeNull();
  });

  it('reports spans that never ended', () => {
    const t = buildTree([span('r', null, 0, { endMs: null })]);
    expect(t.unended).toHaveLength(1);
  });
});
