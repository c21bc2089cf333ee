/** The mlflow commands that change a trace: their argument arrays, and a run over a fake mlflow. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteAssessment, deleteTag, logExpectation, logFeedback, runWrite, setTag } from '../../../scripts/lib/mlflow/writes.js';
import { useFakeMlflow } from '../../support/fake-mlflow.js';

const common = { traceId: 'tr-1', sourceType: 'HUMAN' as const, sourceId: 'alice', metadata: { 'analyzing-mlflow-traces.run': 'ann-1' } };

afterEach(() => vi.unstubAllEnvs());

describe('the argument arrays', () => {
  it('feedback: name, value as text, source, metadata as JSON, rationale and span when given', () => {
    const call = logFeedback({ ...common, name: 'correctness', value: '"no"', rationale: "it's wrong; rm -rf /", spanId: 'abc' });
    expect(call.what).toBe('feedback correctness = "no"');
    expect(call.argv).toEqual([
      'traces',
      'log-feedback',
      '--trace-id',
      'tr-1',
      '--name',
      'correctness',
      '--value',
      '"no"',
      '--source-type',
      'HUMAN',
      '--source-id',
      'alice',
      '--metadata',
      '{"analyzing-mlflow-traces.run":"ann-1"}',
      '--rationale',
      "it's wrong; rm -rf /",
      '--span-id',
      'abc',
    ]);
  });

  it('an expectation has no rationale, even when one is passed', () => {
    const call = logExpectation({ ...common, sourceType: 'CODE', name: 'expected_facts', value: '["30 days"]', rationale: 'ignored' });
    expect(call.what).toBe('expectation expected_facts = ["30 days"]');
    expect(call.argv).not.toContain('--rationale');
    expect(call.argv.slice(-4)).toEqual(['--source-id', 'alice', '--metadata', '{"analyzing-mlflow-traces.run":"ann-1"}']);
  });

  it('tags and deletions', () => {
    expect(setTag('tr-1', 'diagnosis', 'retrieval_miss')).toEqual({
      what: 'tag diagnosis = retrieval_miss',
      argv: ['traces', 'set-tag', '--trace-id', 'tr-1', '--key', 'diagnosis', '--value', 'retrieval_miss'],
    });
    expect(deleteTag('tr-1', 'diagnosis').argv).toEqual(['traces', 'delete-tag', '--trace-id', 'tr-1', '--key', 'diagnosis']);
    expect(deleteAssessment('tr-1', 'a-9', 'feedback correctness')).toEqual({
      what: 'delete feedback correctness (a-9)',
      argv: ['traces', 'delete-assessment', '--trace-id', 'tr-1', '--assessment-id', 'a-9'],
    });
  });
});

describe('running a write', () => {
  it("keeps mlflow's last line and reads the assessment id from it", async () => {
    const fake = useFakeMlflow();
    fake.answer('log-feedback', "some warning\nLogged feedback 'correctness' to trace tr-1. Assessment ID: a-123\n");
    const call = logFeedback({ ...common, name: 'correctness', value: 'no' });
    expect(await runWrite(call)).toEqual({ said: "Logged feedback 'correctness' to trace tr-1. Assessment ID: a-123", assessmentId: 'a-123' });
    expect(fake.calls()).toEqual([call.argv]);
  });

  it('a write without an assessment: no id', async () => {
    useFakeMlflow().answer('set-tag', 'Set tag diagnosis on trace tr-1\n');
    expect(await runWrite(setTag('tr-1', 'diagnosis', 'x'))).toEqual({ said: 'Set tag diagnosis on trace tr-1', assessmentId: null });
  });

  it("a refusal says the store refused the write, in MLflow's words", async () => {
    useFakeMlflow().fail('set-tag', 'mlflow.exceptions.MlflowException: INVALID_PARAMETER_VALUE: tag key too long\n');
    await expect(runWrite(setTag('tr-1', 'k', 'v'))).rejects.toMatchObject({
      kind: 'mlflow-failed',
      message: 'The tracking store refused the write: mlflow.exceptions.MlflowException: INVALID_PARAMETER_VALUE: tag key too long',
    });
  });

  it('refused credentials stay an auth error (exit 9), not a refused write', async () => {
    useFakeMlflow().fail('set-tag', 'mlflow.exceptions.RestException: PERMISSION_DENIED: Permission denied\n');
    await expect(runWrite(setTag('tr-1', 'k', 'v'))).rejects.toMatchObject({ kind: 'auth', exitCode: 9 });
  });
});
