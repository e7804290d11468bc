import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { ExitCode, SfnChaosError } from '../errors.js';
import { exitCodesHelp } from './exitCodesHelp.js';
import { registerFanOutCommands } from './fanOutCommands.js';
import { readNumericFlags } from './numericFlags.js';
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
          .option('target', {
            type: 'string',
            default: 'local',
            describe: 'where to run: local (virtual-time engine) or aws (the deployed state machines)',
          })
          .option('reporter', {
            type: 'array',
            string: true,
            default: ['console'],
            describe: 'console, json, junit, html (repeatable; the console always reports)',
          })
          .option('out', {
            type: 'string',
            describe:
              'file a single file reporter writes (default: chaos-results.json/.xml/.html); with several, a base name each adds its extension to',
          })
          .option('scenario', { type: 'array', string: true, describe: 'run only scenarios whose name contains this text (repeatable)' })
          .option('tolerance', { type: 'string', describe: 'default tolerance in seconds for exact backoff expectations' })
          .option('coverage', {
            type: 'boolean',
            describe: 'report which Retry and Catch rules the run exercised and which it never reached',
          })
          .option('concurrency', { type: 'string', describe: 'how many scenarios run at the same time (default 1)' })
          .option('dry-run', {
            type: 'boolean',
            describe: 'with --target aws: print what would be armed, started and asserted, without any AWS call',
          })
          .option('allow-account', {
            type: 'array',
            string: true,
            describe: 'with --target aws: an AWS account id the run may touch (repeatable)',
          })
          .option('allowed-accounts', {
            type: 'string',
            describe: 'with --target aws: a file of account ids the run may touch, one per line',
          })
          .option('region', {
            type: 'string',
            describe: "with --target aws: the AWS Region (default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region)",
          })
          .option('profile', {
            type: 'string',
            describe: 'with --target aws: the named AWS profile to use (default: AWS_PROFILE, then default)',
          })
          .option('timeout', {
            type: 'string',
            describe: 'with --target aws: seconds a scenario may run before its execution is stopped (default 600)',
          })
          .option('record', {
            type: 'string',
            describe:
              'with --target aws: write each scenario (definition, input, faults, AWS history) to this folder for chaos conformance',
          })
          .option('shard', {
            type: 'string',
            describe: 'i/n: run only this part of the scenarios (stable across machines, balanced by expected duration)',
          }),
      async (args) => {
        const numbers = readNumericFlags({ tolerance: args.tolerance, concurrency: args.concurrency, timeout: args.timeout });
        const { runCommand } = await import('./commands/run.js');
        exitCode = await runCommand({
          file: args.file,
          target: args.target,
          reporters: args.reporter,
          ...(args.out !== undefined ? { out: args.out } : {}),
          ...(args.scenario !== undefined ? { scenarios: args.scenario } : {}),
          ...(numbers.tolerance !== undefined ? { tolerance: numbers.tolerance } : {}),
          ...(args.coverage !== undefined ? { coverage: args.coverage } : {}),
          ...(numbers.concurrency !== undefined ? { concurrency: numbers.concurrency } : {}),
          ...(args.dryRun !== undefined ? { dryRun: args.dryRun } : {}),
          ...(args.allowAccount !== undefined ? { allowAccounts: args.allowAccount } : {}),
          ...(args.allowedAccounts !== undefined ? { allowedAccountsFile: args.allowedAccounts } : {}),
          ...(args.region !== undefined ? { region: args.region } : {}),
          ...(args.profile !== undefined ? { profile: args.profile } : {}),
          ...(numbers.timeout !== undefined ? { timeout: numbers.timeout } : {}),
          ...(args.record !== undefined ? { record: args.record } : {}),
          ...(args.shard !== undefined ? { shard: args.shard } : {}),
        });
      },
    )
    .command(
      'plan [definition]',
      'predict what the Retry and Catch rules of a definition do with each error, and warn about rules that cannot work',
      (command) =>
        command
          .positional('definition', { type: 'string', describe: 'ASL definition file (JSON or YAML)' })
          .option('template', { type: 'string', describe: 'SAM or CloudFormation template instead of a definition file' })
          .option('resource', { type: 'string', describe: 'with --template: the logical id of the state machine' })
          .option('sub', {
            type: 'array',
            string: true,
            describe: 'NAME=VALUE for a ${NAME} placeholder or DefinitionSubstitutions entry (repeatable)',
          })
          .option('json', { type: 'boolean', describe: 'print the plan and the warnings as JSON' })
          .option('strict', { type: 'boolean', describe: 'exit with 1 when there are warnings' }),
      async (args) => {
        const { planCommand } = await import('./commands/plan.js');
        exitCode = await planCommand({
          ...(args.definition !== undefined ? { definition: args.definition } : {}),
          ...(args.template !== undefined ? { template: args.template } : {}),
          ...(args.resource !== undefined ? { resource: args.resource } : {}),
          ...(args.sub !== undefined ? { substitutions: args.sub } : {}),
          ...(args.json !== undefined ? { json: args.json } : {}),
          ...(args.strict !== undefined ? { strict: args.strict } : {}),
        });
      },
    )
    .command(
      'disarm [file]',
      'remove the fault configs chaos run --target aws left armed (after a second Ctrl-C or kill -9): every function of a scenario file, or --function/--parameter',
      (command) =>
        command
          .positional('file', { type: 'string', describe: 'scenario file (YAML): every function of every state machine' })
          .option('function', {
            type: 'array',
            string: true,
            describe: 'a function name or ARN to disarm (repeatable): its SFN_CHAOS_CONFIG and the SSM parameter it names',
          })
          .option('parameter', { type: 'array', string: true, describe: 'an SSM parameter name to disarm (repeatable)' })
          .option('run-id', {
            type: 'string',
            describe: 'remove only the configs of this run (the runId of the report, or printed by a second Ctrl-C); default: any run',
          })
          .option('dry-run', { type: 'boolean', describe: 'list what would be removed and change nothing' })
          .option('allow-account', { type: 'array', string: true, describe: 'an AWS account id disarm may touch (repeatable)' })
          .option('allowed-accounts', { type: 'string', describe: 'a file of account ids disarm may touch, one per line' })
          .option('region', {
            type: 'string',
            describe: "the AWS Region (default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region)",
          })
          .option('profile', { type: 'string', describe: 'the named AWS profile to use (default: AWS_PROFILE, then default)' }),
      async (args) => {
        const { disarmCommand } = await import('./commands/disarm.js');
        exitCode = await disarmCommand({
          ...(args.file !== undefined ? { file: args.file } : {}),
          ...(args.function !== undefined ? { functions: args.function } : {}),
          ...(args.parameter !== undefined ? { parameters: args.parameter } : {}),
          ...(args.runId !== undefined ? { runId: args.runId } : {}),
          ...(args.dryRun !== undefined ? { dryRun: args.dryRun } : {}),
          ...(args.allowAccount !== undefined ? { allowAccounts: args.allowAccount } : {}),
          ...(args.allowedAccounts !== undefined ? { allowedAccountsFile: args.allowedAccounts } : {}),
          ...(args.region !== undefined ? { region: args.region } : {}),
          ...(args.profile !== undefined ? { profile: args.profile } : {}),
        });
      },
    )
    .command(
      'verify <file>',
      "run the scenarios locally, then replay every attempt with AWS's TestState API and compare Retry/Catch decisions and data flow",
      (command) =>
        command
          .positional('file', { type: 'string', demandOption: true, describe: 'scenario file (YAML)' })
          .option('allow-account', { type: 'array', string: true, describe: 'an AWS account id TestState may be called in (repeatable)' })
          .option('allowed-accounts', { type: 'string', describe: 'a file of account ids TestState may be called in, one per line' })
          .option('role-arn', { type: 'string', describe: 'the execution role TestState assumes (its account must be allowed)' })
          .option('region', {
            type: 'string',
            describe: "the AWS Region (default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region)",
          })
          .option('profile', { type: 'string', describe: 'the named AWS profile to use (default: AWS_PROFILE, then default)' })
          .option('dry-run', { type: 'boolean', describe: 'list the TestState calls without sending them' })
          .option('reporter', { type: 'array', string: true, default: ['console'], describe: 'console, json, junit (repeatable)' })
          .option('out', { type: 'string', describe: 'file a single file reporter writes (default: chaos-verify.json/.xml)' })
          .option('scenario', {
            type: 'array',
            string: true,
            describe: 'verify only scenarios whose name contains this text (repeatable)',
          }),
      async (args) => {
        const { verifyCommand } = await import('./commands/verify.js');
        exitCode = await verifyCommand({
          file: args.file,
          reporters: args.reporter,
          ...(args.allowAccount !== undefined ? { allowAccounts: args.allowAccount } : {}),
          ...(args.allowedAccounts !== undefined ? { allowedAccountsFile: args.allowedAccounts } : {}),
          ...(args.roleArn !== undefined ? { roleArn: args.roleArn } : {}),
          ...(args.region !== undefined ? { region: args.region } : {}),
          ...(args.profile !== undefined ? { profile: args.profile } : {}),
          ...(args.dryRun !== undefined ? { dryRun: args.dryRun } : {}),
          ...(args.out !== undefined ? { out: args.out } : {}),
          ...(args.scenario !== undefined ? { scenarios: args.scenario } : {}),
        });
      },
    )
    .command(
      'conformance <dir>',
      'replay recorded AWS executions (chaos run --record) on the local engine and diff the histories event for event',
      (command) =>
        command.positional('dir', { type: 'string', demandOption: true, describe: 'folder of recorded cases, or one case folder' }),
      async (args) => {
        const { conformanceCommand } = await import('./commands/conformance.js');
        exitCode = await conformanceCommand({ dir: args.dir });
      },
    )
    .demandCommand(1, 'name a command, e.g. chaos run scenarios.yaml')
    .strict()
    .help()
    .version()
    .epilogue(exitCodesHelp())
    .fail((message, error) => {
      if (error) throw error;
      throw new UsageError(message);
    });
  registerFanOutCommands(parser, (code) => {
    exitCode = code;
  });
  await parser.parseAsync();
  return exitCode;
}

/** Entry point of the `chaos` bin: runs the command line and sets the process exit code. */
export async function runCli(): Promise<void> {
  // The AWS SDK warns on stderr, in 9 lines, about Node versions its future releases will drop; that
  // warning is for the maintainers of sfn-chaos, not for its users. A value the user set is kept.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  // A reader that stops early (`chaos run … | head`) closes the pipe: the run still finishes, disarms and
  // writes its report files; only what would have gone to that reader is dropped.
  process.stdout.on('error', ignoreClosedPipe);
  try {
    process.exitCode = await main(hideBin(process.argv));
  } catch (error) {
    process.exitCode = reportFatal(error);
  }
}

function ignoreClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
  process.stderr.write(`chaos: cannot write to standard output: ${error.message}\n`);
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
