/** --help built from the command's definition: usage, arguments, grouped options, exit codes. */
import { describe, expect, it } from 'vitest';
import { exitCodeHelp, helpText, usageLine } from '../../../scripts/lib/cli/help.js';
import { flag, list, text } from '../../../scripts/lib/cli/options.js';
import { EXPERIMENT_ARG } from '../../../scripts/lib/commands/experiment-arg.js';
import { EXIT_CODE_TABLE } from '../../../scripts/lib/core/errors.js';

describe('the usage line', () => {
  it('names required arguments in <>, optional ones in [], then [options]', () => {
    expect(usageLine('triage_traces', [EXPERIMENT_ARG])).toBe('Usage: triage_traces <EXPERIMENT> [options]');
    expect(usageLine('x', [EXPERIMENT_ARG, { key: 'sessionId', metavar: 'SESSION_ID', help: 'h', optional: true }])).toBe(
      'Usage: x <EXPERIMENT> [SESSION_ID] [options]',
    );
    expect(usageLine('x', [])).toBe('Usage: x [options]');
  });
});

describe('the help text', () => {
  const help = helpText({
    name: 'demo',
    summary: 'Does one thing.',
    args: [EXPERIMENT_ARG],
    options: {
      since: text('AGE', 'only recent traces'),
      tag: { ...list('K=V', 'a tag to set'), group: 'Writing' },
      verbose: flag('say more'),
      secret: { ...flag('not listed'), hidden: true },
      aVeryLongOptionNameIndeed: text('VALUE', 'first line\nsecond line'),
    },
    notes: ['A note.'],
  });

  it('lists the argument with its --flag form and its environment variables', () => {
    expect(help).toContain(
      "  EXPERIMENT         the experiment's id or name (a name is looked up once with `mlflow experiments search`, cached 5 min) (or --experiment-id, $MLFLOW_EXPERIMENT_ID, $MLFLOW_EXPERIMENT_NAME)",
    );
  });

  it('lists options under their group, in order of first appearance, hidden ones left out', () => {
    const options = help.indexOf('Options:\n');
    const writing = help.indexOf('Writing:\n');
    expect(options).toBeGreaterThan(0);
    expect(writing).toBeGreaterThan(options);
    expect(help).toContain('  --since AGE        only recent traces');
    expect(help).toContain('  --verbose          say more');
    expect(help).toContain('  --tag K=V          a tag to set (repeatable)');
    expect(help).not.toContain('--secret');
  });

  it('puts the text of a long option on the next line, and indents its further lines', () => {
    expect(help).toContain(`  --a-very-long-option-name-indeed VALUE\n${' '.repeat(21)}first line\n${' '.repeat(21)}second line`);
  });

  it('ends with the notes and the exit-code table, one newline at the end', () => {
    expect(help.startsWith('Usage: demo <EXPERIMENT> [options]\n\nDoes one thing.\n\nArguments:\n')).toBe(true);
    expect(help.endsWith(`A note.\n\n${exitCodeHelp()}\n`)).toBe(true);
  });

  it('the exit-code table has one line per documented code, then the signals', () => {
    const lines = exitCodeHelp().split('\n');
    expect(lines[0]).toBe('Exit codes:');
    expect(lines.slice(1)).toHaveLength(EXIT_CODE_TABLE.length + 1);
    expect(lines.at(-1)).toMatch(/129\/130\/143 .*SIGHUP \/ SIGINT .* SIGTERM/);
    expect(lines[1]).toMatch(/^ {2}0 {2}analysis done/);
  });
});
