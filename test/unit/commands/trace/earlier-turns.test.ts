/**
 * health_check and inspect_turn read the session's earlier turns only when an argument id is held
 * by nothing in the trace (--evidence: when any value is not found as written); from a --from-file
 * search output they come from the file (no mlflow). The look that decides is the trace's own
 * provenance pass, reused by the report: one pass and one dataflow record per trace and view.
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
    expect(await earlierTurnsOf(job, facts(job), cli)).toMatchObject([{ n: 1, traceId: 'tr-turn1', user: TURN1.user, reply: TURN1.reply }]);
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
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('the provenance pass runs once per trace and view', () => {
  const passes = async (argv: string[]) => {
    const [p0, d0] = [provenancePasses.count, dataflowPasses.count];
    await executeCommand(argv[1] === 'health' ? healthCheck : inspectTurn, [argv[0] as string, '--from-file', session, ...argv.slice(2)]);
    return [provenancePasses.count - p0, dataflowPasses.count - d0];
  };
  it('health_check, inspect_turn and --evidence on a turn whose session is read: one pass, one dataflow record per trace read', async () => {
    // The turn's own record, and one for each earlier turn read with spans (its tools' outputs).
    expect(await passes(['tr-s3', 'health'])).toEqual([1, 3]);
    expect(await passes(['tr-s3', 'inspect'])).toEqual([1, 3]);
    expect(await passes(['tr-s3', 'inspect', '--evidence'])).toEqual([1, 3]);
    expect(await passes(['tr-s4', 'inspect', '--evidence', '--json'])).toEqual([1, 4]);
  });
});

describe('inspect_turn --evidence: a value from an earlier turn of the session', () => {
  it('the argument reused two turns later is = with turn 1 (and its trace) as the source; no finding', async () => {
    const out = plain((await executeCommand(inspectTurn, ['tr-s3', '--from-file', session, '--evidence'])).stdout);
    expect(out).toContain('= booking_id=BK-58213 — same: the user message in turn 1 of the session (tr-s1) "Hi, my booking reference is BK-58213."');
    expect(out).not.toMatch(/\? booking_id=/);
    const health = plain((await executeCommand(healthCheck, ['tr-s3', '--from-file', session])).stdout);
    expect(health).toContain('FINDINGS: none');
  });
  it('a reply value alone is looked up too; --json names the turn and its trace', async () => {
    const j = JSON.parse((await executeCommand(inspectTurn, ['tr-s4', '--from-file', session, '--evidence', '--json'])).stdout);
    const v = j.evidence.reply.flatMap((s: { values: unknown[] }) => s.values).find((x: { text: string }) => x.text === 'BK-58213');
    expect(v).toMatchObject({
      verdict: 'same',
      sources: [
        { kind: 'user', turn: { n: 1, traceId: 'tr-s1' } },
        { kind: 'model-output', turn: { n: 3, traceId: 'tr-s3' } },
      ],
    });
    expect(j.earlierTurnsRead).toBe(3);
  });
  it('a trace whose values are all found reads no session', async () => {
    const j = JSON.parse((await executeCommand(inspectTurn, ['tr-s2', '--from-file', session, '--evidence', '--json'])).stdout);
    expect(j.earlierTurnsRead).toBe(0);
  });
});
