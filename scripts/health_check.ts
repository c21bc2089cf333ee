#!/usr/bin/env -S npx tsx
/** health_check <TRACE_ID>: one screen on one trace (see scripts/lib/commands/trace/health-check.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { healthCheck } from './lib/commands/trace/health-check.js';

await runCommand(healthCheck);
