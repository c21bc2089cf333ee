/**
 * Loops and stops: three or more calls of one tool with identical arguments and identical
 * results (the agent learnt nothing new from the repeats), with the time and tokens the repeats
 * cost; and the stop reason when an output states one (max_iterations, max_iters,
 * recursion_limit, a stopped / finish_reason field naming a cap).
 */
import { durationOf, endOf } from '../../../trace/tree.js';
import type { Provenance, ToolCall } from '../../trace/provenance.js';
import { mention, provenanceKind, quote, type ProvenanceFinding } from '../provenance-finding.js';

const MIN_REPEATS = 3;
/** A cap named in an output: the words agents and frameworks stop with. */
const CAP_KEYS = 'max_iterations|max_iters|max_steps|max_turns|recursion_limit';
const CAP_WORDS = String.raw`iteration limit|recursion limit of \d+|maximum number of (?:iterations|steps|turns)|stopped due to (?:iteration|time) limit`;
const STOP_RE = new RegExp(String.raw`\b(${CAP_KEYS}|${CAP_WORDS})\b`, 'i');

const tokensLine = (tokens: number | null): string => (tokens !== null ? `, ${tokens.toLocaleString('en-US')} tokens in the model calls between them` : '');

const shortKey = (s: string): string => (s.length <= 96 ? s : `${s.length}:${s.slice(0, 48)}${s.slice(-48)}`);

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${Math.round(ms)}ms`;
}

export function loopsAndStops(p: Provenance): ProvenanceFinding[] {
  const groups = new Map<string, ToolCall[]>();
  for (const c of p.calls) {
    if (!c.argsText && !c.resultText) continue;
    // A short key (ends and lengths); members are checked for full equality below.
    const key = `${c.tool}\u0000${shortKey(c.argsText)}\u0000${shortKey(c.resultText)}`;
    const list = groups.get(key) ?? [];
    list.push(c);
    groups.set(key, list);
  }
  const stop = stopReason(p);
  const out: ProvenanceFinding[] = [];
  for (const candidates of groups.values()) {
    if (candidates.length < MIN_REPEATS || out.length >= 5) continue;
    const head = candidates[0] as ToolCall;
    const list = candidates.filter((c) => c.argsText === head.argsText && c.resultText === head.resultText);
    if (list.length < MIN_REPEATS) continue;
    const first = list[0] as ToolCall;
    const last = list.at(-1) as ToolCall;
    const span = last.endMs - first.startMs;
    const inCalls = list.reduce((a, c) => a + (durationOf(c.node.span) ?? 0), 0);
    const tokens = p.tokensBetween(first.startMs, last.endMs);
    const evidence = [
      `arguments: ${quote(first.argsText, 100)}; result each time: ${quote(first.resultText, 100)}`,
      `cost: ${fmtMs(span)} from the first call to the last (${fmtMs(inCalls)} inside the calls)${tokensLine(tokens)}`,
    ];
    if (stop) evidence.push(`stopped: ${stop.what} in \`${p.ref(stop.node)}\`'s output: ${quote(stop.text, 100)}`);
    out.push({
      kind: 'loopOrStop',
      title: `${list.length} × \`${first.tool}\` with identical arguments and identical results${stop ? `, then the agent stopped on ${stop.what}` : ''}`,
      evidence,
      spans: list.slice(0, 3).map((c) => mention(p, c.node)),
      docs: [],
      heuristic: null,
    });
  }
  if (!out.length && stop)
    out.push({
      kind: 'loopOrStop',
      title: `the agent stopped on ${stop.what} (\`${p.ref(stop.node)}\`'s output)`,
      evidence: [`${quote(stop.text, 140)}`],
      spans: [mention(p, stop.node)],
      docs: [],
      heuristic: null,
    });
  return out;
}

function stopReason(p: Provenance): { what: string; text: string; node: Provenance['calls'][number]['node'] } | null {
  // Latest first: the cap that ended the run is in the last outputs.
  const recs = [...p.flow.records].sort((a, b) => endOf(b.node.span) - endOf(a.node.span)).slice(0, 2_000);
  for (const r of recs) {
    if (r.role === 'tool' || r.role === 'retriever') continue;
    const m = STOP_RE.exec(r.outText);
    if (!m) continue;
    const from = Math.max(0, m.index - 40);
    return { what: m[1] as string, text: r.outText.slice(from, m.index + 80), node: r.node };
  }
  return null;
}

export const loopOrStop = provenanceKind(
  'loopOrStop',
  'three or more identical tool calls with identical results, and the cap the agent stopped on',
  loopsAndStops,
  () => 3,
);
