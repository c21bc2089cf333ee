/**
 * The session's earlier turns for one trace, read only when they could change its findings (an id
 * or email argument that nothing in the trace holds, or an argument finding already made): one
 * `traces search` for the session without spans (the trace cache answers a repeat), or the
 * --from-file search output itself. A read that fails leaves them out: the trace alone decides.
 */
import { wantsEarlierTurns } from '../../analysis/findings/kinds/argument-origin.js';
import { earlierTurns } from '../../analysis/session/earlier-turns.js';
import { traceProvenance, type EarlierTurn } from '../../analysis/trace/provenance.js';
import { loadSession, sessionFromFile } from '../../mlflow/source.js';
import type { SpanTree } from '../../trace/tree.js';
import type { TraceJob } from './trace-job.js';

export async function earlierTurnsOf(job: TraceJob, tree: SpanTree, cli: { timeout: number; fresh: boolean }): Promise<EarlierTurn[]> {
  const { sessionId, experimentId } = job.trace.info;
  if (!sessionId || !wantsEarlierTurns(traceProvenance(tree))) return [];
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
