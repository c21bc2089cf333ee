/** A trace that says OK although spans failed: how many failed. Shown in ERRORS; --json carries the count (or null). */
import { plural } from '../../../core/format.js';
import { defineKind } from '../finding-kind.js';

export interface OkDespiteFailures {
  failedSpans: number;
}

export const okDespiteFailures = defineKind({
  kind: 'okDespiteFailures',
  about: 'the trace reports OK although some of its spans failed',
  heuristic: false,
  section: 'errors',
  detect({ trace, errors }): OkDespiteFailures[] {
    return trace.info.state === 'OK' && errors.errorSpanCount > 0 ? [{ failedSpans: errors.errorSpanCount }] : [];
  },
  line: (o: OkDespiteFailures) => `the trace reports OK although ${plural(o.failedSpans, 'span')} failed`,
  spans: () => [],
  // Evidence like an outlier: the app handled the failure, which may still have changed the answer.
  turnWeight: () => 1,
  json: {
    of: (items: OkDespiteFailures[]): number | null => items[0]?.failedSpans ?? null,
    items: (n: number | null): OkDespiteFailures[] => (n === null ? [] : [{ failedSpans: n }]),
  },
});
