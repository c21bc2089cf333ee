/** The main application has no lines of its own: the latency view names the slow traces of other applications with it. */
import type { TriageView } from './view.js';

export const applicationsView: TriageView = () => [];
