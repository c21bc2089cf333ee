/**
 * Follow-up commands printed next to every cut and finding, spelled the way this script was
 * started: `node …/dist/x.mjs` from an installed skill, `npx tsx …/scripts/x.ts` from a clone.
 */
import { basename, dirname, extname, relative } from 'node:path';
import { shellArg } from './format.js';

export type ScriptName =
  | 'health_check'
  | 'inspect_turn'
  | 'discover_schema'
  | 'session_transcript'
  | 'triage_traces'
  | 'compare_traces'
  | 'locate_code'
  | 'annotate_trace'
  | 'export_case'
  | 'judge_agreement'
  | 'triage_sessions';

export function commandFor(script: ScriptName, args: string[], entry = process.argv[1] ?? ''): string {
  const ext = extname(entry) || '.ts';
  const dir = entry ? dirname(entry) : 'scripts';
  const full = `${dir}/${script}${ext}`;
  // Relative when the script sits below the working directory, absolute otherwise.
  let path = relative(process.cwd(), full) || `${script}${ext}`;
  if (path.startsWith('..')) path = full;
  else if (!path.startsWith('/')) path = `./${path}`;
  const runner = ext === '.ts' ? 'npx tsx' : 'node';
  return [runner, path, ...args.map(shellArg)].join(' ');
}

/** The name of the running script, for messages. */
export const scriptName = (entry = process.argv[1] ?? ''): string => basename(entry);
