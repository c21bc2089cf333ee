/** discover_schema and session_transcript against the real CLI and the seeded sqlite store. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, large, main, ROOT, run, type Run, tempDir } from '../support/helpers.js';

const X = main.experiment_id;
const hotel = main.sessions.hotel?.id as string;
const hostile = main.sessions.hostile?.id as string;

describe('the six-turn hotel session', () => {
  let discover: Run;
  let transcript: Run;
  let json: Run;
  let range: Run;
  beforeAll(async () => {
    // The --json run fetches (and counts its calls); the other views of it reuse its cache.
    const shared = { XDG_CACHE_HOME: tempDir('xdg-') };
    [discover, json] = await Promise.all([run('discover_schema', [X, hotel]), run('session_transcript', ['--experiment-id', X, hotel, '--json'], shared)]);
    [transcript, range] = await Promise.all([
      run('session_transcript', [X, hotel], shared),
      run('session_transcript', [hotel, '--turns', '3-5'], { ...shared, MLFLOW_EXPERIMENT_ID: X }),
    ]);
  });

  it('discover_schema finds the keys, the shape and turn 1, in one call', () => {
    expect(discover.exitCode).toBe(0);
    expect(discover.stdout).toMatch(/the root span carries the turn \(not a wrapper\)/);
    expect(discover.stdout).toMatch(/mlflow\.spanInputs \[mlflow\] on "travel_assistant" → messages\[last user\]/);
    expect(discover.stdout).toMatch(/turn 1: Hi, I need a hotel in Lisbon/);
    expect(discover.stdout).toMatch(/previews hold the turn text/);
    expect(discover.stdout).toMatch(/Session-level[^\n]*\n\s+Verdicts[^\n]*\n\s+✗ conversation_quality = false/);
    expect(discover.stdout).toMatch(/session_transcript\.(?:ts|mjs) 1 hotel-booking-42\n/);
  });

  it('session_transcript shows every turn in order with the session-level verdict on top', () => {
    expect(transcript.exitCode).toBe(0);
    const turnsPart = transcript.stdout.slice(transcript.stdout.indexOf('TURNS'));
    const order = [
      'Hi, I need a hotel',
      'Does it have free breakfast',
      'What time is check-out',
      'museum tour on Dec 7',
      "That's wrong",
      'Cancel the museum tour',
    ].map((s) => turnsPart.indexOf(s));
    expect(order.every((v, i) => v > 0 && (i === 0 || v > (order[i - 1] as number)))).toBe(true);
    expect(transcript.stdout.indexOf('SESSION-LEVEL')).toBeLessThan(transcript.stdout.indexOf('TURNS'));
    expect(transcript.stdout).toMatch(/#1 turn 5 \(score \d+\)/);
    expect(transcript.stdout).toMatch(/The earliest strong signal is turn 3/);
  });

  it('--json: six turns, the negative-verdict turn ranked first; a short session is read with its spans (a second call)', () => {
    const j = json.json() as { turns: Array<{ user: { text: string } }>; suspects: Array<{ turn: number }>; mlflowCalls: number; spansLoaded: boolean };
    expect(j.turns).toHaveLength(6);
    expect(j.turns[4]?.user.text).toMatch(/^That's wrong/);
    expect(j.suspects[0]?.turn).toBe(5);
    expect(j.mlflowCalls).toBe(2);
    expect(j.spansLoaded).toBe(true);
  });

  it('--turns 3-5 shows those turns in full, experiment from MLFLOW_EXPERIMENT_ID', () => {
    expect(range.exitCode).toBe(0);
    expect(range.stdout).toMatch(/TURNS 3–5 \(in full\)/);
    expect(range.stdout).toMatch(/text from: span "/);
    expect(range.stdout).not.toMatch(/Hi, I need a hotel in Lisbon for 3 nights from Dec 4\.\n/);
  });
});

describe('the wrapper-root session needs spans, and gets them', () => {
  let r: Run;
  beforeAll(async () => {
    r = await run('session_transcript', [X, main.sessions.wrapper?.id as string, '--json']);
  });
  it('reads the turn two levels down, with a second call only because previews were opaque', () => {
    const j = r.json() as { turns: Array<{ user: { text: string }; reply: { text: string }; source: string }>; mlflowCalls: number };
    expect(j.turns.map((t) => t.user.text)).toEqual(['How do I reset my password?', "I didn't get the email.", 'Resend it please.']);
    expect(j.turns[2]?.reply.text).toMatch(/^Sent\./);
    expect(j.turns[0]?.source).toMatch(/support_bot/);
    expect(j.mlflowCalls).toBe(2);
  });
});

describe('hostile session ids reach mlflow intact, through no shell', () => {
  let r: Run;
  beforeAll(async () => {
    r = await run('session_transcript', [X, hostile]);
  });
  it("finds the session whose id holds ', backticks, $() and unicode", () => {
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/2 turns/);
    expect(r.stdout).toMatch(/user:\s+hello/);
    expect(existsSync(join(ROOT, 'pwned'))).toBe(false);
  });
  it('refuses an id with both quote kinds with a clear usage error, before any mlflow call', async () => {
    const both = await run('discover_schema', [X, `it's a "test"`, '--json']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/both ' and " quotes/);
    expect(both.json()).toMatchObject({ mlflowCalls: 0 });
  });
});

describe('sessions that are not there', () => {
  it('an unknown session id → 5, with the session ids that exist', async () => {
    const r = await run('discover_schema', [X, 'no-such-session']);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/No trace in experiment 1 has session id "no-such-session"/);
    expect(r.stderr).toMatch(/Recent session ids there: .*"hotel-booking-42"/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
  it('an unknown experiment → 5', async () => {
    const r = await run('session_transcript', ['4242', hotel]);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/Experiment 4242 has no traces/);
  });
  it('an experiment name no experiment has → 5; a missing session → 2', async () => {
    const [a, b] = await Promise.all([run('session_transcript', ['abc', hotel]), run('session_transcript', [X])]);
    expect(a.exitCode).toBe(5);
    expect(a.stderr).toMatch(/No experiment is named "abc"/);
    expect(b.exitCode).toBe(2);
  });
});

describe('the 1,100-turn session is complete', () => {
  let r: Run;
  let text: Run;
  beforeAll(async () => {
    const env = { MLFLOW_TRACKING_URI: large.tracking_uri, XDG_CACHE_HOME: tempDir('xdg-') };
    r = await run('session_transcript', ['1', large.sessions.long?.id as string, '--json'], env);
    text = await run('session_transcript', ['1', large.sessions.long?.id as string], env);
  });
  it('returns all 1,100 turns in order from one mlflow call', () => {
    const j = r.json() as { turnCount: number; turns: Array<{ n: number; user: { text: string } }>; mlflowCalls: number };
    expect(j.turnCount).toBe(1100);
    expect(j.turns.at(-1)?.user.text).toBe('Question number 1100: what is 1099 + 1099?');
    expect(j.mlflowCalls).toBe(1);
  });
  it('fits the default view in --max-chars and names the command for the rest', () => {
    expect(text.stdout.length).toBeLessThanOrEqual(20_000);
    expect(text.stdout).toMatch(/… turns \d+–1100 not shown \(\d+ turns\); see: .*--turns \d+-\d+/);
  });
});
