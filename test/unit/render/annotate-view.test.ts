/** annotate_trace's answer: what was written (or would be, or was removed), and how to undo it. */
import { describe, expect, it } from 'vitest';
import type { AnnotateResult } from '../../../scripts/lib/actions/annotation.js';
import { annotateText } from '../../../scripts/lib/render/annotate-view.js';

const result = (o: Partial<AnnotateResult> = {}): AnnotateResult => ({
  mode: 'write',
  dryRun: false,
  runId: 'ann-20261129-110512-3f9a',
  traceId: 'tr-1',
  experimentId: '1',
  sessionId: null,
  writes: [
    {
      what: 'feedback correctness = "no"',
      argv: ['traces', 'log-feedback', '--trace-id', 'tr-1', '--value', 'it is "no"'],
      said: 'Logged',
      assessmentId: 'a-1',
    },
    { what: 'tag diagnosis = retrieval_miss', argv: ['traces', 'set-tag', '--trace-id', 'tr-1'], said: 'Set', assessmentId: null },
  ],
  secretsRedacted: 0,
  undoCommand: 'node dist/annotate_trace.mjs tr-1 --undo ann-20261129-110512-3f9a',
  link: 'http://localhost:5000/#/experiments/1/traces?selectedEvaluationId=tr-1',
  cacheEntriesDropped: 1,
  ...o,
});

describe('a write', () => {
  it('lists each write with its assessment id, the UI link, the undo command, and that the cache was dropped', () => {
    expect(annotateText(result())).toBe(
      [
        'Wrote on trace tr-1 — annotation run ann-20261129-110512-3f9a:',
        '  - feedback correctness = "no"  [a-1]',
        '  - tag diagnosis = retrieval_miss',
        '',
        'MLflow UI: http://localhost:5000/#/experiments/1/traces?selectedEvaluationId=tr-1',
        '',
        'Undo: node dist/annotate_trace.mjs tr-1 --undo ann-20261129-110512-3f9a',
        'The next health_check / session_transcript shows it (the cached trace was dropped).',
      ].join('\n'),
    );
  });

  it('a dry run says nothing changed and prints each mlflow command, quoted for a shell', () => {
    const text = annotateText(result({ dryRun: true, link: null }));
    expect(text.split('\n')[0]).toBe('Would write on trace tr-1 — annotation run ann-20261129-110512-3f9a (dry run: nothing was changed):');
    expect(text).toContain(
      `The mlflow commands it would run:\n  mlflow traces log-feedback --trace-id tr-1 --value 'it is "no"'\n  mlflow traces set-tag --trace-id tr-1`,
    );
    expect(text).not.toContain('cached trace was dropped');
  });

  it('a session-level write names the session and the trace that holds it; redacted secrets are counted', () => {
    const text = annotateText(result({ sessionId: 's-42', secretsRedacted: 2 }));
    expect(text.split('\n')[0]).toBe('Wrote on session "s-42" (on its first trace tr-1) — annotation run ann-20261129-110512-3f9a:');
    expect(text).toContain('2 secret(s) in the text were replaced by [redacted …] before writing (--show-secrets writes them as given).');
  });
});

describe('an undo', () => {
  it('says what it removed, and offers no undo of its own', () => {
    const text = annotateText(
      result({ mode: 'undo', undoCommand: null, writes: [{ what: 'delete feedback correctness (a-1)', argv: [], said: '', assessmentId: null }] }),
    );
    expect(text.split('\n').slice(0, 2)).toEqual(['Removed on trace tr-1 — annotation run ann-20261129-110512-3f9a:', '  - delete feedback correctness (a-1)']);
    expect(text).not.toContain('Undo:');
    expect(text).not.toContain('cached trace was dropped');
    expect(annotateText(result({ mode: 'undo', dryRun: true })).startsWith('Would remove on trace tr-1')).toBe(true);
  });
});
