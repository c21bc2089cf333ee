import { describe, expect, it } from 'vitest';
import { analyseJudges } from '../../../scripts/lib/analysis/judges/agreement.js';
import { rankSessions } from '../../../scripts/lib/analysis/session/sessions-rank.js';
import { judgeSections, namesLine } from '../../../scripts/lib/render/judges-view.js';
import { sessionsSections } from '../../../scripts/lib/render/sessions-view.js';
import { codeFeedback, humanFeedback, judgeFeedback, scorerError } from '../../support/assessments.js';
import { trace } from '../../support/spans.js';

const text = (s: Array<{ lines: string[] }>) => s.flatMap((x) => x.lines).join('\n');

describe('judges and sessions views', () => {
  it('prints agreement, the table and the export command', () => {
    const ts = [trace('t1', { request: 'fee?', assessments: [humanFeedback('ok', false, { rationale: 'Wrong fee.' }), judgeFeedback('ok', true, 'Fine.')] })];
    const out = text(judgeSections(analyseJudges(ts), { inspect: (id) => `inspect ${id}`, export: (n) => `export ${n}`, verdicts: () => '' }));
    expect(out).toContain('HUMAN vs LLM_JUDGE: agree on 0 of 1 traces both scored (0%)');
    expect(out).toContain('HUMAN: Wrong fee.');
    expect(out).toContain('→ labelled set for judge alignment: export ok');
  });
  it('names every trace of an inconsistent repeat, so each opens without --json', () => {
    const ts = ['a', 'b', 'c'].map((id, i) =>
      trace(id, {
        request: 'How do I freeze my card?',
        assessments: [judgeFeedback('ok', i !== 1, i !== 1 ? 'Fine.' : 'No unfreeze.')],
      }),
    );
    const out = text(judgeSections(analyseJudges(ts), { inspect: (id) => `inspect ${id}`, export: (n) => `export ${n}`, verdicts: () => '' }));
    expect(out).toMatch(/inconsistent: .* for 3 traces/);
    expect(out).toMatch(/traces: [abc], [abc], [abc]$/m);
  });
  it('names the sources that scored, one name in the singular', () => {
    const ts = [
      trace('t1', { assessments: [humanFeedback('ok', false), judgeFeedback('ok', true), codeFeedback('fmt', true)] }),
      trace('t2', { assessments: [judgeFeedback('ok', true), scorerError('fmt')] }),
    ];
    const one = analyseJudges(ts, 'ok');
    expect(namesLine(one.names, 1)).toBe('assessment ok, scored by HUMAN and LLM_JUDGE');
    const all = analyseJudges(ts);
    expect(namesLine(all.names, 1)).toBe('2 assessment names, 1 scored by more than one source (sources here: HUMAN, CODE, LLM_JUDGE)');
  });
  it("counts what is left out for the name asked about, not the experiment's", () => {
    const ts = [trace('t1', { assessments: [humanFeedback('ok', false), judgeFeedback('ok', true), scorerError('fmt')] })];
    expect(analyseJudges(ts, 'ok').skipped.errors).toEqual({});
    expect(analyseJudges(ts).skipped.errors).toEqual({ LLM_JUDGE: 1 });
  });
  it('says when no trace carries a session id', () => {
    const out = text(
      sessionsSections(
        rankSessions([trace('x')], false),
        { transcript: () => '', inspect: () => '', page: () => '' },
        { top: 5, offset: 0, spansLoaded: true },
      ),
    );
    expect(out).toContain('No trace in the window carries a session id');
  });
});
