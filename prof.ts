import { readFileSync, readdirSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { parseTrace } from './scripts/lib/trace/trace.js';
import { buildTree } from './scripts/lib/trace/tree.js';
import { recordDataflow } from './scripts/lib/analysis/trace/dataflow.js';
import { provenanceOf } from './scripts/lib/analysis/trace/provenance-run.js';
const m = JSON.parse(readFileSync('.testbed/bench/manifest.json','utf8'));
execSync(`MLFLOW_TRACKING_URI=${m.tracking_uri} .venv/bin/mlflow traces get --trace-id ${m.traces.spans_30000} > /tmp/t30k.json`);
const trace = parseTrace(JSON.parse(readFileSync('/tmp/t30k.json','utf8')));
const tree = buildTree(trace.spans); const flow = recordDataflow(tree);
for (let i=0;i<3;i++){ const t=performance.now(); provenanceOf(trace, tree, flow); console.log(performance.now()-t); }
