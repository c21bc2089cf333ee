/**
 * Wrong answers with no exception (testbed/seed_dataflow.py, the `dataflow` store), each named
 * on the FIRST SCREEN (first 3,000 chars) of the script an agent runs first: a reranker that
 * dropped the retriever's best recipe (real LangChain under autolog), a statement cut at
 * max_tokens (real OpenAI SDK under autolog, mocked HTTP), a prompt without its context, a fee
 * no tool returned, and a session where a failed tool was reported done. Healthy twins print
 * `FINDINGS: none`. Across traces (a second experiment): triage says how a declined payment's
 * amount was made from the quoted fare (× 100, for a currency with no minor unit).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, MLFLOW_FORKED, ROOT, run, tempDir, type Run } from '../support/helpers.js';

interface DataflowManifest {
  tracking_uri: string;
  experiment_id: string;
  traces: Record<'rerank_drop' | 'rerank_ok' | 'truncated' | 'complete' | 'no_context' | 'with_context' | 'ungrounded' | 'grounded', string>;
  sessions: { claimed_done: { id: string; traces: string[]; turns: number } };
  other_experiment_id: string;
  facts: { payments: { traces: number; declined: number; span: string } };
}

const m = JSON.parse(readFileSync(join(ROOT, '.testbed', 'dataflow', 'manifest.json'), 'utf8')) as DataflowManifest;
const env = { MLFLOW_TRACKING_URI: m.tracking_uri };
const FIRST_SCREEN = 3_000;
const first = (r: Run) => r.stdout.slice(0, FIRST_SCREEN);
// The machine is shared: a run waits for its turn rather than time out.
const SLOW = 500_000;

/** One `mlflow traces search` for the whole store: the scenario views read it with --from-file. */
async function searchOnce(): Promise<string> {
  const res = await execa(MLFLOW_FORKED, ['traces', 'search', '--experiment-id', m.experiment_id, '--output', 'json', '--max-results', '500'], {
    env: { ...process.env, ...env },
  });
  const file = join(tempDir('dataflow-'), 'search.json');
  writeFileSync(file, res.stdout);
  return file;
}

const clean = (r: Run) => {
  expect(r.exitCode, r.stderr).toBe(0);
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
};

describe('health_check names what flowed wrong, first screen', () => {
  const runs = {} as Record<keyof DataflowManifest['traces'], Run>;
  let json: Run;
  let inspect: Run;
  beforeAll(async () => {
    const file = await searchOnce();
    const names = Object.keys(m.traces) as Array<keyof DataflowManifest['traces']>;
    for (let i = 0; i < names.length; i += 4) {
      const batch = names.slice(i, i + 4);
      const out = await Promise.all(batch.map((k) => run('health_check', [m.traces[k], '--from-file', file], env, SLOW)));
      batch.forEach((k, j) => {
        runs[k] = out[j] as Run;
      });
    }
    // Through mlflow itself once: the same finding objects in --json.
    [json, inspect] = await Promise.all([
      run('health_check', [m.traces.rerank_drop, '--json', '--timeout', '450'], env, SLOW),
      run('inspect_turn', [m.traces.ungrounded, '--from-file', file], env, SLOW),
    ]);
  }, 1_200_000);

  it('the reranker dropped the recipe the retriever ranked first (LangChain autolog)', () => {
    clean(runs.rerank_drop);
    expect(first(runs.rerank_drop)).toMatch(
      /`FakeListChatModel`'s prompt held 1 of 4 documents `RecipeRetriever` retrieved; `RecipeRetriever`'s #1 `risotto-porcini-v2` was ranked #3 by `rerank_recipes` \(0\.34 vs 0\.88 for its #1\) and dropped by top_n: 1/,
    );
    expect(first(runs.rerank_drop)).toMatch(/heuristic: documents matched by id and by text \[spans [0-9a-f]{8}, [0-9a-f]{8}, [0-9a-f]{8}\]/);
  });

  it('the answer cut at max_tokens (OpenAI SDK autolog)', () => {
    clean(runs.truncated);
    expect(first(runs.truncated)).toMatch(/`Completions`: the answer was cut at max_tokens=120 \(finish reason "length", 120 output tokens\)/);
  });

  it('the prompt built without the retrieved clauses', () => {
    expect(first(runs.no_context)).toMatch(
      /`answer_question`'s input holds none of the 3 documents `search_clauses` retrieved: the prompt was built without its context/,
    );
  });

  it('a fee in the answer that no tool returned, with what the tools did return', () => {
    expect(first(runs.ungrounded)).toMatch(
      /`\$14\.90`, `\$2,305\.88` in the answer are in no input of the trace and no tool or retriever output \(`get_balance` returned 2140\.55; `get_fx_rate` returned 1\.0842\)/,
    );
  });

  it('healthy twins: no finding', () => {
    for (const k of ['rerank_ok', 'complete', 'with_context', 'grounded'] as const) {
      clean(runs[k]);
      expect(runs[k].stdout, k).toMatch(/^FINDINGS: none$/m);
    }
  });

  it('--json carries the same finding objects', () => {
    const j = json.json() as { findings: { retrieval: Array<{ problem: string; dropped: Array<{ id: string; rerankRank: number }>; summary: string }> } };
    expect(j.findings.retrieval[0]).toMatchObject({
      problem: 'top-dropped',
      dropped: [{ id: 'risotto-porcini-v2', rerankRank: 3 }, expect.anything(), expect.anything()],
    });
    expect(runs.rerank_drop.stdout).toContain(j.findings.retrieval[0]?.summary);
  });

  it('inspect_turn shows the findings too', () => {
    clean(inspect);
    expect(inspect.stdout).toMatch(/`\$14\.90`, `\$2,305\.88` in the answer are in no input/);
  });
});

describe('session_transcript: the failed tool reported as done ranks first', () => {
  let r: Run;
  let j: Run;
  beforeAll(async () => {
    const shared = { ...env, XDG_CACHE_HOME: tempDir('xdg-') };
    j = await run('session_transcript', [m.experiment_id, m.sessions.claimed_done.id, '--json', '--timeout', '450'], shared, SLOW);
    r = await run('session_transcript', [m.experiment_id, m.sessions.claimed_done.id, '--timeout', '450'], shared, SLOW);
  }, 1_200_000);

  it('reads spans by default (a short session) and ranks turn 1 first, with the claim and the error', () => {
    clean(r);
    const screen = first(r);
    expect(screen).toMatch(
      /#1 turn 1 \(score \d+\)[^\n]*\n\s+· block_card failed and the reply claimed success: "Done! Your card ending 4417 has been blocked and can no longer be used\." \(the error was not in the model input\) — ConnectionError: card-service returned 503/,
    );
    expect(screen).toMatch(/turn 3's judge speaks of repeating an earlier claim: it was first made here/);
    expect(screen).toMatch(/its model input holds turn 1's claim "Done! Your card ending 4417 has been blocked/);
    expect((j.json() as { spansLoaded: boolean }).spansLoaded).toBe(true);
  });

  it('--json: the per-turn findings (keyed by kind, as health_check --json) and the turn built on the claim', () => {
    const s = j.json() as {
      turns: Array<{ findings: { answeredAfterFailedTool: Array<{ successClaim: string | null }> } | null; builtOnClaim: { turn: number } | null }>;
      suspects: Array<{ turn: number }>;
    };
    expect(s.suspects[0]?.turn).toBe(1);
    expect(s.turns[0]?.findings?.answeredAfterFailedTool[0]?.successClaim).toMatch(/^Done!/);
    expect(s.turns[1]?.builtOnClaim).toMatchObject({ turn: 1 });
  });
});

describe("triage_traces: how the failing span's inputs were made, across traces", () => {
  let r: Run;
  let j: Run;
  beforeAll(async () => {
    const shared = { ...env, XDG_CACHE_HOME: tempDir('xdg-') };
    j = await run('triage_traces', [m.other_experiment_id, '--json', '--timeout', '450'], shared, SLOW);
    // The same pages from the cache: the text view costs no mlflow call.
    r = await run('triage_traces', [m.other_experiment_id, '--timeout', '450'], shared, SLOW);
  }, 1_200_000);

  it('names the scaled fare and the copied ids beside the one currency the declines share', () => {
    clean(r);
    const p = m.facts.payments;
    expect(r.stdout).toMatch(new RegExp(`${p.declined} traces \\(100%\\) ${p.span} \\[TOOL\\] PaymentDeclined`));
    expect(r.stdout).toContain(`input currency = "KRW" in all ${p.declined}; in 0 of ${p.traces - p.declined} OK calls read`);
    expect(r.stdout).toContain('made from earlier outputs (the same value in each trace; a heuristic):');
    expect(r.stdout).toContain(
      `amount_cents = quote_fare.fare × 100: all ${p.declined} failing; ${p.traces - p.declined} of ${p.traces - p.declined} OK calls read`,
    );
    expect(r.stdout).toContain(`hold_id = hold_seat.hold_id: all ${p.declined} failing`);
    // The scaled value comes first: a conversion is where a unit goes wrong.
    expect(r.stdout.indexOf('amount_cents =')).toBeLessThan(r.stdout.indexOf('hold_id ='));
  });

  it('--json carries the same sources', () => {
    const f = j.json() as {
      clusters: Array<{
        span: string;
        sources: Array<{ key: string; source: string; holds: number; of: number; ok: { holds: number; of: number } | null; okSource: unknown }>;
      }>;
    };
    const sources = f.clusters[0]?.sources ?? [];
    expect(sources[0]).toEqual({
      key: 'amount_cents',
      source: '= quote_fare.fare × 100',
      holds: m.facts.payments.declined,
      of: m.facts.payments.declined,
      ok: { holds: m.facts.payments.traces - m.facts.payments.declined, of: m.facts.payments.traces - m.facts.payments.declined },
      okSource: null,
    });
  });
});
