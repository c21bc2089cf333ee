import { describe, expect, it } from 'vitest';
import { windowJson, windowText } from '../../../scripts/lib/render/window-line.js';

const NOW = Date.parse('2026-12-08T01:40:30Z');
const WEEK_AGO = NOW - 7 * 86_400_000;

describe('windowText', () => {
  it('states --since to now, in UTC, with the flag as typed', () => {
    expect(windowText({ sinceMs: WEEK_AGO, nowMs: NOW, flags: ['--since', '7d'] })).toBe('2026-12-01 01:40 → now, 2026-12-08 01:40 UTC (--since 7d)');
  });
  it('ends at --until when given, not now', () => {
    const until = Date.parse('2026-12-05T00:00Z');
    expect(windowText({ sinceMs: WEEK_AGO, untilMs: until, nowMs: NOW, flags: ['--since', '7d', '--until', '2026-12-05'] })).toBe(
      '2026-12-01 01:40 → 2026-12-05 00:00 UTC (--since 7d --until 2026-12-05)',
    );
    expect(windowText({ untilMs: until, nowMs: NOW, flags: ['--until', '2026-12-05'] })).toBe('the first trace → 2026-12-05 00:00 UTC (--until 2026-12-05)');
  });
  it('a saved file has no now: --since alone runs to its last trace', () => {
    expect(windowText({ sinceMs: WEEK_AGO, flags: ['--since', '7d'] })).toBe("2026-12-01 01:40 UTC → the file's last trace (--since 7d)");
  });
  it('says nothing with neither bound', () => {
    expect(windowText({ nowMs: NOW, flags: [] })).toBeNull();
  });
});

describe('windowJson', () => {
  it('gives the bounds and the clock as ISO strings, null when absent', () => {
    expect(windowJson({ sinceMs: WEEK_AGO, nowMs: NOW, flags: [] })).toEqual({
      since: '2026-12-01T01:40:30.000Z',
      until: null,
      now: '2026-12-08T01:40:30.000Z',
    });
    expect(windowJson({ flags: [] })).toEqual({ since: null, until: null, now: null });
  });
});
