/**
 * Colours for a person at a terminal, never for an agent reading a pipe or a file: on only when
 * stdout is a TTY, and never with NO_COLOR (https://no-color.org) or TERM=dumb.
 */
import { chalk } from 'zx';

export function colourEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

chalk.level = colourEnabled() ? (Math.max(chalk.level, 1) as typeof chalk.level) : 0;

export const paint = {
  error: (s: string) => chalk.red(s),
  ok: (s: string) => chalk.green(s),
  warn: (s: string) => chalk.yellow(s),
  dim: (s: string) => chalk.dim(s),
  bold: (s: string) => chalk.bold(s),
  head: (s: string) => chalk.bold.cyan(s),
};
