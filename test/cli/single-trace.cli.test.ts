/**
 * health_check and inspect_turn as a user runs them: subprocesses against the real mlflow CLI
 * and the seeded sqlite store. Each scenario is run once and asserted many ways.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, large, main, run, tempDir, type Run } from '../support/helpers.js';

describe('health_check on the failing trace (real CLI)', () => {
  let text: Run;
  let json: Run;
  const outDir = tempDir();
  beforeAll(async () => {
    // One fetch: the text view reads the --json run's cache entry (and links it into --out-dir).
    const shared = { XDG_CACHE_HOME: tempDir('xdg-') };
    json = await run('health_check', ['--trace-id', main.traces.failing as string, '--json'], shared);
    text = await run('health_check', [main.traces.failing as string, '--out-dir', outDir], shared);
  });

  it('exits 0 and names the deepest failing span with its exception', () => {
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toMatch(/ERROR \(an unhandled exception/);
    expect(text.stdout).toMatch(/✗ call_airline_api \[TOOL\] ×3 — ConnectionError: airline API refused connection/);
    expect(text.stdout).toMatch(/propagated through: book_flight ← execute_plan ← travel_agent/);
  });

  it('prints the traceback once', () => {
    expect(text.stdout.match(/Traceback \(most recent call last\)/g)).toHaveLength(1);
  });

  it('shows retries, tokens and the path of the raw JSON kept in --out-dir', () => {
    expect(text.stdout).toMatch(/repeated: call_airline_api ×3 under book_flight/);
    expect(text.stdout).toMatch(/total 110 \(in 90, out 20\)/);
    const file = /Full trace JSON \(unredacted, 0600\): (\S+)/.exec(text.stdout)?.[1] ?? '';
    expect(file.startsWith(outDir)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).info.trace_id).toBe(main.traces.failing);
  });

  it('--json carries the same findings with stable keys and one mlflow call', () => {
    const j = json.json();
    expect(j).toMatchObject({ traceId: main.traces.failing, state: 'ERROR', spanCount: 7, mlflowCalls: 1 });
    expect((j.errors as { culprits: Array<{ name: string }> }).culprits[0]?.name).toBe('call_airline_api');
    const file = (j.files as { traceJson: string }).traceJson;
    expect((statSync(file.replace(/\/[^/]+$/, '')).mode & 0o777).toString(8)).toBe('700');
  });
});

describe('health_check and inspect_turn on the wrong-retrieval trace (assessments of every kind)', () => {
  let health: Run;
  let inspect: Run;
  let span: Run;
  beforeAll(async () => {
    // One fetch, three views of it (the cache serves the later two).
    const shared = { XDG_CACHE_HOME: tempDir('xdg-') };
    health = await run('health_check', [main.traces.wrong_retrieval as string], shared);
    [inspect, span] = await Promise.all([
      run('inspect_turn', [main.traces.wrong_retrieval as string], shared),
      run('inspect_turn', [main.traces.wrong_retrieval as string, '--span', 'search_knowledge_base'], shared),
    ]);
  });

  it('says OK is not correctness, and lists negative verdicts first with their rationale', () => {
    expect(health.stdout).toMatch(/OK \(only means no unhandled exception/);
    const verdicts = health.stdout.slice(health.stdout.indexOf('Verdicts'), health.stdout.indexOf('Scorer errors'));
    expect(verdicts.indexOf('✗ correctness = false')).toBeGreaterThan(0);
    expect(verdicts.indexOf('✗ correctness')).toBeLessThan(verdicts.indexOf('✓ safety'));
    expect(verdicts).toMatch(/user asked about refunds/);
  });

  it('keeps scorer errors apart as judge failures, and marks the overridden one', () => {
    expect(health.stdout).toMatch(/Scorer errors \(the judge failed, not the trace[^\n]*\n\s+! groundedness: RATE_LIMIT_EXCEEDED/);
    expect(health.stdout).toMatch(/Overridden[^\n]*\n\s+~ helpfulness = 4 → replaced by a-/);
    expect(health.stdout).toMatch(/expected_facts = \{"window_days":30/);
  });

  it('draws the span tree with a waterfall and I/O previews, span-level assessment on its span', () => {
    expect(inspect.exitCode).toBe(0);
    expect(inspect.stdout).toMatch(/├─ ✓ search_knowledge_base \[RETRIEVER\] 380ms \+520ms · [0-9a-f]{8}\s+\|\.*=+\.*\|/);
    expect(inspect.stdout).toMatch(/in:\s+refund policy/);
    expect(inspect.stdout).toMatch(/retrieval_relevance = "no" \[LLM_JUDGE [^\]]*span search_knowledge_base\]/);
    expect(inspect.stdout).toMatch(/the root span carries the turn/);
  });

  it('--span shows one span whole, by name', () => {
    expect(span.exitCode).toBe(0);
    expect(span.stdout).toMatch(/Span search_knowledge_base \([0-9a-f]{16}\)/);
    expect(span.stdout).toMatch(/INPUTS \(mlflow\.spanInputs\)\n\{\n\s+"query": "refund policy"/);
    expect(span.stdout).toMatch(/ASSESSMENTS ON THIS SPAN/);
  });
});

describe('the 5,001-span trace stays within --max-chars, every cut stated', () => {
  let inspect: Run;
  let small: Run;
  beforeAll(async () => {
    process.env.LARGE_URI = large.tracking_uri;
    const env = { MLFLOW_TRACKING_URI: large.tracking_uri, XDG_CACHE_HOME: tempDir('xdg-') };
    inspect = await run('inspect_turn', [large.traces.large as string], env);
    small = await run('health_check', [large.traces.large as string, '--max-chars', '1500'], env);
  });

  it('collapses the tree with +N lines that name the command to expand them', () => {
    expect(inspect.exitCode).toBe(0);
    expect(inspect.stdout.length).toBeLessThanOrEqual(20_000);
    expect(inspect.stdout).toMatch(/\+\d+ more children \(\d+ spans\) of worker_\d+ \(.*inspect_turn\.(?:ts|mjs) tr-\w+ --span [0-9a-f]{16}\)/);
    expect(inspect.stdout).toMatch(/✗ step_1 \[TOOL\]/);
  });

  it('cuts to a small bound with a marker saying what went and how to see it', () => {
    expect(small.stdout.length).toBeLessThanOrEqual(1500);
    expect(small.stdout).toMatch(/more lines \([\d,]+ chars\) cut; see: .*inspect_turn/);
    expect(small.stdout).toMatch(/ValueError: malformed tool arguments/);
    expect(small.stdout).toMatch(/Full trace JSON \(unredacted, 0600\): /);
  });
});

describe('bad input: one clear line, a documented exit code, no stack trace', () => {
  it('unknown trace id → 5', async () => {
    const r = await run('health_check', ['tr-00000000000000000000000000000000']);
    expect(r.exitCode).toBe(5);
    expect(r.stderr).toMatch(/^error: Trace tr-0+ was not found/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  // How fast is measured by `npm run bench` (Faults answered); why it is fast (retries off, an
  // HTTP timeout, our own deadline) is asserted in runner.cli.test.ts.
  it('a closed port → 4, with credentials masked', async () => {
    const r = await run('inspect_turn', ['tr-00000000000000000000000000000000', '--json'], { MLFLOW_TRACKING_URI: 'http://bob:s3cret@127.0.0.1:9/?token=abc' });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/tracking server did not answer/);
    expect(r.stderr + r.stdout).not.toMatch(/s3cret|token=abc/);
    expect(r.json()).toMatchObject({ error: { kind: 'unreachable', exitCode: 4 } });
  });

  it('mlflow missing → 3 with how to install it', async () => {
    const r = await run('health_check', ['tr-00000000000000000000000000000000'], { MLFLOW_BIN: undefined, PATH: '/usr/bin:/bin' });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/mlflow CLI was not found on PATH/);
    expect(r.stderr).toMatch(/pip install/);
  });

  it('no trace id, or a malformed one → 2', async () => {
    const [none, bad, flag] = await Promise.all([run('health_check', []), run('health_check', ['not a trace id!']), run('health_check', ['tr-1', '--bogus'])]);
    expect(none.exitCode).toBe(2);
    expect(bad.exitCode).toBe(2);
    expect(flag.exitCode).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option --bogus/);
  });

  it('an unwritable --out-dir → 7', async () => {
    const r = await run('health_check', [main.traces.failing as string, '--out-dir', '/proc/nope']);
    expect(r.exitCode).toBe(7);
  });

  it('--help answers with the exit codes and makes no mlflow call', async () => {
    const r = await run('inspect_turn', ['--help'], { MLFLOW_BIN: '/nonexistent' });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/Exit codes:/);
    expect(existsSync('/nonexistent')).toBe(false);
  });
});
