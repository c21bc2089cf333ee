#!/usr/bin/env -S npx tsx
/** locate_code <TRACE_ID> [--span] [--repo]: from the culprit span to the line of code (see scripts/lib/commands/trace/locate-code.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { locateCode } from './lib/commands/trace/locate-code.js';

await runCommand(locateCode);
