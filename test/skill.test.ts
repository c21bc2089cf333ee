/**
 * The skill as users get it: SKILL.md valid under the Agent Skills spec, the committed bundles
 * current, and an install with the real `skills` CLI that works with no node_modules.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { validate } from 'skills-ref';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper without types
import { bundle, SCRIPTS } from '../testbed/build.mjs';
import { main, MLFLOW, ROOT, tempDir } from './helpers.js';

const skillMd = readFileSync(join(ROOT, 'SKILL.md'), 'utf8');
const [, front = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(skillMd) ?? [];

describe('SKILL.md', () => {
  it('passes the Agent Skills validator (skills-ref) in a folder named after the skill', async () => {
    const dir = join(tempDir(), 'analyzing-mlflow-traces');
    mkdirSync(dir);
    cpSync(join(ROOT, 'SKILL.md'), join(dir, 'SKILL.md'));
    expect(await validate(dir)).toEqual([]);
  });

  it('keeps our own rules: body under 500 lines, a quoted description ≤ 1024 chars without < or >', () => {
    expect(body.split('\n').length).toBeLessThan(500);
    const description = /^description: "(.*)"$/m.exec(front)?.[1] ?? '';
    expect(description.length).toBeGreaterThan(100);
    expect(description.length).toBeLessThanOrEqual(1024);
    expect(description).not.toMatch(/[<>]/);
    for (const phrase of ['analyze this trace', 'why did this trace fail', 'root cause this trace', 'debug this chat', 'where did this chat go wrong', 'review chat history']) {
      expect(description).toContain(phrase);
    }
  });

  it('names only paths that exist', () => {
    const paths = new Set([...skillMd.matchAll(/\b((?:dist|scripts|references)\/[\w./-]+\.(?:mjs|ts|md))/g)].map((m) => m[1] as string));
    expect(paths.size).toBeGreaterThan(5);
    for (const p of paths) expect(readdirSync(join(ROOT, p, '..')), p).toContain(p.split('/').at(-1));
  });
});

describe('the committed bundles', () => {
  it('are what the sources build to (never stale)', async () => {
    const out = tempDir('dist-');
    await bundle(out);
    const list = (d: string): string[] => readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(d.length)).sort();
    expect(list(out)).toEqual(list(join(ROOT, 'dist')));
    for (const f of list(out)) expect(readFileSync(join(out, f), 'utf8'), `dist${f} is stale: run npm run build`).toBe(readFileSync(join(ROOT, 'dist', f), 'utf8'));
  });
});

describe('installed with the real skills CLI, run with no node_modules', () => {
  let skillDir: string;
  beforeAll(async () => {
    // What a GitHub install copies: the tracked files (plus new ones not ignored), no node_modules.
    const src = join(tempDir('skill-src-'), 'analyzing-mlflow-traces');
    mkdirSync(src);
    const { stdout } = await execa('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT });
    for (const f of stdout.split('\n').filter(Boolean)) {
      try {
        cpSync(join(ROOT, f), join(src, f), { recursive: true });
      } catch {
        // listed but deleted in the working tree
      }
    }
    const project = tempDir('skill-project-');
    await execa('npx', ['-y', 'skills@1.5.26', 'add', src, '--copy', '-y', '-a', 'claude-code'], { cwd: project, env: { CI: '1' }, timeout: 240_000 });
    skillDir = join(project, '.claude', 'skills', 'analyzing-mlflow-traces');
  }, 300_000);

  it('lands under the skill name without node_modules', () => {
    expect(readdirSync(skillDir)).toEqual(expect.arrayContaining(['SKILL.md', 'dist', 'references']));
    expect(readdirSync(skillDir)).not.toContain('node_modules');
  });

  it.each(SCRIPTS as string[])('%s answers --help with plain node', async (script) => {
    const r = await execa('node', [join(skillDir, 'dist', `${script}.mjs`), '--help'], { cwd: tempDir(), reject: false });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^Usage: /);
    expect(r.stdout).toMatch(/Exit codes:/);
  });

  it('runs a real analysis against the local store', async () => {
    const r = await execa('node', [join(skillDir, 'dist', 'health_check.mjs'), main.traces.failing as string], {
      cwd: tempDir(), reject: false, env: { MLFLOW_BIN: MLFLOW, MLFLOW_TRACKING_URI: main.tracking_uri, NO_COLOR: '1' },
    });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/call_airline_api \[TOOL\] ×3/);
    expect(r.stdout).toMatch(/node \S+\/dist\/inspect_turn\.mjs tr-/);
  });
});
