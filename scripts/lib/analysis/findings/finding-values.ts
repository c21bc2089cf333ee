/** The values a trace's findings quote (ids, amounts, dates, as written): what a view's cut must keep. */
import { foundKinds, type Findings } from './registry.js';

export function findingValues(findings: Findings): string[] {
  const out = new Set<string>();
  for (const { items } of foundKinds(findings)) {
    for (const item of items) {
      const { values, facts } = item as { values?: unknown; facts?: unknown };
      // Provenance findings list their values; grounding lists the reply's facts no source holds.
      if (Array.isArray(values)) for (const v of values) if (typeof v === 'string') out.add(v);
      if (Array.isArray(facts)) for (const f of facts) if (typeof (f as { text?: unknown })?.text === 'string') out.add((f as { text: string }).text);
    }
  }
  return [...out];
}
