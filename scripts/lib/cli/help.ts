/**
 * --help, built from the command's definition: the same data that parses the options, so an
 * option cannot exist without its help line. Help is the tool's own words: never redacted.
 */
import { EXIT_CODE_TABLE, SIGNAL_EXIT_HELP } from '../core/errors.js';
import { flagName, type OptionDef, type OptionShape } from './options.js';

export interface ArgDef {
  /** camelCase key; the argument is also taken as --kebab-key. */
  key: string;
  metavar: string;
  help: string;
  /** Environment variables used, in order, when the argument is left out. */
  env?: readonly string[];
  optional?: boolean;
}

export interface HelpInput {
  name: string;
  summary: string;
  args: readonly ArgDef[];
  /** Every option, listed under its group's heading (in order of first appearance). */
  options: OptionShape;
  notes: readonly string[];
}

const COLUMN = 21;

export function usageLine(name: string, args: readonly ArgDef[]): string {
  return `Usage: ${[name, ...args.map((a) => (a.optional ? `[${a.metavar}]` : `<${a.metavar}>`)), '[options]'].join(' ')}`;
}

export function helpText(h: HelpInput): string {
  const parts = [usageLine(h.name, h.args), h.summary];
  if (h.args.length) parts.push(['Arguments:', ...h.args.map(argLine)].join('\n'));
  const groups = new Map<string, string[]>();
  for (const [key, d] of Object.entries(h.options)) {
    if (d.hidden) continue;
    const heading = d.group ?? 'Options';
    groups.set(heading, [...(groups.get(heading) ?? []), optionLine(key, d)]);
  }
  for (const [heading, lines] of groups) parts.push([`${heading}:`, ...lines].join('\n'));
  parts.push(...h.notes, exitCodeHelp());
  return `${parts.join('\n\n')}\n`;
}

function argLine(a: ArgDef): string {
  const also = [`or --${flagName(a.key)}`, ...(a.env ?? []).map((v) => `$${v}`)].join(', ');
  return column(`  ${a.metavar}`, `${a.help} (${also})`);
}

function optionLine(key: string, d: OptionDef): string {
  const left = `  --${flagName(key)}${d.metavar ? ` ${d.metavar}` : ''}`;
  return column(left, d.kind === 'list' ? `${d.help} (repeatable)` : d.help);
}

/** Left column padded; a long left side puts the text on the next line. */
function column(left: string, right: string): string {
  const pad = left.length < COLUMN - 1 ? left.padEnd(COLUMN) : `${left}\n${' '.repeat(COLUMN)}`;
  return `${pad}${right.split('\n').join(`\n${' '.repeat(COLUMN)}`)}`;
}

export function exitCodeHelp(): string {
  return ['Exit codes:', ...EXIT_CODE_TABLE.map(([code, what]) => `  ${code}  ${what}`), SIGNAL_EXIT_HELP].join('\n');
}
