/** The front half of the session commands: arguments checked, the session's traces fetched, a miss explained. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSession, type SessionInput, sessionArgs } from '../../../../scripts/lib/commands/session/session-job.js';
import { SkillError } from '../../../../scripts/lib/core/errors.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture } from '../../../support/helpers.js';

const FILE = fixture('search-hotel-session-nospans.json');
const input = (o: Partial<SessionInput> = {}): SessionInput => ({
  experimentId: '1',
  sessionId: 'hotel-booking-42',
  fromFile: undefined,
  since: undefined,
  outDir: undefined,
  timeout: 120,
  fresh: false,
  maxChars: 20_000,
  ...o,
});
const usage = (fn: () => unknown): SkillError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SkillError) return e;
    throw e;
  }
  throw new Error('expected an error');
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('the arguments', () => {
  it('a session id is required; an experiment too, unless the traces come from a file', () => {
    expect(usage(() => sessionArgs(input({ sessionId: undefined }))).message).toBe('A session id is required.');
    const noExp = usage(() => sessionArgs(input({ experimentId: undefined })));
    expect(noExp.message).toBe('An experiment is required.');
    expect(noExp.hint).toMatch(/MLFLOW_EXPERIMENT_ID/);
    expect(sessionArgs(input({ experimentId: undefined, fromFile: FILE })).experimentId).toBeNull();
  });

  it('--since is read once; follow-ups repeat the source and --since as written', () => {
    vi.spyOn(process, 'argv', 'get').mockReturnValue(['node', join(process.cwd(), 'dist', 'session_transcript.mjs')]);
    const a = sessionArgs(input({ experimentId: undefined, fromFile: FILE, since: '2026-11-20T10:20:00Z', timeout: 9 }));
    expect(a.sinceMs).toBe(Date.parse('2026-11-20T10:20:00Z'));
    expect(a.cli).toEqual({ dir: undefined, timeoutMs: 9_000, fresh: false });
    expect(a.again('discover_schema', ['--json'])).toBe(
      `node ./dist/discover_schema.mjs - hotel-booking-42 --from-file ${FILE} --since 2026-11-20T10:20:00Z --json`,
    );
  });
});

describe('the traces', () => {
  it('from a file, cut to the limit; none of that session is session-not-found', async () => {
    const got = await fetchSession(sessionArgs(input({ fromFile: FILE })), false, 2);
    expect(got.traces).toHaveLength(2);
    expect(got.files).toEqual([FILE]);
    const none = await fetchSession(sessionArgs(input({ fromFile: FILE, sessionId: 'other' })), false).catch((e: unknown) => e);
    expect(none).toMatchObject({ kind: 'session-not-found', message: `No trace of session "other" in ${FILE}.` });
  });

  it('from mlflow', async () => {
    useFakeMlflow().answer('search', readFileSync(FILE, 'utf8'));
    expect((await fetchSession(sessionArgs(input()), false)).traces).toHaveLength(6);
  });
});

describe('a session that is not there: one more call says why', () => {
  const empty = JSON.stringify({ traces: [], next_page_token: null });
  /** The session's own search (oldest first) finds nothing; the recent traces (newest first) are `recent`. */
  const miss = (recent: string) => {
    const fake = useFakeMlflow('http://localhost:5000');
    fake.answer('search', empty, 'timestamp_ms ASC');
    fake.answer('search', recent, 'timestamp_ms DESC');
    return fake;
  };

  it('the experiment has no traces', async () => {
    const fake = miss(empty);
    await expect(fetchSession(sessionArgs(input({ sessionId: 'x' })), false)).rejects.toMatchObject({
      kind: 'experiment-not-found',
      message: 'Experiment 1 has no traces (or does not exist in this tracking store).',
    });
    expect(fake.calls()[1]).toEqual([
      'traces',
      'search',
      '--experiment-id',
      '1',
      '--output',
      'json',
      '--max-results',
      '200',
      '--order-by',
      'timestamp_ms DESC',
      '--no-include-spans',
    ]);
  });

  it('a wrong session id: the recent session ids there', async () => {
    miss(readFileSync(FILE, 'utf8'));
    await expect(fetchSession(sessionArgs(input({ sessionId: 'hotel-booking-41' })), false)).rejects.toMatchObject({
      kind: 'session-not-found',
      message: 'No trace in experiment 1 has session id "hotel-booking-41".',
      hint: 'Recent session ids there: "hotel-booking-42"',
    });
  });

  it('with --since: the session has older traces, or it is not among the recent ones', async () => {
    miss(readFileSync(FILE, 'utf8'));
    const since = '2026-11-21T00:00:00Z';
    await expect(fetchSession(sessionArgs(input({ since })), false)).rejects.toMatchObject({
      message: `No trace in experiment 1 has session id "hotel-booking-42" since 2026-11-21T00:00:00.000Z (--since).`,
      hint: 'The session has older traces: widen or drop --since.',
    });
    await expect(fetchSession(sessionArgs(input({ since, sessionId: 'gone' })), false)).rejects.toMatchObject({
      hint: 'Widen or drop --since. Recent session ids there: "hotel-booking-42"',
    });
  });

  it('recent traces without session ids: the app may not record sessions; the check itself failing says what to check', async () => {
    const noIds = JSON.parse(readFileSync(fixture('search-shapes.json'), 'utf8'));
    miss(JSON.stringify(noIds));
    await expect(fetchSession(sessionArgs(input()), false)).rejects.toMatchObject({ hint: expect.stringMatching(/the app may not record sessions/) });
    const fake = useFakeMlflow('http://localhost:5000');
    fake.answer('search', empty, 'timestamp_ms ASC');
    fake.fail('search', 'Error: boom', 'timestamp_ms DESC');
    await expect(fetchSession(sessionArgs(input()), false)).rejects.toMatchObject({
      kind: 'session-not-found',
      hint: 'Check the session id (trace metadata mlflow.trace.session) and the experiment id.',
    });
  });
});
