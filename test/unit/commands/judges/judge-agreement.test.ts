/** judge_agreement over a saved search: one screen, --json, usage errors. */
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../../scripts/lib/cli/command.js';
import { judgeAgreement } from '../../../../scripts/lib/commands/judges/judge-agreement.js';
import { fixture } from '../../../support/helpers.js';

const FILE = fixture('search-hotel-session-nospans.json');

describe('judge_agreement --from-file', () => {
  it('says when every name has one source only', async () => {
    const out = await executeCommand(judgeAgreement, ['--from-file', FILE]);
    expect(out.stdout).toContain('No assessment name has verdicts from two sources');
    expect(out.stdout).toContain('ONE SOURCE ONLY');
    // Each section it promises is said, even when empty.
    expect(out.stdout).toMatch(/consistency: no repeated input and output got different verdicts/);
  });
  it('--json carries the names and what was left out', async () => {
    const j = JSON.parse((await executeCommand(judgeAgreement, ['--from-file', FILE, '--json'])).stdout);
    expect(j.skipped.errors).toEqual({ LLM_JUDGE: 1 });
    expect(j.names.map((n: { name: string }) => n.name)).toContain('correctness');
  });
  it('--verdict picks one source; --export needs --name', async () => {
    const out = await executeCommand(judgeAgreement, ['--from-file', FILE, '--verdict', 'correctness=fail', '--source', 'LLM_JUDGE']);
    expect(out.stdout).toMatch(/VERDICTS correctness = fail from LLM_JUDGE: 1 on 1 traces/);
    await expect(executeCommand(judgeAgreement, ['--from-file', FILE, '--export', 'x.jsonl'])).rejects.toThrow(/--export needs --name/);
    await expect(executeCommand(judgeAgreement, ['--from-file', FILE, '--verdict', 'x=1', '--source', 'BOT'])).rejects.toThrow(/--source takes/);
  });
});
