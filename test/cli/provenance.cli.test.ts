/**
 * Values that do not follow from their evidence (testbed/seed_provenance.py, the `provenance`
 * store), each named on the FIRST SCREEN (first 3,000 chars) of health_check: an argument with
 * two digits swapped, a failure inside an OK tool output the next model never saw, a reply that
 * contradicts the page it was given, two pages that disagree, a loop stopped by max_iterations.
 * The clean twin prints `FINDINGS: none`. One `mlflow traces search` is shared by all the views.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace, MLFLOW_FORKED, ROOT, run, tempDir, type Run } from '../support/helpers.js';

const KEYS = ['arg_swap', 'ok_failure', 'contradiction', 'disagree', 'loop', 'clean'] as const;
interface ProvenanceManifest {
  tracking_uri: string;
  experiment_id: string;
  traces: Record<(typeof KEYS)[number], string>;
}

const m = JSON.parse(readFileSync(join(ROOT, '.testbed', 'provenance', 'manifest.json'), 'utf8')) as ProvenanceManifest;
const env = { MLFLOW_TRACKING_URI: m.tracking_uri };
const first = (r: Run) => r.stdout.slice(0, 3_000);
const SLOW = 500_000;
const screens = new Map<string, Run>();
let evidence: Run;
let evidenceJson: Run;

beforeAll(async () => {
  const res = await execa(MLFLOW_FORKED, ['traces', 'search', '--experiment-id', m.experiment_id, '--output', 'json', '--max-results', '100'], {
    env: { ...process.env, ...env },
  });
  const file = join(tempDir('provenance-'), 'search.json');
  writeFileSync(file, res.stdout);
  for (const k of KEYS) screens.set(k, await run('health_check', [m.traces[k], '--from-file', file], env, SLOW));
  evidence = await run('inspect_turn', [m.traces.arg_swap, '--from-file', file, '--evidence'], env, SLOW);
  evidenceJson = await run('inspect_turn', [m.traces.contradiction, '--from-file', file, '--evidence', '--json'], env, SLOW);
}, 900_000);

const screen = (k: (typeof KEYS)[number]): string => {
  const r = screens.get(k) as Run;
  expect(r.exitCode, r.stderr).toBe(0);
  expect(hasStackTrace(r.stdout + r.stderr)).toBe(false);
  return first(r);
};

describe('health_check names where a value came from', () => {
  it('an argument the user never wrote, the near spelling they did, and the stranger the tool returned', () => {
    const s = screen('arg_swap');
    expect(s).toContain(
      '`plan` called `track_shipment` with shipment_id=SH-79304, which no message or earlier output holds; the user wrote SH-73904 (two digits swapped)',
    );
    expect(s).toContain('its output names consignee "Halvorsen Marine AS", whom no user message or system prompt mentions');
    expect(s).toContain('heuristic: nearest spelling');
  });
  it('a failure inside an OK output that the next model call never received, and the success the reply claimed', () => {
    expect(screen('ok_failure')).toContain(
      '`renew_permit` ended OK but its output states a failure: "PERMIT_EXPIRED: permits expired over 30 days ago must be re-applied for"; the next model call `answer` never received it — output: ',
    );
    expect(screen('ok_failure')).toContain('; the reply claims success: "');
  });
  it('a reply that contradicts the page it was given, named by its uri', () => {
    expect(screen('contradiction')).toContain(
      'the reply says "50 attendees"; `site://devharbor/workshops.md` (search_pages), which the model was given, says "35 attendees"',
    );
  });
  it('two pages that disagree: which reached the prompt and which value the reply used', () => {
    const s = screen('disagree');
    expect(s).toContain('`pages/vaccines-2027.md` says 12 weeks, `pages/archive/vaccines-2019.md` says 16 weeks; the reply used 16 weeks');
    expect(s).toMatch(/vaccines-2027\.md` rank 1: .* reached no model call/);
  });
  it('a loop with its cost and the stop reason', () => {
    const s = screen('loop');
    expect(s).toContain('7 × `lookup_claim_rules` with identical arguments and identical results, then the agent stopped on max_iterations');
    expect(s).toContain('2,784 tokens in the model calls between them');
  });
  it('the clean twin: no finding', () => {
    expect(screen('clean')).toContain('FINDINGS: none');
  });
});

describe('inspect_turn --evidence: each value beside its source (the same search capture)', () => {
  it('the swapped argument is nowhere, its nearest candidate the one the user wrote; the next command opens that call', () => {
    expect(evidence.exitCode, evidence.stderr).toBe(0);
    expect(evidence.stdout).toContain('? shipment_id=SH-79304 — nowhere; nearest: SH-73904 in the user message (two digits swapped)');
    expect(evidence.stdout).toMatch(/Next: .*inspect_turn\.mjs \S+ --from-file \S+ --span track_shipment/);
  });
  it('--json carries the reply value that differs from the page, with the page uri', () => {
    expect(evidenceJson.exitCode, evidenceJson.stderr).toBe(0);
    const values = (JSON.parse(evidenceJson.stdout) as { evidence: { reply: Array<{ values: Array<Record<string, unknown>> }> } }).evidence.reply.flatMap(
      (s) => s.values,
    );
    const v = values.find((x) => x.text === '50');
    expect(v).toMatchObject({ verdict: 'different', other: '35 attendees' });
    expect(JSON.stringify(v)).toContain('site://devharbor/workshops.md');
  });
});
