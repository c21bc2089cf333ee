import { describe, expect, it } from 'vitest';
import { failuresSection } from '../../../../../scripts/lib/analysis/triage/sections/failures.js';
import { traceAt, triageOver } from '../../../../support/builders.js';
import { span } from '../../../../support/spans.js';

const failing = (n: number, carrier: string, currency: string) =>
  traceAt(n, n, {
    state: 'ERROR',
    tags: { region: n % 2 ? 'eu' : 'us' },
    spans: [
      span('r', 'checkout', { error: ['ShippingError', `quote failed for order ${n}`] }),
      span('q', 'quote_shipping', { parentId: 'r', inputs: { currency, carrier }, error: ['HTTPError', `400 Bad Request from ${carrier}`] }),
    ],
  });
const ok = (n: number, o: { caught?: boolean } = {}) =>
  traceAt(n, n, {
    spans: [
      span('r', 'checkout'),
      span('q', 'quote_shipping', { parentId: 'r', inputs: { currency: 'EUR', carrier: 'GLS' } }),
      ...(o.caught ? [span('c', 'cache_get', { parentId: 'r', error: ['KeyError', "'sku-1'"] })] : []),
    ],
  });

describe('failures section: clusters by culprit span, exception and fingerprint', () => {
  const bad = [failing(1, 'GLS', 'KRW'), failing(2, 'DHL', 'KRW'), failing(3, 'GLS', 'KRW'), failing(4, 'GLS', 'KRW'), failing(5, 'UPS', 'KRW')];
  const good = [ok(10), ok(11), ok(12, { caught: true })];
  const acc = triageOver(
    [failuresSection],
    [...bad, ...good],
    [...bad.slice(0, 4).map((t) => [t, 'failing'] as const), ...good.map((t) => [t, 'sample'] as const)],
  );
  const f = acc.result();

  it('clusters the failing traces whose spans were read, by the deepest failing span; counts the rest', () => {
    expect(f.failing).toEqual({ count: 5, spansRead: 4 });
    expect(f.unclustered).toBe(1);
    expect(f.clusters).toHaveLength(1);
    const c = f.clusters[0];
    expect([c?.span, c?.exceptionType, c?.count, c?.share]).toEqual(['quote_shipping', 'HTTPError', 4, 1]);
  });

  it('merges messages that differ in one word, listing the word per variant', () => {
    expect(f.clusters[0]?.fingerprint).toBe('<n> Bad Request from {GLS|DHL}');
    expect(f.clusters[0]?.variants).toEqual([
      { word: 'GLS', count: 3 },
      { word: 'DHL', count: 1 },
    ]);
  });

  it("sets the failing span's inputs beside its OK calls", () => {
    const currency = f.clusters[0]?.inputs.find((k) => k.key === 'currency');
    expect(currency?.top[0]).toEqual(expect.objectContaining({ value: '"KRW"', count: 4 }));
    expect(currency?.ok).toEqual(expect.objectContaining({ traces: 3, withTop: 0 }));
  });

  it('keeps failures an OK trace caught apart, over the OK traces read', () => {
    expect(f.caught.okTracesRead).toBe(3);
    expect(f.caught.clusters.map((c) => [c.span, c.exceptionType, c.count])).toEqual([['cache_get', 'KeyError', 1]]);
  });

  it('asks for OK calls of a large cluster whose span has too few', () => {
    expect(acc.spansWantingOkCalls()).toEqual(['quote_shipping']);
    expect(acc.spansWantingOkCalls(3)).toEqual([]);
  });
});
