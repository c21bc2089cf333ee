/**
 * The session's earlier turns for one trace, read only when they could change what is said of it
 * (an id or email argument that nothing in the trace holds, or an argument finding already made;
 * for --evidence, any value not found as written): one `traces search` for the session without
 * spans (the trace cache answers a repeat), or the --from-file search output itself. The look is
 * the trace's own provenance pass, kept in its facts for the report. A read that fails leaves
 * them out: the trace alone decides.
 */
import { wantsEarlierTurns } from '../../analysis/findings/kinds/argument-origin.js';
import type { TraceFacts } from '../../analysis/findings/trace-facts.js';
import { earlierTurns } from '../../analysis/session/earlier-turns.js';
import type { EarlierTurn } from '../../analysis/trace/provenance.js';
import { loadSession, sessionFromFile } from '../../mlflow/source.js';
import type { TraceJob } from './trace-job.js';

export async function earlierTurnsOf(
  job: TraceJob,
  facts: TraceFacts,
  cli: { timeout: number; fresh: boolean },
  wanted: (facts: TraceFacts) => boolean = (f) => wantsEarlierTurns(f.provenance),
): Promise<EarlierTurn[]> {
  const { sessionId, experimentId } = job.trace.info;
  if (!sessionId || !wanted(facts)) return [];
  try {
    const file = job.fromFile ? job.files[0] : undefined;
    if (file)
      return earlierTurns(
        sessionFromFile(file, sessionId).value.filter((t) => t.info.sessionId === sessionId),
        job.trace,
      );
    if (!experimentId) return [];
    const loaded = await loadSession({ experimentId, sessionId, includeSpans: false }, { timeoutMs: cli.timeout * 1000, fresh: cli.fresh });
    return earlierTurns(loaded.value, job.trace);
  } catch {
    return [];
  }
}
