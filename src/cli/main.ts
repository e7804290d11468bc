import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, SfnChaosError } from '../errors.js';
import { UsageError } from './UsageError.js';

/**
 * The `chaos` command line. Each command lives in its own module and is loaded only when used;
 * errors carry their exit code and only this top level prints them and exits.
 */
export async function main(argv: string[]): Promise<number> {
  let exitCode: number = ExitCode.Passed;
  const parser = yargs(argv)
    .scriptName('chaos')
    .usage('$0 <command> [options]')
    .command(
      'run <file>',
      'run the scenarios of a scenario file and check their expectations',
      (command) =>
        command
          .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
          .option('target', { type: 'string', default: 'local', describe: 'where to run: local (virtual-time engine)' })
          .option('reporter', { type: 'array', string: true, default: ['console'], describe: 'console, json (repeatable)' })
          .option('out', { type: 'string', describe: 'file the json reporter writes (default: chaos-results.json)' })
          .option('scenario', { type: 'array', string: true, describe: 'run only scenarios whose name contains this text (repeatable)' })
          .option('tolerance', { type: 'number', describe: 'default tolerance in seconds for exact backoff expectations' }),
      async (args) => {
        const { runCommand } = await import('./commands/run.js');
        exitCode = await runCommand({
          file: args.file,
          target: args.target,
          reporters: args.reporter,
          ...(args.out !== undefined ? { out: args.out } : {}),
          ...(args.scenario !== undefined ? { scenarios: args.scenario } : {}),
          ...(args.tolerance !== undefined ? { tolerance: args.tolerance } : {}),
        });
      },
    )
    .demandCommand(1, 'name a command, e.g. chaos run scenarios.yaml')
    .strict()
    .help()
    .version()
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(message);
    });
  await parser.parseAsync();
  return exitCode;
}

/** Entry point of the `chaos` bin: runs the command line and sets the process exit code. */
export async function runCli(): Promise<void> {
  try {
    process.exitCode = await main(hideBin(process.argv));
  } catch (error) {
    process.exitCode = reportFatal(error);
  }
}

/** Prints one line for an error that ends the command and returns its exit code. */
export function reportFatal(error: unknown): number {
  if (error instanceof SfnChaosError) {
    process.stderr.write(`chaos: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  process.stderr.write(`chaos: internal error: ${message.split('\n')[0]} (set SFN_CHAOS_DEBUG=1 for the stack)\n`);
  if (process.env['SFN_CHAOS_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
  return ExitCode.TargetFailed;
}

