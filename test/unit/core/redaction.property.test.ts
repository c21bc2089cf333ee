/**
 * Property-based: secrets of every kind, placed at random spots of random traces (span inputs,
 * outputs, attributes, exception messages and stack traces, status messages, assessment
 * rationales, previews, tags, metadata), never reach the output of any view — health_check,
 * inspect_turn, --span (paged), session_transcript, discover_schema, and each one's --json —
 * once the output has gone through the edge pass every script uses (`finishOutput`).
 * Not whole, and not in pieces either: no 20-character stretch of a secret survives a cut.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discoverSchema } from '../../../scripts/lib/analysis/session/io-schema.js';
import { analyseSession } from '../../../scripts/lib/analysis/session/session.js';
import { analyseTrace } from '../../../scripts/lib/analysis/trace/trace-report.js';
import { parseTrace } from '../../../scripts/lib/trace/trace.js';
import { buildTree } from '../../../scripts/lib/trace/tree.js';
import { finishOutput } from '../../../scripts/lib/cli/output.js';
import { redactText } from '../../../scripts/lib/core/redact.js';
import { renderBudgeted } from '../../../scripts/lib/render/budget.js';
import { healthSections } from '../../../scripts/lib/render/health.js';
import { inspectSections } from '../../../scripts/lib/render/inspect.js';
import { spanView } from '../../../scripts/lib/render/span-view.js';
import { sessionSections } from '../../../scripts/lib/render/session-view.js';

// ------------------------------------------------------------------ secrets with their real shapes

const chars = (alphabet: string, min: number, max = min) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0234567';
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}_-`;
/** Random, but never a plain word: at least one upper, one lower, one digit. */
const token = (min: number, max = min) => chars(ALNUM, min - 3, max - 3).map((s) => `Q${s}z7`);

interface Planted {
  kind: string;
  /** What is written into the trace. */
  text: string;
  /** The part that must never be printed. */
  secret: string;
}
const plain =
  (kind: string) =>
  (secret: string): Planted => ({ kind, text: secret, secret });

const secretArb: fc.Arbitrary<Planted> = fc.oneof(
  token(48).map((s) => plain('openai')(`sk-${s}`)),
  chars(B64URL, 40, 120).map((s) => plain('openai-project')(`sk-proj-${s}`)),
  chars(B64URL, 90).map((s) => plain('anthropic')(`sk-ant-api03-${s}AA`)),
  chars(UPPER_DIGITS, 16).map((s) => plain('aws-access-key')(`AKIA${s}`)),
  token(40).map(plain('aws-secret-key')),
  token(36).map((s) => plain('github')(`ghp_${s}`)),
  chars(`${ALNUM}_`, 82).map((s) => plain('github-pat')(`github_pat_${s}`)),
  fc.tuple(chars('0123456789', 10, 13), token(24)).map(([n, s]) => plain('slack')(`xoxb-${n}-${n}-${s}`)),
  chars(B64URL, 35).map((s) => plain('google')(`AIza${s}`)),
  fc.tuple(fc.constantFrom('sk', 'rk'), token(24)).map(([p, s]) => plain('stripe')(`${p}_live_${s}`)),
  fc.tuple(chars(B64URL, 20, 40), chars(B64URL, 20, 80), chars(B64URL, 43)).map(([h, p, s]) => plain('jwt')(`eyJ${h}.eyJ${p}.${s}`)),
  token(20, 60).map((s) => ({ kind: 'bearer', text: `Bearer ${s}`, secret: s })),
  token(16, 40).map((s) => ({ kind: 'authorization-header', text: `Authorization: ${s}`, secret: s })),
  token(12, 32).map((s) => ({
    kind: 'basic',
    text: `Authorization: Basic ${Buffer.from(`svc:${s}`).toString('base64')}`,
    secret: Buffer.from(`svc:${s}`).toString('base64'),
  })),
  fc.array(chars(B64, 64), { minLength: 2, maxLength: 5 }).map((lines) => ({
    kind: 'private-key',
    text: `-----BEGIN RSA ${'PRIVATE'} KEY-----\n${lines.map((l) => `Q${l}z7`).join('\n')}\n-----END RSA PRIVATE KEY-----`,
    secret: `Q${lines[0]}z7`,
  })),
  token(12, 24).map((s) => ({ kind: 'url-password', text: `postgresql://app:${s}@db.internal:5432/prod`, secret: s })),
  fc
    .tuple(fc.constantFrom('password', 'passwd', 'client_secret', 'api_key', 'token', 'secret'), token(12, 30))
    .map(([k, s]) => ({ kind: `${k}=`, text: `${k}=${s}`, secret: s })),
  fc
    .tuple(fc.constantFrom('api_key', 'apiKey', 'access_token', 'password', 'x-api-key', 'Authorization', 'set-cookie'), token(12, 30))
    .map(([k, s]) => ({ kind: `json ${k}`, text: JSON.stringify({ [k]: s, n: 1 }), secret: s })),
  fc
    .tuple(fc.constantFrom('api_key', 'client_secret', 'password'), token(12, 30))
    .map(([k, s]) => ({ kind: `python ${k}`, text: `{'${k}': '${s}', 'retries': 3}`, secret: s })),
);

// ------------------------------------------------------------------ random traces to plant them in

const SPOTS = [
  'input',
  'output',
  'attribute',
  'header',
  'exception message',
  'stack trace',
  'status message',
  'rationale',
  'request preview',
  'tag',
  'metadata',
] as const;
type Spot = (typeof SPOTS)[number];

const words = fc.string({ maxLength: 400 });
/**
 * The host text with each secret set in at its place. Places are in the host, never inside another
 * secret: one planted into the middle of another would leave neither in the trace (seed -2135366127).
 */
const plantAll = (host: string, plants: Array<{ at: number; text: string }>) => {
  let out = '';
  let done = 0;
  for (const p of [...plants].sort((a, b) => a.at - b.at)) {
    const i = Math.max(done, Math.floor(p.at * (host.length + 1)));
    out += `${host.slice(done, i)} ${p.text} `;
    done = i;
  }
  return out + host.slice(done);
};

interface Case {
  raw: Record<string, unknown>;
  planted: Planted[];
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    spans: fc.integer({ min: 1, max: 6 }),
    hosts: fc.array(words, { minLength: 12, maxLength: 12 }),
    plants: fc.array(fc.record({ secret: secretArb, spot: fc.constantFrom(...SPOTS), span: fc.nat(), at: fc.double({ min: 0, max: 1, noNaN: true }) }), {
      minLength: 1,
      maxLength: 4,
    }),
    userPrompt: words,
  })
  .map(({ spans: n, hosts, plants, userPrompt }) => {
    const spanPlants = Array.from({ length: n }, () => new Map<Spot, Array<{ at: number; text: string }>>());
    const tracePlants = new Map<Spot, Array<{ at: number; text: string }>>();
    for (const p of plants) {
      const traceLevel = p.spot === 'rationale' || p.spot === 'request preview' || p.spot === 'tag' || p.spot === 'metadata';
      const bag = traceLevel ? tracePlants : (spanPlants[p.span % n] as Map<Spot, Array<{ at: number; text: string }>>);
      bag.set(p.spot, [...(bag.get(p.spot) ?? []), { at: p.at, text: p.secret.text }]);
    }
    const texts = (bag: Map<Spot, Array<{ at: number; text: string }>>) =>
      new Map([...bag].map(([spot, list]) => [spot, plantAll(hosts[SPOTS.indexOf(spot)] ?? '', list)] as const));
    const spanText = spanPlants.map(texts);
    const traceText = texts(tracePlants);
    const t0 = 1_795_168_800_000_000_000;
    const spans = spanText.map((m, i) => {
      const errorText = m.get('exception message') ?? m.get('stack trace') ?? m.get('status message');
      return {
        span_id: Buffer.from(`span${i}abc`).toString('base64'),
        parent_span_id: i ? Buffer.from(`span${Math.floor((i - 1) / 2)}abc`).toString('base64') : null,
        name: i ? `step_${i}` : 'agent',
        start_time_unix_nano: t0 + i * 1_000_000,
        end_time_unix_nano: t0 + 100_000_000 - i * 1_000_000,
        status: { code: errorText ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_OK', message: m.get('status message') ?? '' },
        attributes: {
          'mlflow.spanType': JSON.stringify(i ? 'TOOL' : 'AGENT'),
          'mlflow.spanInputs': JSON.stringify(
            i ? { query: m.get('input') ?? 'q' } : { messages: [{ role: 'user', content: `${userPrompt} ${m.get('input') ?? ''}` }] },
          ),
          'mlflow.spanOutputs': JSON.stringify(
            i ? { result: m.get('output') ?? 'r' } : { choices: [{ message: { role: 'assistant', content: m.get('output') ?? 'done' } }] },
          ),
          ...(m.has('attribute') ? { 'app.note': JSON.stringify(m.get('attribute')) } : {}),
          ...(m.has('header') ? { 'http.request.headers': JSON.stringify({ accept: 'json', note: m.get('header') }) } : {}),
        },
        events: errorText
          ? [
              {
                name: 'exception',
                time_unix_nano: t0,
                attributes: {
                  'exception.type': 'RuntimeError',
                  'exception.message': m.get('exception message') ?? 'failed',
                  'exception.stacktrace': `Traceback (most recent call last):\n  File "app.py", line 3\n${m.get('stack trace') ?? ''}\nRuntimeError: failed`,
                },
              },
            ]
          : [],
      };
    });
    const raw = {
      info: {
        trace_id: 'tr-0123456789abcdef0123456789abcdef',
        state: spans.some((s) => s.status.code === 'STATUS_CODE_ERROR') ? 'ERROR' : 'OK',
        request_time: '2026-11-20T10:00:00Z',
        request_preview: traceText.get('request preview') ?? userPrompt,
        trace_metadata: { 'mlflow.trace.session': 's-1', 'app.meta': traceText.get('metadata') ?? '' },
        tags: { 'app.tag': traceText.get('tag') ?? '' },
        assessments: [
          {
            assessment_id: 'a-1',
            assessment_name: 'correctness',
            feedback: { value: false },
            rationale: traceText.get('rationale') ?? 'fine',
            source: { source_type: 'LLM_JUDGE', source_id: 'judge' },
          },
        ],
      },
      data: { spans },
    };
    return { raw, planted: plants.map((p) => p.secret) };
  });

// ------------------------------------------------------------------ every view, through the edge pass

const follow = { inspect: 'inspect', inspectSpan: (id: string) => `inspect --span ${id}` };
const inspectOpts = { spanCommand: follow.inspectSpan, childrenCommand: (_p: unknown, from: number) => `inspect --children ${from}`, maxChars: 20_000 };
const edgeText = (text: string, maxChars = 20_000) => finishOutput(text, { json: false, showSecrets: false, maxChars });
const edgeJson = (value: unknown) => finishOutput(JSON.stringify(value, null, 2), { json: true, showSecrets: false, maxChars: 20_000 });

function everyOutput(raw: unknown, maxChars: number): string[] {
  const trace = parseTrace(raw);
  const tree = buildTree(trace.spans);
  const report = analyseTrace(trace, tree);
  const session = analyseSession('s-1', [trace], true);
  const outputs = [
    edgeText(renderBudgeted(healthSections(report, follow), ['Full trace JSON: /tmp/x.json'], maxChars, 'inspect').text, maxChars),
    edgeText(renderBudgeted(inspectSections(report, tree, follow, inspectOpts), ['Full trace JSON: /tmp/x.json'], maxChars, 'inspect').text, maxChars),
    edgeText(
      renderBudgeted(
        sessionSections(session, { inspect: (t) => `inspect ${t}`, turns: (a, b) => `--turns ${a}-${b}` }, { maxChars, range: null }),
        ['Full search JSON: x'],
        maxChars,
        '--json',
      ).text,
      maxChars,
    ),
    edgeJson({ ...report, files: { traceJson: '/tmp/x.json' } }),
    edgeJson(session),
    edgeJson(discoverSchema('s-1', [trace])),
  ];
  for (const node of tree.nodes) {
    // Small pages, so that page boundaries fall everywhere.
    const view = spanView(trace, tree, node, { maxChars: 700, spanCommand: follow.inspectSpan, pageCommand: (p) => `--page ${p}` });
    for (let page = 1; page <= Math.min(6, view.pages); page++) outputs.push(edgeText(view.render(page), 20_000));
    outputs.push(edgeJson({ span: { ...node.span, attributes: node.span.rawAttributes } }));
  }
  return outputs;
}

/** The secret, or any 20-character stretch of it. */
function leaks(out: string, secret: string): string | null {
  if (out.includes(secret)) return secret;
  for (let i = 0; i + 20 <= secret.length; i++) if (out.includes(secret.slice(i, i + 20))) return secret.slice(i, i + 20);
  return null;
}

describe('secrets planted anywhere in a trace', () => {
  it('never appear in any view, text or --json, whole or in pieces', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 600, max: 20_000 }), ({ raw, planted }, maxChars) => {
        for (const out of everyOutput(raw, maxChars)) {
          for (const p of planted) {
            const leaked = leaks(out, p.secret);
            if (leaked) throw new Error(`${p.kind} leaked (${leaked}) in:\n${out.slice(Math.max(0, out.indexOf(leaked) - 300), out.indexOf(leaked) + 300)}`);
          }
        }
      }),
      { numRuns: Number(process.env.REDACTION_RUNS ?? 200) },
    );
  }, 600_000);

  it('and every redacted text output still says how many were redacted, within --max-chars', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 600, max: 4000 }), ({ raw }, maxChars) => {
        const trace = parseTrace(raw);
        const tree = buildTree(trace.spans);
        const text = renderBudgeted(
          inspectSections(analyseTrace(trace, tree), tree, follow, { ...inspectOpts, maxChars }),
          ['Full trace JSON: /tmp/x.json'],
          maxChars,
          'inspect',
        ).text;
        const out = edgeText(text, maxChars);
        expect(out.length).toBeLessThanOrEqual(maxChars);
        if (out.includes('[redacted ')) expect(out.split('\n').at(-1)).toMatch(/^\d+ secrets? redacted: .* \(--show-secrets to show them\)$/);
      }),
      { numRuns: 100 },
    );
  });
});

describe('what must survive redaction', () => {
  it('ids, paths, hashes, token counts and ordinary prose are left exactly as they are', () => {
    const keep = [
      'Trace tr-cd4251de0f9dc7d8094deff001eb48dd — ERROR',
      'span: 685c2b54115ad467  (node ./dist/inspect_turn.mjs tr-cd4251de0f9dc7d8094deff001eb48dd --span 685c2b54115ad467)',
      '"span_id": "AAAAAAAAAAA=", "parent_span_id": "aGVsbG8gd29y"',
      'Full trace JSON (unredacted, 0600): /tmp/mlflow-traces-Ab12Cd/trace-tr-09405bd0e6be7ba4ecb8c811d536cf3d.json',
      'File "/home/dev/Projects/MyApp2/src/agent/tools.py", line 46, in call_api',
      'commit 3f786850e387550fdab836ed7e6dc881de23001b',
      '{"input_tokens": 42, "output_tokens": 7, "total_tokens": 49, "max_tokens": 1024}',
      'mlflow.chat.tokenUsage: {"input_tokens": 720, "output_tokens": 65}',
      "{'token': 12, 'tokens': 40}  token_count=5",
      'Basic information about Bearer authentication and token limits.',
      'a-e320b48ef3134f468d7eafb42d4e37ca replaced by a-e320b48ef3134f468d7eafb42d4e37cb',
      'next_page_token: eyJvZmZzZXQiOiAxMDB9',
      '"api_key": null, "password": "", "token": "<YOUR_TOKEN>"',
      'attribute keys: http.request.header.authorization, mlflow.spanInputs',
      'node ./dist/session_transcript.mjs 1 password-reset-42 --turns 3-7',
    ];
    for (const line of keep) expect(redactText(line)).toBe(line);
  });

  it('a cut value is masked up to the cut, and the cut marker with its command survives', () => {
    expect(redactText('in:  {"api_key":"zzzyyyxxx12345… [+20 chars; whole: npx tsx inspect_turn.ts tr-1 --span abc]')).toBe(
      'in:  {"api_key":"[redacted api-key]… [+20 chars; whole: npx tsx inspect_turn.ts tr-1 --span abc]',
    );
    expect(redactText('out: see sk-proj-AbCdEfGh12… [+40 chars]')).toBe('out: see [redacted cut-secret]… [+40 chars]');
    // A token cut after its payload (fast-check seed 856309633): all of it, not the header left over.
    const cutJwt = ['eyJ', 'A'.repeat(25), '.eyJ', 'A'.repeat(27), '2', 'A'.repeat(10)].join('');
    expect(redactText(`err: ${cutJwt}… [+44 chars]`)).toBe('err: [redacted jwt]… [+44 chars]');
  });

  it('--show-secrets prints trace content as it is, and says so', () => {
    const key = ['sk-', 'proj-', 'abcdefghijklmnopqrstuvwxyz012345'].join(''); // fragments: see secrets.test.ts
    const out = finishOutput(`key ${key}`, { json: false, showSecrets: true, maxChars: 20_000 });
    expect(out).toContain(key);
    expect(out.split('\n').at(-1)).toBe('Secrets shown (--show-secrets): this output is not redacted.');
  });

  it('--json gets a redaction object with the count and kinds, and still parses', () => {
    const out = JSON.parse(
      finishOutput(JSON.stringify({ a: 'Bearer abcDEF123456789', headers: { 'X-Api-Key': 'zzzzyyyy1234' }, n: { input_tokens: 3 } }), {
        json: true,
        showSecrets: false,
        maxChars: 20_000,
      }),
    );
    expect(out.a).toBe('Bearer [redacted bearer-token]');
    expect(out.headers['X-Api-Key']).toBe('[redacted api-key]');
    expect(out.n.input_tokens).toBe(3);
    expect(out.redaction).toEqual({
      count: 2,
      kinds: { 'bearer-token': 1, 'api-key': 1 },
      secretsShown: false,
      note: '2 secrets redacted: 1 bearer-token, 1 api-key (--show-secrets to show them)',
      rawFilesUnredacted: true,
    });
  });
});
