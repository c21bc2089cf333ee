/** Follow-up commands spelled the way this script was started: node + bundle, or npx tsx + source. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandFor, scriptName } from '../../../scripts/lib/render/follow-up.js';

describe('a follow-up command', () => {
  const cwd = process.cwd();

  it('an installed bundle below the working directory: node and a ./relative path', () => {
    expect(commandFor('inspect_turn', ['tr-1', '--span', 'get_forecast'], join(cwd, 'dist', 'health_check.mjs'))).toBe(
      'node ./dist/inspect_turn.mjs tr-1 --span get_forecast',
    );
  });

  it('a clone: npx tsx and the .ts source', () => {
    expect(commandFor('health_check', ['tr-1'], join(cwd, 'scripts', 'inspect_turn.ts'))).toBe('npx tsx ./scripts/health_check.ts tr-1');
  });

  it('a script outside the working directory keeps its absolute path', () => {
    expect(commandFor('triage_traces', ['1'], '/opt/skills/amt/dist/health_check.mjs')).toBe('node /opt/skills/amt/dist/triage_traces.mjs 1');
  });

  it('every argument is quoted for a shell when it needs it', () => {
    expect(commandFor('session_transcript', ['1', "it's; rm -rf /"], join(cwd, 'dist', 'x.mjs'))).toBe(
      `node ./dist/session_transcript.mjs 1 'it'\\''s; rm -rf /'`,
    );
  });

  it('no entry at all: the .ts source under scripts/', () => {
    expect(commandFor('locate_code', [], '')).toBe('npx tsx ./scripts/locate_code.ts');
  });

  it("the running script's name, for messages", () => {
    expect(scriptName('/a/b/dist/health_check.mjs')).toBe('health_check.mjs');
  });
});
