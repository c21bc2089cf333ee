/** Where a failing span's inputs came from: values matched to earlier outputs, tallied over traces. */
import { describe, expect, it } from 'vitest';
import { InputSources } from '../../../../scripts/lib/analysis/triage/input-sources.js';
import { sourceLines } from '../../../../scripts/lib/render/triage/failures.js';
import type { Span } from '../../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';

function span(id: string, parentId: string | null, name: string, start: number, end: number, io: { inputs?: unknown; outputs?: unknown } = {}): Span {
  const raw: Record<string, unknown> = {};
  if (io.inputs !== undefined) raw['mlflow.spanInputs'] = JSON.stringify(io.inputs);
  if (io.outputs !== undefined) raw['mlflow.spanOutputs'] = JSON.stringify(io.outputs);
  return { id, parentId, name, startMs: start, endMs: end, status: 'OK', statusMessage: '', rawAttributes: raw, events: [] };
}

/** A checkout: the cart's total reaches the charge ×100 (minor units), its currency as it is. */
function checkout(sources: InputSources, total: number, currency: string, minor = Math.trunc(total * 100)): void {
  const tree = buildTree([
    span('r', null, 'checkout', 0, 100, { inputs: { message: `pay ${total} ${currency}` }, outputs: { reply: 'done', total } }),
    span('a', 'r', 'load_cart', 1, 10, { inputs: { order_id: 'o1' }, outputs: { items: 2, total, currency } }),
    span('b', 'r', 'fraud_check', 11, 20, { inputs: { order_id: 'o1' }, outputs: { risk: 'low' } }),
    span('c', 'r', 'charge_card', 21, 90, { inputs: { order_id: 'o1', currency, amount_minor: minor, model: 'gpt-4o-mini' } }),
  ]);
  sources.add(tree, tree.byId.get('c') as never);
}

describe("a failing span's inputs, traced to earlier outputs across traces", () => {
  it('finds a unit scale and a copy, with their counts here and in the OK calls', () => {
    const failing = new InputSources();
    const ok = new InputSources();
    for (const t of [1200, 3400, 5600]) checkout(failing, t, 'JPY');
    for (const [t, c] of [
      [12.34, 'USD'],
      [0.29, 'EUR'],
      [99.99, 'GBP'],
      [5600, 'JPY'],
    ] as const)
      checkout(ok, t, c);
    const s = failing.summary(ok);
    expect(s).toEqual([
      { key: 'amount_minor', source: '= load_cart.total × 100', holds: 3, of: 3, ok: { holds: 4, of: 4 }, okSource: null },
      { key: 'currency', source: '= load_cart.currency', holds: 3, of: 3, ok: { holds: 4, of: 4 }, okSource: null },
    ]);
    expect(sourceLines(s)).toEqual([
      '     made from earlier outputs (the same value in each trace; a heuristic):',
      '       amount_minor = load_cart.total × 100: all 3 failing; 4 of 4 OK calls read',
      '       currency = load_cart.currency: all 3 failing; 4 of 4 OK calls read',
    ]);
  });

  it("never takes a later span's output, its own ancestors' (the answer carried up) or a constant's coincidence", () => {
    const s = new InputSources();
    for (const t of [1200, 3400, 5600]) checkout(s, t, 'JPY');
    const keys = s.summary().map((x) => x.source);
    // The root's output repeats the total but ends after the charge: not a source.
    expect(keys.some((k) => k.includes('checkout.'))).toBe(false);
    // currency is JPY in every call and no OK call was read: a constant equals anything that names it.
    expect(s.summary().map((x) => x.key)).toEqual(['amount_minor']);
  });

  it('needs the same source in nearly every trace (one coincidence proves nothing) and two traces at least', () => {
    const one = new InputSources();
    checkout(one, 1200, 'JPY');
    expect(one.summary()).toEqual([]);
    const mixed = new InputSources();
    checkout(mixed, 1200, 'JPY');
    checkout(mixed, 3400, 'JPY', 777);
    checkout(mixed, 5600, 'JPY', 888);
    expect(mixed.summary()).toEqual([]);
  });

  it('names how the OK calls made the input when they made it another way, and puts that first', () => {
    const failing = new InputSources();
    const ok = new InputSources();
    // The failing path forgot the × 100: the total goes out as it is.
    for (const t of [12.5, 40.25, 99.9]) checkout(failing, t, 'USD', t);
    for (const t of [12.34, 3.5, 99.99, 18.2]) checkout(ok, t, 'EUR');
    const s = failing.summary(ok);
    expect(s[0]).toEqual({
      key: 'amount_minor',
      source: '= load_cart.total',
      holds: 3,
      of: 3,
      ok: { holds: 0, of: 4 },
      okSource: { source: '= load_cart.total × 100', holds: 4 },
    });
    expect(sourceLines(s)[1]).toBe(
      '       amount_minor = load_cart.total: all 3 failing; 0 of 4 OK calls read, where amount_minor = load_cart.total × 100 (4)',
    );
  });

  it('leaves small numbers alone: 0, 1 and booleans match too much, and small targets match only exactly', () => {
    const s = new InputSources();
    for (let i = 0; i < 5; i++) {
      const tree = buildTree([
        span('a', null, 'lookup', 0, 10, { outputs: { found: 1, ok: true, rate: (1.6 + i) / 100 } }),
        // 2 + i is not rate × 100 (1.6 + i): a small target must match exactly, not within 1.
        span('b', null, 'use', 11, 20, { inputs: { retries: 1, strict: true, pages: 2 + i } }),
      ]);
      s.add(tree, tree.byId.get('b') as never);
    }
    expect(s.summary()).toEqual([]);
  });
});
