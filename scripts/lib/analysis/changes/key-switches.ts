/** The switch findings of every few-valued key of the records: a tag, a metadata key or a span parameter. */
import { detectSwitch, type SwitchFinding } from './switches.js';
import { valuesShift } from './value-shift.js';
import type { TraceRecord } from './trace-record.js';

/** A key with more values than this is an id, not a cohort. */
const MAX_VALUES = 12;

/**
 * Switch findings for the keys `valuesOf` gives each record. A key is dropped as soon as it shows
 * more than MAX_VALUES values (an id): its points are not kept. Each says whether its mix of values
 * shifts over time (value-shift.ts): the keys worth offering to --by.
 */
export function keySwitches(recs: readonly TraceRecord[], valuesOf: (r: TraceRecord) => Record<string, string> | undefined): SwitchFinding[] {
  const keys = new Map<string, { points: Array<{ t: number; value: string }>; values: Set<string> }>();
  const tooMany = new Set<string>();
  for (const r of recs) {
    const kv = valuesOf(r);
    if (!kv) continue;
    for (const [k, value] of Object.entries(kv)) {
      if (tooMany.has(k)) continue;
      let key = keys.get(k);
      if (!key) keys.set(k, (key = { points: [], values: new Set() }));
      key.values.add(value);
      if (key.values.size > MAX_VALUES) {
        tooMany.add(k);
        keys.delete(k);
        continue;
      }
      key.points.push({ t: r.t, value });
    }
  }
  return [...keys].map(([key, { points }]) => {
    const f = detectSwitch(key, points);
    return { ...f, shifts: valuesShift(points, f.kind) };
  });
}
