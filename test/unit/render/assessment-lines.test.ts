/** Assessments as text: verdicts negative first with their rationale, scorer errors apart, ground truth, overrides. */
import { describe, expect, it } from 'vitest';
import { summariseAssessments } from '../../../scripts/lib/analysis/trace/assessments.js';
import { assessmentCount, assessmentLine, assessmentLines } from '../../../scripts/lib/render/assessment-lines.js';
import { buildTree } from '../../../scripts/lib/trace/tree.js';
import { codeFeedback, expectation, feedback, humanFeedback, judgeFeedback, overridden, scorerError, sessionLevel } from '../../support/assessments.js';
import { span } from '../../support/spans.js';

const tree = buildTree([span('root', 'agent'), span('s1', 'search_docs', { parentId: 'root', type: 'RETRIEVER' })]);
const [old, replacement] = overridden(judgeFeedback('correctness', 'yes', 'looks right', { id: 'a-old' }), 'a-new', 'no');
const summary = summariseAssessments(
  [
    judgeFeedback('relevance', 'yes', 'on topic'),
    humanFeedback('helpfulness', 'no', { rationale: 'It answered a different question.' }),
    codeFeedback('format_ok', true),
    judgeFeedback('retrieval_relevance', 'no', 'the docs are about shipping', { spanId: 's1', sourceId: 'default' }),
    sessionLevel(judgeFeedback('user_frustration', 'yes', 'asked three times'), 'sess-1'),
    scorerError('groundedness', 'RATE_LIMIT', 'judge\ncall failed'),
    expectation('expected_facts', ['30 days'], { spanId: 's1' }),
    { ...feedback('safety_issue', 'pii'), kind: 'issue' as const },
    old,
    replacement,
  ],
  tree,
);
const lines = assessmentLines(summary);

describe('one verdict', () => {
  it('mark, name = value, where it came from, then the rationale', () => {
    const human = summary.verdicts.find((v) => v.name === 'helpfulness');
    expect(assessmentLine(human as NonNullable<typeof human>)).toBe('✗ helpfulness = "no" [HUMAN alice@example.com] — It answered a different question.');
  });

  it("a judge's default source id is left out; the span is named; a session-level one says so", () => {
    expect(lines).toContain('    ✗ retrieval_relevance = "no" [LLM_JUDGE, span search_docs] — the docs are about shipping');
    expect(lines).toContain('    ✗ user_frustration = "yes" [LLM_JUDGE, session-level] — asked three times');
  });

  it('a code check has a positive mark and its source; an unknown polarity a dot', () => {
    expect(lines).toContain('    ✓ format_ok = true [CODE checks.py]');
    const odd = summariseAssessments([judgeFeedback('tone', 'formal')]).verdicts[0];
    expect(assessmentLine(odd as NonNullable<typeof odd>)).toBe('• tone = "formal" [LLM_JUDGE]');
  });

  it('the rationale is cut to the length asked for, on one line', () => {
    const long = summariseAssessments([humanFeedback('correctness', 'no', { rationale: `${'x'.repeat(50)}\nmore` })]).verdicts[0];
    expect(assessmentLine(long as NonNullable<typeof long>, 20)).toBe('✗ correctness = "no" [HUMAN alice@example.com] — xxxxxxxxxxxxxxxxxxxx… [+35 chars]');
  });

  it("the cut keeps a value the trace's findings quote, saying how much it cut around it", () => {
    const quoting = summariseAssessments([judgeFeedback('correctness', 'no', `${'The reply is long-winded and polite. '.repeat(4)}It says 50 attendees.`)]);
    const line = assessmentLine(quoting.verdicts[0] as NonNullable<(typeof quoting.verdicts)[0]>, 60, ['50 attendees']);
    expect(line).toMatch(/ — The reply is.*… \[\d+ chars cut\] ….*says 50 attendees\.$/);
  });
});

describe('the summary', () => {
  it('verdicts negative first, then scorer errors, ground truth, issues and what was overridden', () => {
    const headings = lines.filter((l) => /^ {2}\S/.test(l));
    expect(headings).toEqual([
      '  Verdicts (negative first; read the rationale, a value alone can mislead):',
      '  Scorer errors (the judge failed, not the trace; these values say nothing):',
      '  Expectations (ground truth):',
      '  Issues:',
      '  Overridden (replaced by a later assessment; not counted):',
    ]);
    const verdicts = lines.slice(1, lines.indexOf(headings[1] as string)).map((l) => l.trim()[0]);
    expect(verdicts).toEqual(['✗', '✗', '✗', '✗', '✓', '✓']);
  });

  it('a scorer error shows its code and first-line message, not a value', () => {
    expect(lines).toContain('    ! groundedness: RATE_LIMIT — judge call failed [LLM_JUDGE]');
  });

  it('expectations and issues show their value; an overridden verdict names what replaced it', () => {
    expect(lines).toContain('    = expected_facts = ["30 days"] [span search_docs]');
    expect(lines).toContain('    safety_issue: "pii"');
    expect(lines).toContain('    ~ correctness = "yes" → replaced by a-new — looks right');
    expect(lines).toContain('    ✗ correctness = "no" [HUMAN alice@example.com]');
  });

  it('counts every assessment it shows; nothing to show is no lines', () => {
    expect(assessmentCount(summary)).toBe(10);
    expect(assessmentLines(summariseAssessments([]))).toEqual([]);
    expect(assessmentLines(summariseAssessments([codeFeedback('ok', true)]), '')[0]).toMatch(/^Verdicts/);
  });
});
