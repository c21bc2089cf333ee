/**
 * "Worse and slower since the deploy: what changed?" against the real CLI, on the changes store
 * (testbed/seed_changes.py: a travel-booking copilot going from v7 to v8, a second application in
 * the same experiment, experiments named). Each scenario runs once; many assertions read it.
 * Runs that share a trace cache run one after the other, so the second is answered from it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, ROOT, run, tempDir, type Run } from '../support/helpers.js';

interface ChangesManifest {
  tracking_uri: string;
  experiment_id: string;
  experiment_name: string;
  numeric_name_id: string;
  traces: { last_v7: string; first_v8: string; slow_digest: string };
  stream: {
    v7: number;
    v8: number;
    digest: number;
    last_v7_ms: number;
    first_v8_ms: number;
    failures: { v7: number; v8: number };
    judged: { v7: number; v8: number };
    old_why: { v7: number; v8: number };
    new_why: { v7: number; v8: number };
    frustrated: number;
  };
}
const m = JSON.parse(readFileSync(join(ROOT, '.testbed', 'changes', 'manifest.json'), 'utf8')) as ChangesManifest;
const LONG = 2_400_000;
// A loaded 2-core machine can take minutes per mlflow process: a long per-call limit.
const T = ['--timeout', '900'];
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const iso = (ms: number) => new Date(ms).toISOString();
// Times as triage prints them: ISO to the minute, Z for UTC.
const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

describe('what changed since the deploy (triage_traces on the changes store)', () => {
  let full: Json;
  let text: Run;
  let onsetText: Run;
  let onset: Json;
  let compare: Run;
  let bad: Record<string, Run>;
  beforeAll(async () => {
    const env = (cache: string) => ({ MLFLOW_TRACKING_URI: m.tracking_uri, XDG_CACHE_HOME: cache });
    const since = iso(m.stream.first_v8_ms + 6 * 3_600_000);
    const main = (async () => {
      const e = env(tempDir('xdg-'));
      const j = await run('triage_traces', [m.experiment_name, '--json', ...T], e, LONG);
      expect(j.exitCode, j.stderr).toBe(0);
      full = j.json();
      text = await run('triage_traces', [m.experiment_name, ...T], e, LONG);
      const p = full.changes.report.pair;
      compare = await run('compare_traces', [p.lastGood.traceId, p.firstBad.traceId, '--experiment-id', m.experiment_id, ...T], e, LONG);
    })();
    const late = (async () => {
      const e = env(tempDir('xdg-'));
      const j = await run('triage_traces', [m.experiment_id, '--since', since, '--json', ...T], e, LONG);
      expect(j.exitCode, j.stderr).toBe(0);
      onset = j.json();
      onsetText = await run('triage_traces', [m.experiment_id, '--since', since, ...T], e, LONG);
    })();
    const cases: Record<string, string[]> = {
      unknownName: ['travel-copilot-prd'],
      numericName: ['2024'],
      byMissing: [m.experiment_id, '--by', 'flight_class'],
    };
    const errs = (async () => {
      const entries = await Promise.all(
        Object.entries(cases).map(async ([k, args]) => [k, await run('triage_traces', [...args, ...T], env(tempDir('xdg-')), LONG)] as const),
      );
      bad = Object.fromEntries(entries);
    })();
    await Promise.all([main, late, errs]);
  }, LONG);

  it('takes the experiment by name', () => {
    expect(full.experimentId).toBe(m.experiment_id);
    expect(full.read).toBe(m.stream.v7 + m.stream.v8 + m.stream.digest);
  });

  it('finds the switch and its time: app_version v7 → v8 between the last v7 and the first v8 trace', () => {
    const s = full.changes.report.switches[0];
    expect(s).toMatchObject({ key: 'tag.app_version', kind: 'switch' });
    expect(s.changes).toEqual([
      { from: 'v7', to: 'v8', lastFromMs: m.stream.last_v7_ms, firstToMs: m.stream.first_v8_ms, before: m.stream.v7, after: m.stream.v8 },
    ]);
    const [v7, v8] = [utc(m.stream.last_v7_ms), utc(m.stream.first_v8_ms)];
    expect(text.stdout).toContain(`app_version v7 → v8 ${v7 === v8 ? `at ${v7}` : `between ${v7} and ${v8}`} (`);
    expect(text.stdout).not.toMatch(/Z UTC/);
    // region alternates: no switch; max_tokens changed at the same moment.
    expect(full.changes.report.switches.map((x: Json) => x.key)).not.toContain('tag.region');
    expect(s.together).toContainEqual({ key: 'span.draft_reply.max_tokens', from: '1024', to: '256' });
  });

  it('prints the cohort table with the counts behind every rate', () => {
    const [v7, v8] = full.changes.report.cohorts as Json[];
    expect(v7).toMatchObject({ value: 'v7', traces: m.stream.v7, errors: { n: m.stream.failures.v7, of: m.stream.v7 } });
    expect(v8).toMatchObject({ value: 'v8', traces: m.stream.v8, errors: { n: m.stream.failures.v8, of: m.stream.v8 } });
    expect(v7?.verdicts.find((v: Json) => v.name === 'answer_quality')).toMatchObject({ n: m.stream.old_why.v7, of: m.stream.judged.v7 });
    expect(v8?.verdicts.find((v: Json) => v.name === 'answer_quality')).toMatchObject({ n: m.stream.old_why.v8 + m.stream.new_why.v8, of: m.stream.judged.v8 });
    expect(v8?.verdicts.find((v: Json) => v.name === 'user_frustration')).toMatchObject({ n: m.stream.frustrated });
    expect(v8?.latency.p50).toBeGreaterThan(v7?.latency.p50 + 400);
    expect(v8?.finishReasons[0]).toMatchObject({ value: 'length' });
    expect(text.stdout).toMatch(/WHAT CHANGED — cohorts by app_version \(the switch found/);
    expect(text.stdout).toMatch(new RegExp(`errors\\s+${m.stream.failures.v7}/${m.stream.v7} [\\d.]+%\\s+${m.stream.failures.v8}/${m.stream.v8} [\\d.]+%`));
  });

  it("judges each rate's gap against chance: the background errors that did not change within it, the verdicts beyond", () => {
    const diffs = full.changes.report.differences as Json[];
    expect(diffs.find((d) => d.what === 'errors')).toMatchObject({
      from: { n: m.stream.failures.v7, of: m.stream.v7 },
      to: { n: m.stream.failures.v8, of: m.stream.v8 },
      withinChance: true,
    });
    expect(diffs.find((d) => d.what === 'negative verdicts')).toMatchObject({ withinChance: false });
    expect(text.stdout).toMatch(/errors \d+\/\d+ [\d.]+% \(v7\) → \d+\/\d+ [\d.]+% \(v8\): within chance \(Fisher's exact test, p = [\d.]+; a heuristic/);
    expect(text.stdout).toMatch(/negative verdicts .* \(v8\): beyond chance \(p < 0\.001\)/);
  });

  it('names the parameter change and the span whose time grew', () => {
    expect(full.changes.report.paramChanges).toContainEqual(expect.objectContaining({ key: 'span.draft_reply.max_tokens', from: '1024', to: '256' }));
    expect(full.changes.report.paramChanges.map((p: Json) => p.key)).not.toContain('span.draft_reply.model');
    expect(full.changes.report.slowSpan).toMatchObject({ name: 'rank_offers' });
    expect(full.changes.report.slowSpan.ratio).toBeGreaterThan(10);
    expect(text.stdout).toMatch(/slower: rank_offers self time p50 \d+ms → \d+ms \(×1\d\.\d\)/);
    expect(text.stdout).toContain('parameter changed: draft_reply.max_tokens 1024 → 256');
  });

  it('shows both rationale clusters per cohort: the new one and the old unchanged one', () => {
    const rs = full.changes.report.rationales as Json[];
    const cut = rs.find((r) => r.example === 'The reply is cut off mid-sentence.');
    const old = rs.find((r) => r.example === 'The reply does not mention the baggage allowance.');
    expect(cut?.trend).toBe('new');
    expect(cut?.byCohort.map((x: Json) => [x.value, x.count])).toEqual([
      ['v7', 0],
      ['v8', m.stream.new_why.v8],
    ]);
    expect(old?.trend).toBe('steady');
    expect(old?.byCohort.map((x: Json) => [x.value, x.count])).toEqual([
      ['v7', m.stream.old_why.v7],
      ['v8', m.stream.old_why.v8],
    ]);
    expect(text.stdout).toMatch(/answer_quality: "The reply is cut off mid-sentence\." — v7 0\/\d+ · v8 \d+\/\d+ — NEW with v8/);
    // user_frustration = "yes" is counted negative, in triage as in health_check.
    expect((full.verdicts as Json[]).find((v) => v.name === 'user_frustration')).toMatchObject({ count: m.stream.frustrated });
  });

  it('keeps the other application apart: its one slow trace explains nothing', () => {
    expect(full.changes.report.applications).toEqual([
      { name: 'trip_copilot', traces: m.stream.v7 + m.stream.v8, slowest: expect.any(Object) },
      { name: 'fare_alert_digest', traces: m.stream.digest, slowest: { traceId: m.traces.slow_digest, durationMs: 45_000 } },
    ]);
    expect(full.latency.tailSpan).toBeNull();
    expect(text.stdout).not.toMatch(/the time goes to (collect_fare_drops|fare_alert_digest)/);
    expect(text.stdout).toMatch(/of the slowest belong to another application/);
    expect(text.stdout).toContain('--trace-name fare_alert_digest');
  });

  it('pairs the last good and the first bad trace with the same request, with the compare command', () => {
    const p = full.changes.report.pair;
    expect(p.sameRequest).toBe(true);
    expect(p.firstBad.traceId).toBe(m.traces.first_v8);
    expect(Date.parse(p.lastGood.time)).toBeLessThanOrEqual(m.stream.last_v7_ms);
    expect(text.stdout).toMatch(new RegExp(`compare_traces\\.(?:ts|mjs) ${p.lastGood.traceId} ${p.firstBad.traceId} --experiment-id ${m.experiment_name}`));
  });

  it("compare_traces states sameness and each side's assessments", () => {
    expect(compare.exitCode, compare.stderr).toBe(0);
    expect(compare.stdout).toMatch(/Model parameters: differ \(max_tokens; see DIFFERENCES\); identical: model, temperature/);
    expect(compare.stdout).toContain('Retrieved documents: identical');
    // The last good trace carries only positive verdicts (which scorer judged it varies).
    expect(compare.stdout).toMatch(
      /Assessments A: (answer_quality="yes" \[LLM_JUDGE\] \(The reply answers|user_frustration="no" \[\w+\] \(The traveller accepted)[^✗\n]*\n/,
    );
    expect(compare.stdout).toMatch(/Assessments B: answer_quality="no" ✗ \[LLM_JUDGE\] \(The reply is cut off mid-sentence\.\)/);
  });

  it('finds the onset beyond a window that holds only the new version, and the last good trace', () => {
    expect(onset.changes.onset).toMatchObject({
      key: 'tag.app_version',
      value: 'v8',
      lastGood: { traceId: m.traces.last_v7, value: 'v7' },
      onset: { traceId: m.traces.first_v8 },
    });
    expect(onset.mlflowCallsBy.changes).toBe(3); // one look back, one sample per cohort
    expect(onset.changes.report.switches[0].changes[0]).toMatchObject({ from: 'v7', to: 'v8', firstToMs: m.stream.first_v8_ms });
    expect(onsetText.stdout).toMatch(/every trace in the window has app_version=v8: the change is older than the window/);
    expect(onsetText.stdout).toContain(`real onset: ${m.traces.first_v8} at ${utc(m.stream.first_v8_ms)} · last v7 trace (last good): ${m.traces.last_v7}`);
  });

  it('bad input: an unknown name lists the closest names (exit 5); a --by key no trace has (exit 2)', () => {
    const u = bad.unknownName as Run;
    expect(u.exitCode, u.stderr).toBe(5);
    expect(u.stderr).toMatch(
      /^error: No experiment is named "travel-copilot-prd" in this tracking store\.\nhint: Closest names: "travel-copilot-prod" \(id \d+\)/,
    );
    const b = bad.byMissing as Run;
    expect(b.exitCode, b.stderr).toBe(2);
    expect(b.stderr).toMatch(/--by flight_class: no trace read has that key\.\nhint: Keys on these traces: .*tag\.app_version/);
    for (const r of [u, b]) expect(hasStackTrace(r.stderr) || r.stdout !== '').toBe(false);
  });

  it('a name that looks like a number and is no id: used as the name, said; no switch: said, exit 0', () => {
    const n = bad.numericName as Run;
    expect(n.exitCode, n.stderr).toBe(0);
    expect(n.stderr).toContain(`no experiment has id 2024; using the experiment named "2024" (id ${m.numeric_name_id})`);
    expect(n.stdout).toMatch(new RegExp(`^TRIAGE — experiment 2024 \\(id ${m.numeric_name_id}\\): 3 traces read`));
    expect(n.stdout).toMatch(/no switch found: no tag or metadata value changed over the window/);
  });
});
