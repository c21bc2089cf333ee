/** compare_traces' screen: both sides, the first divergence, the span table and each difference. */
import { describe, expect, it } from 'vitest';
import { compareTraces } from '../../../scripts/lib/analysis/compare/compare.js';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { compareSections } from '../../../scripts/lib/render/compare-view.js';
import { parseTrace } from '../../../scripts/lib/trace/trace.js';
import { fixture } from '../../support/helpers.js';
import { humanFeedback, judgeFeedback } from '../../support/assessments.js';

type RawSpan = { name: string; status: { code: string; message: string }; attributes: Record<string, string> };
const raw = () => readJsonFile(fixture('get-healthy.json'), 'fixture') as { info: Record<string, unknown>; data: { spans: RawSpan[] } };
const follow = { inspectSpan: (t: string, s: string) => `inspect_turn ${t} --span ${s}`, json: 'see --json' };
const text = (name: string, sections: ReturnType<typeof compareSections>) => sections.find((s) => s.name === name)?.lines.join('\n') ?? '';

/** The healthy weather trace, and the same run where Lyon's forecast failed and the planner ran hotter. */
function pair() {
  const a = parseTrace(raw());
  const b = raw();
  b.info.trace_id = 'tr-00000000000000000000000000000b0b';
  const lyon = b.data.spans.filter((s) => s.name === 'get_forecast')[1] as RawSpan;
  lyon.attributes['mlflow.spanOutputs'] = '{"temp_c": null, "sky": "unknown"}';
  lyon.status = { code: 'STATUS_CODE_ERROR', message: 'timeout' };
  const plan = b.data.spans.find((s) => s.name === 'plan_tools') as RawSpan;
  plan.attributes['mlflow.spanInputs'] = plan.attributes['mlflow.spanInputs']?.replace('"model": "gpt-4o-mini"', '"model": "gpt-4o"') ?? '';
  plan.attributes['mlflow.llm.model'] = '"gpt-4o"';
  return compareSections(compareTraces(a, parseTrace(b)), follow);
}

describe('two runs of the same app', () => {
  const sections = pair();

  it('the header names both traces, the shared request, and what differs in the model parameters', () => {
    const head = text('header', sections);
    expect(head).toContain('COMPARE two traces');
    expect(head).toContain('A tr-5c61137f2ff4f43333cc5a62d793af26 — OK, 2026-11-20T10:00:00Z, 2.40s, 6 spans, experiment 1');
    expect(head).toContain('B tr-00000000000000000000000000000b0b');
    expect(head).toContain('Both in experiment 1.');
    expect(head).toContain("Request (same): What's the weather in Paris and Lyon tomorrow?");
    expect(head).toMatch(/Model parameters: differ \(model; see DIFFERENCES\)/);
  });

  it('the first divergence is the earliest-ending span whose output differs, with its diff', () => {
    const first = text('first', sections);
    expect(first).toContain('weather_agent › get_forecast#2: the earliest-ending aligned span whose output differs');
    expect(first).toMatch(/\n {4}-.*21/);
    expect(first).toMatch(/\n {4}\+.*unknown/);
  });

  it('the table shows each aligned span, indented by depth, with its status and notes', () => {
    const table = text('spans', sections);
    expect(table).toContain('SPANS — 6 aligned by name path and order, 0 only in A, 0 only in B');
    expect(table).toContain('    get_forecast#2 [TOOL] OK → ERROR · 990ms — status differs; output differs');
    expect(table).toMatch(/ {4}plan_tools \[CHAT_MODEL\] OK · 600ms · tokens 150 — model params differ \(model\)/);
    expect(sections.find((s) => s.name === 'spans')?.more).toBe('see --json');
  });

  it('every difference names the command that shows the span in A', () => {
    const details = text('details', sections);
    expect(details).toContain('  weather_agent › get_forecast#2 [TOOL]  (A inspect_turn tr-5c61137f2ff4f43333cc5a62d793af26 --span 170d2e748155707c)');
    expect(details).toContain('    status: OK → ERROR');
    expect(details).toContain('    model: gpt-4o-mini → gpt-4o');
    expect(sections.some((s) => s.name === 'only')).toBe(false);
  });
});

describe('two different apps', () => {
  const other = parseTrace(readJsonFile(fixture('get-wrong-retrieval.json'), 'fixture'));
  const sections = compareSections(compareTraces(parseTrace(raw()), other), follow);

  it('both requests, both verdict lists, and the context that differs', () => {
    const head = text('header', sections);
    expect(head).toContain("Request A: What's the weather in Paris and Lyon tomorrow?");
    expect(head).toContain('Request B: What is our refund policy?');
    expect(head).toContain('Assessments A: (none)');
    expect(head).toMatch(
      /Assessments B: correctness=false ✗ \[HUMAN\] \(The answer describes shipping times.* — HUMAN 1 negative, 0 positive; LLM_JUDGE 2 negative, 2 positive$/m,
    );
    expect(head).toContain('Context differs: metadata.mlflow.trace.user alice → carol');
  });

  it('no aligned span: no divergence, no differences, and the spans of each side listed apart', () => {
    expect(text('first', sections)).toContain('none: every aligned span produced the same output');
    expect(text('details', sections)).toBe('DIFFERENCES per aligned span\n  none');
    const only = text('only', sections);
    expect(only).toContain('  only in A: weather_agent › get_forecast#2 [TOOL] (170d2e748155707c)');
    expect(only).toContain('  only in B: customer_support_agent › search_knowledge_base [RETRIEVER] (c64138847ebe3041)');
    expect(sections.map((s) => [s.name, s.priority])).toEqual([
      ['header', 0],
      ['first', 0],
      ['spans', 2],
      ['details', 3],
      ['only', 1],
    ]);
  });
});

describe('verdicts from different sources', () => {
  it('each verdict names its source, counts per source, and one name from two sources is said not to be one judgement', () => {
    const a = parseTrace(raw());
    const b = parseTrace(raw());
    a.info.assessments = [humanFeedback('answer_correct', 'no'), judgeFeedback('tone', 'yes')];
    b.info.assessments = [judgeFeedback('answer_correct', 'yes', 'Matches the docs.')];
    const head = text('header', compareSections(compareTraces(a, b), follow));
    expect(head).toContain(
      'Assessments A: answer_correct="no" ✗ [HUMAN] · tone="yes" [LLM_JUDGE] — HUMAN 1 negative, 0 positive; LLM_JUDGE 0 negative, 1 positive',
    );
    expect(head).toContain('Assessments B: answer_correct="yes" [LLM_JUDGE] (Matches the docs.) — LLM_JUDGE 0 negative, 1 positive');
    expect(head).toContain("answer_correct: A's is from HUMAN, B's from LLM_JUDGE: different sources, not one judgement compared");
  });
});

describe('retrieved documents: ids and texts', () => {
  type Raw = { info: Record<string, unknown>; data: { spans: RawSpan[] } };
  const retrieval = () => readJsonFile(fixture('get-wrong-retrieval.json'), 'fixture') as Raw;
  /** The wrong-retrieval trace with its retriever's document given a source and `text`. */
  const withDoc = (text: string, id = 'tr-00000000000000000000000000000b0b') => {
    const r = retrieval();
    r.info.trace_id = id;
    const kb = r.data.spans.find((s) => s.name === 'search_knowledge_base') as RawSpan;
    kb.attributes['mlflow.spanOutputs'] = JSON.stringify(JSON.stringify([{ page_content: text, metadata: { doc_uri: 'kb/policy.md' } }]));
    return parseTrace(r);
  };

  it('the same document with another text: never "identical"; both texts, bounded', () => {
    const sections = compareSections(compareTraces(withDoc('There is no deductible for water damage.'), withDoc('The deductible is 300 EUR.')), follow);
    expect(text('header', sections)).toContain('Retrieved documents: differ; the same document with another text: kb/policy.md (see DIFFERENCES)');
    expect(text('spans', sections)).toMatch(/search_knowledge_base \[RETRIEVER\] OK · 380ms — retrieved text differs; output differs/);
    const details = text('details', sections);
    expect(details).toContain(
      '    the same document, another text: kb/policy.md\n      A: "There is no deductible for water damage."\n      B: "The deductible is 300 EUR."',
    );
    expect(details).toContain('    retrieved: A 1 (kb/policy.md) · B 1 (kb/policy.md)');
  });

  it('without ids: the text tells the documents apart; the same text is identical', () => {
    const b = retrieval();
    const kb = b.data.spans.find((s) => s.name === 'search_knowledge_base') as RawSpan;
    kb.attributes['mlflow.spanOutputs'] = JSON.stringify(JSON.stringify([{ page_content: 'Refunds within 30 days.', metadata: { score: 0.82 } }]));
    const differ = compareSections(compareTraces(parseTrace(retrieval()), parseTrace(b)), follow);
    expect(text('header', differ)).toContain('Retrieved documents: differ (see DIFFERENCES)');
    expect(text('details', differ)).toContain('    retrieved only in B: (no id) "Refunds within 30 days."');
    const same = compareSections(compareTraces(withDoc('Refunds within 30 days.'), withDoc('Refunds within 30 days.')), follow);
    expect(text('header', same)).toContain('Retrieved documents: identical (the same ids and texts)');
  });

  it('"Request (same)" only when the root inputs are: the same last question after another history is not', () => {
    const b = retrieval();
    const root = b.data.spans.find((s) => s.name === 'customer_support_agent') as RawSpan;
    root.attributes['mlflow.spanInputs'] = JSON.stringify(
      JSON.stringify({
        messages: [
          { role: 'user', content: 'I bought shoes.' },
          { role: 'user', content: 'What is our refund policy?' },
        ],
      }),
    );
    const head = text('header', compareSections(compareTraces(parseTrace(retrieval()), parseTrace(b)), follow));
    expect(head).toContain(
      "Request: the same preview, but the root spans' inputs differ (a preview is the last user message, cut): What is our refund policy?",
    );
    expect(head).not.toContain('Request (same)');
  });
});
