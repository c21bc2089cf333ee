/**
 * health_check and inspect_turn read the session's earlier turns only when an argument id is held
 * by nothing in the trace; from a --from-file search output they come from the file (no mlflow).
 * The look that decides is the trace's own provenance pass, reused by the report: one pass and
 * one dataflow record per trace and view.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceFacts } from '../../../../scripts/lib/analysis/trace/trace-report.js';
import { dataflowPasses } from '../../../../scripts/lib/analysis/trace/dataflow.js';
import { provenancePasses } from '../../../../scripts/lib/analysis/trace/provenance.js';
import { executeCommand } from '../../../../scripts/lib/cli/command.js';
import { earlierTurnsOf } from '../../../../scripts/lib/commands/trace/earlier-turns.js';
import { healthCheck } from '../../../../scripts/lib/commands/trace/health-check.js';
import { inspectTurn } from '../../../../scripts/lib/commands/trace/inspect-turn.js';
import type { TraceJob } from '../../../../scripts/lib/commands/trace/trace-job.js';
import { parseTrace } from '../../../../scripts/lib/trace/trace.js';
import { tempDir } from '../../../support/helpers.js';
import { RECALLED, REUSED, SMALL_TALK, SWAPPED, sessionTurnJson, TURN1 } from '../../../support/session-turns.js';

const file = join(tempDir('earlier-'), 'search.json');
const turn1 = sessionTurnJson(TURN1, 'tr-turn1', 0);
const swapped = sessionTurnJson(SWAPPED, 'tr-swapped', 2);
// A trace of no session in the same file: not a turn of this one.
const other = sessionTurnJson(TURN1, 'tr-other', 1) as { info: Record<string, unknown> };
other.info.trace_metadata = {};
writeFileSync(file, JSON.stringify({ traces: [turn1, other, swapped] }));
const jobOf = (json: Record<string, unknown>): TraceJob => ({ trace: parseTrace(json), files: [file], fromFile: true, again: () => '' });
const cli = { timeout: 5, fresh: false };
const facts = (job: TraceJob) => traceFacts(job.trace);

describe('earlierTurnsOf', () => {
  it('from the --from-file search output: the same session only, before the trace', async () => {
    const job = jobOf(swapped);
    expect(await earlierTurnsOf(job, facts(job), cli)).toEqual([{ n: 1, traceId: 'tr-turn1', user: TURN1.user, reply: TURN1.reply }]);
  });
  it('not read when every argument id is held in the trace (turn 1 has none)', async () => {
    const job = jobOf(turn1);
    expect(await earlierTurnsOf(job, facts(job), cli)).toEqual([]);
  });
  it('not read for a trace outside a session', async () => {
    const alone = sessionTurnJson(SWAPPED, 'tr-alone', 2) as { info: Record<string, unknown> };
    alone.info.trace_metadata = {};
    const job = jobOf(alone);
    expect(await earlierTurnsOf(job, facts(job), cli)).toEqual([]);
  });
});

/** Turn 1 gives BK-58213; turn 2 is small talk; turn 3 reuses it in a tool call; turn 4's reply alone repeats it. */
const session = join(tempDir('earlier-'), 'session.json');
writeFileSync(
  session,
  JSON.stringify({
    traces: [
      sessionTurnJson(TURN1, 'tr-s1', 0),
      sessionTurnJson(SMALL_TALK, 'tr-s2', 1),
      sessionTurnJson(REUSED, 'tr-s3', 2),
      sessionTurnJson(RECALLED, 'tr-s4', 3),
    ],
  }),
);

describe('the provenance pass runs once per trace and view', () => {
  const passes = async (argv: string[]) => {
    const [p0, d0] = [provenancePasses.count, dataflowPasses.count];
    await executeCommand(argv[1] === 'health' ? healthCheck : inspectTurn, [argv[0] as string, '--from-file', session, ...argv.slice(2)]);
    return [provenancePasses.count - p0, dataflowPasses.count - d0];
  };
  it('health_check, inspect_turn and --evidence on a turn whose session is read: one pass, one dataflow record', async () => {
    expect(await passes(['tr-s3', 'health'])).toEqual([1, 1]);
    expect(await passes(['tr-s3', 'inspect'])).toEqual([1, 1]);
    expect(await passes(['tr-s3', 'inspect', '--evidence'])).toEqual([1, 1]);
    expect(await passes(['tr-s4', 'inspect', '--evidence', '--json'])).toEqual([1, 1]);
  });
});
