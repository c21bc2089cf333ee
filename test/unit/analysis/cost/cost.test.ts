/** Cost per call, per cohort and what moves it: recorded cost first, the price table else, unknown models said. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CallCost, costDrivers, summariseCost } from '../../../../scripts/lib/analysis/cost/call-costs.js';
import { BUILTIN_PRICES, callCost, loadPrices, priceOf } from '../../../../scripts/lib/analysis/cost/prices.js';
import { ExitCode } from '../../../../scripts/lib/core/errors.js';

const call = (span: string, model: string, input: number, usd: number | null, source: CallCost['source'] = 'recorded'): CallCost => ({
  span,
  model,
  input,
  output: 100,
  usd,
  source,
  loggedChars: 200,
});

describe('prices', () => {
  it('prices a call per 1M tokens; a dated or provider-prefixed name finds its model; an unknown one is null', () => {
    expect(callCost(BUILTIN_PRICES, 'gpt-4o', 1_000_000, 0)).toBe(2.5);
    expect(priceOf(BUILTIN_PRICES, 'openai:/gpt-4o-mini-2024-07-18')).toEqual({ input: 0.15, output: 0.6 });
    expect(callCost(BUILTIN_PRICES, 'acme-triage-7b', 100, 10)).toBeNull();
  });

  it('--prices adds and overrides models; an invalid file is a usage error naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prices-'));
    const good = join(dir, 'p.json');
    writeFileSync(good, JSON.stringify({ as_of: '2026-11-30', models: { 'acme-triage-7b': { input: 1, output: 2 }, 'gpt-4o': { input: 5, output: 20 } } }));
    const t = loadPrices(good);
    expect(callCost(t, 'acme-triage-7b', 1_000_000, 0)).toBe(1);
    expect(callCost(t, 'gpt-4o', 1_000_000, 0)).toBe(5);
    expect(t.source).toMatch(/as of 2026-11-30/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ as_of: '2026-11-30', models: { x: { input: -1, output: 2 } } }));
    const err = (() => {
      try {
        loadPrices(bad);
      } catch (e) {
        return e as { exitCode: number; message: string; hint: string };
      }
    })();
    expect(err?.exitCode).toBe(ExitCode.USAGE);
    expect(err?.message).toMatch(/models\.x\.input/);
    writeFileSync(bad, JSON.stringify({ models: {} }));
    expect(() => loadPrices(bad)).toThrow(/as_of/);
  });

  it('a missing, empty or unparsable price file is a usage error with the expected shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'prices-'));
    const empty = join(dir, 'empty.json');
    writeFileSync(empty, '');
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"as_of": ');
    for (const file of [join(dir, 'none.json'), empty, broken]) {
      const err = (() => {
        try {
          loadPrices(file);
        } catch (e) {
          return e as { exitCode: number; message: string; hint: string };
        }
      })();
      expect(err?.exitCode).toBe(ExitCode.USAGE);
      expect(err?.message).toMatch(new RegExp(`^--prices ${file}: `));
      expect(err?.hint).toMatch(/"as_of"/);
    }
  });
});

describe('summariseCost and costDrivers', () => {
  const before = Array.from({ length: 10 }, (_x, i) => ({
    t: Date.UTC(2026, 9, 5, i),
    calls: [call('classify', 'gpt-4o-mini', 300, 0.0001), call('draft', 'gpt-4o-mini', 1200, 0.0003)],
  }));
  const after = Array.from({ length: 10 }, (_x, i) => ({
    t: Date.UTC(2026, 9, 7, i),
    calls: [call('classify', 'gpt-4o-mini', 300, 0.0001), call('draft', 'gpt-4o', 3600, 0.01)],
  }));

  it('per request, per model, per span and per day, with the source said', () => {
    const s = summariseCost(after, BUILTIN_PRICES);
    expect(s?.perTrace).toBeCloseTo(0.0101);
    expect(s?.byModel.map((m) => m.key)).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(s?.byDay).toEqual([{ day: '2026-10-07', usd: expect.closeTo(0.101, 6), traces: 10 }]);
    expect(s?.source).toMatch(/recorded cost/);
  });

  it('the span whose model changed and whose input tokens tripled leads the drivers', () => {
    const d = costDrivers(summariseCost(before, BUILTIN_PRICES)!, summariseCost(after, BUILTIN_PRICES)!);
    expect(d[0]).toMatchObject({ span: 'draft', modelFrom: ['gpt-4o-mini'], modelTo: ['gpt-4o'], inputPerCallFrom: 1200, inputPerCallTo: 3600 });
    expect(d[0]?.perTraceTo).toBeCloseTo(0.01);
  });

  it('a model with no price is listed and left out of the sums, never priced', () => {
    const s = summariseCost(
      [{ t: 0, calls: [call('classify', 'acme-triage-7b', 300, null, 'unknown'), call('draft', 'gpt-4o-mini', 1200, 0.0003, 'priced')] }],
      BUILTIN_PRICES,
    );
    expect(s?.unknownModels).toEqual([{ model: 'acme-triage-7b', calls: 1 }]);
    expect(s?.usd).toBeCloseTo(0.0003);
    expect(s?.source).toBe(BUILTIN_PRICES.source);
  });
});
