import { resolve } from 'node:path';
import { ExitCode } from '../../errors.js';
import { loadScenarioFile } from '../../scenarios/load.js';
import type { AwsClients } from '../../targets/aws/clients/awsClients.js';
import { UsageError } from '../UsageError.js';

export interface DisarmCommandOptions {
  /** Scenario file: every function of every state machine, addressed as `chaos run --target aws` does. */
  file?: string;
  /** `--function NAME|ARN` and `--parameter NAME` (repeatable, comma-separated too). */
  functions?: string[];
  parameters?: string[];
  /** `--run-id`: only configs of that run are removed. */
  runId?: string;
  dryRun?: boolean;
  allowAccounts?: string[];
  allowedAccountsFile?: string;
  region?: string;
  profile?: string;
  /** Ready-made clients (tests); default: created from `region` and `profile`. */
  clients?: AwsClients;
  /** Wait between reads while a function's update is in progress (default 500 ms). */
  updatePollMs?: number;
  stdout?: { write(text: string): unknown };
}

/**
 * `chaos disarm [FILE]`: removes the sfn-chaos configs armed on the functions of a scenario file (or those
 * given with `--function` / `--parameter`), of any run or only `--run-id`'s, one line per place. Exit 0 when
 * done, 3 when an AWS call failed, 2 on bad input.
 *
 * @example
 * ```ts
 * const code = await disarmCommand({ file: 'scenarios.yaml', runId: 'm9x2k1a3f0c2', allowAccounts: ['111111111111'] });
 * ```
 */
export async function disarmCommand(options: DisarmCommandOptions): Promise<number> {
  const functions = split(options.functions);
  const parameters = split(options.parameters);
  if (options.file === undefined && functions.length === 0 && parameters.length === 0) {
    throw new UsageError('name what to disarm: a scenario file, --function NAME|ARN or --parameter NAME');
  }
  if (options.runId !== undefined && options.runId.trim() === '')
    throw new UsageError('--run-id needs a run id (the runId of the JSON report)');
  const { createAwsClients, deployedFunctionAddress, destroyAwsClients, readAllowedAccounts } = await import('../../targets/aws/index.js');
  const { disarmDeployed, formatDisarmLine } = await import('../../targets/aws/disarm/index.js');
  const { DEFAULT_AWS_RETRY_POLICY } = await import('../../targets/aws/clients/callAws.js');
  const allowedAccounts = await readAllowedAccounts(options.allowAccounts ?? [], options.allowedAccountsFile);
  if (options.file !== undefined) {
    const file = await loadScenarioFile(resolve(options.file), { requireHandlers: false });
    for (const machine of Object.values(file.stateMachines))
      for (const spec of machine.functions) functions.push(deployedFunctionAddress(spec));
  }
  const clients =
    options.clients ??
    createAwsClients({
      ...(options.region !== undefined ? { region: options.region } : {}),
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
    });
  const stdout = options.stdout ?? process.stdout;
  try {
    const lines = await disarmDeployed(
      { clients, retry: DEFAULT_AWS_RETRY_POLICY },
      {
        functions,
        parameters,
        allowedAccounts,
        ...(options.runId !== undefined ? { runId: options.runId.trim() } : {}),
        ...(options.dryRun === true ? { dryRun: true } : {}),
        ...(options.updatePollMs !== undefined ? { updatePollMs: options.updatePollMs } : {}),
      },
    );
    if (options.dryRun === true) stdout.write('dry run: nothing is changed\n');
    for (const line of lines) stdout.write(`${formatDisarmLine(line)}\n`);
    return lines.some((line) => line.outcome.kind === 'failed') ? ExitCode.TargetFailed : ExitCode.Passed;
  } finally {
    if (options.clients === undefined) destroyAwsClients(clients);
  }
}

function split(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}
