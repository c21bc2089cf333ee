import { describe, expect, it } from 'vitest';
import { InputTally } from '../../../../scripts/lib/analysis/triage/input-tally.js';
import { inputLine, inputLines, okPairLine } from '../../../../scripts/lib/render/triage/failures.js';

const tally = (inputs: unknown[]) => {
  const t = new InputTally();
  for (const i of inputs) t.add(i);
  return t.summary();
};

describe("a failing span's inputs across a cluster", () => {
  it('one value in every failure is said with its count', () => {
    const [sku] = tally(Array.from({ length: 14 }, (_, i) => ({ sku: 'VOY-16', qty: i + 1 })));
    expect(sku).toEqual({
      key: 'sku',
      traces: 14,
      distinct: 1,
      capped: false,
      top: [{ value: '"VOY-16"', count: 14 }],
      values: [{ value: '"VOY-16"', count: 14 }],
      example: null,
      ok: null,
    });
    expect(inputLine(sku as never)).toBe('input sku = "VOY-16" in all 14');
  });

  it('the most concentrated key comes first; many values say the input is not what fails', () => {
    const s = tally(Array.from({ length: 14 }, (_, i) => ({ qty: i, region: i < 10 ? 'eu' : 'us' })));
    expect(s.map((k) => k.key)).toEqual(['region', 'qty']);
    expect(inputLine(s[0] as never)).toBe('input region = "eu" in 10 of 14 (2 different values in all)');
    expect(inputLine(s[1] as never)).toBe('input qty: 14 different values in 14 (e.g. 0, 1, 2): it fails on many inputs, not one');
  });

  it('counts scalars only (prompts, message lists and documents are not inputs to tally), a bare scalar as (input)', () => {
    const s = tally([
      { messages: [{ role: 'user', content: 'hi' }], prompt: 'x'.repeat(500), k: 3 },
      { messages: [], prompt: 'y'.repeat(500), k: 3 },
      'plain question',
    ]);
    expect(s.map((k) => k.key)).toEqual(['k']);
    expect(tally(['a', 'a', 'b'])[0]).toMatchObject({ key: '(input)', traces: 3, distinct: 2 });
  });

  it('stops counting distinct values at 50 and says so; a key in under half the spans is left out', () => {
    const s = tally(Array.from({ length: 80 }, (_, i) => (i < 30 ? { id: `u${i}`, rare: 1 } : { id: `u${i}` })));
    expect(s).toHaveLength(1);
    expect(s[0]).toMatchObject({ key: 'id', traces: 80, distinct: 50, capped: true });
    expect(inputLine(s[0] as never)).toMatch(/^input id: over 50 different values in 80 /);
  });

  it('is set beside the same span in OK traces read: a value they share is named apart as not what fails', () => {
    const failing = new InputTally();
    const ok = new InputTally();
    for (let i = 0; i < 10; i++) failing.add({ sku: 'VOY-16', model: 'gpt-4o-mini' });
    for (let i = 0; i < 20; i++) ok.add({ sku: `SKU-${i}`, model: 'gpt-4o-mini' });
    const s = failing.summary(ok);
    expect(s.find((k) => k.key === 'sku')?.ok).toEqual({ traces: 20, withTop: 0, example: null });
    expect(inputLines(s)).toEqual([
      '     input sku = "VOY-16" in all 10; in 0 of 20 OK calls read',
      '     same in the OK calls read (not what fails): model = "gpt-4o-mini"',
    ]);
    // An OK tally with no call of the span: said, so that "in all 10" is not read as a cause.
    expect(inputLine(failing.summary(new InputTally())[0] as never)).toBe('input model = "gpt-4o-mini" in all 10 (no OK call read to compare)');
  });

  it('offers an OK call that received the telling value, beside the newest failure, for compare_traces', () => {
    const failing = new InputTally();
    const ok = new InputTally();
    for (let i = 0; i < 6; i++) failing.add({ currency: 'JPY', amount_minor: 560000 + i });
    for (let i = 0; i < 20; i++) ok.add({ currency: i % 5 ? 'USD' : 'JPY', amount_minor: 1000 + i }, `tr-ok-${i}`);
    const inputs = failing.summary(ok);
    expect(inputs[0]).toMatchObject({ key: 'currency', ok: { traces: 20, withTop: 4, example: 'tr-ok-0' } });
    const follow = {
      inspect: (x: string) => `inspect ${x}`,
      compare: (a: string, b: string) => `compare ${a} ${b}`,
      all: '',
      json: '',
      judges: (n: string) => `judges ${n}`,
    };
    const cluster = { inputs, newest: { traceId: 'tr-bad', time: null } } as never;
    expect(okPairLine(cluster, follow)).toEqual(['     an OK call with currency = "JPY" beside the newest failure: compare tr-ok-0 tr-bad']);
    // The values spread (GLS 3, DHL 2 of 5): an OK call with the commonest, beside a failure that had it.
    const spread = new InputTally();
    ['GLS', 'DHL', 'GLS', 'DHL', 'GLS'].forEach((c, i) => spread.add({ carrier: c }, `tr-bad-${i}`));
    const okCarriers = new InputTally();
    for (let i = 0; i < 6; i++) okCarriers.add({ carrier: i % 2 ? 'DHL' : 'GLS' }, `tr-ok-${i}`);
    expect(okPairLine({ inputs: spread.summary(okCarriers), newest: { traceId: 'tr-bad-4', time: null } } as never, follow)).toEqual([
      '     an OK call with carrier = "GLS" beside a failure with the same value: compare tr-ok-0 tr-bad-0',
    ]);
    // Many values, none telling: no pair.
    expect(okPairLine({ inputs: inputs.slice(1), newest: { traceId: 'tr-bad', time: null } } as never, follow)).toEqual([]);
  });
});
