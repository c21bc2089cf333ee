/**
 * "Can we trust the judge?" and "which chats went wrong this week?" against the real CLI, on the
 * judges store (testbed/seed_judges.py): a judge lenient on fee questions and inconsistent on a
 * repeated question, human labels on a subset, judged on version 5.2 only; a week of 67 chats, 7
 * gone wrong in different ways. Each scenario runs once; the assertions read its first screen.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, ROOT, run, tempDir, type Run } from '../support/helpers.js';

interface JudgesManifest {
  tracking_uri: string;
  helpdesk: {
    experiment_id: string;
    facts: { [k in 'agree' | 'both' | 'fee_disagree' | 'judged' | 'freeze_true' | 'freeze_false' | 'freeze_repeats' | 'judge_errors' | 'overridden']: number };
    cohort: { judged_version: string; unjudged: number };
  };
  chat: {
    experiment_id: string;
    sessions: number;
    bad: Record<string, string>;
    fine: string[];
    no_session_traces: number;
    first_traces: Record<string, string>;
  };
  empty_experiment_id: string;
}
const m = JSON.parse(readFileSync(join(ROOT, '.testbed', 'judges', 'manifest.json'), 'utf8')) as JudgesManifest;
const LONG = 1_200_000;
const T = ['--timeout', '900'];
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
/** The first screen: what an agent reads before scrolling. */
const firstScreen = (r: Run, lines = 60) => r.stdout.split('\n').slice(0, lines).join('\n');

describe('judge_agreement and triage_sessions on the judges store', () => {
  let judges: Run;
  let judgesJson: Json;
  let exported: Run;
  let listed: Run;
  let triage: Run;
  let triageHuman: Json;
  let sessions: Run;
  let sessionsJson: Json;
  let transcript: Run;
  let paged: Run;
  let grepped: Run;
  let grepJson: Json;
  let bad: Record<string, Run>;
  let judgeCache = '';
  const out = tempDir('align-');
  beforeAll(async () => {
    const env = () => ({ MLFLOW_TRACKING_URI: m.tracking_uri, XDG_CACHE_HOME: tempDir('xdg-') });
    const judge = (async () => {
      const e = env();
      judgeCache = e.XDG_CACHE_HOME;
      judges = await run('judge_agreement', ['bank-helpdesk', ...T], e, LONG);
      judgesJson = (await run('judge_agreement', ['bank-helpdesk', '--json', ...T], e, LONG)).json();
      exported = await run('judge_agreement', ['bank-helpdesk', '--name', 'answer_correct', '--export', join(out, 'align.jsonl'), ...T], e, LONG);
      listed = await run('judge_agreement', ['bank-helpdesk', '--verdict', 'answer_correct=fail', '--source', 'HUMAN', ...T], e, LONG);
      triage = await run('triage_traces', ['bank-helpdesk', ...T], e, LONG);
      triageHuman = (await run('triage_traces', ['bank-helpdesk', '--feedback', 'answer_correct=false', '--source', 'human', '--json', ...T], e, LONG)).json();
    })();
    const chats = (async () => {
      const e = env();
      sessions = await run('triage_sessions', ['garden-shop-chat', ...T], e, LONG);
      sessionsJson = (await run('triage_sessions', ['garden-shop-chat', '--json', ...T], e, LONG)).json();
      // --grep reads what the two runs above cached: it must need no mlflow call of its own.
      grepped = await run('triage_sessions', ['garden-shop-chat', '--grep', 'AUSTRIA', '--top', '2', ...T], e, LONG);
      grepJson = (await run('triage_sessions', ['garden-shop-chat', '--grep', '/elm street|address locked/', '--json', ...T], e, LONG)).json();
      paged = await run('triage_sessions', ['garden-shop-chat', '--top', '3', '--no-spans', ...T], e, LONG);
      transcript = await run('session_transcript', [m.chat.experiment_id, m.chat.bad.tool_claim as string, ...T], e, LONG);
    })();
    const errs = (async () => {
      const cases: Record<string, [Parameters<typeof run>[0], string[]]> = {
        emptyJudges: ['judge_agreement', [m.empty_experiment_id]],
        emptySessions: ['triage_sessions', [m.empty_experiment_id]],
        noSessions: ['triage_sessions', ['bank-helpdesk', '--no-spans']],
        exportWithoutName: ['judge_agreement', ['bank-helpdesk', '--export', 'x.jsonl']],
        unknownName: ['judge_agreement', ['bank-helpdesk', '--name', 'nope']],
        bySession: ['triage_traces', ['garden-shop-chat', '--by', 'mlflow.trace.session']],
      };
      const entries = await Promise.all(Object.entries(cases).map(async ([k, [s, args]]) => [k, await run(s, [...args, ...T], env(), LONG)] as const));
      bad = Object.fromEntries(entries);
    })();
    await Promise.all([judge, chats, errs]);
  }, LONG);

  it('judge vs humans: agreement, kappa with its note, the confusion table, on the first screen', () => {
    const f = m.helpdesk.facts;
    expect(judges.exitCode, judges.stderr).toBe(0);
    const s = firstScreen(judges, 40);
    expect(s).toContain(`HUMAN vs LLM_JUDGE: agree on ${f.agree} of ${f.both} traces both scored`);
    expect(s).toMatch(/Cohen's kappa -?\d\.\d\d/);
    expect(s).toMatch(/LLM_JUDGE gave "pass" to every trace|n = \d+ is small/);
    expect(s).toContain('HUMAN ↓ / LLM_JUDGE →');
  });

  it('the disagreements are the fee questions, with both rationales and an example', () => {
    const s = firstScreen(judges, 40);
    expect(s).toContain(`${f().fee_disagree} × HUMAN fail / LLM_JUDGE pass — inputs share "fee"`);
    expect(s).toContain('HUMAN: Wrong: the price list charges a fee; the answer says free.');
    expect(s).toContain('LLM_JUDGE: The answer states the fee clearly.');
    expect(s).toMatch(/e\.g\. node .*inspect_turn\.mjs tr-/);
  });

  it('coverage: the judge ran on version 5.2 only, and the screen warns that differences there are coverage', () => {
    expect(firstScreen(judges, 40)).toMatch(
      new RegExp(
        `LLM_JUDGE \\(openai:/gpt-4o-mini\\): ${f().judged} verdicts on ${f().judged} of 90 traces read.*\\n.*only on tag\\.app_version=5\\.2 .*none of the ${m.helpdesk.cohort.unjudged} others`,
      ),
    );
  });

  it('consistency: the repeated freeze question got both verdicts from the judge', () => {
    expect(judges.stdout).toMatch(
      new RegExp(
        `LLM_JUDGE gave (pass ${f().freeze_true}, fail ${f().freeze_false}|fail ${f().freeze_false}, pass ${f().freeze_true}) to ${f().freeze_repeats} traces with the same input and same output — .*\\n {6}input: +.*How do I freeze my card.*\\n {6}output: \\S`,
      ),
    );
  });

  it('other value types, one source, scorer errors and overridden labels are said', () => {
    expect(judges.stdout).toContain('CODE vs LLM_JUDGE');
    expect(judges.stdout).toMatch(/policy_flags: CODE only/);
    expect(judges.stdout).toContain(`${f().judge_errors} LLM_JUDGE scorer errors`);
    expect(judges.stdout).toContain(`${f().overridden} overridden`);
    // The reviewer's override kept the label: not one source changing its verdict.
    expect(judges.stdout).not.toContain('judged twice');
  });

  it('--json carries the same, with positive and negative counts per source', () => {
    const n = judgesJson.names.find((x: Json) => x.name === 'answer_correct');
    expect(n.pairs[0]).toMatchObject({ a: 'HUMAN', b: 'LLM_JUDGE', both: f().both, agree: f().agree });
    expect(n.sources.find((s: Json) => s.source === 'HUMAN').labels).toEqual({ pass: f().both - f().fee_disagree, fail: f().fee_disagree });
    expect(n.pairs[0].disagreements[0].traceIds).toHaveLength(f().fee_disagree);
  });

  it('triage counts the judge and the humans apart, with positives, and warns that every verdict sits on version 5.2', () => {
    expect(triage.exitCode, triage.stderr).toBe(0);
    const v = triage.stdout.slice(triage.stdout.indexOf('NEGATIVE VERDICTS'));
    expect(v).toContain(`answer_correct [HUMAN]: ${f().fee_disagree} negative, ${f().both - f().fee_disagree} positive of ${f().both} verdicts`);
    expect(v).toMatch(new RegExp(`answer_correct \\[LLM_JUDGE\\]: \\d+ negative, \\d+ positive of ${f().judged} verdicts on ${f().judged} of 90 traces read`));
    expect(v).toContain(
      `coverage: every verdict below was given on tag.app_version=${m.helpdesk.cohort.judged_version} only (60 traces read); none of the ${m.helpdesk.cohort.unjudged} traces with another tag.app_version has one`,
    );
    expect(v).not.toMatch(/over-represented tag\.app_version/);
    // The experiment as given: its name in the header with the id beside it, and in the follow-up commands.
    expect(triage.stdout).toMatch(new RegExp(`^TRIAGE — experiment bank-helpdesk \\(id ${m.helpdesk.experiment_id}\\): `));
    expect(v).toMatch(/do they agree: node .*judge_agreement\.mjs bank-helpdesk --name answer_correct/);
  });

  it('triage --feedback with --source human: the answers QA failed, counted from QA only', () => {
    expect(triageHuman).toMatchObject({ source: 'HUMAN', read: f().fee_disagree });
    expect((triageHuman.verdicts as Json[]).every((v) => v.source === 'HUMAN')).toBe(true);
    expect((triageHuman.verdicts as Json[]).find((v) => v.name === 'answer_correct')).toMatchObject({ count: f().fee_disagree, positive: 0 });
  });

  it('--export writes the disagreements as evaluation-dataset records with the human label, and the align command', () => {
    expect(exported.exitCode, exported.stderr).toBe(0);
    const lines = readFileSync(join(out, 'align.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(f().fee_disagree);
    expect(lines[0]).toMatchObject({ expectations: { answer_correct: false }, source_trace_id: expect.stringMatching(/^tr-/) });
    // The inputs object the app was called with (as MLflow records a trace's root inputs), not its JSON text.
    expect(lines[0].inputs).toEqual({ question: expect.stringMatching(/fee/i) });
    expect(exported.stdout).toContain('judge.align(traces=traces)');
    expect(exported.stdout).toContain(`→ labelled set written: ${join(out, 'align.jsonl')} (${f().fee_disagree} records); next: align the judge`);
    expect(exported.stdout).not.toContain('--export eval/');
  });

  it('--verdict NAME=V --source picks one source, prints the list alone and the command for the whole report', () => {
    expect(listed.stdout).toContain(`VERDICTS answer_correct = fail from HUMAN: ${f().fee_disagree} on ${f().fee_disagree} traces`);
    expect(listed.stdout).not.toContain('JUDGES —');
    // Follow-ups echo the experiment as given (its name), not the id it resolved to.
    expect(listed.stdout).toMatch(/The whole report: node .*judge_agreement\.mjs bank-helpdesk$/m);
    expect(listed.stdout).toMatch(/^ {6}asked: +\S.*fee.*\n {6}answered: \S/im);
  });

  it('--name: the header names that assessment and the sources that scored it', () => {
    expect(exported.stdout).toContain('assessment answer_correct, scored by HUMAN and LLM_JUDGE');
  });

  it('the search JSON is the cache entry under XDG_CACHE_HOME, and a cached read says 0 mlflow calls', () => {
    const path = listed.stdout.match(/(\/\S+search-\S+\.json)/)?.[1] ?? '';
    expect(path.startsWith(judgeCache), listed.stdout.slice(-600)).toBe(true);
    expect(listed.stdout).toContain('mlflow calls: 0 for trace infos');
  });

  it('the footer counts the experiment name lookup beside the reads (a fresh cache looks it up once)', () => {
    expect(judges.stdout).toContain('mlflow calls: 1 for trace infos, 1 to look the experiment name up (cached 5 min; an id needs none)');
    expect(sessions.stdout).toContain('mlflow calls: 2 for traces, 1 to look the experiment name up (cached 5 min; an id needs none)');
  });

  it('sessions: the 7 bad chats first, no fine chat among them (precision 1), each with the turn to open', () => {
    expect(sessions.exitCode, sessions.stderr).toBe(0);
    const badIds = Object.values(m.chat.bad);
    const ranked: string[] = sessionsJson.ranked.map((r: Json) => r.sessionId);
    expect(ranked.slice(0, badIds.length).sort()).toEqual([...badIds].sort());
    expect(ranked.filter((id) => m.chat.fine.includes(id))).toEqual([]);
    // The fine chats by id, for a spot check.
    expect(sessionsJson.fineIds).toEqual(expect.arrayContaining([...m.chat.fine]));
    expect(sessions.stdout).toMatch(/NO EVIDENCE \(\d+\): chat-/);
    const s = firstScreen(sessions, 60);
    expect(s).toContain(`SESSIONS — ${m.chat.sessions} sessions`);
    expect(s).toContain(`(${m.chat.no_session_traces} traces carry no session id)`);
    for (const id of badIds) expect(s).toMatch(new RegExp(`#\\d ${id} · `));
    // Follow-ups echo the experiment as given (its name), not the id it resolved to.
    expect(s).toMatch(/open turn \d: node .*session_transcript\.mjs garden-shop-chat chat-\d+ --turns \d+-\d+/);
  });

  it('sessions: each kind of going wrong is named', () => {
    const ev = (kind: string) => sessionsJson.ranked.find((r: Json) => r.sessionId === m.chat.bad[kind]).evidence.join('; ');
    expect(ev('tool_claim')).toMatch(/failed tool update_delivery_address, reply claimed success.*doubted a result/);
    expect(ev('verdict_repeat')).toMatch(/negative verdicts LLM_JUDGE 1 \(session-level: conversation_resolved\).*assistant repeated itself/);
    expect(ev('human')).toMatch(/frustration; asked for a human/);
    expect(ev('abandoned')).toMatch(/ended on a complaint/);
    expect(ev('history')).toMatch(/history lost/);
    expect(ev('german')).toMatch(/corrected the assistant/);
    expect(ev('tool_error')).toMatch(/failed tool cancel_order, reply claimed success/);
  });

  it('sessions: paged and bounded; previews only says what it did not check', () => {
    expect(paged.stdout).toMatch(/… 4 more with evidence: node .*triage_sessions\.mjs garden-shop-chat (--no-spans )?--offset 3 --top 3/);
    expect(paged.stdout).toContain('failed tools and lost history are not checked');
  });

  it("sessions --grep: a pattern across sessions, counted, quoted, paged; no mlflow call beyond the ranking's reads", () => {
    expect(grepped.exitCode, grepped.stderr).toBe(0);
    // The seed's Austria chats: every fourth slot that is not a bad chat, two matching turns each.
    const austria = m.chat.fine.filter((id) => Number(id.slice(5)) % 4 === 0);
    const s = firstScreen(grepped, 30);
    expect(s).toContain(
      `GREP 'AUSTRIA' in ${austria.length} of ${m.chat.sessions} sessions, ${austria.length * 2} turns (${austria.length * 3} matches); 0 of them among the 7`,
    );
    expect(s).toContain('searched: user messages, replies, tool outputs of every turn');
    expect(s).toMatch(/#1 chat-\d+ · 3 turns, match in turns 1, 2 · no evidence of going wrong\n {5}turn 1 user: "Do you ship tulip bulbs to Austria\?"/);
    expect(s).toMatch(/open: node .*session_transcript\.mjs garden-shop-chat chat-\d+ --turns 1-2/);
    expect(s).toMatch(
      new RegExp(`… ${austria.length - 2} more sessions with a match: node .*triage_sessions\\.mjs garden-shop-chat --grep AUSTRIA --offset 2 --top 2`),
    );
    expect(grepped.stdout).toContain('mlflow calls: 0 for traces');
    expect(grepJson.mlflowCalls).toBe(0);
  });

  it("sessions --grep --json: the user's words and a tool's output, each with its turn, its session's standing and the command to open it", () => {
    const g = grepJson.grep;
    expect(g).toMatchObject({ pattern: '/elm street|address locked/', regex: true, sessionsMatched: 1, turnsMatched: 3, insideSecrets: 0 });
    const found = g.found[0];
    expect(found.sessionId).toBe(m.chat.bad.tool_claim);
    expect(found.hits.map((h: Json) => [h.turn, h.who, h.tool])).toEqual([
      [1, 'tool', 'update_delivery_address'],
      [2, 'user', null],
      [3, 'user', null],
    ]);
    expect(found.hits[0].quote).toContain('address locked: order already handed to the courier');
    expect(found.hits[0].traceId).toBe(m.chat.first_traces[m.chat.bad.tool_claim as string]);
    expect(found.open).toMatch(/session_transcript\.mjs garden-shop-chat chat-005 --turns 1-3$/);
    // The ranking is still there, the same as without --grep.
    expect(grepJson.ranked.map((r: Json) => r.sessionId)).toEqual(sessionsJson.ranked.map((r: Json) => r.sessionId));
  });

  it('session_transcript ranks the doubted claim first, never "No turn stands out"', () => {
    expect(transcript.stdout).not.toContain('No turn stands out');
    expect(transcript.stdout).toMatch(/#1 turn 1 .*\n.*update_delivery_address failed and the reply claimed success/);
    expect(transcript.stdout).toContain('the user doubts turn 1\'s result at turn 2: "The tracking page still shows Elm Street. Did it go through?"');
    // triage_sessions read this session's turns with spans minutes ago: the transcript reads which turns there are, not their spans again.
    expect(transcript.stdout).toMatch(/Spans from the trace cache, unread by mlflow this time \(unredacted, 0600\): \/\S+\/trace-tr-\w+\.json \(and 2 more/);
  });

  it('bad input: one clear line, a hint, an exit code, no stack trace', () => {
    for (const [k, r] of Object.entries(bad)) expect(hasStackTrace(r.stderr + r.stdout), k).toBe(false);
    expect(bad.emptyJudges?.exitCode).not.toBe(0);
    expect(bad.emptySessions?.stderr).toMatch(/hint:/);
    expect(bad.noSessions?.exitCode).toBe(0);
    expect(bad.noSessions?.stdout).toContain('No trace in the window carries a session id');
    expect(bad.exportWithoutName?.exitCode).toBe(2);
    expect(bad.unknownName?.stderr).toMatch(/No verdict named "nope".*\n.*hint: Names there: .*answer_correct/);
    expect(existsSync(join(ROOT, 'x.jsonl'))).toBe(false);
    expect(bad.bySession?.stderr).toMatch(/a session id names one chat[\s\S]*hint: .*triage_sessions/);
  });
});

const f = () => m.helpdesk.facts;
