import type { Argv } from 'yargs';
import { parseShard } from '../run/shard.js';
import { UsageError } from './UsageError.js';

/** A whole number flag (`--depth 2`, `--monte-carlo 1000`), read from the string yargs hands over. */
function wholeNumber(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UsageError(`--${flag} must be a whole number >= ${min}, got ${JSON.stringify(value)}`);
  return Number(value);
}

/**
 * Adds `chaos explore` and `chaos merge-reports` to the command line; each command's module is loaded
 * only when it runs, and `setExitCode` receives its exit code.
 *
 * @example
 * ```ts
 * registerFanOutCommands(parser, (code) => { exitCode = code; });
 * ```
 */
export function registerFanOutCommands<T>(parser: Argv<T>, setExitCode: (code: number) => void): void {
  parser.command(
    'explore [file]',
    "run a scenario file's whole fault space (every Task × the errors its rules name, an unnamed error, throttle, timeout × attempts) on the local engine and report the matrix",
    (command) =>
      command
        .positional('file', { type: 'string', describe: 'scenario file (YAML); or give --definition / --template' })
        .option('definition', { type: 'string', describe: 'instead of a scenario file: an ASL definition (JSON or YAML)' })
        .option('template', { type: 'string', describe: 'instead of a scenario file: a SAM or CloudFormation template' })
        .option('resource', { type: 'string', describe: 'with --template: the logical id of the state machine' })
        .option('function', {
          type: 'array',
          string: true,
          describe: 'with --definition: NAME=FILE#EXPORT, the local handler of the function the definition names NAME (repeatable)',
        })
        .option('input', { type: 'string', describe: 'with --definition / --template: the execution input (JSON; default {})' })
        .option('depth', { type: 'string', default: '1', describe: '1: single faults; 2: also every pair of faults' })
        .option('monte-carlo', {
          type: 'string',
          describe: "N seeded runs of each of the file's scenarios whose faults fire at random (rate:)",
        })
        .option('state-machine', { type: 'array', string: true, describe: 'explore only this state machine (repeatable)' })
        .option('shard', {
          type: 'string',
          describe: 'i/n: run only this part of the work (stable across machines, balanced by expected duration)',
        })
        .option('workers', {
          type: 'string',
          describe:
            'threads that run executions, this one and N - 1 worker threads (default: one per 30,000 executions, 50,000 with --handlers in-process, up to the cores)',
        })
        .option('handlers', {
          type: 'string',
          choices: ['isolated', 'in-process'],
          describe:
            'isolated (default): each handler in its own execution environment; in-process: in the thread that runs its execution, several times faster',
        })
        .option('reporter', { type: 'array', string: true, default: ['console'], describe: 'console, json, html (repeatable)' })
        .option('out', {
          type: 'string',
          describe: 'file a single reporter writes (default chaos-explore.json/.html); with both, a base name',
        })
        .option('emit-scenarios', {
          type: 'string',
          describe: 'write the chosen rows as ordinary scenarios to this YAML file, for chaos run',
        })
        .option('emit', { type: 'string', choices: ['failed', 'all'], describe: 'which rows --emit-scenarios writes (default failed)' })
        .option('strict', { type: 'boolean', describe: 'exit with 1 when a case does not end SUCCEEDED' }),
    async (args) => {
      const depth = wholeNumber('depth', args.depth, 1);
      if (depth !== 1 && depth !== 2) throw new UsageError('--depth is 1 or 2');
      const monteCarlo = wholeNumber('monte-carlo', args.monteCarlo, 0);
      const workers = wholeNumber('workers', args.workers, 1);
      const { exploreCommand } = await import('./commands/explore.js');
      let input: unknown;
      if (args.input !== undefined) {
        try {
          input = JSON.parse(args.input);
        } catch {
          throw new UsageError(`--input must be JSON, got ${JSON.stringify(args.input)}`);
        }
      }
      if (args.file === undefined && args.definition === undefined && args.template === undefined) {
        throw new UsageError('chaos explore needs a scenario file, or --definition FILE (or --template FILE --resource ID)');
      }
      setExitCode(
        await exploreCommand({
          ...(args.file !== undefined
            ? { file: args.file }
            : {
                definitionSource: {
                  ...(args.definition !== undefined ? { definition: args.definition } : {}),
                  ...(args.template !== undefined ? { template: args.template } : {}),
                  ...(args.resource !== undefined ? { resource: args.resource } : {}),
                  functions: args.function ?? [],
                  ...(input !== undefined ? { input } : {}),
                },
              }),
          depth,
          reporters: args.reporter,
          ...(monteCarlo !== undefined ? { monteCarlo } : {}),
          ...(args.stateMachine !== undefined ? { stateMachines: args.stateMachine } : {}),
          ...(args.shard !== undefined ? { shard: parseShard(args.shard) } : {}),
          ...(workers !== undefined ? { workers } : {}),
          ...(args.handlers !== undefined ? { handlers: args.handlers as 'isolated' | 'in-process' } : {}),
          ...(args.out !== undefined ? { out: args.out } : {}),
          ...(args.emitScenarios !== undefined ? { emitScenarios: args.emitScenarios } : {}),
          ...(args.emit !== undefined ? { emit: args.emit as 'failed' | 'all' } : {}),
          ...(args.strict !== undefined ? { strict: args.strict } : {}),
        }),
      );
    },
  );
  parser.command(
    'merge-reports <files..>',
    "join the JSON reports of a run's (or an exploration's) shards into one report",
    (command) =>
      command
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'the shards’ JSON reports' })
        .option('reporter', {
          type: 'array',
          string: true,
          default: ['json'],
          describe: 'json, junit, html (repeatable; explore: json, html)',
        })
        .option('out', { type: 'string', default: '.', describe: 'folder the merged reports go to' }),
    async (args) => {
      const { mergeReportsCommand } = await import('./commands/mergeReports.js');
      setExitCode(await mergeReportsCommand({ files: args.files, reporters: args.reporter, out: args.out }));
    },
  );
}
