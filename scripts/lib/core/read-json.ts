import { readFileSync, statSync } from 'node:fs';
import { SkillError, shown } from './errors.js';
import { maskEnvironmentInContent } from './environment-secrets.js';

/**
 * Reads JSON that mlflow printed (or a user saved). Log lines before the JSON are skipped,
 * since some MLflow setups print warnings to stdout; invalid UTF-8 becomes U+FFFD rather than
 * an error, because one bad byte in a 50 MB trace should not hide the rest.
 */
/** Larger than any trace mlflow prints, and below what one JavaScript string can hold (~512 MB). */
export const MAX_JSON_BYTES = 400 * 1024 * 1024;

export function readJsonFile(path: string, what: string): unknown {
  const hint = 'Pass the path of a saved `mlflow traces get` or `traces search --output json` file.';
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new SkillError('usage', `${path} does not exist or cannot be read.`, { hint: 'Check the path.' });
  }
  if (st.isDirectory()) throw new SkillError('usage', `${path} is a directory, not a JSON file.`, { hint });
  // A device, FIFO or socket is never read whole: /dev/zero never ends, a FIFO blocks.
  if (!st.isFile()) throw new SkillError('usage', `${path} is not a regular file (a device, FIFO or socket).`, { hint });
  if (st.size === 0)
    throw new SkillError('bad-data', `${what} produced an empty file (${path}).`, {
      hint: 'Expected JSON from `mlflow traces get` or `mlflow traces search --output json`.',
    });
  if (st.size > MAX_JSON_BYTES)
    throw new SkillError(
      'bad-data',
      `${path} is ${Math.round(st.size / 1048576).toLocaleString('en-US')} MB, more than this tool reads (${MAX_JSON_BYTES / 1048576} MB).`,
      {
        hint: 'Save a smaller search (fewer traces per file, --no-include-spans) or one trace with `mlflow traces get`.',
      },
    );
  const text = readFileSync(path).toString('utf8');
  // Trace content enters here: the environment's own credentials are masked in it, once.
  return maskEnvironmentInContent(parseJsonText(text, `${what} (${path})`), text);
}

export function parseJsonText(raw: string, what: string): unknown {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const start = /^[ \t]*[{[]/m.exec(text);
  if (!start) {
    const scalar = /^\s*(null|true|false|-?\d[\d.eE+-]*|"[^\n]*")\s*$/.exec(text)?.[1];
    if (scalar !== undefined)
      throw new SkillError('bad-data', `${what} holds the JSON value ${shownScalar(scalar)}, not a trace or a search result.`, {
        hint: 'Expected the JSON object printed by `mlflow traces get` or `mlflow traces search --output json`.',
      });
    const first = text.trim().split('\n')[0]?.slice(0, 120) ?? '';
    throw new SkillError('bad-data', `${what} is not JSON (starts with: ${shown(first)}).`, {
      hint: 'Expected the JSON printed by `mlflow traces get` or `mlflow traces search --output json`.',
    });
  }
  if (start.index > 0) text = text.slice(start.index);
  try {
    return JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    // A parse error at the very end of the text means the JSON stopped mid-value: a cut file.
    const at = Number(/position (\d+)/.exec(msg)?.[1] ?? Number.NaN);
    if (/end of JSON input/i.test(msg) || at >= text.trimEnd().length - 1) {
      throw new SkillError('bad-data', `${what} is truncated JSON (${text.length.toLocaleString('en-US')} chars, ends mid-value).`, {
        hint: 'The file was cut short: fetch or save it again.',
      });
    }
    throw new SkillError('bad-data', `${what} is not valid JSON: ${msg.split('\n')[0]}`, {
      hint: 'Expected the JSON printed by `mlflow traces get` or `mlflow traces search --output json`.',
    });
  }
}

const shownScalar = (s: string): string => (s.length > 40 ? `${s.slice(0, 40)}…` : s);
