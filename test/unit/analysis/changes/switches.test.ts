/** Switches that survive canaries: a value that takes over after interleaving is a rollout, with both times. */
import { describe, expect, it } from 'vitest';
import { detectSwitch, rankSwitches, takeover, type Point, valuePath } from '../../../../scripts/lib/analysis/changes/switches.js';

const pts = (values: string[], step = 1_000): Point[] => values.map((value, i) => ({ t: i * step, value }));
const rep = (v: string, n: number) => Array.from({ length: n }, () => v);
/** 1 in `every` traces on the new value: a canary. */
const canary = (from: string, to: string, n: number, every: number) => Array.from({ length: n }, (_x, i) => (i % every === every - 1 ? to : from));

describe('detectSwitch: canaries and rollouts', () => {
  it('a canary (1 in 5 on 3.3.0 for 80 traces) then the takeover is a rollout, not interleaved', () => {
    const values = [...rep('3.2.0', 100), ...canary('3.2.0', '3.3.0', 80, 5), ...rep('3.3.0', 120)];
    const f = detectSwitch('tag.app_version', pts(values));
    expect(f.kind).toBe('rollout');
    const c = f.changes[0];
    expect(c).toMatchObject({ from: '3.2.0', to: '3.3.0' });
    // First seen: the canary's first trace (index 104); took over: from its last canary trace on (index 179), it never went back.
    expect(c?.rollout?.firstSeenMs).toBe(104_000);
    expect(c?.firstToMs).toBe(179_000);
    expect(c?.lastFromMs).toBe(178_000);
    expect(c?.rollout?.canary).toBe(15);
    expect(c?.after).toBe(121);
    expect(c?.before).toBe(164);
  });

  it('a straggler after the takeover is said, and the takeover stays', () => {
    const values = [...rep('a', 60), ...canary('a', 'b', 40, 2), ...rep('b', 30), 'a', ...rep('b', 30)];
    const f = detectSwitch('k', pts(values));
    expect(['rollout', 'switch']).toContain(f.kind);
    expect(f.changes[0]).toMatchObject({ from: 'a', to: 'b' });
  });

  it('values that alternate throughout (a region) dominate neither side: still interleaved', () => {
    const values = Array.from({ length: 200 }, (_x, i) => (i % 2 ? 'eu' : 'us'));
    expect(detectSwitch('tag.region', pts(values)).kind).toBe('interleaved');
    expect(takeover(pts(values), 3)).toBeNull();
    // Three values at random: none.
    const r = Array.from({ length: 300 }, (_x, i) => ['a', 'b', 'c'][(i * 7919) % 3] as string);
    expect(detectSwitch('k', pts(r)).kind).toBe('interleaved');
  });

  it('a clean switch stays a switch (no rollout stretch)', () => {
    const f = detectSwitch('tag.app_version', pts([...rep('v7', 50), ...rep('v8', 30)]));
    expect(f.kind).toBe('switch');
    expect(f.changes[0]?.rollout).toBeUndefined();
  });

  it('a rollout ranks like a switch (a release-like key first)', () => {
    const values = [...rep('3.2.0', 100), ...canary('3.2.0', '3.3.0', 80, 5), ...rep('3.3.0', 120)];
    const groups = rankSwitches([detectSwitch('tag.region', pts(values.map((_v, i) => (i % 2 ? 'eu' : 'us')))), detectSwitch('tag.app_version', pts(values))]);
    expect(groups[0]?.lead.key).toBe('tag.app_version');
    expect(groups[0]?.lead.kind).toBe('rollout');
  });

  it('a rollback of a version and a model at the same moments: grouped, and the model values in order (a → b → a, never a → a)', () => {
    const version = [...rep('2.7.0', 40), ...rep('2.8.0', 40), ...rep('2.7.0', 40)];
    const model = version.map((v) => (v === '2.8.0' ? 'gpt-4o' : 'gpt-4o-mini'));
    const groups = rankSwitches([detectSwitch('tag.app_version', pts(version)), detectSwitch('span.plan.model', pts(model))]);
    expect(groups[0]?.lead.kind).toBe('back-and-forth');
    expect(groups[0]?.together.map((f) => valuePath(f.changes))).toEqual([['gpt-4o-mini', 'gpt-4o', 'gpt-4o-mini']]);
    expect(valuePath([])).toEqual([]);
  });
});
