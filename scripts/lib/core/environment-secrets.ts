/**
 * The environment's own credentials (the tracking store's token or password, the providers' API
 * keys): masked in trace content wherever one stands as a whole token, and in mlflow's error lines.
 */
import { markerOf, type RedactionTally } from './redaction-tally.js';

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
export const isWeakSecret = (value: string): boolean => {
  // A word with punctuation around it ("required.") is still one word of letters.
  const core = value.replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return value.length < 8 || /^(?:[A-Za-z][a-z]*|[A-Z]+)$/.test(core);
};

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
