/** triage_traces' screen: each registered section's view, in the views' order, joined by screen section. */
import type { TriageFindings } from '../../analysis/triage/accumulator.js';
import type { Section } from '../budget.js';
import { experimentLabel } from '../format.js';
import { TRIAGE_VIEWS } from './registry.js';
import type { TriageFollow, TriageRun } from './view.js';

/** Every view's screen sections; those with one name (verdicts and judge failures) joined where the first stands. */
export function triageSections(f: TriageFindings, run: TriageRun, follow: TriageFollow): Section[] {
  const byName = new Map<string, Section>();
  for (const view of Object.values(TRIAGE_VIEWS))
    for (const s of view(f, run, follow)) {
      const joined = byName.get(s.name);
      if (joined) joined.lines.push(...s.lines);
      else byName.set(s.name, { ...s, lines: [...s.lines] });
    }
  return [...byName.values()];
}

/** WHAT CHANGED goes right after the header: the question teams ask most after a deploy. */
export const withChanges = (sections: Section[], changes: Section[]): Section[] => [sections[0] as Section, ...changes, ...sections.slice(1)];

export function noMatchText(
  experimentId: string,
  filter: string,
  traceName?: string,
  week?: { newestMs: number; command: string } | null,
  given?: string,
): string {
  // OTLP ingest sets no mlflow.traceName tag: then --trace-name matches nothing, and --span-name does the job.
  const untagged =
    traceName === undefined
      ? ''
      : '\n--trace-name reads the tag mlflow.traceName, which traces sent over OTLP do not carry: ' +
        `--span-name ${JSON.stringify(traceName)} selects the traces with a span of that name (its root, for an application).`;
  const widen = `an earlier --since, fewer --tag / --status / --user options, or check the values with \`mlflow traces search -x ${experimentId}\``;
  const head = `No trace in experiment ${experimentLabel(given, experimentId)} matches the filter.\nFilter: ${filter || '(none)'}\n`;
  if (week) {
    const newest = new Date(week.newestMs).toISOString().slice(0, 16).replace('T', ' ');
    return `${head}The experiment's newest trace is from ${newest} UTC, before the window starts.\nThe week up to it: ${week.command}${untagged}`;
  }
  return `${head}Widen it: ${widen}.${untagged}`;
}
