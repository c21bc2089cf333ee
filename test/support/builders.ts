/**
 * Shared builders for tests across concerns (spans and traces are in spans.ts, assessments in
 * assessments.ts). Append new builders at the end, each with a line saying what it builds.
 */
import { TriageAccumulator } from '../../scripts/lib/analysis/triage/accumulator.js';
import type { SectionDef, SpanRole } from '../../scripts/lib/analysis/triage/section.js';
import type { Trace } from '../../scripts/lib/trace/trace.js';
import { type TraceFields, trace } from './spans.js';

export const HOUR = 3_600_000;
/** 2026-11-10T00:00:00Z: the test bed's streams start there too. */
export const T0 = Date.parse('2026-11-10T00:00:00Z');

/** A trace `hours` after T0 (ids tr-<n> padded, so they sort as they were made). */
export const traceAt = (n: number, hours: number, o: TraceFields = {}): Trace =>
  trace(`tr-${String(n).padStart(32, '0')}`, { requestTimeMs: T0 + hours * HOUR, ...o });

/**
 * Triage sections (one, or several) run through the real fan-out: every info first, newest first
 * as the job reads them, then the traces with spans in the roles given.
 */
export function triageOver<D extends readonly SectionDef[]>(defs: D, infos: readonly Trace[], spans: ReadonlyArray<readonly [Trace, SpanRole]> = []) {
  const acc = new TriageAccumulator(defs);
  for (const t of [...infos].sort((a, b) => (b.info.requestTimeMs ?? 0) - (a.info.requestTimeMs ?? 0))) acc.addInfo(t);
  for (const [t, role] of spans) acc.addSpans(t, role);
  return acc;
}

/** What a triage view is given beside the findings: a run over experiment 1 and follow-ups that say what they are. */
export const TRIAGE_RUN = {
  experimentId: '1',
  filter: '',
  source: null,
  read: 40,
  limit: 5_000,
  more: false,
  totalKnown: null,
  sampled: false,
  silentForMs: null,
  windowMs: null,
  failingSpanBound: 1_000,
  slowSpanBound: 200,
  mlflowCalls: 3,
};
export const TRIAGE_FOLLOW = {
  inspect: (id: string) => `inspect ${id}`,
  compare: (a: string, b: string) => `compare ${a} ${b}`,
  all: 'triage --limit 0',
  json: 'triage --json',
  spans: 'triage --spans',
  judges: (name: string) => `judge_agreement --name ${name}`,
};
