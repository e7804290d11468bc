import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { EnvVar } from '../../../injectors/constants.js';
import { rereadFunctionConfiguration, updateFunctionConfiguration, type LambdaAndSsmContext } from '../clients/lambdaAndSsmCalls.js';
import { sleep } from '../clients/Pacer.js';
import { classifyConfig, type DisarmOutcome } from './DisarmOutcome.js';

const MAX_ATTEMPTS = 5;

/** How {@link disarmEnvironment} runs. */
export interface EnvironmentDisarm {
  /** Only this run's config is removed; undefined: any run's. */
  runId: string | undefined;
  dryRun: boolean;
  /** Wait between reads while an update is in progress. */
  updatePollMs: number;
}

/**
 * Removes `SFN_CHAOS_CONFIG` from a function's environment when it holds an sfn-chaos config of the run:
 * UpdateFunctionConfiguration of the variables just read without it, with their `RevisionId`. When the
 * revision moved (a deploy in between: 412, or an update in progress: 409) it reads again and removes the
 * variable from what is there now, so every other variable, old or new, stays as it is.
 *
 * @example
 * ```ts
 * const outcome = await disarmEnvironment(context, configuration, { runId: 'm9x2k1a3f0c2', dryRun: false, updatePollMs: 500 });
 * ```
 */
export async function disarmEnvironment(context: LambdaAndSsmContext, read: FunctionConfiguration, options: EnvironmentDisarm): Promise<DisarmOutcome> {
  const arn = read.FunctionArn ?? '';
  let configuration = read;
  // Set once an update was sent: its answer may have been lost (the retry then meets a moved revision).
  let sent: DisarmOutcome | undefined;
  for (let attempt = 1; ; attempt += 1) {
    configuration = await settled(context, arn, configuration, options.updatePollMs);
    const variables = configuration.Environment?.Variables ?? {};
    const found = classifyConfig(variables[EnvVar.Config], options.runId);
    if (found.kind !== 'would-remove') return sent !== undefined && found.kind === 'nothing-armed' ? sent : found;
    if (options.dryRun) return found;
    const rest = Object.fromEntries(Object.entries(variables).filter(([name]) => name !== EnvVar.Config));
    try {
      sent = { ...found, kind: 'removed' };
      const updated = await updateFunctionConfiguration(context, () => ({
        FunctionName: arn,
        Environment: { Variables: rest },
        ...(configuration.RevisionId !== undefined ? { RevisionId: configuration.RevisionId } : {}),
      }));
      await settled(context, arn, updated, options.updatePollMs);
      return { ...found, kind: 'removed' };
    } catch (error) {
      const name = (error as Error).name;
      if ((name !== 'PreconditionFailedException' && name !== 'ResourceConflictException') || attempt >= MAX_ATTEMPTS) throw error;
      configuration = await rereadFunctionConfiguration(context, arn);
    }
  }
}

/** Reads the configuration until no update is in progress. */
async function settled(context: LambdaAndSsmContext, arn: string, configuration: FunctionConfiguration, pollMs: number): Promise<FunctionConfiguration> {
  let current = configuration;
  while (current.LastUpdateStatus === 'InProgress') {
    await sleep(pollMs);
    current = await rereadFunctionConfiguration(context, arn);
  }
  return current;
}
