/**
 * Recognising, on one line of source, the definition of a named function (Python `def` /
 * `async def` and methods; TypeScript/JavaScript functions, methods, arrow functions and object
 * members) and a span name given as a literal to a tracing call (`@mlflow.trace(name=…)`,
 * `start_span(name=…)`, the TS SDK's `trace(fn, {name})`, `withSpan(…, {name})`,
 * `startSpan({name})`). Line-based on purpose: no parser to install, and fast enough to run on
 * every line git grep hands back.
 */

export type Lang = 'python' | 'js';

const JS_EXT = /\.(?:[cm]?[jt]sx?)$/i;
export function langOf(path: string): Lang | null {
  if (/\.pyi?$/i.test(path)) return 'python';
  if (JS_EXT.test(path)) return 'js';
  return null;
}
/** The file kinds searched (for git pathspecs and the walk). */
export const SOURCE_GLOBS = ['*.py', '*.pyi', '*.ts', '*.tsx', '*.mts', '*.cts', '*.js', '*.jsx', '*.mjs', '*.cjs'];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MODIFIERS = '(?:(?:export|default|public|private|protected|static|async|override|readonly|abstract|declare|get|set)\\s+)*';

export type DefinitionKind = 'function' | 'method' | 'arrow function';

interface Pattern {
  re: RegExp;
  kind: DefinitionKind;
}

const cache = new Map<string, Pattern[]>();
function patterns(name: string, lang: Lang): Pattern[] {
  const key = `${lang}\0${name}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const n = esc(name);
  const made: Pattern[] =
    lang === 'python'
      ? [{ re: new RegExp(`^\\s*(?:async\\s+)?def\\s+${n}\\s*\\(`), kind: 'function' }]
      : [
          { re: new RegExp(`\\bfunction\\s*\\*?\\s*${n}\\s*(?:<[^>]*>)?\\s*\\(`), kind: 'function' },
          { re: new RegExp(`(?:^|[\\s.])${n}\\s*=\\s*(?:async\\s+)?function\\b`), kind: 'function' },
          {
            re: new RegExp(`\\b(?:const|let|var)\\s+${n}\\s*(?::[^=]*)?=\\s*(?:async\\s*)?(?:<[^>]*>\\s*)?(?:\\([^)]*\\)|[\\w$]+)\\s*(?::[^=]*)?=>`),
            kind: 'arrow function',
          },
          { re: new RegExp(`\\b(?:const|let|var)\\s+${n}\\s*(?::[^=]*)?=\\s*(?:async\\s*)?\\(\\s*$`), kind: 'arrow function' },
          // Class fields and object members holding arrow functions.
          { re: new RegExp(`^\\s*${MODIFIERS}${n}\\s*(?::[^=]*)?=\\s*(?:async\\s*)?(?:\\([^)]*\\)|[\\w$]+)\\s*(?::[^=]*)?=>`), kind: 'arrow function' },
          { re: new RegExp(`^\\s*['"]?${n}['"]?\\s*:\\s*(?:async\\s*)?(?:function\\b|\\([^)]*\\)\\s*(?::[^=]*)?=>|[\\w$]+\\s*=>)`), kind: 'arrow function' },
          // Methods (class or object shorthand): the line ends by opening the body, or the
          // parameter list runs on to the next lines. A call never ends with `{`.
          {
            re: new RegExp(`^\\s*${MODIFIERS}\\*?\\s*${n}\\s*(?:<[^>]*>)?\\s*\\((?:.*\\)\\s*(?::\\s*[^;=]*?)?\\s*\\{\\s*(?:\\}\\s*)?|[^)]*)$`),
            kind: 'method',
          },
        ];
  cache.set(key, made);
  return made;
}

/** The kind of definition of `name` on this line, or null when the line does not define it. */
export function definitionOn(line: string, name: string, lang: Lang): DefinitionKind | null {
  if (!line.includes(name)) return null;
  for (const p of patterns(name, lang)) if (p.re.test(line)) return p.kind;
  return null;
}

const TRACE_CALL = /\bmlflow\.trace\b|@trace\b|\bstart_span(?:_no_context)?\s*\(|\bstartSpan\s*\(|\bwithSpan\s*\(|\btrace\s*\(|\bspan_name\s*=|\bspanName\s*:/;

/**
 * Whether line `index` of `lines` passes `spanName` as a literal to a tracing call: the quoted
 * name on the line, and the call on it or up to three lines above (a call spread over lines).
 */
export function spanNameLiteralAt(lines: readonly string[], index: number, spanName: string): boolean {
  const line = lines[index] ?? '';
  if (!['"', "'", '`'].some((q) => line.includes(`${q}${spanName}${q}`))) return false;
  if (TRACE_CALL.test(line)) return true;
  // A call above only counts while it is still open on the literal's line.
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const m = TRACE_CALL.exec(lines[i] ?? '');
    if (!m) continue;
    const between = [(lines[i] ?? '').slice(m.index), ...lines.slice(i + 1, index)].join('\n');
    return depth(between) > 0;
  }
  return false;
}

/** Brackets opened minus closed (strings are not parsed: good enough for a call's head). */
const depth = (s: string): number => (s.match(/[({[]/g)?.length ?? 0) - (s.match(/[)}\]]/g)?.length ?? 0);

/** The class around line `index` (Python by indentation, JS by the nearest open class above). */
export function enclosingClass(lines: readonly string[], index: number, lang: Lang): string | null {
  const indentOf = (s: string) => s.length - s.trimStart().length;
  const own = indentOf(lines[index] ?? '');
  if (lang === 'python' && own === 0) return null;
  for (let i = index - 1; i >= 0 && i >= index - 2000; i--) {
    const l = lines[i] ?? '';
    if (!l.trim()) continue;
    const ind = indentOf(l);
    if (lang === 'python') {
      if (ind >= own) continue;
      const m = /^\s*class\s+([A-Za-z_]\w*)/.exec(l);
      if (m) return m[1] ?? null;
      if (/^\s*(?:async\s+)?def\s/.test(l) || ind === 0) return null;
    } else {
      const m = /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/.exec(l);
      if (m && ind < own) return m[1] ?? null;
      if (ind === 0 && /^\S/.test(l) && !/^[})\]]/.test(l)) return null;
    }
  }
  return null;
}

export interface Definition {
  line: number;
  kind: DefinitionKind;
  className: string | null;
  text: string;
}

/** Every definition of `name` in a file's text (1-based lines). */
export function findDefinitions(text: string, name: string, lang: Lang): Definition[] {
  if (!text.includes(name)) return [];
  const lines = text.split('\n');
  const out: Definition[] = [];
  lines.forEach((l, i) => {
    const kind = definitionOn(l, name, lang);
    if (!kind) return;
    const className = enclosingClass(lines, i, lang);
    out.push({ line: i + 1, kind: kind === 'function' && className && lang === 'python' ? 'method' : kind, className, text: l });
  });
  return out;
}
