#!/usr/bin/env -S npx tsx
/** triage_sessions <EXPERIMENT>: which conversations went wrong (see scripts/lib/commands/sessions/triage-sessions.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { triageSessions } from './lib/commands/sessions/triage-sessions.js';

await runCommand(triageSessions);
