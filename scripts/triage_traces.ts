#!/usr/bin/env -S npx tsx
/** triage_traces <EXPERIMENT>: what is going wrong, and what changed, across many traces (see scripts/lib/commands/triage/triage-traces.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { triageTraces } from './lib/commands/triage/triage-traces.js';

await runCommand(triageTraces);
