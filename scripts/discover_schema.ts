#!/usr/bin/env -S npx tsx
/** discover_schema <EXPERIMENT_ID> <SESSION_ID>: where a session's turns keep their text (see scripts/lib/commands/session/discover-schema.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { discoverSchemaCommand } from './lib/commands/session/discover-schema.js';

await runCommand(discoverSchemaCommand);
