/**
 * inspect_turn --evidence's analysis: each value the model produced, marked same / different /
 * nowhere against what the model had when it decided, with its source or nearest candidates;
 * each reply sentence beside its best-supporting passage; bounded. Over labelled-set traces.
 */
import { describe, expect, it } from 'vitest';
import { evidenceOfTrace, keyWords, splitSentences, traceEvidence, type Evidence } from '../../../../scripts/lib/analysis/trace/evidence.js';
import { traceProvenance } from '../../../../scripts/lib/analysis/trace/provenance.js';
import { agrees, valueEvidence } from '../../../../scripts/lib/analysis/trace/value-evidence.js';
import { extractValues } from '../../../../scripts/lib/analysis/common/values.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { agentTrace, caseSpec, type AgentSpec } from '../../../support/provenance-cases.js';

const evidenceOf = (spec: AgentSpec): Evidence => {
  const trace = agentTrace(spec);
  return evidenceOfTrace(trace, buildTree(trace.spans));
};
const ofCase = (name: string): Evidence => evidenceOf(caseSpec(name) as AgentSpec);
const replyValue = (e: Evidence, text: string) => e.reply.flatMap((s) => s.values).find((v) => v.text === text);
const argValue = (e: Evidence, key: string) => e.calls.flatMap((c) => c.values).find((v) => v.boundTo === key);

describe('tool arguments', () => {
  it('an id nobody wrote: nowhere, with the near spelling the user did write', () => {
    const v = argValue(ofCase('pharmacy refill, digits swapped'), 'rx_id');
    expect(v).toMatchObject({ text: 'RX-47018', verdict: 'nowhere' });
    expect(v?.candidates[0]).toMatchObject({ text: 'RX-40718', how: 'two digits swapped', source: { kind: 'user' } });
  });
  it('an id a tool created and the model passed on: same, held by that output', () => {
    const v = argValue(ofCase('clean: new reference created by the tool'), 'booking');
    expect(v).toMatchObject({ verdict: 'same', sources: [{ kind: 'tool-output', ref: 'book_room' }] });
  });
  it('a short name: held by the user message; a number the user wrote as a word', () => {
    expect(argValue(ofCase('clean: a day inside the user range'), 'city')).toMatchObject({ kind: 'name', verdict: 'same', sources: [{ kind: 'user' }] });
    expect(argValue(ofCase('ticket resale, HTTP 503 in body'), 'tickets')).toMatchObject({ verdict: 'same', note: 'as a word' });
  });
  it('a date from "tomorrow" and a "today is" line: same, worked out, with both passages', () => {
    const e = evidenceOf({
      system: 'You are the ski school desk. Today is Friday 11 December 2026.',
      user: 'Any group lessons tomorrow afternoon?',
      tools: [{ name: 'list_lessons', args: { date: '2026-12-12' }, result: { lessons: [{ time: '14:00', level: 'blue' }] } }],
      reply: 'Yes: a blue-level group lesson at 14:00.',
    });
    const v = argValue(e, 'date');
    expect(v).toMatchObject({ verdict: 'same', note: 'worked out: "tomorrow" counted from today, Friday 11 December 2026' });
    expect(v?.sources.map((s) => s.kind)).toEqual(['user', 'system']);
    // Another day than the words give stays nowhere.
    const off = evidenceOf({
      system: 'Today is Friday 11 December 2026.',
      user: 'Any group lessons tomorrow?',
      tools: [{ name: 'list_lessons', args: { date: '2026-12-14' }, result: { lessons: [] } }],
      reply: 'None, sorry.',
    });
    expect(argValue(off, 'date')?.verdict).toBe('nowhere');
  });
  it('identical calls are one line with their count', () => {
    const e = ofCase('fare lookup loop, max_iterations');
    expect(e.calls).toHaveLength(1);
    expect(e.calls[0]).toMatchObject({ tool: 'lookup_zone', repeats: 6 });
  });
});

describe('the reply', () => {
  it('a number bound to the same noun as another value in a source: different, with that source', () => {
    const v = replyValue(ofCase('pharmacy, refills count'), '4');
    expect(v).toMatchObject({ verdict: 'different', other: '3 refills remaining', sources: [{ kind: 'tool-output' }] });
  });
  it('a time against a document: different; the document named with its uri', () => {
    const v = replyValue(ofCase('clinic, opening time'), '08:30');
    expect(v).toMatchObject({ verdict: 'different', other: '09:30', sources: [{ kind: 'document', docId: 'kb://clinic/hours.md', rank: 1 }] });
  });
  it('conversions, roundings, sums and bare JSON numbers count as the same', () => {
    expect(replyValue(ofCase('clean: 1.5k / 1,500'), '1.5k')?.verdict).toBe('same');
    expect(replyValue(ofCase('clean: rounding'), '30')).toMatchObject({ verdict: 'same', note: 'rounded' });
    expect(replyValue(ofCase('clean: a total beside a fee (amounts bound to a currency only)'), '310.80')).toMatchObject({ verdict: 'same' });
    expect(replyValue(ofCase('clean: user number echoed'), '25')).toMatchObject({ verdict: 'same', note: 'the number alone' });
  });
  it('worked out from amounts only: digits of a phone number or an invoice id are no operand (644 = 567 + 77 by chance)', () => {
    const owed = (invoices: string) =>
      replyValue(
        evidenceOf({
          user: 'What do I owe? My number is +47 912 34 567.',
          tools: [{ name: 'list_invoices', args: { msisdn: '+4791234567' }, result: { msisdn: '+47 912 34 567', invoices } }],
          reply: 'You owe 644 NOK.',
        }),
        '644',
      );
    expect(owed('INV-2025-12-0429 of 77 NOK')).toMatchObject({ verdict: 'nowhere', note: null });
    expect(owed('INV-2025-12-0429 of 567 NOK, INV-2025-12-0430 of 77 NOK')).toMatchObject({
      verdict: 'same',
      note: expect.stringMatching(/^worked out: 567 \+ 77 /),
    });
  });
  it('a sum that is also another value for the same noun says both', () => {
    expect(replyValue(ofCase('clean: sum per person'), '4')).toMatchObject({ verdict: 'different', note: "or worked out from the sources' numbers" });
  });
  it('each sentence beside the passage sharing most of its words; none when nothing shares a third', () => {
    const e = ofCase('utilities, late fee');
    expect(e.reply[0]?.support).toMatchObject({
      kind: 'tool-output',
      ref: 'tariff_lookup',
      passage: 'A late payment adds a 5 EUR reminder fee after 14 days.',
    });
    expect(ofCase('clean: paraphrase').reply[0]?.support).toBeNull();
  });
  it('a date and a time in one phrase are judged once', () => {
    const s = ofCase('clean: time conversion 2 pm / 14:00').reply[0];
    expect(s?.values.map((v) => [v.kind, v.verdict])).toEqual([['date', 'same']]);
  });
});

describe('bounds', () => {
  it('sentences and calls are capped and the cut counted', () => {
    const reply = Array.from({ length: 40 }, (_, i) => `Line ${i} has ${i + 2} apples.`).join(' ');
    const tools = Array.from({ length: 25 }, (_, i) => ({ name: 'lookup', args: { item: `IT-${1000 + i}` }, result: { ok: true } }));
    const e = evidenceOf({ user: 'Look up items IT-1000 to IT-1024.', tools, reply });
    expect(e.reply).toHaveLength(30);
    expect(e.cut).toMatchObject({ sentences: 10, calls: 5 });
  });
  it('no reply, no call: empty, not an error', () => {
    const trace = agentTrace({ user: 'hi', reply: '' });
    const e = traceEvidence(traceProvenance(buildTree(trace.spans)));
    expect(e.calls).toEqual([]);
  });
});

describe('helpers', () => {
  it('splits sentences at ends and line breaks, not inside numbers', () => {
    expect(splitSentences('It costs 2.40 GBP. Shall I book?\n| a | b |')).toEqual(['It costs 2.40 GBP.', 'Shall I book?', '| a | b |']);
  });
  it('reads an argument key as words', () => {
    expect(keyWords('current_chunk_size')).toBe('current chunk size');
    expect(keyWords('passenger.firstName')).toBe('passenger first name');
    expect(keyWords('items[2]')).toBe('items');
  });
  it('agrees on any reading of a number and on a day inside a range', () => {
    const [a] = extractValues('1.5k members');
    const [b] = extractValues('1,500 members');
    expect(agrees(a as never, b as never)).toBe(true);
    const trace = agentTrace({ user: 'Hotel in Geneva, 2-12 March.', reply: 'Check-out 12 March.' });
    const p = traceProvenance(buildTree(trace.spans));
    const [v] = extractValues('Check-out 12 March.');
    expect(valueEvidence(p, v as never, p.sources, Number.POSITIVE_INFINITY).verdict).toBe('same');
  });
});
