/** triage_sessions over a saved search: the hotel chat ranked, with the turn to open. */
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../../scripts/lib/cli/command.js';
import { triageSessions } from '../../../../scripts/lib/commands/sessions/triage-sessions.js';
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
