/** judge_agreement over a saved search: one screen, --json, usage errors. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeCommand } from '../../../../scripts/lib/cli/command.js';
import { judgeAgreement } from '../../../../scripts/lib/commands/judges/judge-agreement.js';
import { humanFeedback, rawAssessment } from '../../../support/assessments.js';
import { fixture, tempDir } from '../../../support/helpers.js';

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
    expect(out.stdout).toMatch(/VERDICTS correctness = fail from LLM_JUDGE: 1 on 1 trace$/m);
    // What was asked and answered, one line each under the verdict.
    expect(out.stdout).toMatch(/^ {2}tr-\S+ \[LLM_JUDGE\] .*\n {6}asked: {4}\S.*\n {6}answered: \S.*$/m);
    await expect(executeCommand(judgeAgreement, ['--from-file', FILE, '--export', 'x.jsonl'])).rejects.toThrow(/--export needs --name/);
    await expect(executeCommand(judgeAgreement, ['--from-file', FILE, '--verdict', 'x=1', '--source', 'BOT'])).rejects.toThrow(/--source takes/);
  });
});

/**
 * The same search with a reviewer's label on the two judged correctness traces: agreeing on
 * check-out, disagreeing (with a long rationale) on the complaint, whose request is a JSON object.
 */
const WHY = 'Right: the hotel confirmed check-out at 11 am and the guest was told so in the end, which the judge did not read as an answer at all.';
function labelled(): { file: string; disagree: string } {
  const search = JSON.parse(readFileSync(FILE, 'utf8')) as { traces: Array<{ info: Record<string, any> }> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const byId = (id: string) => search.traces.find((t) => t.info.trace_id === id)?.info ?? {};
  const disagree = 'tr-2edfdf51275392edb83df636147a6b38';
  byId(disagree).request_preview = '{"question": "What time is check-out?", "hotel": "Lisbon"}';
  byId(disagree).assessments.push(rawAssessment(humanFeedback('correctness', true, { rationale: WHY, id: 'h1' })));
  byId('tr-68302cbda452d7fb9b740e3c03f5a263').assessments.push(rawAssessment(humanFeedback('correctness', true, { id: 'h2' })));
  const file = join(tempDir(), 'search.json');
  writeFileSync(file, JSON.stringify(search));
  return { file, disagree };
}

describe('judge_agreement --verdict and --export over a labelled search', () => {
  const { file, disagree } = labelled();
  it('--verdict: a long rationale is cut at a word, marked with how much, and the command that shows it whole', async () => {
    const out = (await executeCommand(judgeAgreement, ['--from-file', file, '--verdict', 'correctness=pass', '--source', 'HUMAN'])).stdout;
    const line = out.split('\n').find((l) => l.includes(disagree)) ?? '';
    const m = line.match(/ — (.*)… \[\+(\d+) chars; whole: (.*)\]$/);
    expect(m, line).not.toBeNull();
    const [, kept, cut, whole] = m as RegExpMatchArray;
    expect(WHY.startsWith(kept as string) && WHY[(kept as string).length] === ' ').toBe(true);
    expect((kept as string).length + Number(cut)).toBe(WHY.length);
    expect(whole).toMatch(new RegExp(`inspect_turn\\.\\w+ ${disagree}$`));
  });
  it("--export: inputs as the request's object, the judge's own model, and the report says what was written and what next", async () => {
    const path = join(tempDir(), 'align.jsonl');
    const out = (await executeCommand(judgeAgreement, ['--from-file', file, '--name', 'correctness', '--export', path])).stdout;
    const records = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records).toEqual([
      expect.objectContaining({ inputs: { question: 'What time is check-out?', hotel: 'Lisbon' }, expectations: { correctness: true } }),
    ]);
    expect(out).toContain(`EXPORT: 1 trace where HUMAN and LLM_JUDGE disagree on correctness → ${path}`);
    expect(out).toContain('model="openai:/gpt-4o-mini")');
    expect(out).toContain(`→ labelled set written: ${path} (1 record); next: align the judge with the Python under EXPORT above`);
    expect(out).not.toContain('--export eval/');
  });
});
