#!/usr/bin/env -S npx tsx
/** export_case <TRACE_ID> [--expect TEXT]: a trace as a regression case (see scripts/lib/commands/export/export-case.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { exportCase } from './lib/commands/export/export-case.js';

await runCommand(exportCase);
