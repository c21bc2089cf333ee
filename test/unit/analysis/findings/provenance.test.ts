/**
 * The provenance findings over the labelled set (test/support/provenance-cases.ts): precision
 * and recall per kind meet the targets (P ≥ 0.95, R ≥ 0.8), and the findings name what they
 * should (span refs, document uris, quoted values). Plus the value extraction they stand on.
 */
import { describe, expect, it } from 'vitest';
import { argumentNotFromConversation } from '../../../../scripts/lib/analysis/findings/kinds/argument-origin.js';
import { loopOrStop } from '../../../../scripts/lib/analysis/findings/kinds/loops.js';
import { failureInOkOutput, statedFailure } from '../../../../scripts/lib/analysis/findings/kinds/ok-failures.js';
import { replyContradictsSources } from '../../../../scripts/lib/analysis/findings/kinds/reply-contradiction.js';
import { sourcesDisagree } from '../../../../scripts/lib/analysis/findings/kinds/sources-disagree.js';
import { FINDING_KINDS } from '../../../../scripts/lib/analysis/findings/registry.js';
import { traceProvenance } from '../../../../scripts/lib/analysis/trace/provenance.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import type { ProvenanceFinding } from '../../../../scripts/lib/analysis/findings/provenance-finding.js';
import { provenanceOf } from '../../../../scripts/lib/analysis/trace/provenance-run.js';
import { labelledCases, scoreKinds } from '../../../support/provenance-cases.js';

const cases = labelledCases();
const found = new Map(cases.map((c) => [c.name, provenanceOf(c.trace, undefined, undefined, c.earlier)]));
const of = (name: string): ProvenanceFinding[] => found.get(name) ?? [];

describe('the labelled set', () => {
  it('holds at least 40 traces, half of them clean', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.filter((c) => c.fault === null).length).toBeGreaterThanOrEqual(20);
  });
  it('meets precision ≥ 0.95 and recall ≥ 0.8 for every kind', () => {
    const scores = scoreKinds(cases.map((c) => ({ name: c.name, fault: c.fault, found: of(c.name).map((f) => f.kind) })));
    for (const s of scores) {
      expect({ kind: s.kind, precision: s.precision >= 0.95, recall: s.recall >= 0.8, wrong: s.wrong }).toEqual({
        kind: s.kind,
        precision: true,
        recall: true,
        wrong: s.wrong,
      });
    }
  });
  it('gives no finding at all on the clean traces (hard cases included)', () => {
    const noisy = cases.filter((c) => c.fault === null && of(c.name).length).map((c) => c.name);
    expect(noisy).toEqual([]);
  });
});

describe('what the findings name', () => {
  it('an argument: the call, the value, the near spelling the user wrote, and the stranger the tool returned', () => {
    const [f] = of('pharmacy refill, digits swapped');
    expect(f?.title).toBe(
      '`llm#1` called `get_prescription` with rx_id=RX-47018, which no message or earlier output holds; the user wrote RX-40718 (two digits swapped); ' +
        'its output names patient_name "Ivo Marsh", whom no user message or system prompt mentions',
    );
    expect(f?.heuristic).toMatch(/nearest spelling/);
  });
  it('an id mistyped from a tool output names that tool', () => {
    expect(of('bike hire, id from a tool output mistyped')[0]?.title).toMatch(/a tool output holds BIKE-3051 in `[^`]+` \(two digits swapped\)/);
  });
  it('a contradiction: both values with their nouns and the document uri', () => {
    const [f] = of('bike hire, deposit');
    expect(f?.title).toBe('the reply says "€90 security deposit"; `kb://bikes/cargo.md` (search_kb), which the model was given, says "€60 security deposit"');
    expect(f?.docs).toEqual(['kb://bikes/cargo.md']);
  });
  it('small numbers count when bound to a noun', () => {
    expect(of('pharmacy, refills count')[0]?.title).toContain('"4 refills remaining"');
  });
  it('a sum of phone-number digits does not excuse a contradiction; a sum of amounts does', () => {
    expect(of('mobile plan, minutes beside a phone number').map((f) => f.title)).toEqual([
      'the reply says "644 minutes"; `get_plan`\'s output, which the model was given, says "645 minutes"',
    ]);
    expect(of('clean: minutes summed beside a phone number')).toEqual([]);
  });
  it('sources that disagree: ranks, scores, which reached the prompt, which the reply used', () => {
    const [f] = of('returns policy, two versions');
    expect(f?.title).toContain('`kb://returns/2024.md` says 14 days, `kb://returns/2026.md` says 30 days; the reply used 14 days');
    expect(f?.evidence[0]).toMatch(/rank 1, score 0\.91: .* reached `llm`'s prompt$/);
    expect(f?.evidence[1]).toMatch(/rank 2, score 0\.84: .* reached no model call$/);
  });
  it('a loop: count, cost and the stop reason', () => {
    const [f] = of('fare lookup loop, max_iterations');
    expect(f?.title).toBe('6 × `lookup_zone` with identical arguments and identical results, then the agent stopped on max_iterations');
    expect(f?.evidence[1]).toMatch(/^cost: 1\.08s from the first call to the last \(480ms inside the calls\), 600 tokens/);
  });
  it('a failure inside an OK output that never reached the next model call, and the reply that claims success', () => {
    const [f] = of('gym freeze, ok false');
    expect(f?.title).toContain('`freeze_membership` ended OK but its output states a failure: "FREEZE_WINDOW_CLOSED');
    expect(f?.title).toContain('the next model call `llm#2` never received it');
    expect(f?.evidence.join('\n')).toContain('the reply claims success: ');
  });
});

describe('the kinds and the pass', () => {
  it('are five registry kinds, shown under FINDINGS', () => {
    const kinds = [failureInOkOutput, argumentNotFromConversation, replyContradictsSources, sourcesDisagree, loopOrStop];
    for (const k of kinds) {
      expect(FINDING_KINDS as readonly unknown[]).toContain(k);
      expect(k.section).toBe('findings');
    }
  });
  it('reads a failure out of an OK output, and no failure out of a success', () => {
    expect(statedFailure({ ok: false, error: 'SEAT_LOCKED' }, '')).toBe('SEAT_LOCKED');
    expect(statedFailure({ status_code: 502 }, 'raw')).toBe('raw');
    expect(statedFailure({ ok: true, error: null }, 'raw')).toBeNull();
  });
  it('keeps each source once, in time order, with the reply', () => {
    const c = cases.find((x) => x.name === 'returns policy, two versions');
    const tree = buildTree(c?.trace.spans ?? []);
    const p = traceProvenance(tree);
    expect(p.sources.filter((s) => s.kind === 'document').map((s) => s.docId)).toEqual(['kb://returns/2024.md', 'kb://returns/2026.md']);
    expect(p.reply?.text).toBe('You can return the jacket within 14 days of delivery.');
  });
});

describe('arguments the model made up', () => {
  it('names every made-up value of the call, as a heuristic', () => {
    const [f] = of('rag tuning, current values and experiment made up');
    expect(f?.title).toBe(
      '`llm#1` called `recommend_config_changes` with experiment="rag-app", current_threshold=0.8 and current_chunk_size=256, ' +
        'which nothing the model had holds (no message, document or earlier output)',
    );
    expect(f?.heuristic).toContain('the model may know it from elsewhere');
  });
});
