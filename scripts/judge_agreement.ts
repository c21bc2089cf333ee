#!/usr/bin/env -S npx tsx
/** judge_agreement <EXPERIMENT>: can the judge be trusted (see scripts/lib/commands/judges/judge-agreement.ts). */
import './lib/cli/short-lived.js';
import { runCommand } from './lib/cli/command.js';
import { judgeAgreement } from './lib/commands/judges/judge-agreement.js';

await runCommand(judgeAgreement);
