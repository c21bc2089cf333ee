/** TriageAccumulator over a stream with a version switch (every registered section together): fingerprints, clusters, over-represented tags, histograms. */
import { describe, expect, it } from 'vitest';
import { TriageAccumulator } from '../../../../scripts/lib/analysis/triage/accumulator.js';
import { histogram } from '../../../../scripts/lib/analysis/triage/sections/histogram.js';
import { fingerprint } from '../../../../scripts/lib/analysis/common/fingerprint.js';
import { percentile } from '../../../../scripts/lib/analysis/common/percentile.js';
import type { Assessment, Span, Trace } from '../../../../scripts/lib/trace/trace.js';
import { judgeFeedback, scorerError } from '../../../support/assessments.js';

const H = 3_600_000;
const T0 = Date.parse('2026-11-10T00:00:00Z');

function span(
  id: string,
  parentId: string | null,
  name: string,
  start: number,
  end: number,
  o: { type?: string; error?: [string, string]; inputs?: unknown; outputs?: unknown; attrs?: Record<string, unknown> } = {},
): Span {
  const raw: Record<string, unknown> = { 'mlflow.spanType': JSON.stringify(o.type ?? 'UNKNOWN') };
  if (o.inputs !== undefined) raw['mlflow.spanInputs'] = JSON.stringify(o.inputs);
  if (o.outputs !== undefined) raw['mlflow.spanOutputs'] = JSON.stringify(o.outputs);
  for (const [k, v] of Object.entries(o.attrs ?? {})) raw[k] = JSON.stringify(v);
  return {
    id,
    parentId,
    name,
    startMs: start,
    endMs: end,
    status: o.error ? 'ERROR' : 'OK',
    statusMessage: o.error?.[1] ?? '',
    rawAttributes: raw,
    events: o.error ? [{ name: 'exception', timeMs: end, attributes: { 'exception.type': o.error[0], 'exception.message': o.error[1] } }] : [],
  };
}

const feedback = (name: string, value: unknown, o: { rationale?: string; error?: string } = {}): Assessment =>
  o.error ? scorerError(name, o.error, 'judge call failed', { rationale: o.rationale ?? null }) : judgeFeedback(name, value, o.rationale ?? null);

function trace(
  id: string,
  t: number,
  o: { state?: string; dur?: number; tags?: Record<string, string>; spans?: Span[]; assessments?: Assessment[]; tokens?: number } = {},
): Trace {
  return {
    format: '3.x',
    spans: o.spans ?? [],
    info: {
      traceId: id,
      experimentId: '1',
      requestTimeMs: t,
      durationMs: o.dur ?? 100,
      state: o.state ?? 'OK',
      requestPreview: null,
      responsePreview: null,
      metadata: o.tokens ? { 'mlflow.trace.tokenUsage': JSON.stringify({ input_tokens: o.tokens, output_tokens: 0, total_tokens: o.tokens }) } : {},
      tags: o.tags ?? {},
      assessments: o.assessments ?? [],
      sessionId: null,
      userId: null,
    },
  };
}

const failingSpans = (n: number, kind: 'order' | 'llm') => [
  span('r', null, 'agent', 0, 100, { type: 'AGENT', error: ['RuntimeError', 'failed'] }),
  kind === 'order'
    ? span('c', 'r', 'lookup_order', 10, 50, {
        type: 'TOOL',
        error: ['LookupError', `order ${1000 + n * 37} not found in shard ${n % 7} (request id req_${(n * 7919).toString(16)})`],
      })
    : span('c', 'r', 'call_llm', 10, 90, {
        type: 'CHAT_MODEL',
        error: [
          'TimeoutError',
          `request to https://api.example.com/v1/chat timed out after ${30 + (n % 5)}.${n % 10}s (id 0x${((n * 2654435761) % 2 ** 32).toString(16)})`,
        ],
      }),
];

describe('fingerprint: what varies between occurrences of one failure is normalised', () => {
  it('numbers, ids, hex, quoted values, urls and paths', () => {
    expect(fingerprint('order 48213 not found in shard 7 (request id req_8f3a2b1c)')).toBe(
      fingerprint('order 977 not found in shard 12 (request id req_0c1d0000)'),
    );
    expect(fingerprint('order 48213 not found (request id req_8f3a2b1c)')).toBe('order <n> not found (request id <id>)');
    expect(fingerprint('timed out after 36.5s (id 0x309f8b67)')).toBe('timed out after <n>s (id <hex>)');
    expect(fingerprint("No such file or directory: '/data/index/shard-17.faiss'")).toBe('No such file or directory: <path>');
    expect(fingerprint('open /var/lib/app/cache/a1.db failed')).toBe('open <path> failed');
    expect(fingerprint('user "bob" has no key \'k-1\'')).toBe('user <str> has no key <str>');
    expect(fingerprint('trace tr-0123456789abcdef0123456789abcdef, uuid 123e4567-e89b-12d3-a456-426614174000, sha deadbeef42')).toBe(
      'trace <id>, uuid <id>, sha <hex>',
    );
    expect(fingerprint('GET https://api.openai.com/v1/chat?x=1 failed')).toBe('GET <url> failed');
  });
  it('keeps the words that tell failures apart', () => {
    expect(fingerprint('connection refused')).not.toBe(fingerprint('connection reset'));
  });
});

describe('percentile and histogram', () => {
  it('nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 0.5)).toBe(50);
    expect(percentile(xs, 0.95)).toBe(95);
    expect(percentile([], 0.5)).toBeNull();
  });
  it('per hour within two days, per day beyond, failures counted per bucket', () => {
    const hourly = histogram([
      { t: T0, failed: true },
      { t: T0 + 30 * 60_000, failed: false },
      { t: T0 + 3 * H, failed: true },
    ]);
    expect(hourly.unit).toBe('hour');
    expect(hourly.buckets.map((b) => [b.traces, b.failures])).toEqual([
      [2, 1],
      [0, 0],
      [0, 0],
      [1, 1],
    ]);
    const daily = histogram([
      { t: T0, failed: false },
      { t: T0 + 72 * H, failed: true },
    ]);
    expect(daily.unit).toBe('day');
    expect(daily.buckets).toHaveLength(4);
    expect(daily.buckets[3]).toMatchObject({ start: '2026-11-13T00:00:00.000Z', failures: 1 });
  });
});

describe('TriageAccumulator on a stream with a version switch', () => {
  // 100 traces, one an hour; v41 then v42 from #60; lookup_order fails every 5th trace under v42
  // only; call_llm times out every 20th; correctness negative on every 10th; a judge errors on 3.
  const acc = new TriageAccumulator();
  const all: Trace[] = [];
  for (let n = 0; n < 100; n++) {
    const version = n < 60 ? 'v41' : 'v42';
    const kind = n >= 60 && n % 5 === 0 ? 'order' : n % 20 === 3 ? 'llm' : null;
    const slow = n % 25 === 7;
    const assessments = [
      ...(n % 10 === 1 ? [feedback('correctness', false, { rationale: n % 20 === 1 ? 'Contradicts the document.' : 'Missing the order status.' })] : []),
      ...(n % 10 === 1 ? [] : [feedback('correctness', true)]),
      ...(n === 2 || n === 4 || n === 6 ? [feedback('groundedness', null, { error: n === 6 ? 'TIMEOUT' : 'RATE_LIMIT_EXCEEDED' })] : []),
    ];
    const t = trace(`tr-${n}`, T0 + n * H, {
      state: kind ? 'ERROR' : 'OK',
      dur: slow ? 4_000 : 100 + (n % 10),
      tags: { app_version: version, session: `s-${n}` },
      assessments,
      tokens: n === 50 ? 90_000 : 500,
      spans: kind
        ? failingSpans(n, kind)
        : [span('r', null, 'agent', 0, slow ? 4_000 : 100, { type: 'AGENT' }), span('d', 'r', 'retrieve', 1, slow ? 3_900 : 40, { type: 'RETRIEVER' })],
    });
    all.push(t);
    acc.addInfo(t);
  }
  const failing = acc.failingIdsNewestFirst();
  for (const id of failing) acc.addSpans(all.find((t) => t.info.traceId === id.id) as Trace, 'failing');
  const threshold = acc.slowThresholdMs();
  for (const t of all) if (threshold !== null && (t.info.durationMs ?? 0) >= threshold) acc.addSpans(t, 'slow');
  const f = acc.result();

  it('counts failing traces and clusters them by culprit span, exception and fingerprint', () => {
    expect(f.traces).toBe(100);
    expect(f.failing.count).toBe(13);
    expect(f.clusters.map((c) => [c.span, c.exceptionType, c.count])).toEqual([
      ['lookup_order', 'LookupError', 8],
      ['call_llm', 'TimeoutError', 5],
    ]);
    expect(f.clusters[0]?.fingerprint).toBe('order <n> not found in shard <n> (request id <id>)');
    expect(f.clusters[0]).toMatchObject({
      firstSeen: new Date(T0 + 60 * H).toISOString(),
      lastSeen: new Date(T0 + 95 * H).toISOString(),
      newest: { traceId: 'tr-95' },
      oldest: { traceId: 'tr-60' },
    });
    expect(f.unclustered).toBe(0);
  });

  it('names the version over-represented in the cluster, not the one-per-trace tag', () => {
    const rep = f.clusters[0]?.overRepresented ?? [];
    expect(rep[0]).toMatchObject({ key: 'tag.app_version', value: 'v42', inCluster: 8, clusterSize: 8, overallShare: 0.4 });
    expect(rep.some((r) => r.key === 'tag.session')).toBe(false);
    expect(f.clusters[1]?.overRepresented.some((r) => r.value === 'v42')).toBe(false);
  });

  it('keeps judge failures apart from negative verdicts and from trace failures', () => {
    expect(f.verdicts).toHaveLength(1);
    expect(f.verdicts[0]).toMatchObject({ name: 'correctness', count: 10, topRationale: { count: 5 } });
    expect(f.judgeFailures.map((g) => [g.name, g.code, g.count])).toEqual([
      ['groundedness', 'RATE_LIMIT_EXCEEDED', 2],
      ['groundedness', 'TIMEOUT', 1],
    ]);
    expect(f.failing.count).toBe(13);
  });

  it('finds the slow tail and the span its time goes to, and the token outlier', () => {
    expect(f.latency.slowTail.count).toBe(4);
    expect(f.latency.slowTail.slowest[0]?.durationMs).toBe(4_000);
    expect(f.latency.tailSpan?.name).toBe('retrieve');
    expect(f.latency.spans.find((s) => s.name === 'retrieve')?.max).toBe(3_899);
    expect(f.tokens.outliers.map((o) => o.traceId)).toEqual(['tr-50']);
  });

  it('spreads failures over days and hours', () => {
    expect(f.histogram.unit).toBe('day');
    expect(f.histogram.buckets.reduce((s, b) => s + b.failures, 0)).toBe(13);
  });
});

describe('TriageAccumulator: messages that differ in one word are one failure', () => {
  it('merges a cluster per carrier into one, with the varying word and all members behind its inputs', () => {
    const acc = new TriageAccumulator();
    const carriers = ['GLS', 'GLS', 'GLS', 'DHL', 'DHL', 'PostNord'];
    const traces = carriers.map((c, n) =>
      trace(`tr-${n}`, T0 + n * H, {
        state: 'ERROR',
        spans: [
          span('r', null, 'desk', 0, 100, { type: 'AGENT', error: ['CarrierError', 'failed'] }),
          span('c', 'r', 'buy_label', 10, 50, {
            type: 'TOOL',
            inputs: { carrier: c, weight_g: 2.5 + n },
            error: ['CarrierError', `400 Bad Request from ${c} (code LBL-117, trace ab12cd3${n})`],
          }),
        ],
      }),
    );
    for (const t of traces) acc.addInfo(t);
    for (const t of traces) acc.addSpans(t, 'failing');
    const f = acc.result();
    expect(f.clusters).toHaveLength(1);
    expect(f.clusters[0]).toMatchObject({
      count: 6,
      fingerprint: '<n> Bad Request from {GLS|DHL|PostNord} (code <id>, trace <hex>)',
      variants: [
        { word: 'GLS', count: 3 },
        { word: 'DHL', count: 2 },
        { word: 'PostNord', count: 1 },
      ],
    });
    expect(f.clusters[0]?.inputs.find((k) => k.key === 'carrier')).toMatchObject({ traces: 6, distinct: 3 });
  });
});
