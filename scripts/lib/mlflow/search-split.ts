/**
 * Cuts the text of `mlflow traces search --output json` into the exact text of each trace, so
 * that a session fetched with spans can also serve `inspect_turn` of one of its turns.
 *
 * Text, not re-serialised objects: span times are nanosecond integers beyond 2^53, and
 * JSON.parse would round them. A search prints each trace as `traces get` does (same dict,
 * indent 2), only nested two levels deeper: removing that indent gives `traces get`'s layout.
 */

/**
 * Each element of the top-level `"traces"` array as `traces get` would print it. With `keep`, the
 * others come back empty: a triage stores a handful of a page's traces, and re-indenting the
 * rest cost a fifth of the split.
 */
export function traceTexts(text: string, key = 'traces', keep: (index: number) => boolean = () => true): string[] {
  const out: string[] = [];
  let depth = 0;
  let lastString = '';
  let inArray = false;
  let elementStart = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (end < 0) return [];
      if (depth === 1) lastString = text.slice(i + 1, end);
      i = end;
      continue;
    }
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth += 1;
      if (c === 0x5b && depth === 2 && lastString === key && !inArray) inArray = true;
      else if (inArray && depth === 3 && elementStart < 0) elementStart = i;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (inArray && depth === 3 && elementStart >= 0) {
        out.push(keep(out.length) ? dedent(text.slice(elementStart, i + 1)) : '');
        elementStart = -1;
      }
      if (inArray && depth === 2) return out;
      depth -= 1;
    } else if (c === 0x2c /* , */ && depth === 1) {
      lastString = '';
    }
  }
  return out;
}

/** The index of the quote closing the string that opens at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    i = text.indexOf('"', i + 1);
    if (i < 0) return -1;
    let slashes = 0;
    for (let j = i - 1; text.charCodeAt(j) === 0x5c; j--) slashes += 1;
    if (slashes % 2 === 0) return i;
  }
}

/**
 * Raw newlines in JSON text are always whitespace between tokens (inside strings they are
 * escaped), so dropping the four spaces of nesting after each one changes no value.
 */
const dedent = (element: string): string => `${element.replace(/\n {4}/g, '\n')}\n`;
