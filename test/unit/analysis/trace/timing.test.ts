/**
 * Time that is right, over fixtures (no Python): the critical path through sequential children,
 * shares, the independence check behind "could run in parallel", model calls beside their prompt
 * size, and the previews (identical items, retriever ids, model prompts). Hand-built spans pin
 * the edge cases; get-timing-*.json are `mlflow traces get` outputs of testbed/seed_timing.py.
 */
import { describe, expect, it } from 'vitest';
import { criticalPath, sequentialChain } from '../../../../scripts/lib/analysis/trace/critical-path.js';
import { sequentialCalls, sequentialIndependentCalls } from '../../../../scripts/lib/analysis/trace/sequential-calls.js';
import { distinctiveValues, outputFeeds } from '../../../../scripts/lib/analysis/common/text-match.js';
import { analyseTiming } from '../../../../scripts/lib/analysis/trace/timing.js';
import { analyseTrace } from '../../../../scripts/lib/analysis/trace/trace-report.js';
import { readJsonFile } from '../../../../scripts/lib/core/read-json.js';
import { findingLines, timingLines } from '../../../../scripts/lib/render/health.js';
import { docsOutputLine, identicalItems, modelInputLine } from '../../../../scripts/lib/render/span-preview.js';
import { pathLines } from '../../../../scripts/lib/render/time-view.js';
import { parseTrace, type Span, type Trace } from '../../../../scripts/lib/trace/trace.js';
import { buildTree, type SpanNode } from '../../../../scripts/lib/trace/tree.js';
import { fixture } from '../../../support/helpers.js';
import { span } from '../../../support/spans.js';

const one = (name: string): Trace => parseTrace(readJsonFile(fixture(name), name));

interface Spec {
  name: string;
  start: number;
  end: number;
  type?: string;
  inputs?: unknown;
  outputs?: unknown;
  children?: Spec[];
}

/** Spans from a nested spec (times in ms), attributes JSON-encoded as MLflow stores them. */
function spans(spec: Spec): Span[] {
  const out: Span[] = [];
  let n = 0;
  const walk = (s: Spec, parentId: string | null) => {
    const id = (++n).toString(16).padStart(16, '0');
    const attrs: Record<string, unknown> = {};
    if (s.type) attrs['mlflow.spanType'] = JSON.stringify(s.type);
    if (s.inputs !== undefined) attrs['mlflow.spanInputs'] = JSON.stringify(s.inputs);
    if (s.outputs !== undefined) attrs['mlflow.spanOutputs'] = JSON.stringify(s.outputs);
    out.push({ id, parentId, name: s.name, startMs: s.start, endMs: s.end, status: 'OK', statusMessage: '', rawAttributes: attrs, events: [] });
    for (const c of s.children ?? []) walk(c, id);
  };
  walk(spec, null);
  return out;
}

const tool = (name: string, start: number, end: number, inputs: unknown, outputs: unknown): Spec => ({ name, start, end, type: 'TOOL', inputs, outputs });

describe('critical path: the chain of sequential children, not the last child', () => {
  // Six lookups back to back, a parallel side task that ended early, then a short summary.
  const legs = Array.from({ length: 6 }, (_, i) => tool('lookup', 100 + i * 4500, 100 + i * 4500 + 4400, { leg: i }, { price: 100 + i }));
  const tree = buildTree(
    spans({
      name: 'root',
      start: 0,
      end: 38_000,
      children: [...legs, tool('warm_cache', 200, 900, {}, {}), { name: 'summarize', start: 27_200, end: 36_200, type: 'LLM' }],
    }),
  );
  const root = tree.roots[0] as SpanNode;

  it('steps back from the last child through each child that ended before the next began', () => {
    expect(sequentialChain(root).map((n) => n.span.name)).toEqual(['lookup', 'lookup', 'lookup', 'lookup', 'lookup', 'lookup', 'summarize']);
  });

  it('folds a run of one name into one step, with its range and share', () => {
    const [level] = criticalPath(root, 0, 38_000);
    expect(level?.steps.map((s) => [s.name, s.count])).toEqual([
      ['lookup', 6],
      ['summarize', 1],
    ]);
    expect(level?.steps[0]).toMatchObject({ minMs: 4400, maxMs: 4400, durationMs: 26_900 });
    expect(pathLines(criticalPath(root, 0, 38_000))[0]).toBe(
      '  critical path: root 38.00s › [6 × lookup 4.40s in sequence = 26.90s, 71%] › summarize 9.00s (24%)',
    );
  });

  it('descends through a lone wrapper on the same line, and into the longest step below', () => {
    const t = buildTree(
      spans({
        name: 'app',
        start: 0,
        end: 1000,
        children: [
          {
            name: 'agent',
            start: 1,
            end: 999,
            children: [tool('a', 10, 100, 1, 2), { name: 'b', start: 110, end: 990, children: [tool('c', 120, 500, 3, 4), tool('d', 510, 980, 5, 6)] }],
          },
        ],
      }),
    );
    const lines = pathLines(criticalPath(t.roots[0] as SpanNode, 0, 1000));
    expect(lines).toEqual([
      '  critical path: app 1.00s › agent 998ms (100%) › a 90ms (9%) › b 880ms (88%)',
      '    inside b 880ms › c 380ms (38%) › d 470ms (47%)',
    ]);
  });

  it('is linear: 20,000 back-to-back children are one sort, not a scan per child', () => {
    const kids = Array.from({ length: 20_000 }, (_, i) => tool(`s${i % 7}`, i, i + 0.8, { i }, { ok: true }));
    const big = buildTree(spans({ name: 'batch', start: 0, end: 20_001, children: kids }));
    expect(sequentialChain(big.roots[0] as SpanNode)).toHaveLength(20_000);
  });
});

describe('sequential independent calls (a heuristic, bounded text test)', () => {
  const trace = (children: Spec[]) => buildTree(spans({ name: 'root', start: 0, end: 30_000, children }));

  it('finds back-to-back calls with different inputs, none fed by the one before, and the saving', () => {
    const t = trace([0, 1, 2, 3].map((i) => tool('fetch', i * 5000, i * 5000 + 4000 + i * 100, { city: `city-${i}` }, { temp_c: 213 + i, city: `city-${i}` })));
    const [run] = sequentialIndependentCalls(t, 30_000);
    // Each call against every one before it: 1 + 2 + 3 pairs.
    expect(run).toMatchObject({ name: 'fetch', count: 4, minMs: 4000, maxMs: 4300, wallMs: 19_300, savingMs: 15_000, pairsChecked: 6, heuristic: true });
  });

  it('stays quiet when an earlier output reaches a later call, even a short code two calls on, or says nothing distinctive', () => {
    // Trial t8: load_cart → fraud_check → charge_card; the charge takes the cart's currency.
    const checkout = trace([
      tool('load_cart', 0, 4000, { order_id: 'ord_100004' }, { items: 2, total: 5600, currency: 'JPY' }),
      tool('fraud_check', 5000, 9000, { order_id: 'ord_100004', country: 'JP' }, { risk: 'low', score: 0.12 }),
      tool('charge_card', 10_000, 14_000, { order_id: 'ord_100004', currency: 'JPY', amount_minor: 560000 }, { status: 'captured' }),
    ]);
    expect(sequentialIndependentCalls(checkout, 30_000)).toEqual([]);
    // {"done": true} holds nothing distinctive: whether it fed anything cannot be told.
    const quiet = trace([tool('a', 0, 4000, { q: 'first question' }, { done: true }), tool('b', 5000, 9000, { q: 'second question' }, { done: true })]);
    expect(sequentialCalls(quiet, 30_000).chained[0]).toMatchObject({ notParallel: 'inputs or outputs not logged' });
  });

  it('stays quiet when each input holds the previous output (the calls depend on each other)', () => {
    const t = trace(
      [0, 1, 2].map((i) => tool('refine', i * 5000, i * 5000 + 4000, { draft: i ? `draft number ${i}` : 'start' }, { draft: `draft number ${i + 1}` })),
    );
    expect(sequentialIndependentCalls(t, 30_000)).toEqual([]);
  });

  it('stays quiet on a parallel batch, on identical inputs (retries), on missing outputs, and on small savings', () => {
    expect(sequentialIndependentCalls(trace([0, 1, 2].map((i) => tool('q', i * 10, 9000 + i, { i: `item-${i}` }, { v: `value-${i}` }))), 30_000)).toEqual([]);
    expect(
      sequentialIndependentCalls(trace([0, 1, 2].map((i) => tool('q', i * 5000, i * 5000 + 4000, { same: 'input' }, { v: `value-${i}` }))), 30_000),
    ).toEqual([]);
    expect(
      sequentialIndependentCalls(
        trace([0, 1, 2].map((i) => ({ name: 'q', type: 'TOOL', start: i * 5000, end: i * 5000 + 4000, inputs: { i } })) as Spec[]),
        30_000,
      ),
    ).toEqual([]);
    expect(sequentialIndependentCalls(trace([0, 1, 2].map((i) => tool('q', i * 10, i * 10 + 8, { i }, { v: `value-${i}` }))), 30_000)).toEqual([]);
  });

  it('ignores echoed inputs and chat vocabulary, and bounds what it reads', () => {
    expect(distinctiveValues({ role: 'assistant', finish_reason: 'stop', n: 12, text: 'Rotterdam', big: 123456 })).toEqual(['Rotterdam', '123456']);
    const huge = { items: Array.from({ length: 100_000 }, (_, i) => `value number ${i}`) };
    expect(distinctiveValues(huge).length).toBeLessThanOrEqual(40);
    const t = trace([tool('x', 0, 10, { sku: 'SKU-001' }, { sku: 'SKU-001', stock: 5 }), tool('x', 20, 30, { sku: 'SKU-001-b' }, {})]);
    const [a, b] = (t.roots[0] as SpanNode).children as [SpanNode, SpanNode];
    // "SKU-001" is in the next input, but x only echoed it from its own: not a dependency.
    expect(outputFeeds(a, b)).toBe('independent');
  });
});

describe('the seeded scenarios (mlflow traces get outputs of testbed/seed_timing.py)', () => {
  const report = (name: string) => analyseTrace(one(name));

  it('itinerary: six sequential price_leg calls and an 88,000-token prompt, on FINDINGS', () => {
    const r = report('get-timing-itinerary.json');
    expect(r.timing.sequential).toHaveLength(1);
    expect(r.timing.sequential[0]).toMatchObject({ name: 'price_leg', count: 6 });
    expect(r.timing.sequential[0]?.minMs).toBeCloseTo(4100, 0);
    expect(r.timing.sequential[0]?.maxMs).toBeCloseTo(4700, 0);
    expect(r.timing.sequential[0]?.savingMs).toBeCloseTo(21_675, 0);
    expect(r.timing.hugePrompts[0]).toMatchObject({ name: 'write_itinerary', inputTokens: 88_000 });
    const f = findingLines(r).join('\n');
    expect(f).toMatch(
      /6 calls to price_leg under plan_trip ran one after another \(4\.10s–4\.70s each, 26\.38s = 70% of the trace\), each with different inputs, and no output fed the next input: ~21\.67s could be saved by running them in parallel \(heuristic/,
    );
    expect(f).toMatch(/write_itinerary took 9\.20s \(24% of the trace\) with a prompt of 88,000 tokens = 100% of the trace's input tokens/);
    expect(timingLines(r).join('\n')).toMatch(
      /critical path: plan_trip 37\.63s › sketch_route 1\.30s › \[6 × price_leg 4\.10s–4\.70s in sequence = 26\.38s, 70%\] › fare_rules 640ms › write_itinerary 9\.20s \(24%\)/,
    );
    expect(r.timing.byName[0]).toMatchObject({ name: 'price_leg', count: 6 });
  });

  it('digest: the chain before a short last step; no finding', () => {
    const r = report('get-timing-digest.json');
    expect(r.timing.criticalPath[0]?.steps.map((s) => s.name)).toEqual(['load_pages', 'extract_tables', 'write_digest', 'archive_digest']);
    expect(r.timing.sequential).toEqual([]);
    expect(findingLines(r)).toEqual(['FINDINGS: none']);
  });

  it('rolling (each call needs the previous summary) and fanout (parallel): no finding', () => {
    for (const name of ['get-timing-rolling.json', 'get-timing-fanout.json']) {
      const r = report(name);
      expect(r.timing.sequential).toEqual([]);
      expect(r.timing.hugePrompts).toEqual([]);
    }
    const rolling = report('get-timing-rolling.json');
    expect(rolling.timing.sequentialChained[0]).toMatchObject({ name: 'condense_chapter', count: 5, notParallel: 'an output fed the next input' });
    expect(timingLines(rolling).join('\n')).toMatch(
      /repeated: condense_chapter ×5 under condense_novel \([^)]+\) — different inputs each time; ran one after another and an output fed the next input: no parallel saving claimed/,
    );
  });

  it('openai_tools (real autolog): four check_stock calls run in a loop', () => {
    const r = report('get-timing-openai-tools.json');
    expect(r.timing.sequential[0]).toMatchObject({ name: 'check_stock', count: 4, parent: 'stock_assistant' });
    expect(r.timing.modelCalls.map((c) => c.inputTokens)).toEqual([620, 380]);
  });

  it('the 30,000-span shape (50 workers of sequential sub-ms steps) makes no finding', () => {
    const kids = Array.from(
      { length: 50 },
      (_, g): Spec => ({
        name: `worker_${g}`,
        start: g * 100,
        end: g * 100 + 99,
        children: Array.from({ length: 60 }, (_, i) =>
          tool(`step_${i % 7}`, g * 100 + i * 0.001, g * 100 + i * 0.001 + 0.0008, { g, i, blob: 'x'.repeat(1500) }, { ok: true }),
        ),
      }),
    );
    const t = analyseTiming(buildTree(spans({ name: 'huge_agent', start: 0, end: 5010, children: kids })));
    expect(t.sequential).toEqual([]);
    // worker_0 … worker_49 back to back: one step; too short a share to descend into.
    expect(t.criticalPath).toHaveLength(1);
    expect(t.criticalPath[0]?.steps).toMatchObject([{ name: 'worker_N', count: 50 }]);
    expect(t.byName[0]).toMatchObject({ name: 'worker_N', count: 50 });
  });
});

describe('previews: what matters per span kind', () => {
  it('N identical items are said in so many words; different ones are not', () => {
    expect(identicalItems(Array(40).fill({ status: 'empty' }), 80)).toBe('40 items, all identical: {"status":"empty"}');
    expect(identicalItems({ results: [1, 1, 1] }, 80)).toBe('3 items, all identical: 1');
    expect(identicalItems([1, 1, 2], 80)).toBeNull();
    expect(identicalItems([1, 1], 80)).toBeNull();
  });

  it('a model call shows system prompt, retrieved context found in it, and the last tool message', () => {
    const trace = one('get-timing-itinerary.json');
    const tree = buildTree(trace.spans);
    const node = tree.nodes.find((n) => n.span.name === 'write_itinerary') as SpanNode;
    const line = modelInputLine(tree, node, 400) ?? '';
    expect(line).toMatch(
      /^in: {2}system 37,644 chars · context 2 of 3 docs from fare_rules \(180 chars; not in it: #3 rules\/refunds-2019\.md\) · 8 msgs · last tool: \{"fare_eur": 66\.3/,
    );
    expect(line).not.toMatch(/Plan my rail trip/);
  });

  it('a retriever shows top_k and its document ids in order, with scores', () => {
    const tree = buildTree(one('get-timing-itinerary.json').spans);
    const node = tree.nodes.find((n) => n.span.name === 'fare_rules') as SpanNode;
    expect(docsOutputLine(node, 200)).toBe('out: top_k=3 · 3 docs: rules/rail-pass-2027.md 0.91, rules/baggage-policy.md 0.77, rules/refunds-2019.md 0.42');
  });
});

describe('slowestBySelf', () => {
  it('keeps the top five by self time, ties in tree order, as sorting them all would', () => {
    const spans = [span('root', 'agent', { start: 0, end: 1_000 })];
    const selfs = [50, 80, 80, 10, 80, 30, 80, 70];
    let t = 0;
    selfs.forEach((d, i) => {
      spans.push(span(`c${i}`, `step${i}`, { parentId: 'root', start: t, end: t + d }));
      t += d;
    });
    const got = analyseTiming(buildTree(spans)).slowestBySelf.map((s) => s.name);
    expect(got).toEqual(['agent', 'step1', 'step2', 'step4', 'step6']);
  });
});
