/**
 * Colours for a person at a terminal, never for an agent reading a pipe or a file: on only when
 * stdout is a TTY, and never with NO_COLOR (https://no-color.org) or TERM=dumb.
 *
 * Six ANSI styles written out rather than taken from zx's chalk: loading zx (undici, fetch, yaml,
 * globbing) for them cost every script ~200 ms of CPU at start-up.
 */

export function colourEnabled(stream: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): boolean {
  return !!stream.isTTY && env.NO_COLOR === undefined && env.TERM !== 'dumb';
}

/**
 * One SGR style. A close code met inside (a nested style of the same kind ending) re-opens this
 * one, so the rest of the text keeps it, as chalk does.
 */
function sgr(open: number, close: number, on: boolean): (s: string) => string {
  if (!on) return (s) => s;
  const [o, c] = [`\u001b[${open}m`, `\u001b[${close}m`];
  return (s) => o + s.replaceAll(c, c + o) + c;
}

export function palette(on: boolean) {
  const bold = sgr(1, 22, on);
  const cyan = sgr(36, 39, on);
  return {
    error: sgr(31, 39, on),
    ok: sgr(32, 39, on),
    warn: sgr(33, 39, on),
    dim: sgr(2, 22, on),
    bold,
    head: (s: string) => bold(cyan(s)),
  };
}

export const paint = palette(colourEnabled());
