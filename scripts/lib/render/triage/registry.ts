/**
 * Each triage section's view, keyed by the section's name in analysis/triage/registry.ts (the type
 * asks for one per section), in the order they appear on screen.
 */
import type { TriageSectionName } from '../../analysis/triage/registry.js';
import { applicationsView } from './applications.js';
import { costView } from './cost.js';
import { failuresView } from './failures.js';
import { histogramView } from './histogram.js';
import { inProgressView } from './in-progress.js';
import { judgeFailuresView } from './judge-failures.js';
import { latencyView } from './latency.js';
import { overviewView } from './overview.js';
import { tokensView } from './tokens.js';
import { traceFindingsView } from './trace-findings.js';
import type { TriageView } from './view.js';
import { verdictsView } from './verdicts.js';

export const TRIAGE_VIEWS: Record<TriageSectionName, TriageView> = {
  overview: overviewView,
  failures: failuresView,
  traceFindings: traceFindingsView,
  histogram: histogramView,
  cost: costView,
  verdicts: verdictsView,
  judgeFailures: judgeFailuresView,
  latency: latencyView,
  tokens: tokensView,
  inProgress: inProgressView,
  applications: applicationsView,
};
