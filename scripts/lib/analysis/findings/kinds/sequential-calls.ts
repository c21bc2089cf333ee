/**
 * Sequential independent calls: calls of one name under one parent that ran one after another,
 * each with different inputs, none fed by the one before (trace/sequential-calls.ts), so running
 * them in parallel would save time. A heuristic: a text comparison of each output with the next input.
 */
import { fmtMs, msRange, pct } from '../../../core/format.js';
import type { SequentialRun } from '../../trace/sequential-calls.js';
import { defineKind } from '../finding-kind.js';

export interface SequentialCalls extends SequentialRun {
  /** wallMs over the trace's duration (0–1; null when the trace has no duration). */
  shareOfTrace: number | null;
}

export const sequentialCalls = defineKind({
  kind: 'sequentialCalls',
  about: 'calls of one name that ran one after another with independent inputs: time a parallel run would save',
  heuristic: true,
  section: 'findings',
  shown: 3,
  measured: true,
  detect({ timing }): SequentialCalls[] {
    const traceMs = timing.traceDurationMs;
    return timing.sequential.map((s) => ({ ...s, shareOfTrace: traceMs > 0 ? s.wallMs / traceMs : null }));
  },
  line(s: SequentialCalls) {
    const checked = s.pairsChecked < s.count - 1 ? ` (the first ${s.pairsChecked} pairs checked)` : '';
    const calls = `${s.count} calls to ${s.name} under ${s.parent} ran one after another`;
    const time = `${msRange(s.minMs, s.maxMs)} each, ${fmtMs(s.wallMs)} = ${pct(s.shareOfTrace)} of the trace`;
    return (
      `${calls} (${time}), each with different inputs, and no output fed the next input${checked}: ` +
      `~${fmtMs(s.savingMs)} could be saved by running them in parallel (heuristic: a text comparison of each output with the next input)`
    );
  },
  spans: (s: SequentialCalls) => s.spanIds,
  // Time, not correctness: shown in the turn, not ranked.
  turnWeight: () => 0,
});
