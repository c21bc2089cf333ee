#!/usr/bin/env -S npx tsx
/** inspect_turn <TRACE_ID> [--span KEY]: one trace in depth (see scripts/lib/commands/trace/inspect-turn.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { inspectTurn } from './lib/commands/trace/inspect-turn.js';

await runCommand(inspectTurn);
