import { describe, expect, it } from 'vitest';
import type { Findings } from '../../../scripts/lib/analysis/findings/registry.js';
import type { Turn } from '../../../scripts/lib/analysis/session/turn.js';
import { replyText } from '../../../scripts/lib/render/session-view.js';

const text = (e: Turn['user']) => (e ? e.text : '(none found)');
const failure = {
  llmSpanId: 'm1',
  llmName: 'ChatModel',
  llmRef: 'ChatModel',
  toolSpanId: 't1',
  toolName: 'update_plan',
  toolRef: 'update_plan',
  error: 'HTTP 500 from billing',
  errorInInput: true,
  successClaim: 'Done! Your plan is now Premium.',
};
const turn = (o: Partial<Turn>): Turn => ({ reply: null, error: null, findings: null, ...o }) as Turn;

describe('a turn’s reply line', () => {
  it('shows the reply when the trace returned one', () => {
    expect(replyText(turn({ reply: { text: 'Hello', shape: 'text' } as Turn['reply'] }), text)).toBe('Hello');
  });
  it('says why there is none', () => {
    expect(replyText(turn({ error: 'update_plan: HTTP 500' }), text)).toContain('(no reply: update_plan: HTTP 500)');
  });
  it("shows the model's answer when the trace returned none but the model claimed success", () => {
    const findings = { answeredAfterFailedTool: [failure] } as unknown as Findings;
    const line = replyText(turn({ error: 'update_plan: HTTP 500', findings }), text);
    expect(line).not.toContain('no reply');
    expect(line).toContain('(the trace returned none: update_plan: HTTP 500)');
    expect(line).toContain(`the model's answer: "Done! Your plan is now Premium."`);
  });
});
