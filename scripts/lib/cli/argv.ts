/**
 * argv → positionals and raw option values, once. `--name value`, `--name=value`, `--no-flag`
 * and `--flag=true|false` all work; an unknown option, a missing value or a repeated
 * single-valued option is a one-line usage error.
 */
import { bare, SkillError, shown } from '../core/errors.js';
import { flagName, type OptionShape } from './options.js';

export type RawValue = boolean | string | string[];

export interface ParsedArgv {
  positionals: string[];
  /** By option key (camelCase), as typed. */
  raw: Record<string, RawValue>;
}

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

export function parseArgv(argv: readonly string[], shape: OptionShape): ParsedArgv {
  const byFlag = new Map(Object.keys(shape).map((k) => [flagName(k), k]));
  const positionals: string[] = [];
  const raw: Record<string, RawValue> = {};
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (token === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (token === '-h') {
      raw.help = true;
      continue;
    }
    if (!token.startsWith('--')) {
      positionals.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const inline = eq < 0 ? undefined : token.slice(eq + 1);
    const negated = name.startsWith('no-') && !byFlag.has(name) ? name.slice(3) : null;
    const key = byFlag.get(negated ?? name);
    const def = key === undefined ? undefined : shape[key];
    if (key === undefined || !def || (negated && def.kind !== 'flag')) {
      throw new SkillError('usage', `Unknown option ${bare(token.split('=')[0] as string)}.`, { hint: 'Run with --help for the options.' });
    }
    if (def.kind === 'flag') {
      raw[key] = negated ? false : flagValue(name, inline);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && isOption(value, byFlag))) {
      throw new SkillError('usage', `--${name} needs a value${def.metavar ? ` (${def.metavar})` : ''}.`, {
        hint: `Give it as --${name} ${def.metavar ?? 'VALUE'} or --${name}=${def.metavar ?? 'VALUE'}; --help lists what it takes.`,
      });
    }
    if (def.kind === 'list') raw[key] = [...((raw[key] as string[] | undefined) ?? []), value];
    else if (raw[key] !== undefined) throw new SkillError('usage', `--${name} was given more than once.`, { hint: `Give --${name} once.` });
    else raw[key] = value;
  }
  return { positionals, raw };
}

function flagValue(name: string, inline: string | undefined): boolean {
  if (inline === undefined) return true;
  const v = inline.toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new SkillError('usage', `--${name} is a switch: give it alone, or as --${name}=true|false, not ${shown(inline)}.`, {
    hint: `Write --${name} or --no-${name}.`,
  });
}

/** A following `--known-option` is not the value of the one before: its value is missing. */
const isOption = (token: string, byFlag: Map<string, string>): boolean => token.startsWith('--') && byFlag.has(token.slice(2).split('=')[0] as string);

/** Whether argv asks for JSON, read without throwing: an error must still answer in JSON. */
export function asksForJson(argv: readonly string[]): boolean {
  let json = false;
  for (const a of argv) {
    if (a === '--') break;
    if (a === '--json') json = true;
    else if (a === '--no-json') json = false;
    else if (a.startsWith('--json=')) json = TRUE.has(a.slice(7).toLowerCase());
  }
  return json;
}
