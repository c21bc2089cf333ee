/**
 * Secrets never reach the agent. Traces record what applications send — authorization headers,
 * API keys in tool inputs, tokens in exception messages — and everything a script prints goes
 * into an LLM's context and often a chat log. One pass, run once where findings become text or
 * JSON (`finishOutput`, called by `runScript`), replaces each secret with a typed marker such as
 * `[redacted openai-key]` and counts what it replaced.
 *
 * Two families of rules:
 *  - shapes: provider keys and tokens recognisable on their own (sk-…, AKIA…, ghp_…, JWTs,
 *    private key blocks, passwords in URLs, Bearer/Basic credentials);
 *  - names: any value under a key named like a secret (authorization, api_key, password, token,
 *    secret, cookie…), as JSON `"k": "v"`, JSON inside a JSON string `\"k\": \"v\"`, Python reprs
 *    `'k': 'v'`, `k=v` and header lines `k: v`.
 * What must survive, because follow-up commands and counts depend on it: trace ids (tr-<32 hex>),
 * span ids (16 hex or base64), file paths, git hashes and token COUNTS (`input_tokens: 42`).
 */

export const markerOf = (kind: string): string => `[redacted ${kind}]`;
const MARKER_START = '[redacted ';

/** What one pass replaced, by kind (and the environment's credentials, read once per pass). */
export class RedactionTally {
  readonly kinds: Record<string, number> = {};
  count = 0;
  add(kind: string): string {
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    this.count += 1;
    return markerOf(kind);
  }
}

// ---------------------------------------------------------------- shapes

/** A rule: `re` must be global; with `keep`, group 1 is kept (e.g. "Bearer ") and the rest masked. */
interface ShapeRule {
  kind: string;
  re: RegExp;
  keep?: boolean;
  /** A further check on the secret part (shapes that ordinary words can take). */
  accept?: (secret: string) => boolean;
}

const B = String.raw`(?<![A-Za-z0-9_-])`; // not glued to a longer token
const mixed = (s: string) => /[A-Z]/.test(s.slice(1)) || /[0-9=+/._~-]/.test(s);
const awsSecretLike = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) && !s.startsWith('/') && (s.match(/\//g)?.length ?? 0) <= 3;
const SEP = String.raw`(?:\s|\\[nr])`; // a line break, raw or as a JSON escape

const PRIVATE_KEY_RULES: ShapeRule[] = [
  // Whole block.
  {
    kind: 'private-key',
    re: new RegExp(String.raw`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, 'g'),
  },
  // A block cut short (a preview, a page): the header and every base64 line after it.
  { kind: 'private-key', re: new RegExp(String.raw`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----(?:${SEP}+[A-Za-z0-9+/=:,-]{2,})*`, 'g') },
  // The tail of a block whose start was on an earlier page.
  { kind: 'private-key', re: new RegExp(String.raw`(?:[A-Za-z0-9+/=]{16,}${SEP}+)+-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, 'g') },
];

const SHAPE_RULES: ShapeRule[] = [
  // The signature is optional: a view cut after the payload still holds a token (the 40-character
  // payload run would otherwise go to aws-secret-key and leave the header showing).
  { kind: 'jwt', re: new RegExp(String.raw`${B}eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?`, 'g') },
  { kind: 'anthropic-key', re: new RegExp(String.raw`${B}sk-ant-[A-Za-z0-9_-]{20,}`, 'g') },
  { kind: 'openai-key', re: new RegExp(String.raw`${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}`, 'g') },
  { kind: 'stripe-key', re: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { kind: 'github-token', re: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/g },
  { kind: 'slack-token', re: /(?<![A-Za-z0-9])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}/g },
  { kind: 'google-api-key', re: new RegExp(String.raw`${B}AIza[0-9A-Za-z_-]{30,}`, 'g') },
  { kind: 'aws-access-key', re: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  { kind: 'bearer-token', re: /(\b(?:[Bb]earer|BEARER)\s+)([A-Za-z0-9._~+/=-]{8,})/g, keep: true, accept: mixed },
  { kind: 'basic-credentials', re: /(\b(?:[Bb]asic|BASIC)\s+)([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g, keep: true, accept: mixed },
  // scheme://user:password@host keeps the user; a bare userinfo that long is a token.
  { kind: 'url-password', re: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:'"\\]+:)([^\s/@'"\\]+)(?=@)/gi, keep: true },
  { kind: 'url-credentials', re: /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/@:'"\\]{16,})(?=@)/gi, keep: true },
  // Query parameters named like credentials (?token=, &sig=, &X-Amz-Signature=…).
  { kind: 'url-param', re: /([?&;][\w.-]*(?:token|password|passwd|secret|key|signature|sig|auth|credential)[\w.-]*=)([^&\s'"#\\[]+)/gi, keep: true },
  // An AWS secret access key: 40 base64 characters of mixed case and digits, standing alone.
  { kind: 'aws-secret-key', re: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, accept: awsSecretLike },
];

/**
 * What a cut (`…` from clip, a page or the budget) left of a secret: a known prefix, or a
 * long mixed-case-and-digits run, right before the ellipsis.
 */
const CUT_RULES: ShapeRule[] = [
  { kind: 'cut-secret', re: /(?<![A-Za-z0-9_\-/+])(?:sk-|sk_|rk_|gh[pousr]_|github_pat_|xox[abposr]-|AIza|AKIA|ASIA|eyJ)[A-Za-z0-9_\-./+=]*(?=\s*…)/g },
  { kind: 'cut-secret', re: /(?<![A-Za-z0-9_\-/+])[A-Za-z0-9_\-/+]{16,}(?=\s*…)/g, accept: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) },
];

function applyShapes(text: string, rules: ShapeRule[], tally: RedactionTally): string {
  let out = text;
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, (whole: string, ...groups: unknown[]) => {
      const kept = rule.keep ? String(groups[0] ?? '') : '';
      const secret = whole.slice(kept.length);
      if (secret.startsWith(MARKER_START) || (rule.accept && !rule.accept(secret))) return whole;
      return kept + tally.add(rule.kind);
    });
  }
  return out;
}

/** The kind of a value that is, as a whole, a recognisable secret; null otherwise. */
function shapeKindOf(value: string): string | null {
  const v = value.trim().replace(/^(?:[Bb]earer|[Bb]asic|Token)\s+/, '');
  for (const rule of SHAPE_RULES) {
    if (rule.keep) continue;
    const re = new RegExp(`^(?:${rule.re.source})$`, rule.re.flags.replace('g', ''));
    if (re.test(v) && (!rule.accept || rule.accept(v))) return rule.kind;
  }
  return null;
}

// ---------------------------------------------------------------- names

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
function harmless(value: string, key: string): boolean {
  const v = value.trim();
  if (!v || v.startsWith(MARKER_START)) return true;
  if (/^(?:null|none|true|false|undefined|\*+|<[^<>]*>|\[[^\]]*\])$/i.test(v)) return true;
  // The name of an environment variable (`Credentials: MLFLOW_TRACKING_PASSWORD`) is not its value.
  if (ENV_VAR_NAME.test(v)) return true;
  return /token/i.test(key) && /^\d+$/.test(v);
}

/** Markers for a value found under a secret-named key: its shape's kind, else the key's. */
function maskValue(value: string, key: string, tally: RedactionTally): string {
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

function maskNamedValues(text: string, tally: RedactionTally): string {
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

// ---------------------------------------------------------------- the environment's own credentials

/** Environment variables that hold credentials for the tracking store or the app's providers. */
const CREDENTIAL_ENV = [
  'MLFLOW_TRACKING_TOKEN',
  'MLFLOW_TRACKING_PASSWORD',
  'DATABRICKS_TOKEN',
  'DATABRICKS_CLIENT_SECRET',
  'DATABRICKS_PASSWORD',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'AZURE_OPENAI_API_KEY',
  'GOOGLE_API_KEY',
];
const CREDENTIAL_ENV_NAME = /(?:TOKEN|PASSWORD|PASSWD|SECRET|API_KEY|ACCESS_KEY|CLIENT_SECRET)$/;

/** Every credential value the environment holds (env variables, and the tracking URI's password and token parameters). */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): Array<{ name: string; value: string }> {
  const found: Array<{ name: string; value: string }> = [];
  for (const [name, value] of Object.entries(env)) {
    if (!value || value.length < 4) continue;
    if (CREDENTIAL_ENV.includes(name) || CREDENTIAL_ENV_NAME.test(name)) found.push({ name, value });
  }
  const uri = env.MLFLOW_TRACKING_URI;
  if (uri) {
    try {
      const u = new URL(uri);
      if (u.password) found.push({ name: 'MLFLOW_TRACKING_URI', value: decodeURIComponent(u.password) });
      for (const [k, v] of u.searchParams)
        if (v.length >= 4 && /token|password|passwd|secret|key|sig|auth/i.test(k)) found.push({ name: 'MLFLOW_TRACKING_URI', value: v });
    } catch {
      // not a URL (sqlite path, "databricks"): nothing in it
    }
  }
  return found.sort((a, b) => b.value.length - a.value.length);
}

/**
 * A value too plain to mask outside trace content: shorter than 8 characters, or one word of
 * letters (`mlflow`, `trace`, `password`), which the tool's own words, paths and commands hold.
 */
export const isWeakSecret = (value: string): boolean => value.length < 8 || /^(?:[A-Za-z][a-z]*|[A-Z]+)$/.test(value);

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The value as a whole token: not glued to letters, digits or _ on either side. */
const wholeToken = (value: string): RegExp => new RegExp(`(?<![A-Za-z0-9_])${escapeRe(value)}(?![A-Za-z0-9_])`, 'g');
/** Stricter, for text that can hold paths (error lines): not inside a path segment or a file name either. */
const wholeWord = (value: string): RegExp => new RegExp(`(?<![A-Za-z0-9_./~-])${escapeRe(value)}(?![A-Za-z0-9_/-]|\\.[A-Za-z0-9])`, 'g');

function maskWith(text: string, secrets: ReadonlyArray<{ name: string; value: string }>, pattern: (v: string) => RegExp, tally?: RedactionTally): string {
  let out = text;
  for (const { name, value } of secrets) {
    if (!out.includes(value)) continue;
    out = out.replace(pattern(value), () => (tally ? tally.add(`env ${name}`) : markerOf(`env ${name}`)));
  }
  return out;
}

/** Keys whose values are structure, not content: ids, states, codes, times, kinds (never masked). */
const STRUCTURAL_KEY = /(?:^|_)(?:id|ids|state|status|code|time|timestamp|duration|ms|nano|kind|type)$/i;

/**
 * Trace content, as parsed JSON: the environment's credential values masked wherever one stands
 * as a whole token in a string value (always, even with --show-secrets). Keys and structural
 * values (ids, states, times) are left alone, and so is every word the tool itself prints, since
 * this runs on what mlflow or a file gave, before any view is built.
 */
export function maskEnvironmentInContent(json: unknown, rawText: string, env: NodeJS.ProcessEnv = process.env): unknown {
  const secrets = environmentSecrets(env).filter(({ value }) => rawText.includes(value) || rawText.includes(JSON.stringify(value).slice(1, -1)));
  if (!secrets.length) return json;
  const walk = (v: unknown, key: string): unknown => {
    if (typeof v === 'string') return STRUCTURAL_KEY.test(key) ? v : maskWith(v, secrets, wholeToken);
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return walk(json, '');
}

/**
 * Text from outside the tool that is not a trace (mlflow's error lines): the environment's strong
 * credential values masked as whole words. Weak ones (isWeakSecret) would mangle ordinary words.
 */
export function maskEnvironmentSecrets(text: string, tally?: RedactionTally, env: NodeJS.ProcessEnv = process.env): string {
  return maskWith(
    text,
    environmentSecrets(env).filter(({ value }) => !isWeakSecret(value)),
    wholeWord,
    tally,
  );
}

const ENV_MARKER = /\[redacted (env [A-Z0-9_]+)\]/g;

/** Counts the environment markers that trace content already carries, for the output's note. */
export function countEnvironmentMarkers(text: string, tally: RedactionTally): string {
  if (text.includes('[redacted env ')) for (const m of text.matchAll(ENV_MARKER)) tally.add(m[1] as string);
  return text;
}

// ---------------------------------------------------------------- entry points

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

const SECRET_NAME_HINT = /authori[sz]ation|api[_-]?key|apikey|passw|passphrase|secret|private[_-]?key|token|cookie|credential|signature/i;
/** The prefixes of AWS key ids (AKIA…, ASIA…): one of them, or another hint, before the shape rules run. */
const AWS_ID_PREFIXES = 'AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA';
const SHAPE_HINT = new RegExp(
  String.raw`sk-|sk_|rk_|gh[pousr]_|github_pat_|xox|xapp-|AIza|${AWS_ID_PREFIXES}|eyJ|bearer|basic|:\/\/|[?&;][\w.-]*=|[A-Za-z0-9/+]{40}`,
  'i',
);

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
