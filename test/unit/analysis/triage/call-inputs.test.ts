import { describe, expect, it } from 'vitest';
import { CallInputs } from '../../../../scripts/lib/analysis/triage/call-inputs.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { span } from '../../../support/spans.js';

/** One call of quote_shipping after a cart step whose output holds the total it was given. */
function call(calls: CallInputs, traceId: string, currency: string, total: number) {
  const tree = buildTree([
    span('r', 'checkout', { start: 0, end: 100 }),
    span('c', 'cart', { parentId: 'r', start: 0, end: 10, outputs: { total } }),
    span('q', 'quote_shipping', { parentId: 'r', start: 20, end: 90, inputs: { currency, amount: total } }),
  ]);
  calls.add(tree, tree.byId.get('q') as never, traceId);
}

describe('CallInputs: what the calls of one span received, tallied and traced to earlier outputs together', () => {
  it('adds, merges and sums up both, set beside OK calls', () => {
    const a = new CallInputs();
    const b = new CallInputs();
    call(a, 'tr-1', 'KRW', 4_200);
    call(a, 'tr-2', 'KRW', 1_350);
    call(b, 'tr-3', 'KRW', 980);
    a.merge(b);
    const ok = new CallInputs();
    call(ok, 'tr-9', 'EUR', 77);
    const { inputs, sources } = a.summary(ok);
    expect(a.tally.calls).toBe(3);
    expect(inputs.find((k) => k.key === 'currency')).toEqual(expect.objectContaining({ distinct: 1, traces: 3 }));
    expect(inputs.find((k) => k.key === 'currency')?.ok).toEqual(expect.objectContaining({ traces: 1, withTop: 0 }));
    expect(sources.map((s) => s.key)).toContain('amount');
  });
});
