#!/usr/bin/env -S npx tsx
/** compare_traces <TRACE_A> <TRACE_B>: two traces side by side (see scripts/lib/commands/compare/compare-traces.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { compareTracesCommand } from './lib/commands/compare/compare-traces.js';

await runCommand(compareTracesCommand);
