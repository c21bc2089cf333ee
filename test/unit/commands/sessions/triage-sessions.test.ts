/** triage_sessions over a saved search: the hotel chat ranked, with the turn to open. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { executeCommand } from '../../../../scripts/lib/cli/command.js';
import { triageSessions } from '../../../../scripts/lib/commands/sessions/triage-sessions.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture } from '../../../support/helpers.js';

describe('triage_sessions --from-file', () => {
  it('lists the hotel chat with its evidence and the commands to open it', async () => {
    const out = (await executeCommand(triageSessions, ['--from-file', fixture('search-hotel-session-nospans.json')])).stdout;
    expect(out).toContain('SESSIONS — 1 sessions in 6 traces; 1 show evidence of going wrong');
    expect(out).toMatch(/#1 hotel-booking-42 · 6 turns/);
    expect(out).toMatch(/evidence: negative verdicts LLM_JUDGE 2 \(session-level: conversation_quality\)/);
    expect(out).toMatch(/open turn 3: .*session_transcript.* hotel-booking-42 --turns 2-4/);
    expect(out).toContain('failed tools and lost history are not checked');
  });
  it('refuses a bad --top', async () => {
    await expect(executeCommand(triageSessions, ['--from-file', fixture('search-hotel-session-nospans.json'), '--top', 'x'])).rejects.toThrow(/--top takes/);
  });
});

describe('triage_sessions on a store', () => {
  afterEach(() => vi.unstubAllEnvs());
  it('the footer counts every mlflow process: the experiment name lookup beside the two reads (trial t30f read 2 for 3)', async () => {
    const fake = useFakeMlflow();
    fake.answer(
      'search',
      ['Experiment Id  Name       Artifact Location', '-------------  ---------  -----------------', '3              hotel-bot  file:///a', ''].join('\n'),
    );
    fake.answer('search', readFileSync(fixture('search-hotel-session-nospans.json'), 'utf8'), 'timestamp_ms DESC');
    const out = (await executeCommand(triageSessions, ['hotel-bot'])).stdout;
    expect(out).toMatch(/mlflow calls: 2 for traces, 1 to look the experiment name up \(cached 5 min; an id needs none\) · /);
    expect(fake.calls()).toHaveLength(3);
  });
});
