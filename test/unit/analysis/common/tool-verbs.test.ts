/** A tool reads only when its name has a reading word and no writing one; anything else may change what was read. */
import { describe, expect, it } from 'vitest';
import { nameWords, readsOnly } from '../../../../scripts/lib/analysis/common/tool-verbs.js';

describe('readsOnly', () => {
  it('splits snake, kebab, dotted and camel case', () => {
    expect(nameWords('getContract')).toEqual(['get', 'contract']);
    expect(nameWords('billing.list-invoices_v2')).toEqual(['billing', 'list', 'invoices', 'v2']);
  });
  it.each(['get_contract', 'searchFlights', 'vector_search', 'lookup_fare_rules', 'list_invoices', 'check_balance'])('%s reads', (n) =>
    expect(readsOnly(n)).toBe(true),
  );
  it.each(['add_booster', 'change_seat', 'extend_lease', 'get_and_update_plan', 'open_ticket', 'agent', 'transfer_funds'])('%s may write', (n) =>
    expect(readsOnly(n)).toBe(false),
  );
});
