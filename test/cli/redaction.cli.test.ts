/**
 * Credentials inside a real trace (seeded through the MLflow SDK by testbed/seed_secrets.py): an
 * AWS access key and secret in a span's exception message, an OpenAI key in a tool's inputs, a
 * Bearer token in an Authorization header attribute, a GitHub token in an assessment rationale,
 * a Slack token in a tag. No script prints any of them, in text or --json; the raw file on disk
 * keeps them all and is readable by its owner only; --show-secrets prints them and says so.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir, type Run } from '../support/helpers.js';

interface SecretsManifest {
  tracking_uri: string;
  experiment_id: string;
  traces: { with_secrets: string };
  sessions: { with_secrets: { id: string } };
  secrets: Record<string, string>;
}
const m = JSON.parse(readFileSync(join(ROOT, '.testbed', 'secrets', 'manifest.json'), 'utf8')) as SecretsManifest;
const env = { MLFLOW_TRACKING_URI: m.tracking_uri };
const traceId = m.traces.with_secrets;
const secrets = Object.entries(m.secrets);

const leaked = (r: Run) => secrets.filter(([, v]) => (r.stdout + r.stderr).includes(v)).map(([k]) => k);

describe('a trace full of credentials, through every script (real CLI)', () => {
  const outDir = tempDir();
  let health: Run;
  let inspectJson: Run;
  let transcript: Run;
  let discoverJson: Run;
  let fromFile: Record<string, Run> = {};
  let rawFile = '';

  beforeAll(async () => {
    [health, inspectJson, transcript, discoverJson] = await Promise.all([
      run('health_check', [traceId, '--out-dir', outDir], env),
      run('inspect_turn', [traceId, '--json'], env),
      run('session_transcript', [m.experiment_id, m.sessions.with_secrets.id], env),
      run('discover_schema', [m.experiment_id, m.sessions.with_secrets.id, '--json'], env),
    ]);
    rawFile = /Full trace JSON \(unredacted, 0600\): (\S+)/.exec(health.stdout)?.[1] ?? '';
    // The other views read the same real trace from the saved file: no more mlflow processes.
    const views: Record<string, string[]> = {
      inspect: ['inspect_turn'],
      healthJson: ['health_check', '--json'],
      spanTool: ['inspect_turn', '--span', 'summarize_with_llm'],
      spanToolJson: ['inspect_turn', '--span', 'summarize_with_llm', '--json'],
      spanError: ['inspect_turn', '--span', 'read_bucket'],
      spanErrorPaged: ['inspect_turn', '--span', 'read_bucket', '--max-chars', '700', '--page', '2'],
      transcriptJson: ['session_transcript', '--json'],
      discover: ['discover_schema'],
      shown: ['inspect_turn', '--show-secrets'],
      shownJson: ['inspect_turn', '--show-secrets', '--json'],
    };
    const runs = await Promise.all(
      Object.values(views).map(([script, ...args]) =>
        run(
          script as 'inspect_turn',
          [...(script === 'session_transcript' || script === 'discover_schema' ? ['-', m.sessions.with_secrets.id] : []), '--from-file', rawFile, ...args],
          env,
        ),
      ),
    );
    fromFile = Object.fromEntries(Object.keys(views).map((k, i) => [k, runs[i] as Run]));
  });

  it('every script answers (exit 0)', () => {
    for (const r of [health, inspectJson, transcript, discoverJson, ...Object.values(fromFile)]) expect(r.exitCode, r.stderr).toBe(0);
  });

  it('no secret appears in any output, text or --json', () => {
    const all = { health, inspectJson, transcript, discoverJson, ...fromFile };
    for (const [name, r] of Object.entries(all)) {
      if (name.startsWith('shown')) continue;
      expect({ name, leaked: leaked(r) }).toEqual({ name, leaked: [] });
    }
  });

  it('each secret is replaced by a marker of its kind, and the count is stated', () => {
    expect(fromFile.inspect?.stdout).toMatch(/access key \[redacted aws-access-key\] \(secret \[redacted aws-secret-key\]\)/);
    expect(fromFile.spanTool?.stdout).toMatch(/call the model with \[redacted openai-key\] as the key/);
    expect(fromFile.spanTool?.stdout).toMatch(/http\.request\.header\.authorization: "?Bearer \[redacted (authorization|jwt|bearer-token)\]"?/);
    expect(health.stdout).toMatch(/a token \(\[redacted github-token\]\)/);
    expect(health.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ secrets redacted: .*aws-access-key.* \(--show-secrets to show them\)$/);
    const j = inspectJson.json() as { redaction: { count: number; kinds: Record<string, number>; secretsShown: boolean; rawFilesUnredacted: boolean } };
    expect(j.redaction.count).toBeGreaterThanOrEqual(3);
    expect(j.redaction.kinds['aws-access-key']).toBeGreaterThanOrEqual(1);
    expect(j.redaction).toMatchObject({ secretsShown: false, rawFilesUnredacted: true });
  });

  it('what follow-up commands need survives: trace id, span ids, paths, token counts', () => {
    expect(health.stdout).toContain(`Trace ${traceId}`);
    expect(health.stdout).toMatch(/--span [0-9a-f]{16}\)/);
    expect(health.stdout).toMatch(/total 60 \(in 50, out 10\)/);
    const spans = (inspectJson.json() as { spans: Array<{ spanId: string }> }).spans;
    expect(spans.every((s) => /^[0-9a-f]{16}$/.test(s.spanId))).toBe(true);
    expect(transcript.stdout).toContain(traceId);
  });

  it('the raw JSON on disk is whole (every secret still there) and mode 0600', () => {
    expect(rawFile.startsWith(outDir)).toBe(true);
    const raw = readFileSync(rawFile, 'utf8');
    for (const [, v] of secrets.filter(([k]) => k !== 'slack_token')) expect(raw).toContain(v);
    expect(raw).toContain(m.secrets.slack_token);
    expect((statSync(rawFile).mode & 0o777).toString(8)).toBe('600');
  });

  it('--show-secrets prints them as they are, and says so', () => {
    expect(fromFile.shown?.stdout).toContain(m.secrets.aws_access_key_id);
    expect(fromFile.shown?.stdout.trimEnd().split('\n').at(-1)).toBe('Secrets shown (--show-secrets): this output is not redacted.');
    expect((fromFile.shownJson?.json() as { redaction: { secretsShown: boolean } }).redaction.secretsShown).toBe(true);
  });
});

describe('the credentials of the tracking store itself', () => {
  it('a password in MLFLOW_TRACKING_URI and MLFLOW_TRACKING_PASSWORD are never printed, even with --show-secrets', async () => {
    const password = 'Tr4ck1ngPassw0rd';
    const r = await run('health_check', ['--from-file', join(ROOT, 'fixtures', 'get-failing.json'), '--show-secrets'], {
      MLFLOW_TRACKING_URI: `http://alice:${password}@127.0.0.1:5000`,
      MLFLOW_TRACKING_PASSWORD: password,
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(password);
  });
});
