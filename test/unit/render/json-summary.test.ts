/** A large JSON output on a tree row: its keys with short values and list sizes, not its first string; a finding's value kept with its path. */
import { describe, expect, it } from 'vitest';
import { objectPreview, summariseObject } from '../../../scripts/lib/render/json-summary.js';
import { previewLines } from '../../../scripts/lib/render/tree-view.js';
import { treeOf } from '../../support/span-trees.js';

const invoice = (i: number) => ({
  invoice_id: `INV-54${5430 + i}`,
  period: `2026-${String(i + 1).padStart(2, '0')}`,
  amount_nok: 399,
  lines: [{ item: 'Fri 15 GB', nok: 399 }],
});
const invoices = { subscriber: 'Ola Dahl', invoices: Array.from({ length: 14 }, (_, i) => invoice(i)) };
const lone = { text: 'Ola Dahl', shape: 'subscriber', lone: true as const };

describe('summariseObject', () => {
  it('keys in order, strings quoted and cut, lists and objects by their size; the rest counted when the width runs out', () => {
    expect(summariseObject({ subscriber: 'Ola Dahl', invoices: [1, 2], meta: { a: 1, b: 2 }, ok: true, note: null, empty: [] }, 200)).toBe(
      '{subscriber: "Ola Dahl", invoices: [2 items], meta: {2 keys}, ok: true, note: null, empty: []}',
    );
    expect(summariseObject({ plan: 'Fri 15 GB with unlimited calls and texts', 'a key': 1 }, 200)).toBe('{plan: "Fri 15 GB with unlimite…", "a key": 1}');
    expect(summariseObject({ a: 'x'.repeat(20), b: 'y'.repeat(20), c: 'z'.repeat(20) }, 60)).toBe(`{a: "${'x'.repeat(20)}", … 2 more}`);
  });
});

describe('objectPreview', () => {
  it('a lone string beside a list: the summary with the size, within the width (trial t30f showed "Ola Dahl")', () => {
    const p = objectPreview(invoices, lone, 110) ?? '';
    expect(p).toMatch(/^\{subscriber: "Ola Dahl", invoices: \[14 items\]\} \[[\d,]+ chars\]$/);
    expect(p.length).toBeLessThanOrEqual(110);
  });
  it('the object itself when it fits; nothing for a reply under a text field, a flat object or a list', () => {
    expect(objectPreview({ subscriber: 'Ola Dahl', invoices: [1] }, lone, 110)).toBe('{"subscriber":"Ola Dahl","invoices":[1]}');
    expect(objectPreview({ reply: 'Your bill is NOK 399.', sources: [invoice(1)] }, { text: 'Your bill is NOK 399.', shape: 'reply' }, 40)).toBeNull();
    expect(objectPreview({ msisdn: '+4747587585', subscriber: 'Eirik Vold', plan: 'Fri 15 GB', monthly_nok: 399, binding_months: 12 }, null, 40)).toBeNull();
    expect(objectPreview([invoice(1), invoice(2)], null, 40)).toBeNull();
  });
  it('a value a finding names that the summary leaves out follows with its path; one it shows is not repeated', () => {
    expect(objectPreview(invoices, lone, 110, ['INV-545433', 'Ola Dahl', '7'])).toMatch(
      /^\{subscriber: "Ola Dahl", invoices: \[14 items\]\} · invoices\[3\]\.invoice_id: "INV-545433" \[[\d,]+ chars\]$/,
    );
  });
});

describe('on the tree row', () => {
  it("a tool's large JSON output reads as its summary", () => {
    const tree = treeOf({ name: 'list_invoices', type: 'TOOL', inputs: { msisdn: '+4791234567' }, outputs: invoices });
    const node = tree.nodes[0] as NonNullable<(typeof tree.nodes)[number]>;
    expect(previewLines(node, 110, tree).at(-1)).toMatch(/^out: \{subscriber: "Ola Dahl", invoices: \[14 items\]\} \[[\d,]+ chars\]$/);
  });
});
