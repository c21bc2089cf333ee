/**
 * compare_traces against the real CLI: the same question answered right (09:00) and wrong (09:30)
 * in the triage store, differing in retrieved documents, temperature, tool arguments, one extra
 * span and the answer. One run per scenario, many assertions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, ROOT, run, type Run } from '../support/helpers.js';

const m = JSON.parse(readFileSync(join(ROOT, '.testbed', 'triage', 'manifest.json'), 'utf8')) as {
  tracking_uri: string;
  experiment_id: string;
  other_experiment_id: string;
  traces: Record<string, string>;
};
const env = { MLFLOW_TRACKING_URI: m.tracking_uri };
const good = m.traces.pair_good as string;
const bad = m.traces.pair_bad as string;

const LONG = 600_000;
const compare = (args: string[]) => run('compare_traces', args, env, LONG);
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('compare_traces: the same question answered right and wrong', () => {
  let json: Json;
  let text: Run;
  beforeAll(async () => {
    const [j, t] = await Promise.all([compare([good, bad, '--experiment-id', m.experiment_id, '--json']), compare([good, bad])]);
    expect(j.exitCode, j.stderr).toBe(0);
    json = j.json();
    text = t;
  }, LONG);

  it('fetches both with one search when the experiment is known, else one get each', () => {
    expect(json.fetchedBy).toBe('one search');
    expect(json.mlflowCalls).toBe(1);
    expect(text.stdout).toMatch(/fetched by two gets; 2 mlflow calls/);
  });

  it('aligns the trees and names the span only the wrong run has', () => {
    expect(json.sameExperiment).toBe(true);
    expect(json.aligned).toBe(4);
    expect(json.onlyA).toEqual([]);
    expect(json.onlyB.map((s: Json) => [s.path, s.type])).toEqual([['answer_question › rerank', 'RERANKER']]);
  });

  it('the first divergence is the retrieval, with the documents that differ', () => {
    expect(json.firstDivergence.path).toBe('answer_question › retrieve_docs');
    const retrieve = (json.pairs as Json[]).find((p) => p.path === 'answer_question › retrieve_docs');
    expect(retrieve?.docs.onlyA).toEqual(['policy-refunds-v3 (kb/policies/refunds.md)']);
    expect(retrieve?.docs.onlyB).toEqual(['policy-returns-2019 (kb/archive/returns-2019.md)']);
  });

  it('model parameters, tool arguments, tokens and latency per span', () => {
    const llm = (json.pairs as Json[]).find((p) => p.path === 'answer_question › call_llm');
    expect(llm?.model.differs).toEqual(['temperature']);
    expect(llm?.model.a).toMatchObject({ model: 'gpt-4o-mini', temperature: 0, maxTokens: 512, tools: ['lookup_order'] });
    expect(llm?.model.b.temperature).toBe(0.9);
    expect([llm?.a.tokens, llm?.b.tokens]).toEqual([460, 645]);
    const tool = (json.pairs as Json[]).find((p) => p.path === 'answer_question › lookup_order');
    expect(tool?.inputDiff.lines).toEqual(['- "order_id": 1001', '+ "include_archived": true', '+ "order_id": "1001"']);
    expect(tool?.a.durationMs).toBe(38);
  });

  it('the verdicts and the version tag that differ', () => {
    expect(json.a.verdicts).toEqual([expect.objectContaining({ name: 'correctness', value: true, negative: false })]);
    expect(json.b.verdicts).toEqual([expect.objectContaining({ name: 'correctness', value: false, negative: true, rationale: 'Quotes the 2019 policy.' })]);
    expect(json.contextDiffers).toContainEqual({ key: 'tag.app_version', a: 'v41', b: 'v42' });
  });

  it('text: the same findings, with diffs and follow-up commands', () => {
    expect(text.exitCode, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/FIRST DIVERGENCE\n {2}answer_question › retrieve_docs: the earliest-ending aligned span whose output differs/);
    expect(text.stdout).toContain('temperature: 0 → 0.9');
    expect(text.stdout).toContain('retrieved only in B: policy-returns-2019 (kb/archive/returns-2019.md)');
    expect(text.stdout).toContain('only in B: answer_question › rerank [RERANKER]');
    expect(text.stdout).toContain('Context differs: tag.app_version v41 → v42');
    expect(text.stdout).toMatch(/Response B: .*90 days/);
    expect(text.stdout).toMatch(/inspect_turn\.(?:ts|mjs) tr-[0-9a-f]{32} --span [0-9a-f]{16}/);
    expect(text.stdout.length).toBeLessThanOrEqual(20_000);
  });
});

describe('compare_traces: bad input and odd pairs', () => {
  let r: Record<string, Run>;
  beforeAll(async () => {
    const cases: Record<string, string[]> = {
      same: [good, good],
      one: [good],
      unknown: [good, 'tr-00000000000000000000000000000000'],
      otherExperiment: [good, m.traces.other_experiment as string, '--json'],
    };
    r = Object.fromEntries(await Promise.all(Object.entries(cases).map(async ([k, args]) => [k, await compare(args)] as const)));
  }, LONG);

  it('the same id twice: usage, exit 2, no mlflow call', () => {
    expect(r.same?.exitCode).toBe(2);
    expect(r.same?.stderr).toMatch(/^error: Both ids are tr-[0-9a-f]+: a trace compared with itself differs in nothing\./);
  });

  it('one id: usage, exit 2', () => {
    expect(r.one?.exitCode).toBe(2);
    expect(r.one?.stderr).toMatch(/^error: Expected two trace ids, got 1\./);
  });

  it('an unknown id: not found, exit 5, named', () => {
    expect(r.unknown?.exitCode).toBe(5);
    expect(r.unknown?.stderr).toMatch(/^error: Trace tr-0{32} was not found/);
    expect(hasStackTrace(r.unknown?.stderr ?? '')).toBe(false);
  });

  it('two experiments: compared, and said', () => {
    const res = r.otherExperiment as Run;
    expect(res.exitCode, res.stderr).toBe(0);
    const j = res.json() as Json;
    expect(j.sameExperiment).toBe(false);
    expect([j.a.experimentId, j.b.experimentId]).toEqual([m.experiment_id, m.other_experiment_id]);
    expect(j.fetchedBy).toBe('two gets');
  });
});
