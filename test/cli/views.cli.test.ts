/**
 * The views as an agent meets them, on the real CLI: every span reachable by what is printed,
 * findings on the first screen, and — on the 5,001-span trace — every follow-up command that
 * any view prints is run and must show something the view that printed it did not.
 * Each trace is fetched from mlflow once; the crawl then reads the saved JSON (--from-file).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, hasStackTrace, rawJsonPath, large, main, run, tempDir, type Run, type Script } from '../support/helpers.js';

const jsonPath = (r: Run): string => rawJsonPath(r.stdout) ?? '';

describe('an OK trace whose tool failed and whose model answered anyway (real CLI)', () => {
  let text: Run;
  let json: Run;
  let inspect: Run;
  beforeAll(async () => {
    const id = main.traces.tool_error_answered as string;
    [text, json] = await Promise.all([run('health_check', [id, '--out-dir', tempDir()]), run('health_check', [id, '--json'])]);
    inspect = await run('inspect_turn', [id, '--from-file', jsonPath(text)]);
  });

  it('health_check says where the exception was caught and that OK hides a failure', () => {
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/✗ get_order_status \[TOOL\] — TimeoutError: order service timed out after 5s — caught in order_agent \(status OK\)/);
    expect(text.stdout).toMatch(/the trace reports OK although 1 span failed/);
  });

  it('flags the answer given after the failed tool, on both first screens', () => {
    for (const out of [text.stdout, inspect.stdout])
      expect(out).toMatch(/chat_model#2 answered after get_order_status failed \(its input held the error as a tool message\) — Error: TimeoutError/);
  });

  it('reads polarity from the scorer name, keeping the rationale', () => {
    expect(text.stdout).toMatch(/✗ user_frustration = "yes" \[[^\]]+\] — The user will find/);
    expect(text.stdout).toMatch(/✗ hallucination = true/);
    expect(text.stdout).toMatch(/✓ toxicity = 0\.02/);
  });

  it('calls an agent → tool → agent alternation what it is, and prints every section', () => {
    expect(text.stdout).toMatch(/repeated: chat_model ×2 under order_agent \([^)]*\) — different inputs each time/);
    expect(text.stdout).not.toMatch(/retries or a loop/);
    expect(text.stdout).toMatch(/WARNINGS: none/);
  });

  it('says how the JSON ids relate to the printed ones', () => {
    expect(text.stdout).toMatch(/Full trace JSON \(unredacted, 0600\): \S+ {2}\(span ids in the JSON are base64; the hex ids printed here decode them\)/);
  });

  it('--json carries the findings and the per-assessment polarity', () => {
    const j = json.json() as {
      findings: { caught: unknown[]; okDespiteFailures: number; answeredAfterFailedTool: Array<{ llmRef: string }> };
      assessments: { verdicts: Array<{ name: string; polarity: string }> };
      mlflowCalls: number;
    };
    expect(j.findings.okDespiteFailures).toBe(1);
    expect(j.findings.caught).toHaveLength(1);
    expect(j.findings.answeredAfterFailedTool[0]?.llmRef).toBe('chat_model#2');
    expect(j.assessments.verdicts.find((v) => v.name === 'user_frustration')?.polarity).toBe('negative');
    expect(j.mlflowCalls).toBe(1);
  });
});

describe('--span takes what the views print and what the JSON holds (a saved real CLI output)', () => {
  const file = fixture('get-failing.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { info: { trace_id: string }; data: { spans: Array<{ span_id: string; name: string }> } };
  const traceId = raw.info.trace_id;
  const base64 = raw.data.spans.find((s) => s.name === 'book_flight')?.span_id ?? '';
  let tree: Run;
  let runs: Record<string, Run>;
  beforeAll(async () => {
    tree = await run('inspect_turn', ['--from-file', file]);
    const shortId = /✗ call_airline_api \[TOOL\] [^·]*· ([0-9a-f]{8})/.exec(tree.stdout)?.[1] ?? 'missing';
    const keys = {
      shortId,
      prefix6: shortId.slice(0, 6),
      base64,
      name: 'call_airline_api',
      nth: 'call_airline_api#2',
      past: 'call_airline_api#4',
      unknown: 'no_such_span',
    };
    const results = await Promise.all(Object.values(keys).map((k) => run('inspect_turn', ['--from-file', file, '--span', k])));
    runs = Object.fromEntries(Object.keys(keys).map((k, i) => [k, results[i] as Run]));
  });

  it('a row id, a 6-char prefix and the base64 id all open the span', () => {
    expect(runs.shortId?.stdout).toMatch(/^Span call_airline_api#1 \([0-9a-f]{16}\)/m);
    expect(runs.prefix6?.stdout).toMatch(/^Span call_airline_api#1 /m);
    expect(runs.base64?.stdout).toMatch(/^Span book_flight \([0-9a-f]{16}\) in /m);
    expect(runs.base64?.stdout).toContain(`span_id in the JSON (base64): ${base64}`);
  });

  it('a shared name opens the first and lists the others as NAME#N with ids; NAME#N opens the N-th', () => {
    expect(runs.name?.stdout).toMatch(
      /3 spans are named call_airline_api; this is call_airline_api#1 \(in start order\)\. Failed: call_airline_api#1 \([0-9a-f]{8}\), call_airline_api#2/,
    );
    expect(runs.nth?.stdout).toMatch(/^Span call_airline_api#2 /m);
  });

  it('NAME#N past the last match, or an unknown span: one line, exit 5', () => {
    for (const r of [runs.past, runs.unknown] as Run[]) {
      expect(r.exitCode).toBe(5);
      expect(r.stderr.split('\n')[0]).toMatch(/^error: /);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
    expect(runs.past?.stderr).toMatch(/has 3 spans named "call_airline_api"/);
    expect(runs.unknown?.stderr).toMatch(/No span "no_such_span" in trace tr-/);
  });

  it('--page past the last page is a usage error naming the page count', async () => {
    const r = await run('inspect_turn', ['--from-file', file, '--span', 'book_flight', '--page', '3']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--page 3: the view of span book_flight has 1 page/);
    expect(traceId).toMatch(/^tr-/);
  });
});

// -------------------------------------------------------------------------------------------
// The crawl: every hint on the large trace leads somewhere new.
// -------------------------------------------------------------------------------------------

interface Hint {
  script: Script;
  args: string[];
}

/** The follow-up commands a view prints (placeholders like '<span_id>' are not commands). */
export function hintsIn(text: string): Hint[] {
  const out: Hint[] = [];
  for (const m of text.matchAll(/(?:npx tsx|node) \S*?(\w+)\.(?:ts|mjs)((?: (?:'[^']*'|[^\s()'<][^\s)'<]*))*)/g)) {
    const tokens = [...(m[2] ?? '').matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g)].map((t) => (t[1] !== undefined ? t[1].replace(/'\\''/g, "'") : (t[2] as string)));
    if (tokens.some((t) => t.includes('<'))) continue;
    out.push({ script: m[1] as Script, args: tokens });
  }
  return out;
}

const contentLines = (s: string) =>
  new Set(
    s
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('Full trace JSON')),
  );

describe('every hint on the 5,001-span trace shows something new, and never repeats the command just run', () => {
  const env = { MLFLOW_TRACKING_URI: large.tracking_uri };
  let file = '';
  const log: Array<{ from: string; ran: string; exitCode: number; newLines: number; same: boolean; size: number }> = [];

  async function crawl(starts: Hint[], limit: number): Promise<void> {
    type Item = Hint & { prev: string | null; prevKey: string | null };
    const queue: Item[] = starts.map((s) => ({ ...s, prev: null, prevKey: null }));
    const seen = new Set<string>();
    let runs = 0;
    while (queue.length && runs < limit) {
      const batch: Item[] = [];
      while (queue.length && batch.length < 3 && runs + batch.length < limit) {
        const item = queue.shift() as Item;
        const key = `${item.script} ${item.args.join(' ')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        batch.push(item);
      }
      const results = await Promise.all(batch.map((b) => run(b.script, b.args, env)));
      runs += batch.length;
      batch.forEach((b, i) => {
        const r = results[i] as Run;
        const key = `${b.script} ${b.args.join(' ')}`;
        const prev = b.prev === null ? null : contentLines(b.prev);
        const fresh = prev ? [...contentLines(r.stdout)].filter((l) => !prev.has(l)).length : 1;
        log.push({ from: b.prevKey ?? '(start)', ran: key, exitCode: r.exitCode, newLines: fresh, same: key === b.prevKey, size: r.stdout.length });
        for (const h of hintsIn(r.stdout)) {
          const hk = `${h.script} ${h.args.join(' ')}`;
          log.push({ from: key, ran: `(printed) ${hk}`, exitCode: 0, newLines: 1, same: hk === key, size: 0 });
          // Later pages first: they are the hints most likely to go stale.
          if (h.args.includes('--page')) queue.unshift({ ...h, prev: r.stdout, prevKey: key });
          else queue.push({ ...h, prev: r.stdout, prevKey: key });
        }
      });
    }
  }

  beforeAll(async () => {
    const fetched = await run('health_check', [large.traces.large as string, '--out-dir', tempDir()], env);
    file = jsonPath(fetched);
    const id = large.traces.large as string;
    const start = (script: Script, extra: string[] = []): Hint => ({ script, args: [id, '--from-file', file, ...extra] });
    await crawl([start('inspect_turn'), start('health_check')], 12);
    await crawl([start('inspect_turn', ['--max-chars', '4000']), start('health_check', ['--max-chars', '2500'])], 14);
  }, 900_000);

  it('fetched the trace once and crawled from the saved JSON', () => {
    expect(file).toMatch(/trace-tr-\w+\.json$/);
    expect(log.filter((l) => !l.ran.startsWith('(printed)')).length).toBeGreaterThanOrEqual(20);
  });

  it('every command run answered (exit 0) within --max-chars', () => {
    for (const l of log.filter((x) => !x.ran.startsWith('(printed)'))) {
      expect(l, l.ran).toMatchObject({ exitCode: 0 });
      const max = /--max-chars (\d+)/.exec(l.ran)?.[1];
      expect(l.size, l.ran).toBeLessThanOrEqual(Number(max ?? 20_000));
    }
  });

  it('no printed hint repeats the command that printed it', () => {
    expect(log.filter((l) => l.same).map((l) => `${l.from} → ${l.ran}`)).toEqual([]);
  });

  it('each hint followed showed content the view that printed it did not', () => {
    expect(log.filter((l) => !l.ran.startsWith('(printed)') && l.newLines === 0).map((l) => `${l.from} → ${l.ran}`)).toEqual([]);
  });

  it('the crawl followed child lists into their subtrees and onto later pages', () => {
    const ran = log.filter((l) => !l.ran.startsWith('(printed)')).map((l) => l.ran);
    expect(ran.some((r) => /--span [0-9a-f]{16}/.test(r))).toBe(true);
    expect(ran.some((r) => /--page [2-9]/.test(r))).toBe(true);
  });
});
