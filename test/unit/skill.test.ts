/**
 * The skill as an agent loads it: a SKILL.md short enough to read in one pass and valid under the
 * Agent Skills spec, references one level deep that it links with when to read them, and the
 * committed bundles current. (Installing it and running the bundles: install-modes.cli.test.ts.)
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { validate } from 'skills-ref';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper without types
import { bundle, SCRIPTS } from '../../testbed/build.mjs';
import { ROOT, tempDir } from '../support/helpers.js';

const skillMd = readFileSync(join(ROOT, 'SKILL.md'), 'utf8');
const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(skillMd) ?? [];
const references = readdirSync(join(ROOT, 'references')).filter((f) => f.endsWith('.md'));

describe('SKILL.md', () => {
  it('passes the Agent Skills validator (`npx skills-ref validate .`) in a folder named after the skill', async () => {
    // The spec wants the folder named as the skill: so it is once installed, not in every checkout.
    const dir = join(tempDir(), 'analyzing-mlflow-traces');
    mkdirSync(dir);
    cpSync(join(ROOT, 'SKILL.md'), join(dir, 'SKILL.md'));
    cpSync(join(ROOT, 'references'), join(dir, 'references'), { recursive: true });
    // What `npx skills-ref validate .` runs (the devDependency's bin), run inside that folder.
    const cli = await execa(join(ROOT, 'node_modules', '.bin', 'skills-ref'), ['validate', '.'], { cwd: dir, reject: false });
    expect(cli.exitCode, `${cli.stdout}\n${cli.stderr}`).toBe(0);
    expect(await validate(dir)).toEqual([]);
  });

  it('is read in one pass: at most 10,000 characters in all, the body well under 500 lines', () => {
    expect(skillMd.length).toBeLessThanOrEqual(10_000);
    expect(body.split('\n').length).toBeLessThan(200);
  });

  it('has a quoted description ≤ 1024 chars without < or >, holding the phrases users say', () => {
    const description = /^description: "(.*)"$/m.exec(front)?.[1] ?? '';
    expect(description.length).toBeGreaterThan(100);
    expect(description.length).toBeLessThanOrEqual(1024);
    expect(description).not.toMatch(/[<>]/);
    for (const phrase of [
      'analyze this trace',
      'why did this trace fail',
      'root cause this trace',
      'debug this chat',
      'where did this chat go wrong',
      'review chat history',
    ]) {
      expect(description).toContain(phrase);
    }
  });

  it('routes every question to a script: each shipped script is in the table and has a command line', () => {
    const table = body.slice(body.indexOf('## Which script'), body.indexOf('## Commands'));
    const commands = body.slice(body.indexOf('## Commands'), body.indexOf('## Reading the output'));
    for (const s of SCRIPTS as string[]) {
      expect(table, `${s} in the question → script table`).toContain(`\`${s}`);
      expect(commands, `${s} in the commands`).toContain(`node dist/${s}.mjs`);
    }
  });

  it('keeps the rules that matter on every task', () => {
    const rules = body.slice(body.indexOf('## Reading the output'));
    for (const rule of ['Follow the printed commands', 'share one fetch', '`OK` only means', 'scorer error', 'Heuristic findings', 'redacted', 'Exit codes']) {
      expect(rules).toContain(rule);
    }
  });

  it('links every reference, one level deep, each with when to read it', () => {
    const section = body.slice(body.indexOf('## References'));
    for (const f of references) {
      const line = section.split('\n').find((l) => l.includes(`(references/${f})`));
      expect(line, `references/${f} is not linked from SKILL.md's References`).toBeDefined();
      expect(line, `references/${f}: say when to read it`).toMatch(/Read /);
    }
    for (const f of references) {
      const text = readFileSync(join(ROOT, 'references', f), 'utf8');
      // Links between references stay inside references/ (a sibling link), never deeper.
      for (const m of text.matchAll(/\]\(([^)#\s]+)\)/g)) {
        const target = m[1] as string;
        if (/^https?:/.test(target)) continue;
        expect(target, `references/${f} links ${target}`).not.toContain('/');
        expect(references, `references/${f} links a missing ${target}`).toContain(target);
      }
    }
  });

  it('names only paths that exist', () => {
    const paths = new Set([...skillMd.matchAll(/\b((?:dist|scripts|references)\/[\w./-]+\.(?:mjs|ts|md))/g)].map((m) => m[1] as string));
    expect(paths.size).toBeGreaterThan(5);
    for (const p of paths) expect(readdirSync(join(ROOT, p, '..')), p).toContain(p.split('/').at(-1));
  });
});

describe('the committed bundles', () => {
  it('are what the sources build to (never stale), entry scripts executable', async () => {
    const out = tempDir('dist-');
    await bundle(out);
    const list = (d: string): string[] =>
      readdirSync(d, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(d.length))
        .sort();
    expect(list(out)).toEqual(list(join(ROOT, 'dist')));
    for (const f of list(out))
      expect(readFileSync(join(out, f), 'utf8'), `dist${f} is stale: run npm run build`).toBe(readFileSync(join(ROOT, 'dist', f), 'utf8'));
    // Git keeps the exec bit: an install copies it, and `./dist/x.mjs` needs it.
    const { stdout } = await execa('git', ['ls-files', '-s', 'dist'], { cwd: ROOT });
    for (const s of SCRIPTS as string[])
      expect(stdout, `dist/${s}.mjs must be committed as 100755`).toMatch(new RegExp(`^100755 \\S+ \\d\\tdist/${s}\\.mjs$`, 'm'));
  });
});
