import { readFileSync } from 'node:fs';
import { execa } from 'execa';
import { parseSearch } from './scripts/lib/trace/trace.js';
import { provenanceOf } from './scripts/lib/analysis/trace/provenance-run.js';
const MLFLOW = '.venv/bin/mlflow';
for (const store of process.argv.slice(2)) {
  const m = JSON.parse(readFileSync(`.testbed/${store}/manifest.json`, 'utf8'));
  for (const exp of [m.experiment_id, m.other_experiment_id].filter(Boolean)) {
    const res = await execa(MLFLOW, ['traces', 'search', '--experiment-id', exp, '--output', 'json', '--max-results', store === 'triage' ? '300' : '50000'], { env: { ...process.env, MLFLOW_TRACKING_URI: m.tracking_uri }, maxBuffer: 1e9 });
    const traces = parseSearch(JSON.parse(res.stdout)).traces;
    let n = 0;
    for (const t of traces) {
      const f = provenanceOf(t);
      for (const x of f) { n++; console.log(`${store} ${t.spans[0]?.name ?? ''} | ${x.kind}: ${x.title}\n      ${x.evidence.join('\n      ')}`); }
    }
    console.log(`${store}/${exp}: ${traces.length} traces, ${n} findings`);
  }
}
