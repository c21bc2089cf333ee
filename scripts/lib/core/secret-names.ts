/**
 * Secrets by the name they stand under: any value under a key named like a secret (authorization,
 * api_key, password, token, secret, cookie…), as JSON `"k": "v"`, JSON inside a JSON string, Python
 * reprs `'k': 'v'`, `k=v` and header lines `k: v`.
 */
import { MARKER_START, type RedactionTally } from './redaction-tally.js';
import { shapeKindOf } from './secret-shapes.js';

/** A cheap test before the named-value rules run. */
export const SECRET_NAME_HINT = /authori[sz]ation|api[_-]?key|apikey|passw|passphrase|secret|private[_-]?key|token|cookie|credential|signature/i;

/** Key names whose values are secrets (matched on the whole key, any case, with a prefix). */
const AUTH_NAMES = String.raw`(?:proxy[_-]?)?authorization|x[_-]?api[_-]?key|api[_-]?key|apikey`;
const PASSWORD_NAMES = String.raw`password|passwd|passphrase|client[_-]?secret|secret[_-]?(?:access[_-]?)?key|secret|private[_-]?key`;
const TOKEN_NAMES = String.raw`(?:access|refresh|id|auth|api|session|bearer|security|csrf|xsrf)[_-]?token|token`;
const OTHER_NAMES = String.raw`set[_-]?cookie|cookie|credentials?|signature`;
const SECRET_NAME = `(?:${AUTH_NAMES}|${PASSWORD_NAMES}|${TOKEN_NAMES}|${OTHER_NAMES})`;
const SECRET_KEY = new RegExp(String.raw`^[\w.-]*?${SECRET_NAME}$`, 'i');
/** Pagination tokens are not credentials, and follow-up commands need them. */
const NOT_SECRET_KEY = /(?:^|[_.-])(?:next[_-]?)?page[_-]?token$|^(?:next|page)Token$/i;

export const isSecretKey = (key: string): boolean => SECRET_NAME_HINT.test(key) && SECRET_KEY.test(key) && !NOT_SECRET_KEY.test(key);

function kindOfKey(key: string): string {
  const k = key.toLowerCase();
  if (k.includes('authorization')) return 'authorization';
  if (/cookie/.test(k)) return 'cookie';
  if (/pass(?:wd|word|phrase)/.test(k)) return 'password';
  if (/private[_-]?key/.test(k)) return 'private-key';
  if (/api[_-]?key|apikey/.test(k)) return 'api-key';
  if (/secret/.test(k)) return 'secret';
  if (/token/.test(k)) return 'token';
  if (/signature/.test(k)) return 'signature';
  return 'credentials';
}

const ENV_VAR_NAME = /^\$?(?:MLFLOW|DATABRICKS|OPENAI|ANTHROPIC|AWS|AZURE|GOOGLE|GEMINI|HF|HUGGINGFACE|GITHUB|LANGCHAIN|LANGSMITH)_[A-Z0-9_]+$/;

/** Values that are not secrets whatever their key says (and counts under a key named token). */
export function harmless(value: string, key: string): boolean {
  const v = value.trim();
  if (!v || v.startsWith(MARKER_START)) return true;
  if (/^(?:null|none|true|false|undefined|\*+|<[^<>]*>|\[[^\]]*\])$/i.test(v)) return true;
  // The name of an environment variable (`Credentials: MLFLOW_TRACKING_PASSWORD`) is not its value.
  if (ENV_VAR_NAME.test(v)) return true;
  return /token/i.test(key) && /^\d+$/.test(v);
}

/** Markers for a value found under a secret-named key: its shape's kind, else the key's. */
export function maskValue(value: string, key: string, tally: RedactionTally): string {
  return tally.add(shapeKindOf(value) ?? kindOfKey(key));
}

/** Where a key looks like a secret's name and is followed by `:` or `=`. */
const KEY_IN_TEXT = new RegExp(String.raw`(?<![\w.-])([\w.-]*?${SECRET_NAME})(?![\w-])(\\*["'])?\s*(?:=|:(?!//))[ \t]*`, 'gi');
const SCHEME = /^(?:Bearer|Basic|Token|Digest|Negotiate|Bot|AWS4-HMAC-SHA256)\s+/i;
const LINE_END = /[\n\r]/;

/**
 * The extent of the value starting at `at`: a quoted string (plain or JSON-escaped quotes), a
 * [list], or a bare run. Null for an object (its own keys are scanned) or nothing usable.
 */
function valueAt(text: string, at: number, key: string): { start: number; end: number } | null {
  const quote = /^\\*["']/.exec(text.slice(at, at + 8));
  if (quote) {
    const q = quote[0];
    const start = at + q.length;
    if (q.length === 1) {
      for (let i = start; i < text.length && i < start + 100_000; i++) {
        const c = text[i] as string;
        if (c === '\\') i++;
        else if (c === q) return { start, end: i };
        // An unclosed value ends at the line's end, or where a cut (…) left a marker to keep.
        else if (c === '\n' || c === '…') return { start, end: i };
      }
      return { start, end: Math.min(text.length, start + 100_000) };
    }
    const close = text.indexOf(q, start);
    const nl = text.slice(start).search(/[\n\r…]/);
    const end = close >= 0 && (nl < 0 || close < start + nl) ? close : nl >= 0 ? start + nl : text.length;
    return { start, end };
  }
  const c = text[at];
  if (c === undefined || c === '{' || c === '\n') return null;
  if (c === '[') {
    if (text.startsWith(MARKER_START, at)) return null;
    const close = text.indexOf(']', at);
    const nl = text.slice(at).search(LINE_END);
    if (close < 0 || (nl >= 0 && close > at + nl)) return null;
    return { start: at + 1, end: close };
  }
  const scheme = SCHEME.exec(text.slice(at, at + 40));
  const start = at + (scheme ? scheme[0].length : 0);
  // Header values (cookies, AWS signatures) hold spaces, commas and semicolons: to the line's end.
  const wide = /authorization|cookie/i.test(key);
  const stop = wide ? /[\n\r"'…]/ : /[\s"',;&)}\]<>…\\]/;
  let end = start;
  while (end < text.length && !stop.test(text[end] as string)) end++;
  return end > start ? { start, end } : null;
}

export function maskNamedValues(text: string, tally: RedactionTally): string {
  let out = '';
  let cursor = 0;
  KEY_IN_TEXT.lastIndex = 0;
  for (let m = KEY_IN_TEXT.exec(text); m; m = KEY_IN_TEXT.exec(text)) {
    if (m.index < cursor) continue;
    const key = m[1] as string;
    if (!isSecretKey(key)) continue;
    const v = valueAt(text, m.index + m[0].length, key);
    if (!v) continue;
    const value = text.slice(v.start, v.end);
    if (harmless(value, key)) continue;
    out += text.slice(cursor, v.start) + maskValue(value, key, tally);
    cursor = v.end;
    KEY_IN_TEXT.lastIndex = Math.max(KEY_IN_TEXT.lastIndex, v.end);
  }
  return out + text.slice(cursor);
}
