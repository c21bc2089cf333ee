/** The values a trace's findings quote, gathered for the views' cuts: provenance values and grounding's facts. */
import { describe, expect, it } from 'vitest';
import { findingValues } from '../../../../scripts/lib/analysis/findings/finding-values.js';
import { analyseTrace } from '../../../../scripts/lib/analysis/trace/trace-report.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { labelledCases } from '../../../support/provenance-cases.js';

const cases = labelledCases();
const valuesOf = (name: string): string[] => {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no case ${name}`);
  return findingValues(analyseTrace(c.trace, buildTree(c.trace.spans)).findings);
};

describe('findingValues', () => {
  it('an argument not from the conversation: the value called with and the near one the user wrote', () => {
    expect(valuesOf('pharmacy refill, digits swapped')).toEqual(expect.arrayContaining(['RX-47018', 'RX-40718']));
  });
  it('a contradiction: both values with their nouns', () => {
    expect(valuesOf('bike hire, deposit')).toEqual(expect.arrayContaining(['€90 security deposit', '€60 security deposit']));
  });
  it('sources that disagree: both values', () => {
    expect(valuesOf('returns policy, two versions')).toEqual(expect.arrayContaining(['14 days', '30 days']));
  });
  it('nothing on a clean trace', () => {
    const clean = cases.filter((c) => c.fault === null).slice(0, 5);
    for (const c of clean) expect(findingValues(analyseTrace(c.trace, buildTree(c.trace.spans)).findings)).toEqual([]);
  });
});
