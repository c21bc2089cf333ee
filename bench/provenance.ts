/**
 * `npm run bench` (provenance part): precision and recall of each provenance finding kind over
 * the labelled set (test/support/provenance-cases.ts), and our CPU for the provenance pass on
 * the bench store's 30,000-span trace (target < 2 s; the pass alone, the trace already parsed).
 *
 *   tsx bench/provenance.ts            the labelled set, and the 30,000-span trace when the bench store exists
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provenanceOf } from '../scripts/lib/analysis/trace/provenance-run.js';
import { recordDataflow } from '../scripts/lib/analysis/trace/dataflow.js';
import { parseTrace } from '../scripts/lib/trace/trace.js';
import { buildTree } from '../scripts/lib/trace/tree.js';
import { MLFLOW, ROOT } from '../testbed/server.js';
import { labelledCases, scoreKinds } from '../test/support/provenance-cases.js';

const cases = labelledCases();
const results = cases.map((c) => ({ name: c.name, fault: c.fault, found: provenanceOf(c.trace, undefined, undefined, c.earlier).map((f) => f.kind) }));
console.log(
  `provenance findings over ${cases.length} labelled traces (${cases.filter((c) => c.fault).length} with a planted fault, ${cases.filter((c) => !c.fault).length} clean)`,
);
console.log('| kind | TP | FP | FN | precision | recall | target met |');
console.log('|---|---|---|---|---|---|---|');
for (const s of scoreKinds(results))
  console.log(
    `| ${s.kind} | ${s.tp} | ${s.fp} | ${s.fn} | ${s.precision.toFixed(2)} | ${s.recall.toFixed(2)} | ${s.precision >= 0.95 && s.recall >= 0.8 ? 'yes' : 'NO'} |${s.wrong.length ? ` ${s.wrong.join('; ')}` : ''}`,
  );

const manifestPath = join(ROOT, '.testbed', 'bench', 'manifest.json');
if (existsSync(manifestPath)) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { tracking_uri: string; traces: Record<string, string> };
  const id = manifest.traces.spans_30000 as string;
  const out = join(mkdtempSync(join(tmpdir(), 'bench-prov-')), 'trace.json');
  const r = spawnSync('sh', ['-c', `"$0" traces get --trace-id "$1" > "$2"`, MLFLOW, id, out], {
    env: { ...process.env, MLFLOW_TRACKING_URI: manifest.tracking_uri },
  });
  if (r.status !== 0) throw new Error(`mlflow traces get failed: ${r.stderr}`);
  const trace = parseTrace(JSON.parse(readFileSync(out, 'utf8')));
  const tree = buildTree(trace.spans);
  const flow = recordDataflow(tree);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.cpuUsage();
    provenanceOf(trace, tree, flow);
    const d = process.cpuUsage(t0);
    runs.push((d.user + d.system) / 1000);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `provenance pass on the ${trace.spans.length.toLocaleString('en-US')}-span trace: our CPU median ${runs[2]?.toFixed(0)} ms (min ${runs[0]?.toFixed(0)}, max ${runs[4]?.toFixed(0)}); target < 2,000 ms: ${(runs[2] ?? 1e9) < 2000 ? 'met' : 'NOT met'}`,
  );
} else console.log('(no bench store: `node testbed/setup.mjs --bench` seeds the 30,000-span trace)');
