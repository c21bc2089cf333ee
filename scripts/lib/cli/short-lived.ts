/**
 * Imported first by every script: V8 tuned for a process that lives seconds. Node 20's V8 (11.x)
 * hands a function to its optimising compiler after ~66 KB of its bytecode has run; a triage of
 * 10,000 traces then spent ~0.6 s of CPU compiling code it finished before the compiled code was
 * ready. Eight times that budget leaves only the truly hot loops (a 30,000-span tree) to be
 * optimised. Newer V8s (Node 22+) tier up through Maglev, have no such flag, and need none:
 * there this does nothing (an unknown flag would print an error).
 */
import { setFlagsFromString } from 'node:v8';

export const TIERING_FLAG = '--interrupt-budget=540672';

export const tunesTiering = (v8Version = process.versions.v8): boolean => /^11\./.test(v8Version);

if (tunesTiering()) setFlagsFromString(TIERING_FLAG);
