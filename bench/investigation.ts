/**
 * One investigation of one trace as the skill's workflow runs it: health_check → inspect_turn →
 * two `inspect_turn --span` views, one after the other with a shared trace cache (empty at the
 * start of each repetition), against one bare `mlflow traces get` of the same trace,
 * alternating in the same run. The spans viewed are the root's first two children.
 *
 * Part of `npm run bench`; alone (the whole bench is long):
 *   tsx bench/investigation.ts            bench store if seeded, else main; updates bench/RESULTS.md
 *   tsx bench/investigation.ts --smoke    one repetition on the main store; prints only
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MLFLOW, readManifest, ROOT } from '../testbed/server.js';

export interface Investigation {
  size: string;
  /** Median wall time of the four views together, ms. */
  views: number;
  /** Median wall time of one bare `traces get`, ms. */
  bare: number;
  /** mlflow processes the four views started (from SKILL_PROFILE). */
  calls: number;
  /** Median wall time of each view, in order. */
  perView: number[];
}

interface Run {
  wallMs: number;
  mlflowCalls: number;
  exitCode: number;
  stdout: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function once(cmd: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      env: { ...process.env, MLFLOW_BIN: MLFLOW, NO_COLOR: '1', SKILL_PROFILE: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => {
      const prof = /SKILL_PROFILE (\{.*\})/.exec(stderr)?.[1];
      resolve({
        wallMs: performance.now() - started,
        mlflowCalls: prof ? (JSON.parse(prof) as { mlflowCalls: number }).mlflowCalls : 0,
        exitCode: code ?? -1,
        stdout,
      });
    });
  });
}

const dist = (name: string) => join(ROOT, 'dist', `${name}.mjs`);

export async function investigate(o: { traces: Array<[string, string]>; uri: string; reps: number; work: string }): Promise<Investigation[]> {
  const out: Investigation[] = [];
  const freshCache = () => mkdtempSync(join(o.work, 'xdg-'));
  for (const [size, id] of o.traces) {
    const env = { MLFLOW_TRACKING_URI: o.uri };
    const probe = await once('node', [dist('inspect_turn'), id, '--json'], { ...env, XDG_CACHE_HOME: freshCache() });
    const spans = (JSON.parse(probe.stdout) as { spans: Array<{ spanId: string; depth: number }> }).spans;
    const picks = [...spans.filter((s) => s.depth === 1), ...spans].slice(0, 2).map((s) => s.spanId);
    const steps = [['health_check', id], ['inspect_turn', id], ...picks.map((p) => ['inspect_turn', id, '--span', p])];
    const totals: number[] = [];
    const bares: number[] = [];
    const views: number[][] = [];
    let calls = 0;
    for (let i = 0; i < o.reps; i++) {
      const shared = { ...env, XDG_CACHE_HOME: freshCache() };
      const runs: Run[] = [];
      for (const [name, ...args] of steps) runs.push(await once('node', [dist(name as string), ...args], shared));
      if (runs.some((r) => r.exitCode !== 0)) throw new Error(`investigation of ${size} failed (exits ${runs.map((r) => r.exitCode).join(', ')})`);
      totals.push(runs.reduce((t, r) => t + r.wallMs, 0));
      views.push(runs.map((r) => r.wallMs));
      calls = runs.reduce((t, r) => t + r.mlflowCalls, 0);
      bares.push((await once(MLFLOW, ['traces', 'get', '--trace-id', id], { ...env, XDG_CACHE_HOME: freshCache() })).wallMs);
    }
    const inv: Investigation = {
      size,
      views: median(totals),
      bare: median(bares),
      calls,
      perView: steps.map((_, k) => median(views.map((v) => v[k] as number))),
    };
    out.push(inv);
    process.stderr.write(
      `  investigation ${size}: ${inv.views.toFixed(0)} ms (${calls} mlflow call${calls === 1 ? '' : 's'}) vs one traces get ${inv.bare.toFixed(0)} ms\n`,
    );
  }
  return out;
}

const f0 = (n: number) => n.toFixed(0);
const ratio = (v: Investigation) => `${(v.views / v.bare).toFixed(2)}×`;

/** The target row for the Targets table. */
export function investigationTarget(results: Investigation[], sizes: string[]): string {
  const measured = results.filter((v) => sizes.includes(v.size));
  const verdict = !measured.length ? 'not measured' : measured.every((v) => v.calls === 1 && v.views / v.bare <= 1.3) ? 'met' : '**not met**';
  return `| four-view investigation ≤ 1.3× one \`traces get\` (one mlflow call), ${sizes.join(' and ')} | ${verdict} (${results.map((v) => `${v.size}: ${ratio(v)}, ${v.calls} call${v.calls === 1 ? '' : 's'}`).join('; ')}) |`;
}

export const INVESTIGATION_HEADING = '## One investigation, one fetch (trace cache)';

/** The section for bench/RESULTS.md. */
export function investigationLines(results: Investigation[], note = ''): string[] {
  return [
    INVESTIGATION_HEADING,
    '',
    `health_check → inspect_turn → \`inspect_turn --span\` × 2 (the root's first two children) on one trace, one after the other with a shared trace cache that is empty at the start of each repetition, against one bare \`mlflow traces get\` of the same trace in the same run.${note ? ` ${note}` : ''}`,
    '',
    '| trace | four views ms | one traces get ms | ratio | mlflow calls | health_check | inspect_turn | --span | --span |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((v) => `| ${v.size} | ${f0(v.views)} | ${f0(v.bare)} | ${ratio(v)} | ${v.calls} | ${v.perView.map(f0).join(' | ')} |`),
    '',
  ];
}

/** Replaces (or adds, before the seed-recipe section) this section in an existing RESULTS.md. */
export function spliceSection(results: string, section: string[]): string {
  const lines = results.split('\n');
  const start = lines.indexOf(INVESTIGATION_HEADING);
  if (start >= 0) {
    let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
    if (end < 0) end = lines.length;
    lines.splice(start, end - start, ...section);
    return lines.join('\n');
  }
  const before = lines.findIndex((l) => l.startsWith('## discover_schema against'));
  lines.splice(before >= 0 ? before : lines.length, 0, ...section);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const smoke = process.argv.includes('--smoke');
  const reps = Number(process.env.BENCH_REPS ?? (smoke ? 1 : 5));
  const seeded = (set: string) => existsSync(join(ROOT, '.testbed', set, 'manifest.json'));
  const bench = !smoke && seeded('bench');
  const manifest = readManifest(bench ? 'bench' : 'main');
  const work = mkdtempSync(join(tmpdir(), 'bench-inv-'));
  const results = bench
    ? await investigate({
        traces: [
          ['3 spans', manifest.traces.spans_3 as string],
          ['1,000 spans', manifest.traces.spans_1000 as string],
          ['30,000 spans', manifest.traces.spans_30000 as string],
        ],
        uri: manifest.tracking_uri,
        reps,
        work,
      })
    : await investigate({ traces: [['7 spans', manifest.traces.failing as string]], uri: manifest.tracking_uri, reps, work });
  // Without the bench store, the large test-bed store stands in for a big trace.
  if (!bench && !smoke && seeded('large')) {
    const large = readManifest('large');
    results.push(...(await investigate({ traces: [['5,001 spans', large.traces.large as string]], uri: large.tracking_uri, reps, work })));
  }
  const sizes = bench ? ['3 spans', '1,000 spans'] : results.map((r) => r.size);
  const stores = bench ? 'the bench store' : `the test-bed stores (the bench store was not seeded)`;
  const met =
    investigationTarget(results, sizes)
      .split(' | ')[1]
      ?.replace(/ \(.*$/, '') ?? '';
  const note = `Run alone (\`tsx bench/investigation.ts\`), median of ${reps} on ${stores}, ${new Date().toISOString().slice(0, 10)}: the ≤ 1.3× target is ${met}.`;
  const section = investigationLines(results, note);
  process.stdout.write(`${section.join('\n')}\n`);
  if (!smoke) {
    const file = join(ROOT, 'bench', 'RESULTS.md');
    writeFileSync(file, spliceSection(readFileSync(file, 'utf8'), section));
    process.stdout.write(`written: ${file}\n`);
  }
}
