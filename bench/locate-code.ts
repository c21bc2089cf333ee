/**
 * locate_code on a large repository: the code test bed's app, cloned, plus generated files
 * (Python and TypeScript modules with functions, some of them calling the traced function), one
 * more commit. Measured from a saved trace (--from-file), so the wall time is ours alone: node,
 * git and the search. Also without git (the bounded walk), on the same tree with .git set aside.
 * The repository is generated once per size and kept in the temp dir for later runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { $ } from 'zx';
import { MLFLOW, ROOT } from '../testbed/server.js';

interface CodeManifest {
  tracking_uri: string;
  traces: { failing: string };
  repo: string;
  commits: { traced: string };
}

/** The app plus `files` generated files (10% TypeScript), committed. */
async function generateRepo(files: number, commit: string): Promise<string> {
  const dir = join(tmpdir(), `locate-bench-${files}-${commit.slice(0, 7)}`);
  const ready = `${dir}.ready`;
  if (existsSync(ready)) return dir;
  rmSync(dir, { recursive: true, force: true });
  const manifest = JSON.parse(readFileSync(join(ROOT, '.testbed', 'code', 'manifest.json'), 'utf8')) as CodeManifest;
  // Shell glue is what zx is for: its $ quotes each interpolated value.
  await $({ cwd: tmpdir(), quiet: true })`git clone -q ${join(ROOT, '.testbed', 'code', manifest.repo)} ${dir}`;
  for (let i = 0; i < files; i++) {
    const sub = join(dir, 'services', `pkg${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(sub, { recursive: true });
    const ts = i % 10 === 9;
    // Every 500th file calls get_weather: hits the search must read and reject as definitions.
    const call = i % 500 === 0 ? (ts ? '  return get_weather(x);\n' : '    return get_weather(x)\n') : '';
    const body = ts
      ? `export function handler${i}(x: number): number {\n${call}  return x * ${i};\n}\nexport const helper${i} = (y: string) => y.repeat(2);\n`
      : `import os\n\n\ndef handler_${i}(x):\n${call}    return x * ${i}\n\n\nclass Service${i}:\n    def run(self, y):\n        return os.path.join(y, "${i}")\n`;
    writeFileSync(join(sub, ts ? `mod${i}.ts` : `mod_${i}.py`), body);
  }
  await $({ cwd: dir, quiet: true })`git add -A`;
  await $({ cwd: dir, quiet: true })`git -c user.name=Bench -c user.email=bench@example.com commit -q -m ${`generate ${files} files`}`;
  writeFileSync(ready, '');
  return dir;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const GNU_TIME = '/usr/bin/time';

/**
 * Runs locate_code `reps` times: wall time, and (with GNU time) the CPU of node plus every git
 * process it waited for, a figure a loaded machine inflates far less than wall time.
 */
function timed(args: string[], reps: number): { wallMs: number; cpuMs: number; exitCode: number; stdout: string } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let last = { exitCode: -1, stdout: '' };
  const withTime = existsSync(GNU_TIME);
  for (let i = 0; i < reps; i++) {
    const cmd = [join(ROOT, 'dist', 'locate_code.mjs'), ...args];
    const t = performance.now();
    const r = withTime
      ? spawnSync(GNU_TIME, ['-f', 'CPU_SECONDS %U %S', 'node', ...cmd], {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', MLFLOW_BIN: MLFLOW },
          maxBuffer: 1 << 26,
        })
      : spawnSync('node', cmd, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', MLFLOW_BIN: MLFLOW }, maxBuffer: 1 << 26 });
    walls.push(performance.now() - t);
    const cpu = /CPU_SECONDS ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
    cpus.push(cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : Number.NaN);
    last = { exitCode: r.status ?? -1, stdout: r.stdout };
  }
  return { wallMs: median(walls), cpuMs: median(cpus), exitCode: last.exitCode, stdout: last.stdout };
}

/** Lines for RESULTS.md (a section of its own). */
export async function benchLocateCode(opts: { files: number; reps: number; work: string }): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(join(ROOT, '.testbed', 'code', 'manifest.json'), 'utf8')) as CodeManifest;
  const saved = join(opts.work, 'code-trace.json');
  const get = spawnSync(MLFLOW, ['traces', 'get', '--trace-id', manifest.traces.failing], {
    encoding: 'utf8',
    env: { ...process.env, MLFLOW_TRACKING_URI: manifest.tracking_uri },
    maxBuffer: 1 << 26,
  });
  writeFileSync(saved, get.stdout);
  const started = performance.now();
  const repo = await generateRepo(opts.files, manifest.commits.traced);
  const genMs = performance.now() - started;
  const base = [manifest.traces.failing, '--from-file', saved, '--repo', repo];
  const cases = [
    { name: 'failing span (stack trace)', args: base, first: /1\. app\/tools\/weather\.py:19 / },
    { name: '`--span plan_step` (no stack trace: whole repository)', args: [...base, '--span', 'plan_step'], first: /1\. app\/agent\.py:15 / },
  ];
  const rows: Array<{ how: string; name: string; r: ReturnType<typeof timed>; first: RegExp }> = [];
  for (const c of cases) rows.push({ how: 'git', name: c.name, r: timed(c.args, opts.reps), first: c.first });
  renameSync(join(repo, '.git'), join(repo, '.git-off'));
  try {
    for (const c of cases) rows.push({ how: 'no git (bounded walk)', name: c.name, r: timed(c.args, opts.reps), first: c.first });
  } finally {
    renameSync(join(repo, '.git-off'), join(repo, '.git'));
  }
  const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
  for (const x of rows) process.stderr.write(`  locate_code ${opts.files} files, ${x.how}, ${x.name}: ${f0(x.r.wallMs)} ms\n`);
  const note = (x: (typeof rows)[number]) => {
    const incomplete = /incomplete: ([^\n]*)/.exec(x.r.stdout)?.[1];
    if (incomplete) return `search ${incomplete}`;
    return /searched: the files the stack trace names/.test(x.r.stdout) ? "only the stack trace's files searched" : 'whole tree searched';
  };
  const git = rows.filter((x) => x.how === 'git');
  return [
    `## locate_code on a repository of ${opts.files.toLocaleString('en-US')} generated files`,
    '',
    `The code test bed's app cloned, plus ${opts.files.toLocaleString('en-US')} generated Python and TypeScript modules (one commit more), from a saved trace (\`--from-file\`: no mlflow), so the wall time is all ours: node, the git processes, the search. The failing span's names are all in the files its traceback names, so only those are read; \`--span plan_step\` has no stack trace, so the whole repository is searched. Median of ${opts.reps}.${genMs > 1000 ? ` (Generating the repository took ${(genMs / 1000).toFixed(0)} s, once.)` : ''}`,
    '',
    '| how | target | wall ms | CPU ms (node + git) | exit | expected line first | note |',
    '|---|---|---:|---:|---:|---|---|',
    ...rows.map(
      (x) => `| ${x.how} | ${x.name} | ${f0(x.r.wallMs)} | ${f0(x.r.cpuMs)} | ${x.r.exitCode} | ${x.first.test(x.r.stdout) ? 'yes' : '**no**'} | ${note(x)} |`,
    ),
    '',
    `Target: our time under 2 s with git — wall ${git.every((x) => x.r.wallMs < 2000) ? 'met' : '**not met**'} (${git.map((x) => `${f0(x.r.wallMs)} ms`).join(', ')}), CPU ${git.every((x) => x.r.cpuMs < 2000) ? 'met' : '**not met**'} (${git.map((x) => `${f0(x.r.cpuMs)} ms`).join(', ')}). Load average at the end of the run: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(', ')} on ${cpus().length} cores (other work shared the machine: wall times stretch with it, CPU times much less).`,
    '',
  ];
}
