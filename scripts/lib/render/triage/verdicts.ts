/** NEGATIVE VERDICTS: per assessment, its values, rationale clusters, over-represented tags and the newest trace. */
import { traceLink } from '../../mlflow/links.js';
import { clip, fmtInt, oneLine, plural } from '../format.js';
import { paint } from '../style.js';
import { overRepLine, type TriageView } from './view.js';

export const verdictsView: TriageView = (f, run, follow) => {
  if (!f.verdicts.length) return [{ name: 'verdicts', priority: 2, lines: [paint.head('NEGATIVE VERDICTS — none among the traces read')], more: follow.json }];
  const v = [paint.head(`NEGATIVE VERDICTS — ${plural(f.verdicts.length, 'assessment')} with negative values`)];
  for (const c of f.verdicts) {
    const values = c.values
      .slice(0, 3)
      .map((x) => `${x.value} ×${fmtInt(x.count)}`)
      .join(', ');
    v.push(`  ${paint.warn(c.name)}: ${plural(c.count, 'negative verdict')} (${values})`);
    for (const r of c.rationales.slice(0, 3)) v.push(`     rationale ×${fmtInt(r.count)}: ${JSON.stringify(clip(oneLine(r.text), 200))} (newest ${r.newest})`);
    if (c.rationales.length > 3) v.push(`     … more rationales: ${follow.json}`);
    for (const o of c.overRepresented.slice(0, 2)) v.push(`     over-represented ${overRepLine(o)}`);
    v.push(`     newest ${c.newest.traceId}: ${follow.inspect(c.newest.traceId)}`);
    const link = traceLink(run.experimentId, c.newest.traceId);
    if (link) v.push(`     MLflow UI: ${link}`);
  }
  return [{ name: 'verdicts', priority: 2, lines: v, more: follow.json }];
};
