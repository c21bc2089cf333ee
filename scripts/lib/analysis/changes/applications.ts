/** The applications in the window: by the root name tag, else (OTLP ingest tags none) by the root span of the traces read with spans. */
import type { Application } from './change-report.js';
import type { SpanFacts } from './span-facts.js';
import type { TraceRecord } from './trace-record.js';

/** The tagged applications, most traces first, each with its slowest trace. */
export function applicationsOf(records: readonly TraceRecord[]): Application[] {
  const m = new Map<string, Application>();
  for (const r of records) {
    if (r.app === null) continue;
    let a = m.get(r.app);
    if (!a) m.set(r.app, (a = { name: r.app, traces: 0, slowest: null }));
    a.traces += 1;
    if (r.durationMs !== null && (!a.slowest || r.durationMs > a.slowest.durationMs)) a.slowest = { traceId: r.id, durationMs: r.durationMs };
  }
  return [...m.values()].sort((a, b) => b.traces - a.traces);
}

/** Root span names of the traces read with spans, most traces first, when there are several. */
export function rootAppsOf(facts: Iterable<SpanFacts>): Array<{ name: string; traces: number }> {
  const roots = new Map<string, number>();
  for (const f of facts) if (f.root !== null) roots.set(f.root, (roots.get(f.root) ?? 0) + 1);
  if (roots.size < 2) return [];
  return [...roots].map(([name, traces]) => ({ name, traces })).sort((a, b) => b.traces - a.traces || a.name.localeCompare(b.name));
}
