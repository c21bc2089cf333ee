#!/usr/bin/env -S npx tsx
/** session_transcript <EXPERIMENT_ID> <SESSION_ID>: a whole conversation, ranked (see scripts/lib/commands/session/session-transcript.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { sessionTranscript } from './lib/commands/session/session-transcript.js';

await runCommand(sessionTranscript);
