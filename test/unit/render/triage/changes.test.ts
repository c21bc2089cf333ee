/** WHAT CHANGED's view in its parts: formats, the cohort table, cost, the switch, the whole section in order. */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { costLines } from '../../../../scripts/lib/render/triage/change-cost.js';
import { at, between, pct, short, t, tok, usd } from '../../../../scripts/lib/render/triage/change-format.js';
import { changeLine, changedParts, switchLines, valuesPath } from '../../../../scripts/lib/render/triage/change-switch.js';
import { changeSections, splitKeyLines } from '../../../../scripts/lib/render/triage/changes.js';
import { cohortTable } from '../../../../scripts/lib/render/triage/cohort-table.js';
import { span, trace } from '../../../support/spans.js';

const STEP = 600_000;
/** Version 2.7.0 on gpt-4o-mini, then 2.8.0 on gpt-4o with three times the input. */
const call = (i: number) => {
  const model = i < 60 ? 'gpt-4o-mini' : 'gpt-4o';
  const input = i < 60 ? 1_200 : 3_600;
  return trace(`tr-${i}`, {
    requestTimeMs: i * STEP,
    state: i >= 60 && i % 5 === 0 ? 'ERROR' : 'OK',
    tags: { app_version: i < 60 ? '2.7.0' : '2.8.0', 'mlflow.traceName': 'app' },
    spans: [
      span(`r${i}`, 'app', { type: 'AGENT', end: 1_000 }),
      span(`d${i}`, 'draft', {
        parentId: `r${i}`,
        type: 'CHAT_MODEL',
        attrs: { 'mlflow.llm.model': model, 'mlflow.chat.tokenUsage': { input_tokens: input, output_tokens: 100, total_tokens: input + 100 } },
      }),
    ],
  });
};
const follow = {
  compare: (a: string, b: string) => `compare ${a} ${b}`,
  byKey: (k: string) => `--by ${k}`,
  traceName: (n: string) => n,
  spanName: (n: string) => n,
  wider: null,
  json: 'x.json',
};
const acc = new ChangeAccumulator();
const traces = Array.from({ length: 120 }, (_, i) => call(i));
for (const x of traces) acc.addInfo(x);
for (const x of traces.filter((_, i) => i >= 40 && i < 80)) acc.addSpans(x);
const r = acc.report({});

describe('the formats WHAT CHANGED shares', () => {
  it('times, keys, rates, money, tokens', () => {
    // One zone, one format, as the header prints times: ISO to the minute, Z for UTC (never "Z UTC").
    expect(t('2026-11-10T10:00:00.123Z')).toBe('2026-11-10T10:00Z');
    expect(at(0)).toBe('1970-01-01T00:00Z');
    expect([between(0, 30_000), between(0, 600_000)]).toEqual(['at 1970-01-01T00:00Z', 'between 1970-01-01T00:00Z and 1970-01-01T00:10Z']);
    expect(short('tag.app_version')).toBe('app_version');
    expect([pct({ n: 14, of: 304, rate: 14 / 304 }), pct({ n: 3, of: 10, rate: 0.3 }), pct({ n: 0, of: 0, rate: null })]).toEqual([
      '14/304 4.6%',
      '3/10 30%',
      '–',
    ]);
    expect([usd(0), usd(12.345), usd(0.01234), usd(0.000123)]).toEqual(['$0', '$12.35', '$0.0123', '$0.00012']);
    expect([tok(null), tok(1234.6)]).toEqual(['?', '1,235']);
  });
});

describe('the parts of the section', () => {
  it('the switch: the version and the model that changed with it', () => {
    expect(r.by).toBe('tag.app_version');
    expect(switchLines(r, null).join('\n')).toMatch(/app_version 2\.7\.0 → 2\.8\.0 between/);
    expect(switchLines(r, null).join('\n')).toMatch(/between \S+Z and \S+Z \(60 traces with 2\.7\.0 before, 60 with 2\.8\.0 after, of the traces read\)/);
    expect(changedParts('a'.repeat(70) + 'X' + 'b'.repeat(30), 'a'.repeat(70) + 'Y' + 'b'.repeat(30))).toMatch(/^"….*X.*…" → "….*Y.*…"$/);
  });
  it('an onset the server located: its counts over every trace apart from the traces read around it, and the pair', () => {
    const onset = {
      key: 'tag.app_version',
      value: '2.8.0',
      read: 158,
      cut: false,
      lastGood: { traceId: 'tr-59', time: '2026-10-06T21:50:00.000Z', value: '2.7.0' },
      onset: { traceId: 'tr-60', time: '2026-10-06T22:00:00.000Z' },
      windowStart: '2026-10-07T07:20:00.000Z',
      server: {
        traces: 432,
        withValue: 175,
        to: null,
        firstSeen: { at: '2026-10-06T06:40:00.000Z', sizeS: 60 },
        lastOther: { at: '2026-10-06T21:00:00.000Z', sizeS: 3_600, traces: 5 },
        requests: 6,
      },
    };
    const text = switchLines(r, onset).join('\n');
    expect(text).toContain(
      'every trace read (from 2026-10-07T07:20Z) has app_version=2.8.0; the tracking server counted 175 of 432 traces with it (6 requests):',
    );
    expect(text).toContain('first seen in the minute from 2026-10-06T06:40Z; the last trace without it in the hour from 2026-10-06T21:00Z (5 traces there)');
    expect(text).toMatch(
      /158 traces read around it \(1 search, with spans; .*\): last 2\.7\.0 trace \(last good\) tr-59 at 2026-10-06T21:50Z · first 2\.8\.0 after it: tr-60/,
    );
    const none = { ...onset, server: { ...onset.server, lastOther: null } };
    expect(switchLines(r, none).join('\n')).toContain('every trace counted has app_version=2.8.0: no change to find');
    const declined = { ...onset, server: undefined, declined: 'the server declined traces trace_count (HTTP 400)' };
    expect(switchLines(r, declined).join('\n')).toContain('the tracking server could not locate it: the server declined traces trace_count (HTTP 400)');
  });
  it('a rollout: no count next to a version, and one straggler is one', () => {
    const change = { from: '2.7.0', to: '2.8.0', lastFromMs: 0, firstToMs: 600_000, before: 1, after: 40 };
    const rollout = (stragglers: number) =>
      changeLine('tag.app_version', { ...change, rollout: { firstSeenMs: 0, lastOldMs: 900_000, canary: 1, stragglers } });
    expect(rollout(1)).toBe(
      'app_version 2.7.0 → 2.8.0, a rollout: first seen 1970-01-01T00:00Z (a canary: 1 trace beside 2.7.0), took over between 1970-01-01T00:00Z and 1970-01-01T00:10Z ' +
        '(1 trace with 2.7.0 before, 40 with 2.8.0 after, of the traces read; 1 straggler on 2.7.0 after, the last 1970-01-01T00:15Z)',
    );
    expect(rollout(3)).toContain('; 3 stragglers on 2.7.0 after');
  });
  it('a key that changed with a rollback shows its values in order, never a → a', () => {
    const lead = r.switches[0];
    if (!lead) throw new Error('no switch');
    const path = ['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini'];
    const rolled = { ...r, switches: [{ ...lead, together: [{ key: 'span.draft.model', from: 'gpt-4o-mini', to: 'gpt-4o-mini', path }] }] };
    const text = switchLines(rolled, null).join('\n');
    expect(text).toContain('changed at the same moment: draft.model gpt-4o-mini → gpt-4o → gpt-4o-mini');
    expect(text).not.toMatch(/gpt-4o-mini → gpt-4o-mini/);
    const long = ['a'.repeat(70) + 'X', 'a'.repeat(70) + 'Y', 'a'.repeat(70) + 'X'];
    expect(valuesPath(long)).toMatch(/^"….*X" → "….*Y", then 1 more change \(back to the first\)$/);
    expect(valuesPath(['v1', 'v2'])).toBe('v1 → v2');
  });
  it('"also:" leaves out a span parameter the parameter changes list already', () => {
    const lead = r.switches[0];
    if (!lead) throw new Error('no switch');
    const model = { ...lead, key: 'span.draft.model', together: [] };
    const region = { ...lead, key: 'tag.region', together: [] };
    const param = { key: 'span.draft.model', from: 'gpt-4o-mini', to: 'gpt-4o', counts: { from: 1, fromOf: 1, to: 1, toOf: 1 } };
    const also = (paramChanges: (typeof r)['paramChanges']) =>
      switchLines({ ...r, switches: [lead, model, region], paramChanges }, null).filter((l) => l.startsWith('  also: '));
    expect(also([]).map((l) => l.split(' ')[3])).toEqual(['span.draft.model', 'region']);
    expect(also([param]).map((l) => l.split(' ')[3])).toEqual(['region']);
  });
  it('the keys --by could split by: named, bounded, the one in use left out', () => {
    expect(r.splitKeys).toEqual([{ key: 'tag.app_version', values: 2 }]);
    expect(splitKeyLines(r)).toEqual([]);
    const many = Array.from({ length: 14 }, (_, i) => ({ key: `tag.k${String(i).padStart(2, '0')}`, values: 3 }));
    const [line] = splitKeyLines({ by: 'tag.k00', splitKeys: many });
    expect(line).toMatch(
      /^ {2}other keys to split by \(--by KEY; .*\): k01 \(3 values\), k02 .*k10 \(3 values\), and 3 more \(--json: changes\.report\.splitKeys\)$/,
    );
    expect(splitKeyLines({ by: null, splitKeys: many.slice(0, 1) })).toEqual([
      '  keys to split by (--by KEY; tag and metadata keys of 2 to 12 values whose mix shifts over the traces read, a heuristic): k00 (3 values)',
    ]);
  });
  it('the cohort table: one column per value, a row per measure', () => {
    const table = cohortTable(r);
    expect(table[0]).toMatch(/^ {4}by app_version\s+2\.7\.0\s+2\.8\.0$/);
    expect(table.find((l) => l.trim().startsWith('errors'))).toMatch(/0\/60 0%\s+12\/60 20%/);
  });
  it('cost: per request on both sides, and the span whose model and prompt explain it', () => {
    const lines = costLines(r).join('\n');
    expect(lines).toMatch(/cost per request.*: \$\S+ \(2\.7\.0\) → \$\S+ \(2\.8\.0\)/);
    expect(lines).toMatch(/draft: .*model gpt-4o-mini → gpt-4o; input tokens per call 1,200 → 3,600/);
  });
  it('the whole section in order: head, switch, table, differences, cost, pair', () => {
    const lines = changeSections(r, null, follow)[0]?.lines ?? [];
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const order = [/WHAT CHANGED/, /2\.7\.0 → 2\.8\.0/, /^ {4}by app_version/, /errors .* → .*: (within|beyond) chance/, /cost per request/, /compare tr-/];
    const found = order.map(at);
    expect(found.every((i) => i >= 0)).toBe(true);
    expect(found).toEqual([...found].sort((a, b) => a - b));
  });
});
