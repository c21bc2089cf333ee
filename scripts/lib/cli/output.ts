/**
 * The last step before stdout, shared by every script through `runScript`: redaction runs here,
 * once, on the finished text or JSON (never in each renderer), then one line says what it did.
 */
import { countEnvironmentMarkers } from '../core/environment-secrets.js';
import { redactJson, redactText } from '../core/redact.js';
import { RedactionTally } from '../core/redaction-tally.js';

export interface OutputOptions {
  json: boolean;
  /** --show-secrets: trace content is printed as it is (the environment's own credentials never are). */
  showSecrets: boolean;
  maxChars: number;
}

/** The `redaction` object added to every --json answer. */
export interface RedactionJson {
  count: number;
  kinds: Record<string, number>;
  secretsShown: boolean;
  note: string | null;
  /** The raw JSON files named under `files` are kept whole, readable by this user only. */
  rawFilesUnredacted: true;
}

export const SHOW_SECRETS_NOTE = 'Secrets shown (--show-secrets): this output is not redacted.';

/** One line: how many secrets were replaced, of which kinds, and how to see them. */
export function redactionNote(tally: RedactionTally): string {
  const kinds = Object.entries(tally.kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  return `${tally.count} ${tally.count === 1 ? 'secret' : 'secrets'} redacted: ${kinds} (--show-secrets to show them)`;
}

/** --max-chars as given on the command line (the scripts' own parsing has already validated it). */
export function maxCharsOf(argv: readonly string[], fallback = 20_000): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const v = a === '--max-chars' ? argv[i + 1] : a.startsWith('--max-chars=') ? a.slice('--max-chars='.length) : undefined;
    if (v !== undefined && /^\d+$/.test(v) && Number(v) > 0) return Number(v);
  }
  return fallback;
}

export function finishOutput(out: string, opts: OutputOptions): string {
  const tally = new RedactionTally();
  if (opts.json) {
    const parsed = tryParse(out);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const body = (opts.showSecrets ? mapStrings(parsed, (s) => countEnvironmentMarkers(s, tally)) : redactJson(parsed, tally)) as Record<string, unknown>;
      const redaction: RedactionJson = {
        count: tally.count,
        kinds: tally.kinds,
        secretsShown: opts.showSecrets,
        note: opts.showSecrets ? SHOW_SECRETS_NOTE : tally.count ? redactionNote(tally) : null,
        rawFilesUnredacted: true,
      };
      return JSON.stringify({ ...body, redaction }, null, 2);
    }
  }
  const text = opts.showSecrets ? countEnvironmentMarkers(out, tally) : redactText(out, tally);
  const note = opts.showSecrets ? SHOW_SECRETS_NOTE : tally.count ? redactionNote(tally) : null;
  const body = text.replace(/\n+$/, '');
  return note ? `${fitTo(body, opts.maxChars - note.length - 1)}\n${note}` : fitTo(body, opts.maxChars);
}

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

function tryParse(text: string): unknown {
  const t = text.trimStart();
  if (!t.startsWith('{')) return null;
  try {
    return JSON.parse(t);
  } catch {
    return null;
  }
}

/**
 * Markers can be longer than what they replace (`password=x`), and the note takes a line: when
 * that pushes the text past --max-chars, the longest lines give way, each cut stated.
 */
export function fitTo(text: string, max: number): string {
  if (text.length <= max) return text;
  const lines = text.split('\n');
  let excess = text.length - max;
  for (let guard = 0; excess > 0 && guard < 50; guard++) {
    let longest = 0;
    lines.forEach((l, i) => {
      if (l.length > (lines[longest] as string).length) longest = i;
    });
    const line = lines[longest] as string;
    const marker = (n: number) => `… [+${n.toLocaleString('en-US')} chars cut after redaction; raise --max-chars]`;
    const cut = excess + marker(excess + 99_999).length;
    if (line.length <= cut + 20) break;
    lines[longest] = line.slice(0, line.length - cut) + marker(cut);
    excess -= cut - marker(cut).length;
  }
  const joined = lines.join('\n');
  return joined.length <= max ? joined : joined.slice(0, max);
}
