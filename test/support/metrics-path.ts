/**
 * The metrics path's figures against the paging path's on the same store (test/cli: sqlite and
 * PostgreSQL behind a real `mlflow server`). Counts, states, maxima and cost sums are equal; the
 * server's percentiles interpolate (PERCENTILE_CONT), so they are checked against the same
 * interpolation over every trace the paging run read (it read them all: the stores are small).
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { tokenTotalOf } from '../../scripts/lib/analysis/common/trace-info.js';
import { parseSearch } from '../../scripts/lib/trace/trace.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Linear interpolation between closest ranks, as SQL's PERCENTILE_CONT. */
export function interpolated(values: readonly number[], q: number): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const at = q * (s.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (at - lo);
}

/** Every trace info the paging run read (its --json names its search files). */
function infosRead(paged: Json) {
  return (paged.files.infos as string[]).flatMap((f) => parseSearch(JSON.parse(readFileSync(f, 'utf8')), f).traces.map((t) => t.info));
}

export function expectSameFigures(served: Json, paged: Json): void {
  expect(served.figures.path).toBe('server');
  expect(paged.figures.path).toBe('paging');
  expect(paged.more, 'the paging run read every trace').toBe(false);
  expect(served.traces).toBe(paged.traces);
  expect(served.states).toEqual(paged.states);
  expect(served.window).toEqual(paged.window);
  expect(served.histogram).toEqual(paged.histogram);
  expect(served.latency.traces.count).toBe(paged.latency.traces.count);
  expect(served.latency.traces.max).toBe(paged.latency.traces.max);
  const infos = infosRead(paged);
  expect(infos).toHaveLength(paged.traces);
  const durations = infos.flatMap((i) => (i.durationMs === null ? [] : [i.durationMs]));
  expect(served.latency.traces.p50).toBeCloseTo(interpolated(durations, 0.5) as number, 6);
  expect(served.latency.traces.p95).toBeCloseTo(interpolated(durations, 0.95) as number, 6);
  const tokens = infos.flatMap((i) => {
    const t = tokenTotalOf(i);
    return t === null ? [] : [t];
  });
  if (tokens.length) expect(served.tokens.median).toBeCloseTo(interpolated(tokens, 0.5) as number, 6);
  else expect(served.tokens.median).toBeNull();
  const perName: Record<string, number> = {};
  // The server counts valid assessments only: an overridden one is not.
  for (const a of infos.flatMap((i) => i.assessments).filter((x) => x.valid)) perName[a.name] = (perName[a.name] ?? 0) + 1;
  expect(served.assessments).toEqual(perName);
  if (paged.costPerDay) {
    expect(served.costPerDay.usd).toBeCloseTo(paged.costPerDay.usd, 9);
    const days = (c: Json) => c.perDay.map((d: Json) => [d.day, d.traces, Number(d.usd.toFixed(9))]);
    expect(days(served.costPerDay)).toEqual(days(paged.costPerDay));
    expect(served.costByModel.reduce((s: number, x: Json) => s + x.usd, 0)).toBeCloseTo(paged.costPerDay.usd, 9);
  } else expect(served.costPerDay).toBeNull();
}
