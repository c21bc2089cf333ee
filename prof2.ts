import { readFileSync } from 'node:fs';
import { parseTrace } from './scripts/lib/trace/trace.js';
import { buildTree } from './scripts/lib/trace/tree.js';
import { recordDataflow } from './scripts/lib/analysis/trace/dataflow.js';
import { traceProvenance } from './scripts/lib/analysis/trace/provenance.js';
import { provenanceFindings } from './scripts/lib/analysis/findings/provenance/index.js';
const trace = parseTrace(JSON.parse(readFileSync('/tmp/t30k.json','utf8')));
const tree = buildTree(trace.spans); const flow = recordDataflow(tree);
for (let i=0;i<4;i++){ const c=process.cpuUsage(); const p = traceProvenance(tree, flow, null); const c1=process.cpuUsage(c); const f = provenanceFindings(p); const c2=process.cpuUsage(c);
console.log('pass', ((c1.user+c1.system)/1000).toFixed(0), 'all', ((c2.user+c2.system)/1000).toFixed(0), 'sources', p.sources.length, 'calls', p.calls.length, 'index', p.index.size, f.length); }
