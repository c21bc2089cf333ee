#!/usr/bin/env node
// Bundles the four scripts into dist/*.mjs: single-file ESM entries (plus shared chunks) that run
// with plain `node` in an installed copy of the skill, where there is no node_modules.
//   node testbed/build.mjs [OUT_DIR]     (default: dist/)
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCRIPTS = ['health_check', 'inspect_turn', 'discover_schema', 'session_transcript', 'triage_traces', 'compare_traces', 'locate_code'];

export async function bundle(outdir) {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: SCRIPTS.map((s) => join(root, 'scripts', `${s}.ts`)),
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    splitting: true,
    minify: true,
    legalComments: 'none',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Bundled CommonJS dependencies call require(): give ESM one.
    banner: { js: "import { createRequire as __skillRequire } from 'node:module'; const require = __skillRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await bundle(resolve(process.argv[2] ?? join(root, 'dist')));
}
