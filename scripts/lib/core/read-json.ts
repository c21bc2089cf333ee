import { readFileSync, statSync } from 'node:fs';
import { SkillError } from './errors.js';

/**
 * Reads JSON that mlflow printed (or a user saved). Log lines before the JSON are skipped,
 * since some MLflow setups print warnings to stdout; invalid UTF-8 becomes U+FFFD rather than
 * an error, because one bad byte in a 50 MB trace should not hide the rest.
 */
export function readJsonFile(path: string, what: string): unknown {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory())
      throw new SkillError('usage', `${path} is a directory, not a JSON file.`, {
        hint: 'Pass the path of a saved `mlflow traces get` or `traces search --output json` file.',
      });
    size = st.size;
  } catch (err) {
    if (err instanceof SkillError) throw err;
    throw new SkillError('usage', `${path} does not exist or cannot be read.`, { hint: 'Check the path.' });
  }
  if (size === 0)
    throw new SkillError('bad-data', `${what} produced an empty file (${path}).`, {
      hint: 'Expected JSON from `mlflow traces get` or `mlflow traces search --output json`.',
    });
  return parseJsonText(readFileSync(path).toString('utf8'), `${what} (${path})`);
}

export function parseJsonText(raw: string, what: string): unknown {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const start = /^[ \t]*[{[]/m.exec(text);
  if (!start) {
    const first = text.trim().split('\n')[0]?.slice(0, 120) ?? '';
    throw new SkillError('bad-data', `${what} is not JSON (starts with: ${JSON.stringify(first)}).`, {
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
