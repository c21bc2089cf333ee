/** What every triage view is given, and the small formats they share. */
import type { TriageFindings } from '../../analysis/triage/accumulator.js';
import type { ServerFigures } from '../../analysis/triage/server-figures.js';
import type { OverRepresented } from '../../analysis/triage/traces-read.js';
import type { Section } from '../budget.js';
import { fmtInt } from '../format.js';
import type { WindowBounds } from '../window-line.js';

export interface TriageRun {
  experimentId: string;
  /** The experiment as the user gave it (a name): the header names it with the id beside it. */
  given?: string;
  filter: string;
  /** The time bounds read and the run's clock: the header states them. */
  window?: WindowBounds;
  /** --source: the one assessment source counted (null: every source, each apart). */
  source: string | null;
  /** What the limit cut: traces read, and how many matched when known. */
  read: number;
  limit: number | null;
  more: boolean;
  totalKnown: number | null;
  /** The older window was sampled by time slice (render/triage/sample.ts). */
  sampled: boolean;
  /** With --since and no --until, the window ends now: how long before now its newest trace was. */
  silentForMs: number | null;
  /** The window asked for (--since to now), to weigh that silence against. */
  windowMs: number | null;
  failingSpanBound: number;
  slowSpanBound: number;
  mlflowCalls: number;
  /** Which path answered the whole-window figures (absent: paging, as before the metrics path). */
  server?: ServerFigures;
}

export interface TriageFollow {
  inspect: (traceId: string) => string;
  compare: (a: string, b: string) => string;
  all: string;
  /** This run with --paging: every trace read, no metrics endpoint. */
  paging?: string;
  json: string;
  /** This run with --spans: every trace's spans read and checked (absent when it already is). */
  spans?: string;
  /** judge_agreement on one assessment name: do its sources agree. */
  judges: (name: string) => string;
}

/**
 * A section's view: the screen sections it adds. Views that name the same screen section (judge
 * failures under verdicts, tokens under latency) are joined into it, in the views' order.
 */
export type TriageView = (f: TriageFindings, run: TriageRun, follow: TriageFollow) => Section[];

export const pct = (x: number) => `${x >= 0.1 || x === 0 ? Math.round(x * 100) : (x * 100).toFixed(1)}%`;
export const shortTime = (iso: string | null) => (iso ? iso.replace(/(T\d{2}:\d{2}):\d{2}(\.\d+)?Z$/, '$1Z') : '?');

export function overRepLine(o: OverRepresented): string {
  const base = o.baseline === 'scored' ? `${pct(o.overallShare)} of the ${fmtInt(o.among)} traces it scored` : `${pct(o.overallShare)} overall`;
  // A key most traces lack: the comparison holds only among the traces that carry it.
  const partial =
    o.keyOn < o.among ? ` (${o.key} is set on only ${fmtInt(o.keyOn)} of ${fmtInt(o.among)} traces ${o.baseline === 'scored' ? 'it scored' : 'read'})` : '';
  return `${o.key}=${o.value}: ${fmtInt(o.inCluster)} of ${fmtInt(o.clusterSize)} here, ${base}${partial}`;
}
