/**
 * The shape holds: no import cycle anywhere in scripts/, and each layer imports only itself and
 * the layers under it (scripts → commands → cli → render → analysis/actions → mlflow, code → trace → core).
 * A small walk over the static import specifiers: no bundler or dev tool needed for relative ESM imports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/helpers.js';

const SCRIPTS = join(ROOT, 'scripts');
const SPECIFIER = /^\s*(?:import|export)\s[^'";]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]|^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each module (path under scripts/) → the modules it imports (type-only imports too: they are part of the shape). */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SCRIPTS)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(SPECIFIER)].map((m) => relative(SCRIPTS, resolve(dirname(file), (m[1] ?? m[2]) as string)).replace(/\.js$/, '.ts'));
    graph.set(relative(SCRIPTS, file), targets);
  }
  return graph;
}

/** Every cycle found by a depth-first walk, each as the path that closes it. */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return cycles;
}

/** Higher layers may import lower ones and their own, never one above. */
const LAYERS: Array<[RegExp, number]> = [
  [/^lib\/core\//, 0],
  [/^lib\/trace\//, 1],
  [/^lib\/(mlflow|code)\//, 2],
  [/^lib\/(analysis|actions)\//, 3],
  [/^lib\/render\//, 4],
  [/^lib\/cli\//, 5],
  [/^lib\/commands\//, 6],
  [/^[^/]+\.ts$/, 7],
];
const layerOf = (module: string): number => LAYERS.find(([re]) => re.test(module))?.[1] ?? -1;

describe('the import graph of scripts/', () => {
  const graph = importGraph();

  it('reads every module and resolves every relative import to one', () => {
    expect(graph.size).toBeGreaterThan(50);
    const missing = [...graph].flatMap(([from, tos]) => tos.filter((to) => !graph.has(to)).map((to) => `${from} → ${to}`));
    expect(missing).toEqual([]);
  });

  it('has no import cycle (type-only imports count: they tie the modules all the same)', () => {
    expect(cyclesOf(graph).map((c) => c.join(' → '))).toEqual([]);
  });

  it('keeps the layers: nothing imports a layer above its own', () => {
    expect([...graph.keys()].filter((m) => layerOf(m) < 0)).toEqual([]);
    const upward = [...graph].flatMap(([from, tos]) => tos.filter((to) => layerOf(to) > layerOf(from)).map((to) => `${from} → ${to}`));
    expect(upward).toEqual([]);
  });

  it('finds a cycle and an upward import when there is one (the walk itself works)', () => {
    const g = new Map([
      ['lib/a.ts', ['lib/b.ts']],
      ['lib/b.ts', ['lib/c.ts']],
      ['lib/c.ts', ['lib/a.ts']],
      ['lib/d.ts', []],
    ]);
    expect(cyclesOf(g)).toEqual([['lib/a.ts', 'lib/b.ts', 'lib/c.ts', 'lib/a.ts']]);
    expect(layerOf('lib/render/x.ts')).toBeGreaterThan(layerOf('lib/analysis/y.ts'));
    expect(layerOf('triage_traces.ts')).toBeGreaterThan(layerOf('lib/commands/triage/triage-job.ts'));
  });
});
