import { describe, expect, it } from 'vitest';
import { DEFAULT_SECTION_OPTIONS, defineSection } from '../../../../scripts/lib/analysis/triage/section.js';
import { ends, TracesRead } from '../../../../scripts/lib/analysis/triage/traces-read.js';
import { traceAt } from '../../../support/builders.js';

describe('TracesRead: what every section may need about all the traces read', () => {
  it('keeps failing traces, and says once when their spans first come', () => {
    const shared = new TracesRead();
    const bad = traceAt(1, 0, { state: 'ERROR' });
    shared.addInfo(bad.info);
    shared.addInfo(traceAt(2, 1).info);
    expect([shared.count, shared.failing.size]).toEqual([2, 1]);
    expect(shared.markFailingSpansRead(bad.info)).toBe(true);
    expect(shared.markFailingSpansRead(bad.info)).toBe(false);
    expect(shared.markFailingSpansRead(traceAt(3, 2, { state: 'ERROR' }).info)).toBe(false);
    expect(shared.failingIdsNewestFirst().map((m) => m.id)).toEqual([bad.info.traceId]);
  });

  it('names a tag value most of a group has and traces in general do not; mlflow bookkeeping and id-like keys never', () => {
    const shared = new TracesRead();
    const members = Array.from({ length: 20 }, (_, i) =>
      shared.addInfo(
        traceAt(i, i, { tags: { app_version: i < 4 ? 'v2' : 'v1', 'mlflow.source.name': 'serve.py', 'mlflow.user': 'x' }, metadata: { request_id: `r${i}` } })
          .info,
      ),
    );
    const over = shared.overRepresented(members.slice(0, 4));
    expect(over.map((o) => [o.key, o.value, o.inCluster, o.overall])).toEqual([['tag.app_version', 'v2', 4, 4]]);
    expect(members[0]?.kv).toContain('tag.mlflow.source.name\u0000serve.py');
    expect(members[0]?.kv.some((k) => k.startsWith('tag.mlflow.user'))).toBe(false);
  });

  it('gives a group’s oldest and newest member', () => {
    const a = { id: 'a', t: 2, kv: [] };
    const b = { id: 'b', t: 1, kv: [] };
    expect(ends([a, b])).toEqual({ oldest: { traceId: 'b', time: new Date(1).toISOString() }, newest: { traceId: 'a', time: new Date(2).toISOString() } });
  });

  it('a section definition makes a fresh state per triage', () => {
    const def = defineSection('x', () => ({ n: 0, result: () => ({}) }));
    expect(def.create(DEFAULT_SECTION_OPTIONS)).not.toBe(def.create(DEFAULT_SECTION_OPTIONS));
    expect(def.name).toBe('x');
  });
});
