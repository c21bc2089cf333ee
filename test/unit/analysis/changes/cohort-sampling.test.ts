/**
 * Issue 28's trial: `--by region` on a tag that alternates every trace compared span samples from
 * different times (cost ×0.1, a model "switch" between regions); a rollback printed "×0.0" and
 * "a longer prompt" for a shorter one. Over plain traces, no mlflow.
 */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { changeSections } from '../../../../scripts/lib/render/triage/changes.js';
import { span, trace } from '../../../support/spans.js';

const STEP = 600_000;
/** A call of `model` with `input` tokens (cost not recorded: priced from the built-in table). */
const call = (i: number, model: string, input: number, logged?: string) =>
  trace(`tr-${i}`, {
    requestTimeMs: i * STEP,
    tags: { app_version: model === 'gpt-4o' ? '2.8.0' : '2.7.0', region: i % 2 ? 'eu' : 'us', 'mlflow.traceName': 'app' },
    spans: [
      span(`r${i}`, 'app', { type: 'AGENT', end: 1_000 }),
      span(`d${i}`, 'draft', {
        parentId: `r${i}`,
        type: 'CHAT_MODEL',
        ...(logged ? { inputs: { messages: [{ role: 'user', content: logged }] } } : {}),
        attrs: { 'mlflow.llm.model': model, 'mlflow.chat.tokenUsage': { input_tokens: input, output_tokens: 100, total_tokens: input + 100 } },
      }),
    ],
  });
const follow = {
  compare: (a: string, b: string) => `compare ${a} ${b}`,
  byKey: (k: string) => `--by ${k}`,
  traceName: (n: string) => n,
  spanName: (n: string) => n,
  wider: null,
  json: 'x.json',
};
const text = (acc: ChangeAccumulator, by?: string) => changeSections(acc.report({ by }), null, follow)[0]?.lines.join('\n') ?? '';

describe('--by a key that interleaves: both samples from the same time range', () => {
  // 200 traces, the model switches at trace 100; region alternates. The samples read: us only before the switch, eu only after (as newest-before / first-after sampling did).
  const acc = new ChangeAccumulator();
  const traces = Array.from({ length: 200 }, (_, i) => (i < 100 ? call(i, 'gpt-4o-mini', 1_200) : call(i, 'gpt-4o', 3_600)));
  for (const t of traces) acc.addInfo(t);
  for (const t of traces)
    if ((t.info.tags.region === 'us' && (t.info.requestTimeMs ?? 0) < 120 * STEP) || (t.info.tags.region === 'eu' && (t.info.requestTimeMs ?? 0) >= 80 * STEP))
      acc.addSpans(t);
  const r = acc.report({ by: 'tag.region' });

  it('samples the same range: the plan says so and the report cuts both to the overlap', () => {
    expect(r.sampling).toBe('same range');
    expect(r.sampleRange).toEqual({ from: new Date(81 * STEP).toISOString(), to: new Date(118 * STEP).toISOString() });
    const [us, eu] = [r.cohorts.find((c) => c.value === 'us'), r.cohorts.find((c) => c.value === 'eu')];
    expect(us?.spansRead).toBe(19);
    expect(eu?.spansRead).toBe(19);
    // Same mix of versions in both: no cost ratio of ten, both models on both sides.
    expect(Math.abs((us?.cost?.perTrace ?? 0) / (eu?.cost?.perTrace ?? 1) - 1)).toBeLessThan(0.2); // one trace more of the new version on one side
    for (const c of [us, eu]) expect(c?.params['span.draft.model']?.map((x) => x.value).sort()).toEqual(['gpt-4o', 'gpt-4o-mini']);
  });

  it('the view says where the span samples come from', () => {
    expect(text(acc, 'tag.region')).toMatch(/span samples .*both cut to 1970-01-01T13:30Z … 1970-01-01T19:40Z, so time does not pass for region/);
  });

  it('a key that switched is still compared either side of its change', () => {
    expect(acc.report({ by: 'tag.app_version' }).sampling).toBe('either side');
    expect(acc.report({}).sampling).toBe('either side');
  });

  it('samples that do not overlap in time are said, and their rows left out', () => {
    const apart = new ChangeAccumulator();
    for (const t of traces) apart.addInfo(t);
    for (const t of traces)
      if (
        (t.info.tags.region === 'us' && (t.info.requestTimeMs ?? 0) < 50 * STEP) ||
        (t.info.tags.region === 'eu' && (t.info.requestTimeMs ?? 0) >= 150 * STEP)
      )
        apart.addSpans(t);
    expect(apart.report({ by: 'tag.region' }).sampleRange).toBeNull();
    expect(text(apart, 'tag.region')).toMatch(/time ranges that do not overlap/);
    expect(text(apart, 'tag.region')).not.toMatch(/cost per request/);
  });
});

describe('a rollback: the ratio and the explanation follow the direction', () => {
  const acc = new ChangeAccumulator();
  const traces = Array.from({ length: 120 }, (_, i) => (i < 60 ? call(i, 'gpt-4o', 3_600) : call(i, 'gpt-4o-mini', 1_200)));
  for (const t of traces) {
    acc.addInfo(t);
    acc.addSpans(t);
  }
  const out = text(acc);

  it('a thirty-fold fall reads ÷, never ×0.0, and the prompt got shorter', () => {
    expect(out).toMatch(/cost per request: \$0\.0100 \(2\.8\.0\) → \$0\.00024 \(2\.7\.0\) \(÷41\.\d\)/);
    expect(out).not.toMatch(/×0\.0/);
    expect(out).toMatch(/input tokens per call 3,600 → 1,200 \(÷3\.0: a shorter prompt or history\)/);
  });
});

describe('a release then its rollback (2.7.0 → 2.8.0 → 2.7.0): in time order, each stretch its own figure', () => {
  const acc = new ChangeAccumulator();
  const traces = Array.from({ length: 120 }, (_, i) => (i >= 40 && i < 80 ? call(i, 'gpt-4o', 3_600) : call(i, 'gpt-4o-mini', 1_200)));
  for (const t of traces) {
    acc.addInfo(t);
    acc.addSpans(t);
  }
  const out = text(acc);

  it('reads in time order and says it rolled back, each stretch from its own traces read with spans', () => {
    expect(out).toMatch(
      /\n {2}cost per request, app_version 2\.7\.0 → 2\.8\.0 → 2\.7\.0 \(rolled back\): \$0\.00024 → \$0\.0100 → \$0\.00024 per request \(the release ×41\.\d, the rollback ÷41\.\d\), over 40, 40 and 40 traces read with spans, one sample per stretch; from built-in price table/,
    );
    expect(out).not.toMatch(/\(2\.8\.0\) → \S+ \(2\.7\.0\)/);
    // The release's rise, split: gpt-4o at the old 1,200/100 tokens costs ×16.7 gpt-4o-mini's, and 3,600 input tokens ×2.5 that.
    expect(out).toMatch(
      /\n {4}draft, the release 2\.7\.0 → 2\.8\.0: ×41\.7 per request: ×16\.7 price \(gpt-4o-mini → gpt-4o at the same tokens, priced from the built-in price table \(2026-11\)\), ×2\.5 tokens \(input 1,200 → 3,600, output 100 → 100 per call\)\n {4}what the rollback changed/,
    );
    expect(out).toMatch(/\n {4}what the rollback changed \(2\.8\.0 → 2\.7\.0\), by span:\n {4}draft: \$0\.0100 → \$0\.00024 per trace/);
    const r = acc.report({});
    expect(r.rollback?.stretches.map((x) => [x.value, x.traces, x.spansRead])).toEqual([
      ['2.7.0', 40, 40],
      ['2.8.0', 40, 40],
      ['2.7.0', 40, 40],
    ]);
  });
  it('a stretch none of whose traces was read with spans is said, not filled with the cohort figure', () => {
    const part = new ChangeAccumulator();
    for (const t of traces) part.addInfo(t);
    for (const t of traces.slice(40)) part.addSpans(t);
    expect(text(part)).toMatch(/\(rolled back\): \? \(none read with spans\) → \$0\.0100 → \$0\.00024 per request \(the rollback ÷41\.\d\), over 0, 40 and 40/);
  });

  it('a → b → a → b ends on a release again: no rollback line', () => {
    const again = new ChangeAccumulator();
    const v = (i: number) => (Math.floor(i / 30) % 2 ? call(i, 'gpt-4o', 3_600) : call(i, 'gpt-4o-mini', 1_200));
    for (let i = 0; i < 120; i++) again.addInfo(v(i));
    for (let i = 0; i < 120; i++) again.addSpans(v(i));
    expect(again.report({}).switches[0]?.changes).toHaveLength(3);
    expect(text(again)).not.toMatch(/rolled back/);
    expect(again.report({}).rollback).toBeNull();
  });
  it('no such line for a plain release', () => {
    const plain = new ChangeAccumulator();
    for (let i = 0; i < 120; i++) plain.addInfo(call(i, i < 60 ? 'gpt-4o-mini' : 'gpt-4o', i < 60 ? 1_200 : 3_600));
    for (let i = 0; i < 120; i++) plain.addSpans(call(i, i < 60 ? 'gpt-4o-mini' : 'gpt-4o', i < 60 ? 1_200 : 3_600));
    expect(text(plain)).toMatch(/cost per request/);
    expect(text(plain)).not.toMatch(/rolled back/);
  });
});

describe('input tokens tripled while the logged input stayed the same', () => {
  it('says the app sends more than it logs', () => {
    const acc = new ChangeAccumulator();
    for (let i = 0; i < 120; i++) {
      const t = call(i, i < 60 ? 'gpt-4o-mini' : 'gpt-4o', i < 60 ? 1_200 : 3_600, 'Plan five dinners');
      acc.addInfo(t);
      acc.addSpans(t);
    }
    expect(text(acc)).toMatch(
      /input tokens per call 1,200 → 3,600 \(×3\.0: a longer prompt or history\), but the logged input did not grow \(\d+ → \d+ chars per call\): the app sends more than it logs/,
    );
  });
  it('the other way (a rollback): the logged input did not shrink, the app sent more than it logged before', () => {
    const acc = new ChangeAccumulator();
    for (let i = 0; i < 120; i++) {
      const t = call(i, i < 60 ? 'gpt-4o' : 'gpt-4o-mini', i < 60 ? 3_600 : 1_200, 'Plan five dinners');
      acc.addInfo(t);
      acc.addSpans(t);
    }
    expect(text(acc)).toMatch(
      /input tokens per call 3,600 → 1,200 \(÷3\.0: a shorter prompt or history\), but the logged input did not shrink \(\d+ → \d+ chars per call\): the app sent more than it logged before/,
    );
    expect(text(acc)).not.toMatch(/did not grow/);
  });
  it('not when the logged input grew with the tokens', () => {
    const acc = new ChangeAccumulator();
    for (let i = 0; i < 120; i++) {
      const t = call(i, i < 60 ? 'gpt-4o-mini' : 'gpt-4o', i < 60 ? 1_200 : 3_600, i < 60 ? 'Plan five dinners' : 'Plan five dinners '.repeat(3));
      acc.addInfo(t);
      acc.addSpans(t);
    }
    expect(text(acc)).toMatch(/input tokens per call 1,200 → 3,600 \(×3\.0: a longer prompt or history\)/);
    expect(text(acc)).not.toMatch(/the app sends more than it logs/);
  });
});
