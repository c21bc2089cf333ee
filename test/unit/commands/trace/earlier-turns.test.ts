/**
 * health_check and inspect_turn read the session's earlier turns only when an argument id is held
 * by nothing in the trace; from a --from-file search output they come from the file (no mlflow).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { earlierTurnsOf } from '../../../../scripts/lib/commands/trace/earlier-turns.js';
import type { TraceJob } from '../../../../scripts/lib/commands/trace/trace-job.js';
import { parseTrace } from '../../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../../scripts/lib/trace/tree.js';
import { tempDir } from '../../../support/helpers.js';
import { SWAPPED, sessionTurnJson, TURN1 } from '../../../support/session-turns.js';

const file = join(tempDir('earlier-'), 'search.json');
const turn1 = sessionTurnJson(TURN1, 'tr-turn1', 0);
const swapped = sessionTurnJson(SWAPPED, 'tr-swapped', 2);
// A trace of no session in the same file: not a turn of this one.
const other = sessionTurnJson(TURN1, 'tr-other', 1) as { info: Record<string, unknown> };
other.info.trace_metadata = {};
writeFileSync(file, JSON.stringify({ traces: [turn1, other, swapped] }));
const jobOf = (json: Record<string, unknown>): TraceJob => ({ trace: parseTrace(json), files: [file], fromFile: true, again: () => '' });
const cli = { timeout: 5, fresh: false };

describe('earlierTurnsOf', () => {
  it('from the --from-file search output: the same session only, before the trace', async () => {
    const job = jobOf(swapped);
    expect(await earlierTurnsOf(job, buildTree(job.trace.spans), cli)).toEqual([{ n: 1, traceId: 'tr-turn1', user: TURN1.user, reply: TURN1.reply }]);
  });
  it('not read when every argument id is held in the trace (turn 1 has none)', async () => {
    const job = jobOf(turn1);
    expect(await earlierTurnsOf(job, buildTree(job.trace.spans), cli)).toEqual([]);
  });
  it('not read for a trace outside a session', async () => {
    const alone = sessionTurnJson(SWAPPED, 'tr-alone', 2) as { info: Record<string, unknown> };
    alone.info.trace_metadata = {};
    const job = jobOf(alone);
    expect(await earlierTurnsOf(job, buildTree(job.trace.spans), cli)).toEqual([]);
  });
});
