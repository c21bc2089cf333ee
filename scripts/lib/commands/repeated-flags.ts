/**
 * Flags that may be given more than once (`--feedback a=1 --feedback b=2`), taken out of argv
 * before the shared parser (which refuses repeats) sees the rest.
 */
import { SkillError } from '../core/errors.js';

export function takeRepeated(argv: readonly string[], names: readonly string[]): { repeated: Record<string, string[]>; rest: string[] } {
  const repeated: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    const name = names.find((n) => a === `--${n}` || a.startsWith(`--${n}=`));
    if (!name) {
      rest.push(a);
      continue;
    }
    if (a.startsWith(`--${name}=`)) {
      repeated[name]?.push(a.slice(name.length + 3));
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined) throw new SkillError('usage', `--${name} needs a value.`);
    repeated[name]?.push(value);
    i++;
  }
  return { repeated, rest };
}
