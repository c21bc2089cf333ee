/**
 * Arguments the model made up (numbers under current_ keys, slugs under name keys) that nothing
 * the model had holds; creators, pagination and values the user or a tool gave are left out.
 */
import { describe, expect, it } from 'vitest';
import { inventedArguments } from '../../../../scripts/lib/analysis/findings/invented-arguments.js';
import { traceProvenance } from '../../../../scripts/lib/analysis/trace/provenance.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { agentTrace, caseSpec, type AgentSpec } from '../../../support/provenance-cases.js';

const invented = (spec: AgentSpec) => {
  const p = traceProvenance(buildTree(agentTrace(spec).spans));
  return p.calls.flatMap((c) => inventedArguments(p, c).map((a) => `${c.tool}:${a.key}=${a.value}`));
};
const ofCase = (name: string) => invented(caseSpec(name) as AgentSpec);

describe('invented arguments', () => {
  it('current values and an experiment nobody gave', () => {
    expect(ofCase('rag tuning, current values and experiment made up')).toEqual([
      'recommend_config_changes:experiment=rag-app',
      'recommend_config_changes:current_threshold=0.8',
      'recommend_config_changes:current_chunk_size=256',
    ]);
  });
  it('nothing when the user stated the value, the model chose a page, a tool listed the name or the tool creates it', () => {
    expect(ofCase('clean: current value the user stated, a page the model chose')).toEqual([]);
    expect(ofCase('clean: a name the tool listed, a name the model creates')).toEqual([]);
    expect(ofCase('clean: a name the user wrote with spaces')).toEqual([]);
  });
  it('a number the user wrote as a word or that sums theirs is held', () => {
    const spec: AgentSpec = {
      user: 'We run 2 replicas in eu and 3 in us, in two regions.',
      tools: [{ name: 'scale', args: { current_replicas: 5, current_regions: 2 }, result: { ok: true } }],
      reply: 'Scaled.',
    };
    expect(invented(spec)).toEqual([]);
  });
});
