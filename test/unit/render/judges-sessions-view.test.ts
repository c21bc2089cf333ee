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
  it('names every trace of an inconsistent repeat by the verdict it got, so the odd one out is filed without --json', () => {
    const ts = ['a', 'b', 'c'].map((id, i) =>
      trace(id, {
        request: 'How do I freeze my card?',
        assessments: [judgeFeedback('ok', i !== 1, i !== 1 ? 'Fine.' : 'No unfreeze.')],
      }),
    );
    const out = text(judgeSections(analyseJudges(ts), { inspect: (id) => `inspect ${id}`, export: (n) => `export ${n}`, verdicts: () => '' }));
    expect(out).toMatch(/inconsistent: LLM_JUDGE gave pass 2, fail 1 to 3 traces with the same input and same output — e\.g\. inspect a$/m);
    expect(out).toMatch(/^ +traces by verdict — pass: a, c; fail: b$/m);
  });
  it('shows the input and the output a repeat shares, each cut to one line, and that retrieved context was not compared', () => {
    const answer = `Tap Freeze in the app; ${'it takes effect at once and '.repeat(6)}done.`;
    const ts = ['a', 'b'].map((id, i) => {
      const t = trace(id, { request: 'How do I freeze my card?', assessments: [judgeFeedback('ok', i === 0)] });
      t.info.responsePreview = answer;
      return t;
    });
    const lines = text(judgeSections(analyseJudges(ts), FOLLOW)).split('\n');
    expect(lines).toContain('      input:  How do I freeze my card?');
    const output = lines.find((l) => l.startsWith('      output: ')) ?? '';
    expect(output).toMatch(/^ {6}output: Tap Freeze in the app; it takes .*\S… \[\+\d+ chars\]$/);
    expect(output.length).toBeLessThan(140);
    expect(lines.some((l) => l.includes('retrieved context is in the spans, not read here'))).toBe(true);
  });
  it('lists the same trace judged twice with a changed verdict as its own consistency item, and counts it with the overridden', () => {
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms).toISOString();
    const ts = [
      trace('t9', {
        request: 'Claim?',
        assessments: [
          judgeFeedback('grounded', 'no', 'The retrieved text is empty.', { id: 'j1', valid: false, createTime: at(0) }),
          judgeFeedback('grounded', 'yes', 'Supported.', { id: 'j2', overrides: 'j1', createTime: at(30) }),
        ],
      }),
    ];
    const out = text(judgeSections(analyseJudges(ts), FOLLOW));
    expect(out).toContain('~ the same trace judged twice by LLM_JUDGE: "no" → "yes" (the first overridden 30ms later) — inspect t9');
    expect(out).toContain('      "no": The retrieved text is empty.\n      "yes": Supported.');
    expect(out).toContain('1 overridden (replaced by a later assessment; 1 changed the verdict on the same trace: under consistency)');
    expect(out).not.toContain('consistency: no repeated input');
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
  it('says when most multi-turn sessions lost their history, and lists the sessions with no evidence', () => {
    const r = { ...rankSessions([trace('x')], false), sessions: 3, multiTurn: 3, historyLost: 3, fine: 2, fineIds: ['D-01', 'D-02'] };
    const out = text(
      sessionsSections(r, { transcript: (s) => `transcript ${s}`, inspect: () => '', page: () => '' }, { top: 5, offset: 0, spansLoaded: true }),
    );
    expect(out).toContain('history lost in 3 of 3 multi-turn sessions: from turn 2 on their model inputs hold no earlier turn');
    expect(out).toContain('NO EVIDENCE (2): D-01, D-02\n  spot-check one: transcript D-01');
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
  it('states the window read under its head line, once', () => {
    const w = { sinceMs: Date.parse('2026-12-01T01:40Z'), nowMs: Date.parse('2026-12-08T01:40Z'), flags: ['--since', '7d'] };
    const out = text(
      sessionsSections(
        rankSessions([trace('x')], false),
        { transcript: () => '', inspect: () => '', page: () => '' },
        { top: 5, offset: 0, spansLoaded: true, window: w },
      ),
    );
    expect(out.split('\n')[1]).toBe('  window: 2026-12-01 01:40 → now, 2026-12-08 01:40 UTC (--since 7d)');
    expect(out.match(/window: /g)).toHaveLength(1);
  });
});
