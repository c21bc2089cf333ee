/** The experiment-window front half: options → one filter; a saved file read without mlflow. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  lookupClause,
  noTraceIn,
  readWindow,
  resolveWindowExperiment,
  windowArgs,
  type WindowInput,
} from '../../../../scripts/lib/commands/window/window-job.js';
import { SkillError } from '../../../../scripts/lib/core/errors.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture } from '../../../support/helpers.js';

const input = (o: Partial<WindowInput> = {}): WindowInput => ({ experimentId: '1', tag: [], outDir: undefined, timeout: 60, fresh: false, ...o });

describe('windowArgs', () => {
  it('ANDs the window, user and tags into one filter and keeps the options for follow-ups', () => {
    const a = windowArgs(input({ since: '2026-12-07', until: '2026-12-14', user: 'ana', tag: ['app_version=5.2'] }));
    expect(a.filter).toBe(
      "trace.timestamp_ms >= 1796601600000 AND trace.timestamp_ms < 1797206400000 AND tag.app_version = '5.2' AND metadata.`mlflow.trace.user` = 'ana'",
    );
    expect(a.source).toEqual(['--since', '2026-12-07', '--until', '2026-12-14', '--user', 'ana', '--tag', 'app_version=5.2']);
    expect(a.limit).toBe(20_000);
    expect(windowArgs(input({ limit: '0' })).limit).toBeNull();
  });
  it('keeps the experiment as given for follow-ups; with no trace, names it with its id beside', () => {
    const a = windowArgs(input({ experimentId: 'bank-helpdesk' }));
    a.experimentId = '1';
    expect(a.given).toBe('bank-helpdesk');
    expect(noTraceIn(a).message).toBe('No trace in experiment bank-helpdesk (id 1).');
  });
  it("keeps the bounds and this run's clock for the header; a saved file has no clock", () => {
    const now = Date.parse('2026-12-08T01:40:00Z');
    expect(windowArgs(input({ since: '7d' }), now).window).toEqual({ sinceMs: now - 7 * 86_400_000, untilMs: undefined, nowMs: now, flags: ['--since', '7d'] });
    expect(windowArgs(input({ fromFile: 'x.json', until: '2026-11-21' }), now).window).toMatchObject({ nowMs: undefined, flags: ['--until', '2026-11-21'] });
  });
  it('refuses a missing experiment, a bad tag and a bad limit as usage errors', () => {
    for (const o of [{ experimentId: undefined }, { tag: ['novalue'] }, { limit: 'ten' }]) expect(() => windowArgs(input(o))).toThrow(SkillError);
  });
});

describe('readWindow', () => {
  it('reads a saved search without mlflow, cut at --limit', async () => {
    const a = windowArgs(input({ fromFile: fixture('search-hotel-session-nospans.json'), limit: '2' }));
    const r = await readWindow(a, false, 'x');
    expect(r).toMatchObject({ calls: 0, more: true });
    expect(r.traces).toHaveLength(2);
  });
  it('holds a saved file to --since / --until too, as the header states them', async () => {
    const a = windowArgs(input({ fromFile: fixture('search-hotel-session-nospans.json'), since: '2026-11-20T10:11Z', until: '2026-11-20T10:20Z' }));
    const r = await readWindow(a, false, 'x');
    expect(r.traces.map((t) => t.info.requestTimeMs)).toEqual([Date.parse('2026-11-20T10:11:20Z'), Date.parse('2026-11-20T10:12:00Z')]);
  });
});

describe('resolveWindowExperiment', () => {
  afterEach(() => vi.unstubAllEnvs());
  const table = [
    'Experiment Id  Name              Artifact Location',
    '-------------  ----------------  -----------------',
    '7              fjordtel-support  file:///a',
    '',
  ];
  it('counts the name lookup (an mlflow process like any read), none when cached, none for an id or a file', async () => {
    const fake = useFakeMlflow();
    fake.answer('search', table.join('\n'));
    const a = windowArgs(input({ experimentId: 'fjordtel-support' }));
    expect(await resolveWindowExperiment(a)).toBe(1);
    expect(a).toMatchObject({ experimentId: '7', given: 'fjordtel-support' });
    expect(await resolveWindowExperiment(windowArgs(input({ experimentId: 'fjordtel-support' })))).toBe(0);
    expect(await resolveWindowExperiment(windowArgs(input({ experimentId: '12' })))).toBe(0);
    expect(await resolveWindowExperiment(windowArgs(input({ fromFile: fixture('search-hotel-session-nospans.json') })))).toBe(0);
    expect(fake.calls()).toHaveLength(1);
    expect(lookupClause(1)).toBe(', 1 to look the experiment name up (cached 5 min; an id needs none)');
    expect(lookupClause(0)).toBe('');
  });
});
