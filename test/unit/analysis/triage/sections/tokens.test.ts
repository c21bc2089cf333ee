import { describe, expect, it } from 'vitest';
import { tokensSection } from '../../../../../scripts/lib/analysis/triage/sections/tokens.js';
import { traceAt, triageOver } from '../../../../support/builders.js';

const usage = (total: number) => ({ 'mlflow.trace.tokenUsage': JSON.stringify({ input_tokens: total - 10, output_tokens: 10, total_tokens: total }) });

describe('tokens section: the median per trace and the traces far above it', () => {
  it('names a trace of five times the median (and a thousand more) as an outlier', () => {
    const infos = Array.from({ length: 12 }, (_, i) => traceAt(i, i, { metadata: usage(i === 7 ? 20_000 : 800 + i) }));
    const { tokens } = triageOver([tokensSection], infos).result();
    expect(tokens.median).toBe(805);
    expect(tokens.outliers).toEqual([{ traceId: infos[7]?.info.traceId, time: expect.any(String), total: 20_000 }]);
  });

  it('calls no outlier under ten traces, and has no median without usage', () => {
    const few = Array.from({ length: 5 }, (_, i) => traceAt(i, i, { metadata: usage(i === 0 ? 50_000 : 500) }));
    expect(triageOver([tokensSection], few).result().tokens.outliers).toEqual([]);
    expect(triageOver([tokensSection], [traceAt(1, 0)]).result().tokens).toEqual({ median: null, outliers: [] });
  });

  it('the whole window’s median from the tracking server; outliers among the traces read against it', () => {
    const infos = Array.from({ length: 12 }, (_, i) => traceAt(i, i, { metadata: usage(i === 7 ? 20_000 : 800 + i) }));
    const acc = triageOver([tokensSection], infos);
    acc.addAggregate({ kind: 'tokens', median: 790.5, total: 1_000_000 });
    expect(acc.result().tokens.median).toBe(790.5);
    expect(acc.result().tokens.outliers.map((o) => o.total)).toEqual([20_000]);
  });
});
