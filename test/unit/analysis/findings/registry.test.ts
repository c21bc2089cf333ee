/**
 * The registry is the one list of finding kinds: every module in kinds/ is in it once, has its
 * unit test, and every consumer (FINDINGS, ERRORS, session turns and ranking, --json, the
 * findings snapshot) iterates the registry instead of naming kinds by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyKind } from '../../../../scripts/lib/analysis/findings/finding-kind.js';
import { FINDING_KINDS, collectFindings, foundKinds, itemsOf } from '../../../../scripts/lib/analysis/findings/registry.js';
import { findingsBody } from '../../../../scripts/lib/render/findings-view.js';
import { ROOT } from '../../../support/helpers.js';
import { chat, completion, factsOf } from '../../../support/span-trees.js';

const KINDS_DIR = join(ROOT, 'scripts/lib/analysis/findings/kinds');
const modules = readdirSync(KINDS_DIR).filter((f) => f.endsWith('.ts'));
const source = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the findings registry', () => {
  it('lists every module of kinds/ once, each kind under its own key', async () => {
    const listed = new Set<unknown>(FINDING_KINDS);
    expect(listed.size).toBe(FINDING_KINDS.length);
    expect(new Set(FINDING_KINDS.map((k) => k.kind)).size).toBe(FINDING_KINDS.length);
    for (const file of modules) {
      const exported = Object.values(await import(join(KINDS_DIR, file))).filter((v) => FINDING_KINDS.some((k) => k === v));
      expect(exported, `${file} exports one registered kind`).toHaveLength(1);
    }
    expect(modules).toHaveLength(FINDING_KINDS.length);
  });

  it('every kind has its unit test: <module>.test.ts, or a test of this folder that imports the module', () => {
    const dir = join(ROOT, 'test/unit/analysis/findings');
    const tests = readdirSync(dir).filter((f) => f.endsWith('.test.ts'));
    const texts = tests.map((f) => readFileSync(join(dir, f), 'utf8'));
    for (const file of modules) {
      const own = tests.includes(file.replace(/\.ts$/, '.test.ts'));
      const imported = texts.some((t) => t.includes(`findings/kinds/${file.replace(/\.ts$/, '.js')}'`));
      expect(own || imported, file).toBe(true);
    }
  });

  it('every kind says what it finds and whether it can be wrong', () => {
    for (const k of FINDING_KINDS) {
      expect(k.about.length, k.kind).toBeGreaterThan(20);
      expect([true, false, 'some']).toContain(k.heuristic);
    }
  });

  it('--json has one key per kind, in registry order, and reads back to the items', () => {
    const facts = factsOf({
      name: 'agent',
      children: [
        { name: 'block_card', type: 'TOOL', error: ['ConnectionError', 'card-service returned 503'] },
        { name: 'llm', type: 'CHAT_MODEL', inputs: chat(['user', 'block my card']), outputs: completion('Done! Your card has been blocked.') },
      ],
    });
    const f = collectFindings(facts);
    expect(Object.keys(f)).toEqual(FINDING_KINDS.map((k) => k.kind));
    for (const k of FINDING_KINDS) expect(itemsOf(f, k), k.kind).toEqual(facts.of(k as AnyKind));
    // This trace has items of four kinds; FINDINGS shows the two whose section it is.
    expect(foundKinds(f).map((x) => x.kind.kind)).toEqual(['answeredAfterFailedTool', 'okDespiteFailures', 'caught', 'gaps']);
    expect(findingsBody(f)).toHaveLength(2);
  });

  it('consumers iterate the registry rather than naming kinds', () => {
    const consumers = [
      'scripts/lib/render/findings-view.ts',
      'scripts/lib/render/session-view.ts',
      'scripts/lib/analysis/session/turn.ts',
      'scripts/lib/analysis/session/turn-ranking.ts',
      'test/cli/findings-snapshot.cli.test.ts',
    ];
    for (const path of consumers) expect(source(path), path).toMatch(/\bfoundKinds\(/);
    // Kind modules are imported only where one kind's own meaning is used (ERRORS, the session's claim check), and by the registry.
    const allowed: Record<string, RegExp> = {
      'scripts/lib/render/health.ts': /kinds\/(caught|ok-despite-failures)\.js/,
      'scripts/lib/analysis/session/turn.ts': /kinds\/answered-after-failed-tool\.js/,
      'scripts/lib/analysis/session/turn-ranking.ts': /kinds\/answered-after-failed-tool\.js/,
    };
    for (const path of [...consumers, 'scripts/lib/render/health.ts', 'scripts/lib/render/inspect.ts', 'scripts/lib/analysis/trace/trace-report.ts']) {
      for (const m of source(path).matchAll(/from '[^']*findings\/kinds\/[^']+'/g)) expect(allowed[path]?.test(m[0]), `${path}: ${m[0]}`).toBe(true);
    }
  });
});
