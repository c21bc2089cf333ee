/**
 * Triage's sections, in the order their results are spread into the findings (and the --json
 * output). A new section: a module in sections/, its test, a line here, and its view in
 * render/triage/ (the views' map is keyed by these names, so the compiler asks for it).
 */
import { applicationsSection } from './sections/applications.js';
import { costSection } from './sections/cost.js';
import { failuresSection } from './sections/failures.js';
import { histogramSection } from './sections/histogram.js';
import { inProgressSection } from './sections/in-progress.js';
import { judgeFailuresSection } from './sections/judge-failures.js';
import { latencySection } from './sections/latency.js';
import { overviewSection } from './sections/overview.js';
import { tokensSection } from './sections/tokens.js';
import { traceFindingsSection } from './sections/trace-findings.js';
import { verdictsSection } from './sections/verdicts.js';

export const TRIAGE_SECTIONS = [
  overviewSection,
  failuresSection,
  traceFindingsSection,
  verdictsSection,
  judgeFailuresSection,
  latencySection,
  tokensSection,
  inProgressSection,
  histogramSection,
  costSection,
  applicationsSection,
] as const;

export type TriageSectionName = (typeof TRIAGE_SECTIONS)[number]['name'];
