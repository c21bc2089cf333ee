import { describe, expect, it } from 'vitest';
import { analyseJudges } from '../../../scripts/lib/analysis/judges/agreement.js';
import { rankSessions } from '../../../scripts/lib/analysis/session/sessions-rank.js';
import { judgeSections, namesLine } from '../../../scripts/lib/render/judges-view.js';
import { sessionsSections } from '../../../scripts/lib/render/sessions-view.js';
import { codeFeedback, humanFeedback, judgeFeedback, scorerError } from '../../support/assessments.js';
import { trace } from '../../support/spans.js';

const text = (s: Array<{ lines: string[] }>) => s.flatMap((x) => x.lines).join('\n');
const FOLLOW = { inspect: (id: string) => `inspect ${id}`, export: (n: string) => `export ${n}`, verdicts: () => '' };

describe('judges and sessions views', () => {
  it('prints agreement, the table and the export command', () => {
    const ts = [trace('t1', { request: 'fee?', assessments: [humanFeedback('ok', false, { rationale: 'Wrong fee.' }), judgeFeedback('ok', true, 'Fine.')] })];
    const out = text(judgeSections(analyseJudges(ts), { inspect: (id) => `inspect ${id}`, export: (n) => `export ${n}`, verdicts: () => '' }));
    expect(out).toContain('HUMAN vs LLM_JUDGE: agree on 0 of 1 trace both scored (0%)');
    expect(out).toContain('HUMAN: Wrong fee.');
    expect(out).toContain('→ labelled set for judge alignment: export ok');
  });
  it('counts in the singular where there is one: scorer error, trace, verdict', () => {
    const ts = [trace('t1', { request: 'fee?', assessments: [humanFeedback('ok', false), judgeFeedback('ok', true), scorerError('ok')] })];
    const out = text(judgeSections(analyseJudges(ts), FOLLOW));
    expect(out).toContain('JUDGES — 1 trace read;');
    expect(out).toContain('left out: 1 LLM_JUDGE scorer error (the judge failed; no verdict: RATE_LIMIT ×1)');
    expect(out).toContain('HUMAN (alice@example.com): 1 verdict on 1 of 1 trace read');
    expect(out).toContain('agree on 0 of 1 trace both scored');
    expect(out).not.toMatch(/\b1 (traces|verdicts|scorer errors)\b/);
    const two = [...ts, trace('t2', { assessments: [judgeFeedback('ok', true), scorerError('ok')] })];
    expect(text(judgeSections(analyseJudges(two), FOLLOW))).toContain('left out: 2 LLM_JUDGE scorer errors');
  });
  it('cuts a long rationale at a word and marks how much was cut', () => {
    const why = `Wrong: flood is excluded from the standard home policy (section 4.2); only escape of water is covered, ${'and more words '.repeat(4)}end.`;
    const ts = [trace('t1', { request: 'flood?', assessments: [humanFeedback('ok', false, { rationale: why }), judgeFeedback('ok', true, 'Fine.')] })];
    const line = text(judgeSections(analyseJudges(ts), FOLLOW))
      .split('\n')
      .find((l) => l.includes('HUMAN: Wrong'));
    expect(line).toMatch(/\S… \[\+\d+ chars\]$/);
    const kept = (line ?? '').replace(/^\s*HUMAN: /, '').replace(/… \[\+(\d+) chars\]$/, '');
    expect(kept.length + Number(line?.match(/\+(\d+) chars/)?.[1])).toBe(why.length);
    expect(why.startsWith(kept) && why[kept.length] === ' ').toBe(true);
  });
  it('after --export: says what was written and the next step, not the export command again', () => {
    const ts = [trace('t1', { request: 'fee?', assessments: [humanFeedback('ok', false), judgeFeedback('ok', true)] })];
    const out = text(judgeSections(analyseJudges(ts), { ...FOLLOW, exported: { name: 'ok', file: '/tmp/a.jsonl', records: 1 } }));
    expect(out).toContain('→ labelled set written: /tmp/a.jsonl (1 record); next: align the judge with the Python under EXPORT above');
    expect(out).not.toContain('export ok');
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
