#!/usr/bin/env -S npx tsx
/** annotate_trace <TRACE_ID> --feedback …: record a diagnosis on the trace (see scripts/lib/commands/annotate/annotate-trace.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { annotateTrace } from './lib/commands/annotate/annotate-trace.js';

await runCommand(annotateTrace);
