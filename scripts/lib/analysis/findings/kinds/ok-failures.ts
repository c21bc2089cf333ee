/**
 * A failure stated inside an OK output: a tool span ended OK but its output says it failed
 * (`"ok": false`, `"success": false`, an `error` object or message, `status: failed`, an HTTP
 * error code). Says whether the next model call received it, and what the reply claimed.
 */
import { successClaim } from '../claims.js';
import type { Provenance, ToolCall } from '../../trace/provenance.js';
import { mention, provenanceKind, quote, type ProvenanceFinding } from '../provenance-finding.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const FAILED_STATUS = /^(failed|failure|error|errored|rejected|denied|declined)$/i;
/** A cheap look at the stored text before decoding it: no failure word, no failure. */
const MAY_FAIL = /error|fail|false|status|code|exception|traceback|denied|declined|rejected|http/i;
const ERROR_PREFIX = /^\s*(error|exception|traceback|http (?:4|5)\d\d)\b[:\s]/i;

/** The failure an output states, as the words to quote; null when it states none. */
export function statedFailure(result: unknown, text: string): string | null {
  let v: unknown = result;
  if (typeof v === 'string') {
    if (ERROR_PREFIX.test(v)) return v;
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (!isObj(v)) return null;
  const err = v.error ?? v.errors ?? v.error_message ?? v.errorMessage;
  const errText = isObj(err)
    ? JSON.stringify(err)
    : typeof err === 'string' && err.trim()
      ? err
      : Array.isArray(err) && err.length
        ? JSON.stringify(err)
        : null;
  if (v.ok === false || v.success === false || v.succeeded === false) return errText ?? text;
  if (typeof v.status === 'string' && FAILED_STATUS.test(v.status)) return errText ?? text;
  for (const k of ['status_code', 'statusCode', 'http_status', 'code']) {
    const c = typeof v[k] === 'number' ? v[k] : typeof v[k] === 'string' && /^\d{3}$/.test(v[k] as string) ? Number(v[k]) : null;
    if (c !== null && c >= 400 && c <= 599 && (k !== 'code' || errText)) return errText ?? text;
  }
  if (errText) return errText;
  return null;
}

/** The tool calls that ended OK with a failure stated in their output, and the failure's words (first `max`). */
export function statedToolFailures(p: Provenance, max = 10): Array<{ call: ToolCall; failure: string }> {
  const out: Array<{ call: ToolCall; failure: string }> = [];
  for (const c of p.calls) {
    if (out.length >= max) break;
    if (c.node.span.status === 'ERROR') continue;
    if (!MAY_FAIL.test(c.resultText)) continue;
    const failure = statedFailure(c.result(), c.resultText);
    if (failure) out.push({ call: c, failure });
  }
  return out;
}

export function failuresInOkOutputs(p: Provenance): ProvenanceFinding[] {
  return statedToolFailures(p).map(({ call, failure }) => finding(p, call, failure));
}

function finding(p: Provenance, c: ToolCall, failure: string): ProvenanceFinding {
  const next = p.flow.models.find((m) => m.node.span.startMs >= c.endMs) ?? null;
  const reached = p.reachedModel(failure, c.endMs);
  const evidence = [`output: ${quote(c.resultText, 160)}`];
  let fate: string;
  if (!next) fate = 'no model call came after it';
  else if (reached === next) fate = `the next model call \`${p.ref(next.node)}\` received it`;
  else fate = `the next model call \`${p.ref(next.node)}\` never received it`;
  const claim = p.reply ? successClaim(p.reply.text) : null;
  if (claim) evidence.push(`the reply claims success: ${quote(claim)}`);
  return {
    kind: 'failureInOkOutput',
    title: `\`${p.ref(c.node)}\` ended OK but its output states a failure: ${quote(failure, 100)}; ${fate}`,
    evidence,
    spans: [mention(p, c.node), ...(next ? [mention(p, next.node)] : [])],
    docs: [],
    heuristic: null,
  };
}

export const failureInOkOutput = provenanceKind(
  'failureInOkOutput',
  'a tool span ended OK but its output states a failure (whether the next model call received it, whether the reply claims success)',
  failuresInOkOutputs,
  (f) => (f.evidence.some((e) => e.startsWith('the reply claims success')) ? 10 : 5),
);
