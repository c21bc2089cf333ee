/** triage_traces' follow-ups on the window: a wider one when --since cut the older cohort, the week up to the newest trace when nothing matched. */
import { describe, expect, it } from 'vitest';
import type { ChangeReport } from '../../../../scripts/lib/analysis/changes/change-report.js';
import { triageArgs, TRIAGE_OPTIONS, type TriageInput } from '../../../../scripts/lib/commands/triage/triage-args.js';
import { weekUpTo, widerWindow } from '../../../../scripts/lib/commands/triage/triage-traces.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const input = (o: Partial<TriageInput>): TriageInput =>
  ({
    ...Object.fromEntries(Object.keys(TRIAGE_OPTIONS).map((k) => [k, undefined])),
    tag: [],
    metadata: [],
    feedback: [],
    slices: 8,
    maxFailing: 1_000,
    spans: false,
    experimentId: '2',
    outDir: undefined,
    timeout: 30,
    fresh: false,
    maxChars: 20_000,
    ...o,
  }) as TriageInput;
const args = (o: Partial<TriageInput>, argv: string[]) => triageArgs(input(o), argv, NOW);
/** The older cohort starts in the window's first hour with under 100 traces: the window cut it. */
const cut = (firstIso: string) => ({ from: '2.7.0', cohorts: [{ value: '2.7.0', traces: 12, first: firstIso }] }) as unknown as ChangeReport;
const sinceOf = (cmd: string | null) => /--since (\S+)/.exec(cmd ?? '')?.[1];

describe('triageArgs window', () => {
  it("keeps --since / --until as typed and this run's clock, for the header", () => {
    expect(args({ since: '24h' }, []).window).toEqual({ sinceMs: NOW - 86_400_000, untilMs: undefined, nowMs: NOW, flags: ['--since', '24h'] });
    expect(args({}, []).window.flags).toEqual([]);
  });
});

describe('widerWindow', () => {
  it('with --until: an absolute --since twice as far back from --until (never hours, which count from now)', () => {
    const a = args({ since: '2026-10-06T00:00Z', until: '2026-10-07T00:00Z' }, ['2', '--since', '2026-10-06T00:00Z', '--until', '2026-10-07T00:00Z']);
    const cmd = widerWindow(a, cut('2026-10-06T00:10:00Z'), NOW);
    expect(sinceOf(cmd)).toBe('2026-10-05T00:00Z');
    expect(cmd).toContain('--until 2026-10-07T00:00Z');
    expect(cmd).not.toMatch(/--since \d+h/);
    // The command it prints parses, and doubles the window.
    const again = args({ since: sinceOf(cmd), until: '2026-10-07T00:00Z' }, []);
    expect(again.spec.sinceMs).toBe(Date.parse('2026-10-05T00:00:00Z'));
  });
  it('without --until the window ends now: hours back from now are right', () => {
    const a = args({ since: '7d' }, ['2', '--since', '7d']);
    expect(sinceOf(widerWindow(a, cut(new Date(NOW - 7 * 86_400_000 + 600_000).toISOString()), NOW))).toBe('336h');
  });
  it('not when the older cohort is large or starts well inside the window', () => {
    const a = args({ since: '7d' }, ['2', '--since', '7d']);
    expect(widerWindow(a, cut(new Date(NOW - 86_400_000).toISOString()), NOW)).toBeNull();
  });
});

describe('weekUpTo', () => {
  const a = args({ since: '7d' }, ['2', '--since', '7d']);
  const newest = { traceId: 'tr-1', timeMs: Date.parse('2026-10-07T23:50:00Z') };
  it('the window starts after the newest trace: the week up to it, --until the minute after it', () => {
    const w = weekUpTo(a, newest);
    expect(w?.newestMs).toBe(newest.timeMs);
    expect(w?.command).toMatch(/triage_traces\.\w+ 2 --since 2026-09-30T23:51Z --until 2026-10-07T23:51Z$/);
    const again = args({ since: '2026-09-30T23:51Z', until: '2026-10-07T23:51Z' }, []);
    expect((again.spec.untilMs ?? 0) > newest.timeMs).toBe(true);
  });
  it('nothing to say without --since, with the newest inside the window, or with no time', () => {
    expect(weekUpTo(args({}, ['2']), newest)).toBeNull();
    expect(weekUpTo(a, { traceId: 'tr-2', timeMs: NOW - 3_600_000 })).toBeNull();
    expect(weekUpTo(a, { traceId: 'tr-3', timeMs: null })).toBeNull();
    expect(weekUpTo(a, null)).toBeNull();
  });
});
