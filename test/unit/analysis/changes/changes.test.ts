/** The switch detector, cohort statistics and experiment-name matching over plain data (no mlflow). */
import { describe, expect, it } from 'vitest';
import { ChangeAccumulator } from '../../../../scripts/lib/analysis/changes/changes.js';
import { detectSwitch, rankSwitches, type Point } from '../../../../scripts/lib/analysis/changes/switches.js';
import { closestNames, matchName, parseExperimentTable } from '../../../../scripts/lib/mlflow/experiments.js';
import { buildTraceFilter } from '../../../../scripts/lib/mlflow/filter.js';
import { cohortClause } from '../../../../scripts/lib/commands/triage/changes-job.js';
import { changeSections } from '../../../../scripts/lib/render/triage/changes.js';
import { widerWindow } from '../../../../scripts/lib/commands/triage/triage-traces.js';
import type { TriageArgs } from '../../../../scripts/lib/commands/triage/triage-args.js';
import type { Assessment, Trace } from '../../../../scripts/lib/trace/trace.js';
import { judgeFeedback } from '../../../support/assessments.js';

const pts = (values: string[], step = 1_000, t0 = 0): Point[] => values.map((value, i) => ({ t: t0 + i * step, value }));
const rep = (v: string, n: number) => Array.from({ length: n }, () => v);

describe('detectSwitch', () => {
  it('finds value A until t1, B from t2', () => {
    const f = detectSwitch('tag.app_version', pts([...rep('v7', 50), ...rep('v8', 30)]));
    expect(f.kind).toBe('switch');
    expect(f.changes).toEqual([{ from: 'v7', to: 'v8', lastFromMs: 49_000, firstToMs: 50_000, before: 50, after: 30 }]);
  });

  it('lists each change of a back-and-forth (a rollback and a redeploy)', () => {
    const f = detectSwitch('tag.app_version', pts([...rep('v7', 40), ...rep('v8', 20), ...rep('v7', 20), ...rep('v8', 40)]));
    expect(f.kind).toBe('back-and-forth');
    expect(f.changes.map((c) => `${c.from}>${c.to}@${c.firstToMs / 1000}`)).toEqual(['v7>v8@40', 'v8>v7@60', 'v7>v8@80']);
  });

  it('interleaved values (a region, a user) are no switch, however few values there are', () => {
    const values = Array.from({ length: 120 }, (_, i) => (Math.floor(i / 3) % 2 ? 'us' : 'eu'));
    expect(detectSwitch('tag.region', pts(values)).kind).toBe('interleaved');
  });

  it('one value throughout is constant; a stray old trace after the deploy is noise', () => {
    expect(detectSwitch('tag.app_version', pts(rep('v8', 30))).kind).toBe('constant');
    const f = detectSwitch('tag.app_version', pts([...rep('v1', 60), ...rep('v2', 30), 'v1', ...rep('v2', 30)]));
    expect(f.kind).toBe('switch');
    expect(f.strays).toBe(1);
  });

  it('sorts by time first: pages arrive newest first', () => {
    const f = detectSwitch('k', [...pts(rep('b', 10), 1_000, 100_000), ...pts(rep('a', 10))].reverse());
    expect(f.changes[0]).toMatchObject({ from: 'a', to: 'b' });
  });

  it('groups keys that changed at the same moment, release-like names first', () => {
    const values = [...rep('x', 20), ...rep('y', 20)];
    const groups = rankSwitches([
      detectSwitch('tag.region', pts(values)),
      detectSwitch('span.llm.max_tokens', pts([...rep('1024', 20), ...rep('256', 20)])),
      detectSwitch('tag.app_version', pts(values)),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.lead.key).toBe('tag.app_version');
    expect(groups[0]?.together.map((f) => f.key).sort()).toEqual(['span.llm.max_tokens', 'tag.region']);
  });
});

// ---------------------------------------------------------------------------------------------

const fb = (name: string, value: unknown, rationale: string): Assessment => judgeFeedback(name, value, rationale);

function trace(i: number, version: string, o: { app?: string; state?: string; duration?: number; verdicts?: Assessment[]; request?: string } = {}): Trace {
  return {
    format: '3.x',
    spans: [],
    info: {
      traceId: `tr-${String(i).padStart(32, '0')}`,
      experimentId: '1',
      requestTimeMs: 1_000_000 + i * 60_000,
      durationMs: o.duration ?? 1_000,
      state: o.state ?? 'OK',
      requestPreview: o.request ?? `question ${i % 3}`,
      responsePreview: null,
      metadata: {},
      tags: { app_version: version, 'mlflow.traceName': o.app ?? 'copilot' },
      assessments: o.verdicts ?? [],
      sessionId: null,
      userId: null,
    },
  };
}

describe('cohort statistics over plain traces', () => {
  const acc = new ChangeAccumulator();
  for (let i = 0; i < 40; i++) {
    const v8 = i >= 20;
    const verdicts =
      i % 2
        ? [
            fb(
              'quality',
              v8 && i % 4 === 1 ? 'no' : i % 10 === 3 ? 'no' : 'yes',
              v8 && i % 4 === 1 ? 'Cut off mid-sentence at 212 chars.' : i % 10 === 3 ? 'No baggage info.' : 'Fine.',
            ),
          ]
        : [];
    if (v8 && i % 5 === 0) verdicts.push(fb('user_frustration', 'yes', 'Asked twice.'));
    acc.addInfo(trace(i, v8 ? 'v8' : 'v7', { duration: v8 ? 1_600 : 1_000, state: i % 13 === 0 ? 'ERROR' : 'OK', verdicts }));
  }
  acc.addInfo(trace(99, 'v8', { app: 'digest', duration: 45_000 }));
  const r = acc.report({});

  it('keeps another application apart, and analyses the main one', () => {
    expect(r.applications.map((a) => [a.name, a.traces])).toEqual([
      ['copilot', 40],
      ['digest', 1],
    ]);
    expect(r.app).toBe('copilot');
    expect(r.appTraces).toBe(40);
  });

  it('finds the switch and splits by it, with the counts behind every rate', () => {
    expect(r.by).toBe('tag.app_version');
    expect(r.bySource).toBe('switch');
    expect([r.from, r.to]).toEqual(['v7', 'v8']);
    const [v7, v8] = r.cohorts;
    expect(v7).toMatchObject({ value: 'v7', traces: 20, errors: { n: 2, of: 20 }, latency: { p50: 1_000 } });
    expect(v8).toMatchObject({ value: 'v8', traces: 20, errors: { n: 2, of: 20 }, latency: { p50: 1_600 } });
    expect(v7?.negative).toMatchObject({ n: 2, of: 10 });
    // user_frustration = yes is a bad verdict: the scorer names a bad thing.
    expect(v8?.verdicts.find((v) => v.name === 'user_frustration')).toMatchObject({ n: 4, of: 4 });
    expect(r.tooSmall).toEqual([]);
  });

  it('clusters rationales by fingerprint per cohort: the new one apart from the old one', () => {
    const cut = r.rationales.find((c) => c.example.startsWith('Cut off'));
    expect(cut).toMatchObject({ verdict: 'quality', fingerprint: 'Cut off mid-sentence at <n> chars.', trend: 'new' });
    expect(cut?.byCohort.map((x) => [x.value, x.count])).toEqual([
      ['v7', 0],
      ['v8', 5],
    ]);
    const old = r.rationales.find((c) => c.example === 'No baggage info.');
    expect(old?.byCohort.map((x) => [x.value, x.count])).toEqual([
      ['v7', 2],
      ['v8', 1],
    ]);
  });

  it('pairs the first bad trace after the change with the last good one asking the same', () => {
    expect(r.pair?.sameRequest).toBe(true);
    expect(r.pair?.lastGood.request).toBe(r.pair?.firstBad.request);
    expect(Date.parse(r.pair?.lastGood.time ?? '')).toBeLessThan(Date.parse(r.pair?.firstBad.time ?? ''));
  });

  it('an explicit --by with no switch compares the two largest cohorts; small cohorts are said', () => {
    const small = new ChangeAccumulator();
    for (let i = 0; i < 10; i++) small.addInfo(trace(i, i % 2 ? 'a' : 'b'));
    const s = small.report({ by: 'tag.app_version' });
    expect(s.switches).toEqual([]);
    expect(s.bySource).toBe('option');
    expect(s.tooSmall.sort()).toEqual(['a', 'b']);
  });
});

describe('experiments by name', () => {
  const table = [
    'Experiment Id    Name                    Artifact Location',
    '---------------  ----------------------  ------------------',
    '0                Default                 /tmp/mlruns/0',
    '1                travel copilot prod     file:///a',
    '2                2024                    file:///b',
    '3                /Users/x/travel-beta    file:///c',
    '4                /Users/y/travel-beta    file:///d',
    '',
  ].join('\n');
  const list = parseExperimentTable(table);
  it('reads the CLI table by its rule, names with spaces included', () => {
    expect(list).toEqual([
      { id: '0', name: 'Default' },
      { id: '1', name: 'travel copilot prod' },
      { id: '2', name: '2024' },
      { id: '3', name: '/Users/x/travel-beta' },
      { id: '4', name: '/Users/y/travel-beta' },
    ]);
  });
  it('matches exactly, then case-insensitively; a workspace leaf in two folders is ambiguous', () => {
    expect(matchName('travel copilot prod', list).match?.id).toBe('1');
    expect(matchName('Travel Copilot Prod', list).match?.id).toBe('1');
    expect(matchName('travel-beta', list).ambiguous.map((e) => e.id)).toEqual(['3', '4']);
    expect(matchName('nothing', list)).toEqual({ match: null, ambiguous: [] });
  });
  it('lists the closest names for an unknown one', () => {
    expect(closestNames('travel copilot prd', list, 2)[0]?.id).toBe('1');
  });
});

describe('--trace-name is pushed to the server as a filter', () => {
  it('quotes the root name tag', () => {
    expect(buildTraceFilter({ sinceMs: 1_000, traceName: "trip's copilot" })).toBe('trace.timestamp_ms >= 1000 AND tag.`mlflow.traceName` = "trip\'s copilot"');
  });
  it('each cohort sample is selected by a filter clause the store evaluates', () => {
    expect(cohortClause('tag.app_version', 'v8')).toBe("tag.app_version = 'v8'");
    expect(cohortClause('metadata.mlflow.source.git.commit', 'abc123')).toBe("metadata.`mlflow.source.git.commit` = 'abc123'");
    expect(cohortClause('tag.app_version', '(unset)')).toBeNull();
    expect(cohortClause('span.llm.max_tokens', '256')).toBeNull();
  });
});

describe('a system prompt is a model parameter', () => {
  const llm = (i: number, system: string): Trace => {
    const t = trace(i, i < 10 ? 'v4' : 'v5');
    const messages = [
      { role: 'system', content: system },
      { role: 'user', content: `order ${i}` },
    ];
    t.spans = [
      {
        id: `s${i}`,
        parentId: null,
        name: 'confirm',
        startMs: t.info.requestTimeMs ?? 0,
        endMs: (t.info.requestTimeMs ?? 0) + 700,
        status: 'OK',
        statusMessage: '',
        rawAttributes: { 'mlflow.spanType': '"CHAT_MODEL"', 'mlflow.spanInputs': JSON.stringify(JSON.stringify({ model: 'gpt-4o-mini', messages })) },
        events: [],
      },
    ];
    return t;
  };

  it('a release that rewrites it is found as a change, like max_tokens', () => {
    const acc = new ChangeAccumulator();
    for (let i = 0; i < 20; i++) {
      const t = llm(i, i < 10 ? 'You are Acme checkout. Be friendly.' : 'You are Acme checkout. Be brief.');
      acc.addInfo(t);
      acc.addSpans(t);
    }
    const r = acc.report({});
    expect(r.paramChanges).toContainEqual(
      expect.objectContaining({ key: 'span.confirm.system_prompt', from: 'You are Acme checkout. Be friendly.', to: 'You are Acme checkout. Be brief.' }),
    );
  });

  it('a prompt whose commonest value most calls of a side do not share is per-request text, not a changed setting', () => {
    const acc = new ChangeAccumulator();
    // Before: 5 passages in any order (all different); after: one passage of 4 (the commonest in 7 of 20).
    for (let i = 0; i < 40; i++) {
      const t = llm(i, i < 20 ? `Answer from: ${i}` : `Answer from: doc ${i % 4 === 0 ? 0 : i % 3}`);
      t.info.tags.app_version = i < 20 ? 'v4' : 'v5';
      acc.addInfo(t);
      acc.addSpans(t);
    }
    expect(acc.report({ by: 'tag.app_version' }).paramChanges.map((c) => c.key)).not.toContain('span.confirm.system_prompt');
  });

  it('one that holds per-request text has too many values to switch, and is left out', () => {
    const acc = new ChangeAccumulator();
    for (let i = 0; i < 40; i++) {
      const t = llm(i, `Context: document ${i}`);
      acc.addInfo(t);
      acc.addSpans(t);
    }
    expect(acc.report({}).switches.map((s) => s.key)).not.toContain('span.confirm.system_prompt');
  });
});

describe('applications apart when no trace carries its root name (OTLP ingest tags none)', () => {
  it("the cohorts' span table is the main root's: another application's spans stay out", () => {
    const acc = new ChangeAccumulator();
    const span = (id: string, name: string, start: number, end: number, parentId: string | null = null) => ({
      id,
      parentId,
      name,
      startMs: start,
      endMs: end,
      status: 'OK' as const,
      statusMessage: '',
      rawAttributes: {},
      events: [],
    });
    for (let i = 0; i < 44; i++) {
      const batch = i % 11 === 5;
      const t = trace(i, i < 22 ? 'v1' : 'v2');
      delete t.info.tags['mlflow.traceName'];
      const t0 = t.info.requestTimeMs ?? 0;
      t.spans = batch
        ? [span(`b${i}`, 'kb_sync', t0, t0 + 30_000), span(`f${i}`, 'fetch_cms', t0 + 5, t0 + 25_000, `b${i}`)]
        : [span(`r${i}`, 'faq', t0, t0 + 900), span(`a${i}`, 'answer', t0 + 10, t0 + 800, `r${i}`)];
      acc.addInfo(t);
      acc.addSpans(t);
    }
    const r = acc.report({ by: 'tag.app_version' });
    const names = new Set(r.cohorts.flatMap((c) => c.spans.map((s) => s.name)));
    expect([...names].sort()).toEqual(['answer', 'faq']);
    expect(r.cohorts.map((c) => c.spansRead)).toEqual([20, 20]);
    // Said, with the one-application command (the tag --trace-name reads is missing).
    expect(r.rootApps).toEqual([
      { name: 'faq', traces: 40 },
      { name: 'kb_sync', traces: 4 },
    ]);
    const follow = { compare: () => '', byKey: () => '', traceName: () => 'by-tag', spanName: (n: string) => `triage --span-name ${n}`, wider: null, json: '' };
    const text = changeSections(r, null, follow)
      .flatMap((x) => x.lines)
      .join('\n');
    expect(text).toContain(
      '2 applications in the traces whose spans were read (root span names): faq 40, kb_sync 4. No trace carries the mlflow.traceName tag',
    );
    expect(text).toContain('one application only: triage --span-name faq');
  });
});

describe('rationales that differ in one word are one complaint', () => {
  it('merged, counted per cohort, the example spelling the word as its variants', () => {
    const acc = new ChangeAccumulator();
    for (let i = 0; i < 40; i++) {
      const after = i >= 20;
      const why = after && i % 2 ? `Covers one fare class only (${i % 4 === 1 ? 'Saver' : 'Economy'} is missing).` : 'Complete.';
      const t = trace(i, after ? 'v2' : 'v1', { verdicts: [fb('completeness', why === 'Complete.', why)] });
      acc.addInfo(t);
    }
    const r = acc.report({ by: 'tag.app_version' });
    const c = r.rationales.find((x) => x.verdict === 'completeness');
    expect(c).toMatchObject({ example: 'Covers one fare class only ({Saver|Economy} is missing).', total: 10, trend: 'new' });
    expect(c?.byCohort.map((x) => [x.value, x.count])).toEqual([
      ['v1', 0],
      ['v2', 10],
    ]);
  });
});

describe('a window that cuts the older cohort short', () => {
  const report = (first: string, traces: number) => ({ from: 'v1', cohorts: [{ value: 'v1', first, traces }] }) as never;
  const args = (sinceMs: number) => ({ spec: { sinceMs }, argv: ['exp', '--since', '24h'] }) as unknown as TriageArgs;
  const now = Date.parse('2026-11-30T00:00:00Z');
  const since = now - 24 * 3_600_000;

  it('offers twice the window when the older cohort starts at --since with under 100 traces', () => {
    expect(widerWindow(args(since), report(new Date(since + 600_000).toISOString(), 24), now)).toMatch(/triage_traces\.m?js exp --since 48h$/);
  });
  it('not when the cohort began inside the window, or has 100 traces, or there is no --since', () => {
    expect(widerWindow(args(since), report(new Date(since + 5 * 3_600_000).toISOString(), 24), now)).toBeNull();
    expect(widerWindow(args(since), report(new Date(since).toISOString(), 100), now)).toBeNull();
    expect(widerWindow({ spec: {}, argv: [] } as unknown as TriageArgs, report(new Date(since).toISOString(), 5), now)).toBeNull();
  });
});
