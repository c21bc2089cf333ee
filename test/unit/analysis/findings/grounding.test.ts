/** grounding: facts in the answer that no input or tool output holds (a heuristic: sums and roundings count). */
import { describe, expect, it } from 'vitest';
import { grounding } from '../../../../scripts/lib/analysis/findings/kinds/grounding.js';
import { chat, completion, factsOf, type SpanSpec } from '../../../support/span-trees.js';

const app = (reply: string): SpanSpec => ({
  name: 'bank',
  children: [
    { name: 'get_balance', type: 'TOOL', inputs: { account: 'savings' }, outputs: { balance: 2140.55 } },
    { name: 'get_fx_rate', type: 'TOOL', inputs: { pair: 'EURUSD' }, outputs: { rate: 1.0842 } },
    { name: 'llm', type: 'LLM', inputs: chat(['user', 'How much in dollars?']), outputs: completion(reply) },
  ],
});

describe('grounding', () => {
  it('an amount no source holds', () => {
    const reply = 'You would get $2,305.88 after a $14.90 fee.';
    const [g, ...rest] = grounding.detect(factsOf(app(reply), { reply }));
    expect(rest).toEqual([]);
    expect(g?.facts.map((f) => f.text)).toEqual(['$2,305.88', '$14.90']);
    const item = g as NonNullable<typeof g>;
    expect(grounding.line(item)).toMatch(
      /^`\$2,305.88`, `\$14.90` in the answer are in no input of the trace and no tool or retriever output \(`get_balance` returned 2140.55; `get_fx_rate` returned 1.0842\) — heuristic/,
    );
    expect(grounding.spans(item)).toHaveLength(3);
    expect(grounding.turnWeight(item)).toBe(2);
  });

  it('a product of two sources (2140.55 × 1.0842 ≈ 2320.78) is grounded', () => {
    const reply = 'You would get $2,320.78.';
    expect(grounding.detect(factsOf(app(reply), { reply }))).toEqual([]);
  });

  it('a sum counts over amounts, not the digits of a phone number (649 = 480 of +47 480 19 644, plus 169)', () => {
    const billing = (invoice: Record<string, unknown>, reply: string): SpanSpec => ({
      name: 'support',
      children: [
        { name: 'list_invoices', type: 'TOOL', inputs: { msisdn: '+47 480 19 644' }, outputs: { msisdn: '+47 480 19 644', invoice } },
        { name: 'llm', type: 'LLM', inputs: chat(['user', 'Why was my March invoice so high?']), outputs: completion(reply) },
      ],
    });
    const reply = 'Your March invoice was NOK 649.';
    expect(grounding.detect(factsOf(billing({ plan_nok: 169, discount_pct: 5 }, reply), { reply })).flatMap((g) => g.facts.map((f) => f.text))).toEqual([
      '649',
    ]);
    expect(grounding.detect(factsOf(billing({ plan_nok: 399, booster_nok: 250 }, reply), { reply }))).toEqual([]);
  });

  it("a date's or time's parts are no values of their own (12.2026 of a month, 45.250 of a time); a source's dates are not its amounts", () => {
    const contract = (reply: string): SpanSpec => ({
      name: 'support',
      children: [
        {
          name: 'get_contract',
          type: 'TOOL',
          inputs: { customer: 'C-1042' },
          outputs: { ends: '2026-12', signed: '14.03.2025', fee: 149.5, checked: '2026-12-01T09:30:15.250+01:00' },
        },
        { name: 'llm', type: 'LLM', inputs: chat(['user', 'When does my contract end?']), outputs: completion(reply) },
      ],
    });
    const clean = 'Your contract (signed 14.03.2025) runs until 12.2026, checked at 09:30:15.250 on 2026-12-01T09:30; the fee is 149.50.';
    expect(grounding.detect(factsOf(contract(clean), { reply: clean }))).toEqual([]);
    const reply = 'Your contract runs until 12.2026; the fee is 159.50.';
    const [g] = grounding.detect(factsOf(contract(reply), { reply }));
    expect(g?.facts.map((f) => f.text)).toEqual(['159.50']);
    expect(grounding.line(g as NonNullable<typeof g>)).toContain('(`get_contract` returned 149.5) —');
  });

  it('no tool output to check against: nothing', () => {
    const reply = 'It is $99.';
    const spec: SpanSpec = { name: 'app', children: [{ name: 'llm', type: 'LLM', inputs: chat(['user', 'price?']), outputs: completion(reply) }] };
    expect(grounding.detect(factsOf(spec, { reply }))).toEqual([]);
  });
});
