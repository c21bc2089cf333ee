/** annotate_trace's job over a fake mlflow: options checked, the writes built (dry run and real), undo, a failure halfway. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markerKey, RUN_KEY } from '../../../../scripts/lib/actions/annotation.js';
import { type AnnotateOptions, annotateJob, defaultSourceId } from '../../../../scripts/lib/commands/annotate/annotate-job.js';
import { humanFeedback, rawAssessment } from '../../../support/assessments.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture } from '../../../support/helpers.js';

const HEALTHY = 'tr-5c61137f2ff4f43333cc5a62d793af26';
const RUN = 'ann-20261129-110512-3f9a';
const healthy = () => JSON.parse(readFileSync(fixture('get-healthy.json'), 'utf8'));
const opts = (o: Partial<AnnotateOptions> = {}): AnnotateOptions => ({
  traceId: HEALTHY,
  feedback: [],
  expectation: [],
  tag: [],
  sourceType: 'HUMAN',
  sourceId: 'alice',
  dryRun: true,
  showSecrets: false,
  timeoutMs: 10_000,
  ...o,
});

afterEach(() => vi.unstubAllEnvs());

describe('options', () => {
  it('each combination that cannot work is a usage error before any call', async () => {
    const fake = useFakeMlflow();
    for (const [o, message] of [
      [{}, /^Nothing to write/],
      [{ undo: RUN, tag: ['a=b'] }, /^--undo removes a run/],
      [{ session: { experimentId: '1', sessionId: 's' }, tag: ['a=b'] }, /^Tags belong to one trace/],
      [{ session: { experimentId: '1', sessionId: 's' }, feedback: ['a=b'], span: 'x' }, /^--span names a span of one trace/],
      [{ tag: ['a=b'], rationale: 'why' }, /^--rationale explains a --feedback/],
      [{ undo: 'ann-1' }, /is not an annotation run id/],
      [{ feedback: ['novalue'] }, /^--feedback takes NAME=VALUE/],
    ] as const) {
      await expect(annotateJob(opts(o as Partial<AnnotateOptions>))).rejects.toMatchObject({ kind: 'usage', message: expect.stringMatching(message) });
    }
    expect(fake.calls()).toEqual([]);
  });

  it('the default source id names the tool and the user', () => {
    expect(defaultSourceId()).toMatch(/^analyzing-mlflow-traces \(.+\)$/);
  });
});

describe('a dry run', () => {
  it('reads the trace (fresh), builds the marker, the tags, the feedback and the expectation, and writes nothing', async () => {
    const fake = useFakeMlflow();
    fake.answer('get', JSON.stringify(healthy()));
    const r = await annotateJob(
      opts({ feedback: ['correctness=no'], expectation: ['expected_facts=["18C"]'], tag: ['diagnosis=ok'], rationale: 'fine', span: 'get_forecast' }),
    );
    expect(r.mode).toBe('write');
    expect(r.dryRun).toBe(true);
    expect(r.runId).toMatch(/^ann-\d{8}-\d{6}-[0-9a-f]{4}$/);
    expect(r.writes.map((w) => w.what)).toEqual([
      `marker tag ${markerKey(r.runId)} (names the tags this run set, for --undo)`,
      'tag diagnosis = ok',
      'feedback correctness = no',
      'expectation expected_facts = ["18C"]',
    ]);
    const feedback = r.writes[2]?.argv ?? [];
    expect(feedback.slice(feedback.indexOf('--metadata'), feedback.indexOf('--metadata') + 2)).toEqual(['--metadata', JSON.stringify({ [RUN_KEY]: r.runId })]);
    expect(feedback.slice(-4)).toEqual(['--rationale', 'fine', '--span-id', 'a8be3337c342e308']);
    expect(r.writes.every((w) => w.said === null && w.assessmentId === null)).toBe(true);
    expect(r.undoCommand).toMatch(new RegExp(`annotate_trace\\S* ${HEALTHY} --undo ${r.runId}$`));
    expect(r.cacheEntriesDropped).toBe(0);
    expect(fake.calls()).toEqual([['traces', 'get', '--trace-id', HEALTHY]]);
  });

  it('secrets in the values and the rationale are redacted unless --show-secrets', async () => {
    useFakeMlflow().answer('get', JSON.stringify(healthy()));
    const key = ['sk-', 'proj-', 'T3stOnlyKey9x8c7v6b5n4m3QWERty'].join('');
    const r = await annotateJob(opts({ feedback: [`note=leaked ${key}`], rationale: `saw ${key}` }));
    expect(r.secretsRedacted).toBe(2);
    expect(JSON.stringify(r.writes)).not.toContain(key);
    const shown = await annotateJob(opts({ feedback: [`note=leaked ${key}`], showSecrets: true }));
    expect(shown.secretsRedacted).toBe(0);
    expect(JSON.stringify(shown.writes)).toContain(key);
  });
});

describe('writing and undoing', () => {
  it('runs each write in order, keeps the assessment ids, and drops the cached trace', async () => {
    const fake = useFakeMlflow();
    fake.answer('get', JSON.stringify(healthy()));
    fake.answer('log-feedback', "Logged feedback 'correctness' to trace. Assessment ID: a-77\n");
    fake.answer('set-tag', 'Set tag\n');
    const r = await annotateJob(opts({ dryRun: false, feedback: ['correctness=no'], tag: ['diagnosis=ok'] }));
    expect(r.writes.map((w) => [w.what.split(' ')[0], w.assessmentId])).toEqual([
      ['marker', null],
      ['tag', null],
      ['feedback', 'a-77'],
    ]);
    expect(fake.calls().map((c) => c[1])).toEqual(['get', 'set-tag', 'set-tag', 'log-feedback']);
    expect(r.cacheEntriesDropped).toBeGreaterThanOrEqual(1);
  });

  it('a failure halfway says what was written and how to undo it', async () => {
    const fake = useFakeMlflow();
    fake.answer('get', JSON.stringify(healthy()));
    fake.answer('set-tag', 'Set tag\n');
    fake.fail('log-feedback', 'mlflow.exceptions.MlflowException: INVALID_PARAMETER_VALUE: bad value\n');
    const err = await annotateJob(opts({ dryRun: false, feedback: ['correctness=no'], tag: ['diagnosis=ok'] })).catch((e: unknown) => e);
    expect(err).toMatchObject({
      kind: 'mlflow-failed',
      message: 'The tracking store refused the write: mlflow.exceptions.MlflowException: INVALID_PARAMETER_VALUE: bad value',
    });
    expect((err as { hint: string }).hint).toMatch(/^Written before the failure: marker tag .*; tag diagnosis = ok\. Undo them with: .*--undo ann-/);
  });

  it("--undo removes exactly the run's footprint: its assessments, its tags restored or deleted, its marker", async () => {
    const fake = useFakeMlflow();
    const t = healthy();
    t.info.tags = { ...t.info.tags, diagnosis: 'new', owner: 'me', [markerKey(RUN)]: JSON.stringify({ tags: { diagnosis: 'old', owner: null } }) };
    t.info.assessments = [
      rawAssessment(humanFeedback('correctness', 'no', { id: 'a-1', metadata: { [RUN_KEY]: RUN } })),
      rawAssessment(humanFeedback('correctness', 'yes', { id: 'a-2' })),
    ];
    fake.answer('get', JSON.stringify(t));
    const r = await annotateJob(opts({ undo: RUN }));
    expect(r.mode).toBe('undo');
    expect(r.undoCommand).toBeNull();
    expect(r.writes.map((w) => w.what)).toEqual([
      'delete feedback correctness (a-1)',
      'restore tag diagnosis = old',
      'delete tag owner',
      `delete tag ${markerKey(RUN)}`,
    ]);
  });

  it('--undo of a run with nothing left on the trace: run-not-found, nothing deleted', async () => {
    const fake = useFakeMlflow();
    fake.answer('get', JSON.stringify(healthy()));
    await expect(annotateJob(opts({ undo: RUN, dryRun: false }))).rejects.toMatchObject({ kind: 'run-not-found' });
    expect(fake.calls()).toHaveLength(1);
  });
});

describe('a session-level note', () => {
  it("goes on the session's first trace, with the session in its metadata", async () => {
    const fake = useFakeMlflow();
    fake.answer('search', readFileSync(fixture('search-hotel-session-nospans.json'), 'utf8'));
    const r = await annotateJob(opts({ traceId: undefined, session: { experimentId: '1', sessionId: 'hotel-booking-42' }, feedback: ['resolved=false'] }));
    expect(r.sessionId).toBe('hotel-booking-42');
    expect(r.traceId).toBe('tr-4c6d0f69ad124f9e52a98716a77cbc88');
    expect(r.writes[0]?.argv).toContain(JSON.stringify({ [RUN_KEY]: r.runId, 'mlflow.trace.session': 'hotel-booking-42' }));
  });

  it('a session with no trace: session-not-found', async () => {
    useFakeMlflow().answer('search', JSON.stringify({ traces: [] }));
    await expect(annotateJob(opts({ traceId: undefined, session: { experimentId: '1', sessionId: 'none' }, feedback: ['a=b'] }))).rejects.toMatchObject({
      kind: 'session-not-found',
    });
  });
});
