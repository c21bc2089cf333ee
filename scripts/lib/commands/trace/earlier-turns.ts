/**
 * The session's earlier turns for one trace, read only when they could change what is said of it
 * (an id or email argument that nothing in the trace holds, an argument finding already made, a
 * reply value no source of the trace binds to its noun; for --evidence, any value not found as
 * written): one `traces search` for the session without spans (the trace cache answers a repeat, or
 * a cached read of it with spans), then the nearest RECORD_TURNS turns with spans by id (those not
 * cached), for what their tools returned (a contract read in turn 1 is the source of the date said
 * in turn 2). With --from-file, the file itself.
 * The look is the trace's own provenance pass, kept in its facts for the report. A read that
 * fails leaves them out: the trace alone decides.
 */
import { wantsEarlierTurns } from '../../analysis/findings/kinds/argument-origin.js';
import { replyValuesUnsettled } from '../../analysis/findings/kinds/reply-contradiction.js';
import type { TraceFacts } from '../../analysis/findings/trace-facts.js';
import { earlierTurns, RECORD_TURNS, turnTexts } from '../../analysis/session/earlier-turns.js';
import type { EarlierTurn } from '../../analysis/trace/provenance.js';
import { loadSession, loadTracesById, sessionFromFile } from '../../mlflow/source.js';
import type { TraceJob } from './trace-job.js';

export async function earlierTurnsOf(
  job: TraceJob,
  facts: TraceFacts,
  cli: { timeout: number; fresh: boolean },
  wanted: (facts: TraceFacts) => boolean = (f) => wantsEarlierTurns(f.provenance),
): Promise<EarlierTurn[]> {
  const { sessionId, experimentId } = job.trace.info;
  if (!sessionId) return [];
  const records = replyValuesUnsettled(facts.provenance);
  if (!records && !wanted(facts)) return [];
  try {
    const file = job.fromFile ? job.files[0] : undefined;
    if (file)
      return earlierTurns(
        sessionFromFile(file, sessionId).value.filter((t) => t.info.sessionId === sessionId),
        job.trace,
      );
    if (!experimentId) return [];
    const opts = { timeoutMs: cli.timeout * 1000, fresh: cli.fresh };
    const loaded = await loadSession({ experimentId, sessionId, includeSpans: false, spansAnswerOk: true }, opts);
    const withSpans = new Set(loaded.value.filter((t) => t.spans.length).map((t) => t.info.traceId));
    return await withRecords(earlierTurns(loaded.value, job.trace), withSpans, experimentId, opts);
  } catch {
    return [];
  }
}

/** The nearest turns' tool outputs, read with spans (one call); a failed read keeps the turns as they were. */
async function withRecords(
  turns: EarlierTurn[],
  read: ReadonlySet<string>,
  experimentId: string,
  opts: { timeoutMs: number; fresh: boolean },
): Promise<EarlierTurn[]> {
  // A cached read of the session with spans has them already.
  const near = turns.slice(-RECORD_TURNS).filter((t) => !read.has(t.traceId));
  if (!near.length) return turns;
  try {
    const read = await loadTracesById(
      experimentId,
      near.map((t) => t.traceId),
      opts,
    );
    const byId = new Map(read.value.map((t) => [t.info.traceId, t]));
    return turns.map((t) => {
      const spans = byId.get(t.traceId);
      return spans?.spans.length ? { ...t, ...turnTexts(spans) } : t;
    });
  } catch {
    return turns;
  }
}
