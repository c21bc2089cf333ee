/** export_case's answer: the case written, where, and a Python snippet that runs the file. */
import { describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../scripts/lib/actions/regression-case.js';
import { evaluateSnippet, exportText, PREDICT_PLACEHOLDER } from '../../../scripts/lib/render/export-view.js';

const result = (o: Partial<ExportResult> = {}): ExportResult => ({
  record: {
    inputs: { messages: [{ role: 'user', content: 'What is our refund policy?' }] },
    expectations: { expected_facts: ['30 days'] },
    source_trace_id: 'tr-1',
    tags: { 'mlflow.source.git.commit': 'abc123', app_version: '2' },
  },
  file: '/repo/eval/regression_cases.jsonl',
  fileShown: 'eval/regression_cases.jsonl',
  replaced: 0,
  total: 1,
  inputsFrom: "the root span agent's inputs",
  fromTrace: [],
  logged: null,
  link: null,
  dryRun: false,
  ...o,
});

describe('the summary', () => {
  it('a new case: appended, with its inputs, expectations, version tags and the snippet on the shown path', () => {
    const text = exportText(result());
    const lines = text.split('\n');
    expect(lines[0]).toBe('Appended the regression case for tr-1 in eval/regression_cases.jsonl (1 case in the file).');
    expect(lines[1]).toBe(`  inputs: {"messages":[{"role":"user","content":"What is our refund policy?"}]}  (from the root span agent's inputs)`);
    expect(lines[2]).toBe('  expectations: {"expected_facts":["30 days"]}');
    expect(lines[3]).toBe('  version tags: mlflow.source.git.commit=abc123, app_version=2');
    expect(text.endsWith(evaluateSnippet('eval/regression_cases.jsonl'))).toBe(true);
  });

  it('a replaced case, expectations from the trace, the undo of what was logged, and the UI link', () => {
    const text = exportText(
      result({
        replaced: 1,
        total: 3,
        fromTrace: ['expected_facts'],
        link: 'http://ui/tr-1',
        logged: {
          mode: 'write',
          dryRun: false,
          runId: 'ann-20261129-110512-3f9a',
          traceId: 'tr-1',
          experimentId: '1',
          sessionId: null,
          writes: [{ what: 'expectation expected_facts = ["30 days"]', argv: [], said: null, assessmentId: null }],
          secretsRedacted: 0,
          undoCommand: 'UNDO',
          link: null,
          cacheEntriesDropped: 0,
        },
      }),
    );
    expect(text).toContain(
      'Replaced the regression case for tr-1 in eval/regression_cases.jsonl (3 cases in the file; the earlier export of this trace was replaced).',
    );
    expect(text).toContain('  expectations: {"expected_facts":["30 days"]}  (expected_facts from the trace)');
    expect(text).toContain(
      '\nAlso logged on the trace (annotation run ann-20261129-110512-3f9a): expectation expected_facts = ["30 days"]\nUndo: UNDO\nMLflow UI: http://ui/tr-1\n',
    );
  });

  it('no expectation and no version tag: says how to add one, and that the trace had none', () => {
    const base = result();
    const text = exportText(result({ dryRun: true, record: { ...base.record, expectations: {}, tags: {} } }));
    expect(text.split('\n')[0]).toMatch(/^Would write the regression case for tr-1/);
    expect(text).toContain('  version tags: (none on the trace)');
    expect(text).toContain('  No expectation yet: add --expect "a fact the answer must state" (or --expect-response TEXT).');
  });
});

describe('the evaluation snippet', () => {
  it('reads the file by its JSON-quoted path and leaves one marked line for the app call', () => {
    const snippet = evaluateSnippet('eval/my "cases".jsonl');
    expect(snippet).toContain('open("eval/my \\"cases\\".jsonl")');
    expect(snippet.split('\n').filter((l) => l.includes(PREDICT_PLACEHOLDER))).toEqual([`    ${PREDICT_PLACEHOLDER}`]);
    expect(snippet).toContain('mlflow.genai.evaluate(data=data, predict_fn=predict_fn, scorers=[meets_expected_facts])');
  });
});
