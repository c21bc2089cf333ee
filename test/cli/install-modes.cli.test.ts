/**
 * The skill installed as users install it, with no node_modules: the real `skills` CLI in --copy
 * mode and in its default symlink mode (one copy in .agents/skills, a link in .claude/skills),
 * and skill4agent's layout
 * (.agents/skills/<name> with links from other agents' folders; simulated, its CLI is not on the
 * npm registry this project reaches). Scripts are started through a link from another directory,
 * and the follow-up commands they print are pasted into a shell as a user would.
 */
import { cpSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, realpathSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper without types
import { SCRIPTS, SHEBANG } from '../../testbed/build.mjs';
import { main, MLFLOW_FORKED, ROOT, tempDir } from '../support/helpers.js';

const NAME = 'analyzing-mlflow-traces';
// The suite's forked mlflow: how the skill is installed is what this file checks, not Python's start-up.
const env = { MLFLOW_BIN: MLFLOW_FORKED, MLFLOW_TRACKING_URI: main.tracking_uri, NO_COLOR: '1' };
const scripts = SCRIPTS as string[];

/** What a GitHub install copies: the tracked files (plus new ones not ignored), no node_modules. */
async function trackedCopy(): Promise<string> {
  const src = join(tempDir('skill-src-'), NAME);
  mkdirSync(src);
  const { stdout } = await execa('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT });
  for (const f of stdout.split('\n').filter(Boolean)) {
    try {
      cpSync(join(ROOT, f), join(src, f), { recursive: true });
    } catch {
      // listed but deleted in the working tree
    }
  }
  return src;
}

/** One install per mode for the whole file (each is an `npx skills add`: seconds, not minutes). */
const once = <T>(make: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= make());
};
/** `skills add --copy`: the files straight into .claude/skills/<name>. */
const copyInstall = once(async () => {
  const project = tempDir('skill-copy-project-');
  await execa('npx', ['-y', 'skills@1.5.26', 'add', await trackedCopy(), '--copy', '-y', '-a', 'claude-code'], {
    cwd: project,
    env: { CI: '1' },
    timeout: 240_000,
  });
  return project;
});
/** `skills add` (symlink mode) for two agents: one copy in .agents/skills, .claude/skills links to it. */
const linkInstall = once(async () => {
  const project = tempDir('skill-project-');
  mkdirSync(join(project, '.claude')); // a Claude Code project
  await execa('npx', ['-y', 'skills@1.5.26', 'add', await trackedCopy(), '-y', '-a', 'claude-code', '-a', 'codex'], {
    cwd: project,
    env: { CI: '1' },
    timeout: 240_000,
  });
  return project;
});

interface Shot {
  exitCode: number;
  stdout: string;
  stderr: string;
}
const node = async (script: string, args: string[], cwd: string): Promise<Shot> => {
  const r = await execa('node', [script, ...args], { cwd, env, reject: false, timeout: 180_000 });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
};
/** A printed command, pasted into a shell in the same directory. */
const paste = async (command: string, cwd: string): Promise<Shot> => {
  const r = await execa('bash', ['-c', command], { cwd, env, reject: false, timeout: 180_000 });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
};
const printed = (text: string, re: RegExp): string => {
  const m = re.exec(text);
  if (!m?.[1]) throw new Error(`no follow-up command matching ${re} in:\n${text.slice(0, 2000)}`);
  return m[1];
};

/**
 * `--help` started the three ways a user or an agent starts a script: `./dist/x.mjs` in the skill's
 * folder (its shebang), `node dist/x.mjs`, and by its shebang through the agent's folder (a link
 * in symlink mode) from another directory. One script at a time: 21 node starts at once would
 * only measure how busy the machine is.
 */
async function helpShots(skillDir: string, cwd: string, viaLink: string): Promise<Record<string, Shot[]>> {
  const opts = (dir: string) => ({ cwd: dir, env, reject: false, timeout: 300_000 });
  const shots: Record<string, Shot[]> = {};
  for (const s of scripts) {
    const rs = await Promise.all([
      execa('bash', ['-c', `./dist/${s}.mjs --help`], opts(skillDir)),
      execa('node', [`dist/${s}.mjs`, '--help'], opts(skillDir)),
      execa(join(viaLink, 'dist', `${s}.mjs`), ['--help'], opts(cwd)),
    ]);
    shots[s] = rs.map((r) => ({ exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) || String(r.message ?? '') }));
  }
  return shots;
}

describe.each([
  ['a copied install (skills add --copy)', copyInstall, (p: string) => join(p, '.claude', 'skills', NAME)],
  ['a symlinked install (skills add, two agents)', linkInstall, (p: string) => join(p, '.agents', 'skills', NAME)],
])('every script answers --help in %s', (_mode, install, realDir) => {
  let skillDir: string;
  let help: Record<string, Shot[]>;
  beforeAll(async () => {
    const project = await install();
    skillDir = realDir(project);
    // The third way: by its shebang through the agent's folder (a link in symlink mode), from elsewhere.
    help = await helpShots(skillDir, tempDir('unrelated-cwd-'), join(project, '.claude', 'skills', NAME));
  }, 900_000);

  it('lands under the skill name, with the bundles and no node_modules', () => {
    expect(readdirSync(skillDir)).toEqual(expect.arrayContaining(['SKILL.md', 'dist', 'references']));
    expect(readdirSync(skillDir)).not.toContain('node_modules');
  });

  it.each(scripts)('%s: starts with a plain-node shebang, is executable, and runs as ./dist, node dist and through the link', (s) => {
    const file = join(skillDir, 'dist', `${s}.mjs`);
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe(SHEBANG);
    expect(statSync(file).mode & 0o111, `${file} is not executable`).toBe(0o111);
    for (const [i, how] of ['./dist', 'node dist', 'the link'].entries()) {
      const r = help[s]?.[i] as Shot;
      expect(r.exitCode, `${s} by ${how}: ${r.stderr}`).toBe(0);
      expect(r.stdout, `${s} by ${how}`).toMatch(new RegExp(`^Usage: ${s}`));
      expect(r.stdout, `${s} by ${how}`).toMatch(/Exit codes:/);
    }
  });
});

describe('installed by the skills CLI with --copy', () => {
  it('runs a real analysis against the local store, and prints follow-ups by its path', async () => {
    const skillDir = join(await copyInstall(), '.claude', 'skills', NAME);
    const r = await execa('node', [join(skillDir, 'dist', 'health_check.mjs'), main.traces.failing as string], { cwd: tempDir(), reject: false, env });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(r.stdout).toMatch(/call_airline_api \[TOOL\] ×3/);
    expect(r.stdout).toMatch(/node \S+\/dist\/inspect_turn\.mjs tr-/);
  }, 300_000);
});

describe('installed by the skills CLI in its default symlink mode (no --copy)', () => {
  let project: string;
  let elsewhere: string;
  let health: Shot;
  let next: { command: string; shot: Shot };
  let session: Shot;
  let turn: { command: string; shot: Shot };
  beforeAll(async () => {
    // Two agents with different folders: the CLI keeps one copy and links the other folder to it.
    project = await linkInstall();
    elsewhere = tempDir('unrelated-cwd-');
    [health, session] = await Promise.all([
      node(join(project, '.claude', 'skills', NAME, 'dist', 'health_check.mjs'), [main.traces.failing as string], elsewhere),
      node(`.claude/skills/${NAME}/dist/session_transcript.mjs`, [main.experiment_id, main.sessions.hotel?.id as string], project),
    ]);
    const nextCommand = printed(health.stdout, /^Next: (node .+?)  \(/m);
    const turnCommand = printed(session.stdout, /#1 turn \d+ \(score \d+\) — (node .+)$/m);
    const [a, b] = await Promise.all([paste(nextCommand, elsewhere), paste(turnCommand, project)]);
    next = { command: nextCommand, shot: a };
    turn = { command: turnCommand, shot: b };
  }, 600_000);

  it('keeps one copy in .agents/skills and a relative symlink in .claude/skills', () => {
    const link = join(project, '.claude', 'skills', NAME);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(`../../.agents/skills/${NAME}`);
    expect(realpathSync(link)).toBe(realpathSync(join(project, '.agents', 'skills', NAME)));
  });

  it('runs through the link from an unrelated directory, and its follow-up works when pasted there', () => {
    expect(health.exitCode, health.stderr).toBe(0);
    expect(health.stdout).toMatch(/call_airline_api \[TOOL\] ×3/);
    // Spelled through the link the user typed, not the resolved .agents path.
    expect(next.command).toBe(`node ${join(project, '.claude', 'skills', NAME, 'dist', 'inspect_turn.mjs')} ${main.traces.failing}`);
    expect(next.shot.exitCode, next.shot.stderr).toBe(0);
    expect(next.shot.stdout).toMatch(/^SPAN TREE — 7 spans/m);
  });

  it('runs by a relative path from the project, and the suspect turn command works when pasted', () => {
    expect(session.exitCode, session.stderr).toBe(0);
    expect(turn.command).toMatch(new RegExp(`^node \\./\\.claude/skills/${NAME}/dist/inspect_turn\\.mjs tr-[0-9a-f]{32}$`));
    expect(turn.shot.exitCode, turn.shot.stderr).toBe(0);
    expect(turn.shot.stdout).toMatch(/^Trace tr-[0-9a-f]{32} — /);
  });
});

describe("skill4agent's layout: .agents/skills/<name>, linked from other agents' folders", () => {
  let project: string;
  let discover: Shot;
  let spans: { command: string; shot: Shot };
  let help: Shot;
  beforeAll(async () => {
    project = tempDir('skill4agent-project-');
    const canonical = join(project, '.agents', 'skills', NAME);
    mkdirSync(join(project, '.agents', 'skills'), { recursive: true });
    cpSync(await trackedCopy(), canonical, { recursive: true });
    for (const agent of ['.claude', '.gemini']) {
      mkdirSync(join(project, agent, 'skills'), { recursive: true });
      symlinkSync(`../../.agents/skills/${NAME}`, join(project, agent, 'skills', NAME));
    }
    mkdirSync(join(project, '.cursor', 'skills'), { recursive: true });
    symlinkSync(canonical, join(project, '.cursor', 'skills', NAME)); // an absolute link too
    const elsewhere = tempDir('unrelated-cwd-');
    [discover, help] = await Promise.all([
      node(join(project, '.gemini', 'skills', NAME, 'dist', 'discover_schema.mjs'), [main.experiment_id, main.sessions.wrapper?.id as string], elsewhere),
      node(join(project, '.cursor', 'skills', NAME, 'dist', 'inspect_turn.mjs'), ['--help'], elsewhere),
    ]);
    const command = printed(discover.stdout, /^NEXT\n {2}(node .+)$/m);
    spans = { command, shot: await paste(command, elsewhere) };
  }, 600_000);

  it('runs through a relative link from another directory; the printed next step works when pasted', () => {
    expect(discover.exitCode, discover.stderr).toBe(0);
    expect(discover.stdout).toMatch(/wrapper: the root carries no readable turn/);
    expect(spans.command).toContain(join(project, '.gemini', 'skills', NAME, 'dist', 'session_transcript.mjs'));
    expect(spans.command).toMatch(/ --spans$/);
    expect(spans.shot.exitCode, spans.shot.stderr).toBe(0);
    expect(spans.shot.stdout).toMatch(/Session "wrapper-session-1" — 3 turns/);
  });

  it('runs through an absolute link', () => {
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^Usage: inspect_turn/);
  });
});
