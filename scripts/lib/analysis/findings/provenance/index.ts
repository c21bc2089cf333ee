/** Every provenance detector, in the order their findings are shown. */
import type { Provenance } from '../../trace/provenance.js';
import { argumentsNotFromConversation } from './argument-origin.js';
import type { ProvenanceFinding } from './finding.js';
import { loopsAndStops } from './loops.js';
import { failuresInOkOutputs } from './ok-failures.js';
import { replyContradictions } from './reply-contradiction.js';
import { sourcesDisagree } from './sources-disagree.js';

export const PROVENANCE_DETECTORS: ReadonlyArray<(p: Provenance) => ProvenanceFinding[]> = [
  argumentsNotFromConversation,
  failuresInOkOutputs,
  replyContradictions,
  sourcesDisagree,
  loopsAndStops,
];

export function provenanceFindings(p: Provenance): ProvenanceFinding[] {
  return PROVENANCE_DETECTORS.flatMap((d) => d(p));
}
