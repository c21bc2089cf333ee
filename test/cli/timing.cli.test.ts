/**
 * Time that is right, on the real CLI over the `timing` store (testbed/seed_timing.py): each
 * scenario is captured once (health_check text, health_check --json, inspect_turn from the saved
 * JSON: one mlflow call per scenario and view kind), and the findings are asserted on the first
 * screen — or their absence, on the look-alikes that must stay quiet.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, rawJsonPath, ROOT, run, tempDir, type Run } from '../support/helpers.js';

interface TimingManifest {
  tracking_uri: string;
  traces: Record<'itinerary' | 'digest' | 'rolling' | 'fanout' | 'openai_tools', string>;
  facts: {
    itinerary: { tool: string; calls: number; model: string; input_tokens: number; retriever: string; docs: string[] };
    digest: { chain: string[]; identical_items: number };
    openai_tools: { tool: string; calls: number; root: string };
  };
}

const timing = JSON.parse(readFileSync(join(ROOT, '.testbed', 'timing', 'manifest.json'), 'utf8')) as TimingManifest;
const env = { MLFLOW_TRACKING_URI: timing.tracking_uri };
const FIRST_SCREEN_LINES = 40;
const firstScreen = (r: Run) => r.stdout.split('\n').slice(0, FIRST_SCREEN_LINES).join('\n');

interface Views {
  health: Run;
  json: {
    timing: {
      sequential: Array<{ name: string; count: number; savingMs: number; heuristic: boolean; spanIds: string[] }>;
      hugePrompts: Array<{ name: string; inputTokens: number }>;
      criticalPath: Array<{ steps: Array<{ name: string; count: number }> }>;
      byName: Array<{ name: string; share: number }>;
    };
  };
  inspect: Run;
}

/** Generous bounds: six engineers share two cores, and a real mlflow call can wait minutes for one. */
const SLOW = { script: ['--timeout', '600'], runMs: 900_000, hookMs: 1_000_000 };

/** One mlflow call per scenario: health_check fetches; --json and inspect_turn read the JSON it saved. */
async function capture(key: keyof TimingManifest['traces']): Promise<Views> {
  const id = timing.traces[key];
  const health = await run('health_check', [id, '--out-dir', tempDir(), ...SLOW.script], env, SLOW.runMs);
  const saved = rawJsonPath(health.stdout) ?? '';
  const [json, inspect] = await Promise.all([run('health_check', ['--from-file', saved, '--json'], env), run('inspect_turn', ['--from-file', saved], env)]);
  for (const r of [health, json, inspect]) {
    expect(r.exitCode, r.stderr).toBe(0);
    expect(hasStackTrace(r.stderr)).toBe(false);
  }
  return { health, json: json.json() as unknown as Views['json'], inspect };
}

describe('itinerary: six legs priced one after another, then an 88,000-token prompt', () => {
  const f = timing.facts.itinerary;
  let v: Views;
  beforeAll(async () => {
    v = await capture('itinerary');
  }, SLOW.hookMs);

  it("health_check's first screen names the sequential calls, their evidence and the saving, as a heuristic", () => {
    const screen = firstScreen(v.health);
    expect(screen).toMatch(
      new RegExp(
        `! ${f.calls} calls to ${f.tool} under plan_trip ran one after another \\(4\\.10s–4\\.70s each, [\\d.]+s = 70% of the trace\\), each with different inputs, and no output fed the next input: ~21\\.6\\ds could be saved by running them in parallel \\(heuristic: [^)]+\\) \\[spans [0-9a-f]{8}, `,
      ),
    );
    expect(screen).toMatch(/! write_itinerary took 9\.20s \(24% of the trace\) with a prompt of 88,000 tokens = 100% of the trace's input tokens/);
    expect(screen).toMatch(
      /critical path: plan_trip 37\.6\ds › sketch_route 1\.30s › \[6 × price_leg 4\.10s–4\.70s in sequence = [\d.]+s, 70%\] › fare_rules 640ms › write_itinerary 9\.20s \(24%\)/,
    );
    expect(screen).toMatch(/share of the trace by span name: price_leg 70% \(×6\), write_itinerary 24%/);
  });

  it('--json carries the same findings', () => {
    const [s] = v.json.timing.sequential;
    expect(s).toMatchObject({ name: f.tool, count: f.calls, heuristic: true });
    expect(s?.spanIds).toHaveLength(f.calls);
    expect(v.json.timing.hugePrompts[0]).toMatchObject({ name: f.model, inputTokens: f.input_tokens });
  });

  it("inspect_turn's tree shows the prompt's make-up and the retriever's ids, not the user message again", () => {
    const screen = firstScreen(v.inspect);
    expect(screen).toMatch(
      new RegExp(
        `in: {2}system 37,644 chars · context 2 of 3 docs from ${f.retriever} \\(180 chars; not in it: #3 ${f.docs[2]}\\) · 8 msgs · last tool: \\{"fare_eur": 66\\.3`,
      ),
    );
    expect(screen).toMatch(new RegExp(`out: top_k=3 · 3 docs: ${f.docs.join(' [\\d.]+, ')} [\\d.]+`));
    // The header's Request and the root's in: line only (WHERE THE TURN LIVES, further down, names it once more).
    expect(screen.slice(0, screen.indexOf('\nERRORS')).match(/Plan my rail trip/g)?.length).toBe(2);
    expect(v.inspect.stdout).toMatch(/FINDINGS\n {2}! 6 calls to price_leg/);
  });
});

describe('digest: the time is in the chain before a short last step', () => {
  let v: Views;
  beforeAll(async () => {
    v = await capture('digest');
  }, SLOW.hookMs);

  it('the critical path lists the chain, not just the last child; no finding', () => {
    const screen = firstScreen(v.health);
    expect(screen).toMatch(
      /critical path: digest_quarterly_report 11\.60s › load_pages 2\.80s \(24%\) › extract_tables 3\.10s \(27%\) › write_digest 5\.20s \(45%\) › archive_digest 150ms/,
    );
    expect(screen).toMatch(/^FINDINGS: none$/m);
    expect(v.json.timing.criticalPath[0]?.steps.map((s) => s.name)).toEqual(timing.facts.digest.chain);
  });

  it('inspect_turn summarises 40 identical items', () => {
    expect(firstScreen(v.inspect)).toMatch(/out: 40 items, all identical: \{"table":null,"status":"empty","rows":0\}/);
  });
});

describe('look-alikes that must stay quiet', () => {
  let rolling: Views;
  let fanout: Views;
  beforeAll(async () => {
    rolling = await capture('rolling');
    fanout = await capture('fanout');
  }, SLOW.hookMs);

  it('rolling: five calls in a row, each fed the previous summary: no finding, the chain still shown', () => {
    const screen = firstScreen(rolling.health);
    expect(screen).toMatch(/^FINDINGS: none$/m);
    expect(screen).toMatch(/critical path: condense_novel [\d.]+s › \[5 × condense_chapter 3\.10s–3\.50s in sequence = [\d.]+s, 100%\]/);
    expect(rolling.json.timing.sequential).toEqual([]);
  });

  it('fanout: five calls at once: no finding', () => {
    expect(firstScreen(fanout.health)).toMatch(/^FINDINGS: none$/m);
    expect(fanout.json.timing.sequential).toEqual([]);
  });
});

describe('openai_tools: the OpenAI SDK under autolog, four tool calls run in a loop (real instrumentation)', () => {
  const f = timing.facts.openai_tools;
  let v: Views;
  beforeAll(async () => {
    v = await capture('openai_tools');
  }, SLOW.hookMs);

  it('the first screen names the sequential tool calls under the agent', () => {
    expect(firstScreen(v.health)).toMatch(
      new RegExp(
        `! ${f.calls} calls to ${f.tool} under ${f.root} ran one after another \\([\\d.]+s–[\\d.]+s each, [\\d.]+s = \\d+% of the trace\\), each with different inputs, and no output fed the next input: ~[\\d.]+s could be saved`,
      ),
    );
  });

  it("the second model call's row shows the last tool message", () => {
    expect(firstScreen(v.inspect)).toMatch(
      /Completions \[CHAT_MODEL: [^\]]+\][^\n]*\n\s+in: {2}system \d+ chars · 7 msgs · last tool: \{"warehouse": "hamburg"/,
    );
  });
});
