/** Trace records and span facts as what-changed keeps them (analysis/changes), for tests over plain data. */
import type { SpanFacts } from '../../scripts/lib/analysis/changes/span-facts.js';
import type { TraceRecord } from '../../scripts/lib/analysis/changes/trace-record.js';
import type { Verdict } from '../../scripts/lib/analysis/common/verdicts.js';

/** Record `i`, at i seconds, with `kv` (e.g. its version) and what else is given. */
export const record = (i: number, kv: Record<string, string> = {}, o: Partial<TraceRecord> = {}): TraceRecord => ({
  id: `tr-${i}`,
  t: i * 1_000,
  app: null,
  state: 'OK',
  durationMs: 1_000,
  tokens: null,
  kv,
  request: null,
  verdicts: [],
  ...o,
});

/** A verdict as verdictsOf reads it: negative when `negative`, from a judge unless said. */
export const verdict = (name: string, negative: boolean, rationale: string | null = null, source = 'LLM_JUDGE'): Verdict => ({
  name,
  value: negative ? 'no' : 'yes',
  negative,
  positive: !negative,
  rationale,
  source,
});

/** A trace's span facts: its root, spans as [name, self ms], parameters. */
export const facts = (root: string | null, spans: Array<[string, number]> = [], params: Record<string, string> = {}): SpanFacts => ({
  root,
  spans: spans.map(([name, self]) => ({ name, self, dur: self })),
  params,
  finish: [],
  calls: [],
});
