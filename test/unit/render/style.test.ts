import { describe, expect, it } from 'vitest';
import { colourEnabled, palette } from '../../../scripts/lib/render/style.js';

const ESC = '\u001b';

describe('colours', () => {
  it('are plain text when off', () => {
    const p = palette(false);
    expect(p.error('x') + p.head('y') + p.dim('z')).toBe('xyz');
  });

  it('wrap text in its SGR codes when on', () => {
    const p = palette(true);
    expect(p.error('ERROR')).toBe(`${ESC}[31mERROR${ESC}[39m`);
    expect(p.head('H')).toBe(`${ESC}[1m${ESC}[36mH${ESC}[39m${ESC}[22m`);
  });

  it('keep the outer colour after a nested one ends', () => {
    const p = palette(true);
    const s = p.error(`a ${p.ok('b')} c`);
    // After ok's close (39), red opens again so that " c" stays red.
    expect(s).toBe(`${ESC}[31ma ${ESC}[32mb${ESC}[39m${ESC}[31m c${ESC}[39m`);
  });

  it('are on only for a TTY without NO_COLOR or TERM=dumb', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    expect(colourEnabled(tty, {})).toBe(true);
    expect(colourEnabled(tty, { NO_COLOR: '' })).toBe(false);
    expect(colourEnabled(tty, { TERM: 'dumb' })).toBe(false);
    expect(colourEnabled({ isTTY: false } as NodeJS.WriteStream, {})).toBe(false);
  });
});
