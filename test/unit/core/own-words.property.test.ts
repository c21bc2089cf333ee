/**
 * Property-based: the environment's credentials are masked in trace content, never in the tool's
 * own words. For any MLFLOW_TRACKING_PASSWORD (random strings, and every word, path and command
 * the tool itself prints: `mlflow`, `trace`, `ERRORS`, a cache path), --help, every hint, every
 * label and every printed path read the same as with no password set, so long as the password
 * does not occur in the trace itself. Where it does occur in the trace, it is masked there.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { executeCommand } from '../../../scripts/lib/cli/command.js';
import { exitWithError } from '../../../scripts/lib/cli/exit.js';
import { SkillError } from '../../../scripts/lib/core/errors.js';
import { isWeakSecret, maskEnvironmentInContent } from '../../../scripts/lib/core/environment-secrets.js';
import { redact } from '../../../scripts/lib/core/redact.js';
import { healthCheck } from '../../../scripts/lib/commands/trace/health-check.js';
import { inspectTurn } from '../../../scripts/lib/commands/trace/inspect-turn.js';
import { fixture } from '../../support/helpers.js';

const FILE = fixture('get-failing.json');
const RAW = readFileSync(FILE, 'utf8');
const VAR = 'MLFLOW_TRACKING_PASSWORD';
const USER_FILE = 'trace-tr-0.json';
const USER_PATH = `/tmp/analyzing-mlflow-traces/${USER_FILE}`;

afterEach(() => {
  delete process.env[VAR];
});

async function outputs(password: string | undefined): Promise<string[]> {
  if (password === undefined) delete process.env[VAR];
  else process.env[VAR] = password;
  const health = await executeCommand(healthCheck, ['--from-file', FILE]);
  const inspect = await executeCommand(inspectTurn, ['--from-file', FILE]);
  return [health.stdout, inspect.stdout, healthCheck.help(), inspectTurn.help(), await hintsOf()];
}

/** The stderr of a few refusals: their messages and hints are the tool's own words. */
async function hintsOf(): Promise<string> {
  const errors = [
    new SkillError('trace-not-found', 'Trace tr-0 was not found in this tracking store.', {
      hint: 'Check the id (it looks like tr-<32 hex>) and MLFLOW_TRACKING_URI; list recent ones with `mlflow traces search -x <EXPERIMENT_ID>`.',
    }),
    new SkillError('usage', 'A trace id is required.'),
    new SkillError('output-dir', `Cannot use --out ${USER_PATH}: it is a directory.`),
  ];
  let err = '';
  const write = process.stderr.write;
  const exit = process.exit;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  process.exit = ((code: number) => {
    throw new Error(`exit ${code}`);
  }) as typeof process.exit;
  try {
    for (const e of errors) await exitWithError(e, 'health_check', false).catch(() => undefined);
  } finally {
    process.stderr.write = write;
    process.exit = exit;
  }
  return err;
}

/** Every word, path and command of the tool's own output that is not in the trace. */
async function ownWords(): Promise<string[]> {
  const text = (await outputs(undefined)).join('\n');
  const tokens = new Set<string>();
  for (const t of text.split(/\s+/)) {
    tokens.add(t);
    for (const part of t.split(/[^A-Za-z0-9_.-]+/)) tokens.add(part);
  }
  // The --out path echoed in an error is the user's input, not our words: a password equal to it is masked there.
  return [...tokens].filter((t) => t.length >= 4 && !RAW.includes(t) && !t.includes(USER_FILE));
}

describe("the tool's own words are never redacted", () => {
  it('for any password not in the trace: help, hints, labels and paths are unchanged', async () => {
    const baseline = await outputs(undefined);
    const words = await ownWords();
    expect(words).toEqual(expect.arrayContaining(['ERRORS', 'TOKENS', FILE]));
    const password = fc.oneof(
      fc.constantFrom(...words),
      fc.string({ minLength: 4, maxLength: 24 }),
      fc.stringMatching(/^[a-z]{4,12}$/),
      fc.stringMatching(/^[A-Za-z0-9!@#%^&*._-]{8,30}$/),
    );
    await fc.assert(
      fc.asyncProperty(
        password.filter((p) => p.trim().length >= 4 && !RAW.includes(p) && !RAW.includes(JSON.stringify(p).slice(1, -1))),
        async (p) => {
          expect(await outputs(p)).toEqual(baseline);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('"mlflow" and "trace" as passwords: the hint and the Full trace JSON path read as written', async () => {
    for (const p of ['mlflow', 'trace', 'traces', 'analyzing-mlflow-traces']) {
      const [health, , , , hints] = await outputs(p);
      expect(hints).toContain('`mlflow traces search -x <EXPERIMENT_ID>`');
      expect(health).toContain(`Full trace JSON (unredacted): ${FILE}`);
      expect(`${health}${hints}`).not.toContain('[redacted env');
    }
  });
});

describe('where a credential value is masked', () => {
  const secret = 'Zq7-x9Lm2Pw4';
  it('in trace content, as a whole token, under any key but structural ones', () => {
    process.env[VAR] = secret;
    const raw = JSON.stringify({ info: { trace_id: secret, state: 'OK' }, data: { note: `pw ${secret}, again:${secret}`, glued: `x${secret}y` } });
    const masked = maskEnvironmentInContent(JSON.parse(raw), raw) as { info: { trace_id: string }; data: { note: string; glued: string } };
    expect(masked.data.note).toBe(`pw [redacted env ${VAR}], again:[redacted env ${VAR}]`);
    expect(masked.data.glued).toBe(`x${secret}y`);
    expect(masked.info.trace_id).toBe(secret);
  });

  it('weak values (short, one word) in trace content only; strong ones in mlflow error lines too, never inside a path', () => {
    expect(isWeakSecret('mlflow')).toBe(true);
    expect(isWeakSecret('password')).toBe(true);
    expect(isWeakSecret('required.')).toBe(true);
    expect(isWeakSecret('Secret')).toBe(true);
    expect(isWeakSecret(secret)).toBe(false);
    process.env[VAR] = 'mlflow';
    expect(redact('mlflow.exceptions.MlflowException: bad')).toBe('mlflow.exceptions.MlflowException: bad');
    process.env[VAR] = secret;
    expect(redact(`RestException: token ${secret} expired`)).toBe(`RestException: token [redacted env ${VAR}] expired`);
    expect(redact(`cannot open /home/${secret}/x.db or ${secret}.db`)).toBe(`cannot open /home/${secret}/x.db or ${secret}.db`);
  });

  it('a password that is in the trace is masked in the view, counted in the note', async () => {
    const word = /"content": "([A-Za-z]{6,})/.exec(RAW)?.[1] ?? 'Lisbon';
    const [health] = await outputs(word);
    expect(health).not.toMatch(new RegExp(`(?<![A-Za-z])${word}(?![A-Za-z])`));
    expect(health).toMatch(new RegExp(`\\d+ secrets? redacted: .*env ${VAR}`));
  });
});
