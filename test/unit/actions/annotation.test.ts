/** What an annotation run writes on a trace, and how its footprint is found again for --undo. */
import { describe, expect, it } from 'vitest';
import {
  checkJsonValue,
  checkRunId,
  footprint,
  isEmptyFootprint,
  markerKey,
  markerValue,
  newRunId,
  parseAssignment,
  RUN_KEY,
  runMetadata,
} from '../../../scripts/lib/actions/annotation.js';
import { SkillError } from '../../../scripts/lib/core/errors.js';
import { readJsonFile } from '../../../scripts/lib/core/read-json.js';
import { parseTrace, type Trace } from '../../../scripts/lib/trace/trace.js';
import { codeFeedback, expectation, humanFeedback, judgeFeedback } from '../../support/assessments.js';
import { fixture } from '../../support/helpers.js';

const base = parseTrace(readJsonFile(fixture('get-healthy.json'), 'fixture'));
const withInfo = (o: Partial<Trace['info']>): Trace => ({ ...base, info: { ...base.info, ...o } });

const usage = (fn: () => unknown): SkillError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SkillError && e.kind === 'usage') return e;
    throw e;
  }
  throw new Error('expected a usage error');
};

describe('run ids', () => {
  it('are sortable and readable: ann-<date>-<time>-<4 hex>', () => {
    const id = newRunId(new Date('2026-11-29T11:05:12.345Z'), '3f9a');
    expect(id).toBe('ann-20261129-110512-3f9a');
    expect(checkRunId(id)).toBe(id);
    expect(newRunId()).toMatch(/^ann-\d{8}-\d{6}-[0-9a-f]{4}$/);
  });

  it('anything else given to --undo is a usage error that says what one looks like', () => {
    const e = usage(() => checkRunId('ann-1'));
    expect(e.message).toBe('"ann-1" is not an annotation run id (they look like ann-20261129-110512-3f9a).');
    expect(e.hint).toMatch(/run id printed by the annotate_trace run/);
  });

  it('the marker tag and the metadata key name the run', () => {
    expect(markerKey('ann-20261129-110512-3f9a')).toBe('analyzing-mlflow-traces.run.ann-20261129-110512-3f9a');
    expect(runMetadata('r1', null)).toEqual({ [RUN_KEY]: 'r1' });
    expect(runMetadata('r1', 's-7')).toEqual({ [RUN_KEY]: 'r1', 'mlflow.trace.session': 's-7' });
  });
});

describe('NAME=VALUE', () => {
  it('splits at the first =; the value keeps the rest as written', () => {
    expect(parseAssignment('root_cause=a=b', 'feedback')).toEqual({ name: 'root_cause', value: 'a=b' });
    expect(parseAssignment(' score =0.2', 'feedback')).toEqual({ name: 'score', value: '0.2' });
    expect(parseAssignment('facts=["a", "b"]', 'expectation')).toEqual({ name: 'facts', value: '["a", "b"]' });
  });

  it('no name, no value or no = is a usage error with an example for that flag', () => {
    expect(usage(() => parseAssignment('=x', 'tag')).hint).toBe('e.g. --tag diagnosis=retrieval_miss');
    expect(usage(() => parseAssignment('name=  ', 'feedback')).message).toBe('--feedback takes NAME=VALUE, not "name=  ".');
    expect(usage(() => parseAssignment('novalue', 'expectation')).hint).toMatch(/^e\.g\. --expectation root_cause=/);
  });

  it('a value that starts like JSON must be JSON (mlflow would store a broken one as text)', () => {
    expect(() => checkJsonValue('{"score": 0.2}', 'x')).not.toThrow();
    expect(() => checkJsonValue('plain words', 'x')).not.toThrow();
    expect(() => checkJsonValue('42', 'x')).not.toThrow();
    const e = usage(() => parseAssignment('score={"score": 0.2', 'feedback'));
    expect(e.message).toMatch(/^--feedback score: the value starts like JSON but is not JSON \(/);
    expect(e.hint).toMatch(/Fix the JSON/);
    expect(() => checkJsonValue(' ["a"', 'x')).toThrow(SkillError);
  });
});

describe("a run's footprint on the trace", () => {
  const run = 'ann-20261129-110512-3f9a';
  const mine = { metadata: { [RUN_KEY]: run } };

  it('its assessments, whoever is named as their source, and nothing else', () => {
    const trace = withInfo({
      assessments: [
        humanFeedback('correctness', 'no', mine),
        codeFeedback('format_ok', true, mine),
        expectation('expected_facts', ['42'], mine),
        judgeFeedback('relevance', 'yes', 'on topic'),
        humanFeedback('correctness', 'yes', { metadata: { [RUN_KEY]: 'ann-20261129-110513-0000' } }),
      ],
    });
    const f = footprint(trace, run);
    expect(f.assessments.map((a) => `${a.sourceType} ${a.kind} ${a.name}`)).toEqual([
      'HUMAN feedback correctness',
      'CODE feedback format_ok',
      'HUMAN expectation expected_facts',
    ]);
    expect(f.marker).toBe(false);
    expect(isEmptyFootprint(f)).toBe(false);
  });

  it('the tags its marker names, with the values they replaced', () => {
    const trace = withInfo({ tags: { ...base.info.tags, diagnosis: 'new', [markerKey(run)]: JSON.stringify({ tags: { diagnosis: 'old', fresh: null } }) } });
    expect(footprint(trace, run)).toEqual({ assessments: [], tags: { diagnosis: 'old', fresh: null }, marker: true });
  });

  it('a marker that is not ours to read still counts as written (undo removes it)', () => {
    const f = footprint(withInfo({ tags: { [markerKey(run)]: '{broken' } }), run);
    expect(f).toEqual({ assessments: [], tags: {}, marker: true });
    expect(isEmptyFootprint(f)).toBe(false);
  });

  it('nothing of the run on the trace: an empty footprint', () => {
    expect(isEmptyFootprint(footprint(withInfo({ assessments: [humanFeedback('x', 1)] }), run))).toBe(true);
  });

  it('the marker value records what each tag held before the run (null: it was new)', () => {
    const trace = withInfo({ tags: { diagnosis: 'before' } });
    expect(
      JSON.parse(
        markerValue(trace, [
          { name: 'diagnosis', value: 'after' },
          { name: 'owner', value: 'me' },
        ]),
      ),
    ).toEqual({
      tags: { diagnosis: 'before', owner: null },
    });
  });
});
