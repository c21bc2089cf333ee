/**
 * "No false findings": every finding (analyseTrace's and the session analysis's) over every
 * trace of every seeded test-bed store, printed into one reviewed file snapshot. A new false
 * positive shows up as a diff to review, not as a silent line in someone's output.
 *
 * Each store is read with one `mlflow traces search` (spans included). Lines carry no trace
 * ids, span ids or times (they change with every seeding): a trace is keyed by its root span
 * name and request, and traces are sorted by that key. The triage store (1,200 traces of a
 * few kinds) is sampled: the first 150 keys.
 *
 * Then the cross-trace findings of triage_traces, per experiment over all its traces (spans of
 * every one read): failure and caught clusters with what the failing span received and where
 * those inputs came from, over-represented values, verdict rationale clusters. Not latency or
 * times: they move with every seeding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyseSession } from '../../scripts/lib/analysis/session/session.js';
import { analyseTrace, type TraceReport } from '../../scripts/lib/analysis/trace/trace-report.js';
import { foundKinds, type Findings } from '../../scripts/lib/analysis/findings/registry.js';
import { kindLines } from '../../scripts/lib/render/findings-view.js';
import { TriageAccumulator } from '../../scripts/lib/analysis/triage/accumulator.js';
import type { FailureCluster } from '../../scripts/lib/analysis/triage/failure-clusters.js';
import { inputLines, sourceLines } from '../../scripts/lib/render/triage/failures.js';
import { overRepLine } from '../../scripts/lib/render/triage/view.js';
import { parseSearch, type Trace } from '../../scripts/lib/trace/trace.js';
import { MLFLOW_FORKED, ROOT } from '../support/helpers.js';

const STORES = ['main', 'trials', 'triage', 'code', 'secrets', 'dataflow', 'timing', 'provenance', 'changes', 'costs', 'judges', 'demo', 'frameworks'] as const;
const SAMPLE: Partial<Record<(typeof STORES)[number], number>> = { triage: 150, changes: 150, costs: 150 };
// MLflow's demo judges hash text that differs between seedings (its traces draw from the clock and
// an unseeded random): their verdicts, and the rankings built on them, are left out there.
const VERDICTS_VARY: ReadonlySet<string> = new Set(['demo']);

/** Every experiment a store's manifest names (`experiment_id`, `eu_experiment_id`, `helpdesk.experiment_id`…). */
function experimentIds(m: Record<string, unknown>): string[] {
  const ids: string[] = [];
  for (const [k, v] of Object.entries(m)) {
    if (k.endsWith('experiment_id') && !k.startsWith('empty') && typeof v === 'string') ids.push(v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) ids.push(...experimentIds(v as Record<string, unknown>));
  }
  return [...new Set(ids)];
}

async function searchStore(store: string): Promise<Trace[]> {
  const m = JSON.parse(readFileSync(join(ROOT, '.testbed', store, 'manifest.json'), 'utf8')) as Record<string, unknown> & { tracking_uri: string };
  const traces: Trace[] = [];
  for (const exp of experimentIds(m)) {
    // A SQL store's full page crashes the CLI (page token): one page larger than any store.
    const res = await execa(MLFLOW_FORKED, ['traces', 'search', '--experiment-id', exp, '--output', 'json', '--max-results', '50000'], {
      env: { ...process.env, MLFLOW_TRACKING_URI: m.tracking_uri },
      timeout: 900_000,
    });
    traces.push(...parseSearch(JSON.parse(res.stdout)).traces);
  }
  return traces;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
// Span ids in `[spans …]` and `tr-…` ids change with every seeding.
const stable = (s: string) =>
  oneLine(s)
    .replace(/ \[spans? [0-9a-f, ]+\]$/, '')
    .replace(/tr-[0-9a-f]{32}/g, 'tr-…');

function traceKey(r: TraceReport): string {
  const req = oneLine(r.turn.user?.text ?? r.requestPreview ?? '').slice(0, 70);
  return `${r.root?.name ?? '(no root)'} · ${JSON.stringify(req)}`;
}

/**
 * Every registry kind's items, in its order: on one trace the lines health_check prints (ERRORS'
 * kinds and kinds whose lines carry measured times left out, as before the registry), in a
 * session each turn's lines as session_transcript prints them.
 */
const snapshotKinds = (f: Findings) => foundKinds(f).filter(({ kind }) => !kind.measured);
const traceFindingLines = (f: Findings): string[] =>
  snapshotKinds(f)
    .filter(({ kind }) => kind.section === 'findings')
    .flatMap(({ kind, items }) => kindLines(kind, items));

function storeLines(store: string, traces: Trace[]): string[] {
  const keyed = traces
    .map((t) => {
      const r = analyseTrace(t);
      return { t, r, key: traceKey(r) };
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const sample = SAMPLE[store as (typeof STORES)[number]];
  const chosen = sample ? keyed.slice(0, sample) : keyed;
  const out = [`## ${store}: ${chosen.length} traces${sample ? ` (first ${sample} of ${traces.length} by key)` : ''}`];
  const seen = new Map<string, number>();
  for (const { r, key } of chosen) {
    const body = traceFindingLines(r.findings).map(stable);
    if (!body.length) continue;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    out.push(`${key}${n > 1 ? ` (#${n})` : ''}`, ...body.map((l) => `  ${l}`));
  }
  const sessions = new Map<string, Trace[]>();
  for (const { t } of chosen) if (t.info.sessionId) sessions.set(t.info.sessionId, [...(sessions.get(t.info.sessionId) ?? []), t]);
  for (const [id, list] of [...sessions].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    list.sort((a, b) => (a.info.requestTimeMs ?? 0) - (b.info.requestTimeMs ?? 0));
    const s = analyseSession(id, list, true);
    const lines: string[] = [];
    if (s.historyMissing) lines.push('  history missing');
    for (const turn of s.turns) {
      for (const { kind, items } of turn.findings ? snapshotKinds(turn.findings) : [])
        for (const item of items) lines.push(`  turn ${turn.n}: ${stable(kind.turnLine?.(item) ?? kind.line(item))}`);
      if (turn.builtOnClaim) lines.push(`  turn ${turn.n}: builds on turn ${turn.builtOnClaim.turn}'s claim (${turn.builtOnClaim.tool})`);
    }
    const top = s.suspects[0];
    if (top && top.score >= 3 && !VERDICTS_VARY.has(store))
      lines.push(`  ranked first: turn ${top.turn} (${top.reasons.map((r) => stable(r).slice(0, 90)).join(' | ')})`);
    if (lines.length) out.push(`session ${JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id)} (${list.length} turns)`, ...lines);
  }
  return out;
}

function clusterLines(kind: string, c: FailureCluster): string[] {
  const lines = [`${kind} ×${c.count}: ${c.span ?? '(no span)'} ${c.exceptionType ?? ''}: ${stable(c.fingerprint)}`];
  for (const o of c.overRepresented.slice(0, 3)) lines.push(`  over-represented ${overRepLine(o)}`);
  // As triage prints them: under 3 traces the inputs say nothing.
  if (c.count >= 3) lines.push(...[...inputLines(c.inputs), ...sourceLines(c.sources)].map((l) => `  ${stable(l)}`));
  return lines;
}

/** triage_traces' findings per experiment, every trace's spans read. */
function triageLines(store: string, traces: Trace[]): string[] {
  const out: string[] = [];
  const byExperiment = new Map<string, Trace[]>();
  for (const t of traces) {
    const id = t.info.experimentId ?? '?';
    const list = byExperiment.get(id) ?? [];
    list.push(t);
    byExperiment.set(id, list);
  }
  for (const list of byExperiment.values()) {
    const acc = new TriageAccumulator();
    const newestFirst = [...list].sort((a, b) => (b.info.requestTimeMs ?? 0) - (a.info.requestTimeMs ?? 0));
    for (const t of newestFirst) acc.addInfo(t);
    // As triage_traces reads them: the failing traces' spans first, then the others'.
    for (const t of newestFirst) if (t.info.state === 'ERROR') acc.addSpans(t, 'all');
    for (const t of newestFirst) if (t.info.state !== 'ERROR') acc.addSpans(t, 'all');
    const f = acc.result();
    const lines = [
      ...f.clusters.flatMap((c) => clusterLines('failure', c)),
      ...f.caught.clusters.flatMap((c) => clusterLines('caught', c)),
      ...f.verdicts
        .filter((v) => v.count > 0 && !VERDICTS_VARY.has(store))
        .flatMap((v) => [
          `verdict ${v.name} [${v.source}] ×${v.count} of ${v.judged}`,
          ...v.rationales.map((r) => `  rationale ×${r.count}: ${stable(r.fingerprint)}`),
        ]),
      ...f.judgeFailures.map((j) => `judge failure ${j.name} ${j.code} ×${j.count}`),
    ];
    if (lines.length) out.push(`## ${store} triage: ${list.length} traces of one experiment`, ...lines, '');
  }
  return out;
}

describe('every finding over every test-bed trace (reviewed snapshot)', () => {
  const text: string[] = [];
  beforeAll(async () => {
    for (const store of STORES) {
      const traces = await searchStore(store);
      text.push(...storeLines(store, traces), '', ...triageLines(store, traces));
    }
  }, 1_800_000);

  it('matches the reviewed findings', async () => {
    await expect(text.join('\n')).toMatchFileSnapshot('__snapshots__/findings.txt');
  });
});
