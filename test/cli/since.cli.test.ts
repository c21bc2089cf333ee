/**
 * --since: a time bound ANDed into the session search (`attributes.timestamp_ms >= N`), so a store
 * that scans its whole history for a session id scans less. Parsed once (`parseSince`), applied
 * by the real CLI, carried into every follow-up command.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { andFilter, parseSince, sessionFilter, sinceFilter } from '../../scripts/lib/mlflow/filter.js';
import { main, run, type Run } from '../support/helpers.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('parseSince', () => {
  it.each([
    ['24h', NOW - 86_400_000],
    ['7d', NOW - 7 * 86_400_000],
    ['30m', NOW - 1_800_000],
    ['2w', NOW - 14 * 86_400_000],
    ['1.5h', NOW - 5_400_000],
    ['2026-11-20', Date.parse('2026-11-20T00:00:00Z')],
    ['2026-11-20T10:12:00Z', Date.parse('2026-11-20T10:12:00Z')],
    ['2026-11-20T10:12:00+02:00', Date.parse('2026-11-20T08:12:00Z')],
  ])('%s', (v, want) => expect(parseSince(v, NOW)).toBe(want));

  it.each(['yesterday', '7', '-7d', '7 days', '2026-13-45', ''])('rejects %j with a usage error', (v) => {
    expect(() => parseSince(v, NOW)).toThrow(/--since .* is neither a duration \(30m, 24h, 7d, 2w\) nor a date/);
  });

  it('is ANDed after the session clause', () => {
    expect(andFilter(sessionFilter('s-1'), sinceFilter(1795169520000.7))).toBe(
      "metadata.`mlflow.trace.session` = 's-1' AND trace.timestamp_ms >= 1795169520000",
    );
    expect(andFilter(sessionFilter('s-1'), null)).toBe("metadata.`mlflow.trace.session` = 's-1'");
  });
});

describe('--since on the session scripts (real CLI)', () => {
  const X = main.experiment_id;
  const session = main.sessions.hotel?.id as string;
  let bounded: Run;
  let discover: Run;
  let tooLate: Run;
  let bad: Run;
  beforeAll(async () => {
    [bounded, discover, tooLate, bad] = await Promise.all([
      run('session_transcript', [X, session, '--since', '2026-11-20T10:12:00Z', '--json']),
      run('discover_schema', [X, session, '--since', '3650d']),
      run('session_transcript', [X, session, '--since', '2030-01-01']),
      run('session_transcript', [X, session, '--since', 'last week'], { MLFLOW_BIN: '/nonexistent' }),
    ]);
  });

  it('keeps only the turns that started at or after the bound', () => {
    expect(bounded.exitCode, bounded.stderr).toBe(0);
    const j = bounded.json() as { turnCount: number; turns: Array<{ requestTime: string }> };
    expect(j.turnCount).toBe(3);
    expect(j.turns.map((t) => t.requestTime)).toEqual(['2026-11-20T10:12:00.000Z', '2026-11-20T10:22:40.000Z', '2026-11-20T10:23:20.000Z']);
  });

  it('carries --since into the follow-up commands', () => {
    expect(discover.exitCode, discover.stderr).toBe(0);
    expect(discover.stdout).toMatch(/session_transcript\.(?:ts|mjs) \d+ hotel-booking-42 --since 3650d/);
  });

  it('says when the bound is what hides the session → 5', () => {
    expect(tooLate.exitCode).toBe(5);
    expect(tooLate.stderr).toMatch(/^error: No trace in experiment \d+ has session id "hotel-booking-42" since 2030-01-01T00:00:00.000Z \(--since\)\./);
    expect(tooLate.stderr).toMatch(/hint: The session has older traces: widen or drop --since\./);
  });

  it('a bad --since is a usage error before any mlflow call → 2', () => {
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/--since .* is neither a duration/);
  });
});
