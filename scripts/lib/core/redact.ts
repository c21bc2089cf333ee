/**
 * Secrets never reach the agent. Traces record what applications send — authorization headers,
 * API keys in tool inputs, tokens in exception messages — and everything a script prints goes
 * into an LLM's context and often a chat log. One pass, run once where findings become text or
 * JSON (`finishOutput`, called by `runScript`), replaces each secret with a typed marker such as
 * `[redacted openai-key]` and counts what it replaced.
 *
 * Three families of rules, a module each: shapes (secret-shapes.ts: provider keys and tokens
 * recognisable on their own), names (secret-names.ts: any value under a key named like a secret),
 * and the environment's own credentials (environment-secrets.ts). This module runs them in order.
 * What must survive, because follow-up commands and counts depend on it: trace ids (tr-<32 hex>),
 * span ids (16 hex or base64), file paths, git hashes and token COUNTS (`input_tokens: 42`).
 */

import { countEnvironmentMarkers, maskEnvironmentSecrets } from './environment-secrets.js';
import { RedactionTally } from './redaction-tally.js';
import { harmless, isSecretKey, maskNamedValues, maskValue, SECRET_NAME_HINT } from './secret-names.js';
import { applyShapes, CUT_RULES, PRIVATE_KEY_RULES, SHAPE_HINT, SHAPE_RULES } from './secret-shapes.js';

/**
 * Redacts one finished text: private keys, named values, shapes, cut remnants. The environment's
 * credential values were masked in the trace content already (maskEnvironmentInContent): here
 * they are only counted, so the tool's own words around them are never touched.
 */
export function redactText(text: string, tally: RedactionTally = new RedactionTally()): string {
  if (!text) return text;
  let out = text;
  countEnvironmentMarkers(out, tally);
  // Each family runs only where a cheap test says it could match: a --json answer holds
  // thousands of short strings (names, times, ids) and most hold nothing to look at.
  if (out.includes('PRIVATE KEY')) out = applyShapes(out, PRIVATE_KEY_RULES, tally);
  if (SECRET_NAME_HINT.test(out)) out = maskNamedValues(out, tally);
  if (SHAPE_HINT.test(out)) out = applyShapes(out, SHAPE_RULES, tally);
  return out.includes('…') ? applyShapes(out, CUT_RULES, tally) : out;
}

/**
 * Redacts a parsed JSON value: every string through `redactText`, and every string under a
 * secret-named key masked whole. Numbers are left alone (token counts).
 */
export function redactJson(value: unknown, tally: RedactionTally = new RedactionTally()): unknown {
  if (typeof value === 'string') return redactText(value, tally);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, tally));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = typeof v === 'string' && isSecretKey(k) && !harmless(v, k) ? maskValue(v, k, tally) : redactJson(v, tally);
    }
    return out;
  }
  return value;
}

/** For one-line messages that quote mlflow or a trace (never hints): strong env values, then every rule. */
export function redact(text: string): string {
  return redactText(maskEnvironmentSecrets(text));
}

/** A tracking URI fit to print as a link: no userinfo, no query. */
export function withoutCredentials(uri: string): string {
  try {
    const u = new URL(uri);
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    return redact(uri);
  }
}
