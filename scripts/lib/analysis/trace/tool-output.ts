/**
 * A tool span's output as text a value can be found in (a JSON object's sentences as lines, its
 * other fields as `key: value`), and a trace's tool outputs in order: what a later turn reuses.
 */
import { spanOutputs } from '../../trace/conventions.js';
import type { Dataflow, FlowRecord } from './dataflow.js';

/** Longest text kept of one output (a source's cap). */
export const SOURCE_CAP = 20_000;

/** A tool's output in an earlier turn, as text (read from that turn's spans). */
export interface TurnRecord {
  tool: string;
  text: string;
}

/** A JSON string value holding a space: a sentence worth reading as one line. */
const HAS_PROSE = /"[^"\\:]*\s[^"\\]*"\s*[,}\]]/;

/** A JSON output as lines (`key: value`), so that a sentence in a string field reads as one. */
function readable(value: unknown, raw: string): string {
  if (!value || typeof value !== 'object') return raw;
  const lines = argumentLeaves(value, 2_000).map((l) => (/\s/.test(l.value) ? l.value : `${l.key}: ${l.value}`));
  const text = lines.join('\n');
  return text.length <= SOURCE_CAP ? text : raw;
}

/** A tool span's output as a source's text (JSON with sentences as lines). */
export function toolOutputText(rec: FlowRecord): string {
  return HAS_PROSE.test(rec.outText) ? readable(spanOutputs(rec.node.span)?.value, rec.outText) : rec.outText;
}

/** The tools' outputs of a trace in time order: what a later turn of its session may reuse. */
export function toolRecords(flow: Dataflow): TurnRecord[] {
  return flow.records
    .filter((r) => r.role === 'tool')
    .sort((a, b) => a.node.span.startMs - b.node.span.startMs)
    .map((r) => ({ tool: r.node.span.name, text: toolOutputText(r).slice(0, SOURCE_CAP) }));
}

/**
 * The string and number leaves of a tool call's arguments with their keys (`booking_id`,
 * `passenger.email`); with `scalars`, booleans and nulls too (a text to search, not values to check).
 */
export function argumentLeaves(args: unknown, max = 200, scalars = false): Array<{ key: string; value: string }> {
  const out: Array<{ key: string; value: string }> = [];
  const walk = (v: unknown, key: string, depth: number) => {
    if (out.length >= max || depth > 6) return;
    if (typeof v === 'string') out.push({ key, value: v.slice(0, 2_000) });
    else if (typeof v === 'number' || (scalars && (v === null || typeof v === 'boolean'))) out.push({ key, value: String(v) });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${key}[${i}]`, depth + 1));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, key ? `${key}.${k}` : k, depth + 1);
  };
  walk(args, '', 0);
  return out;
}
