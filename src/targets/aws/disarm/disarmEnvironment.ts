import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { EnvVar } from '../../../injectors/constants.js';
import type { LambdaAndSsmContext } from '../clients/lambdaAndSsmCalls.js';
import { revisionGuardedUpdate, settledConfiguration } from '../clients/revisionGuardedUpdate.js';
import { classifyConfig, type DisarmOutcome } from './DisarmOutcome.js';

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
export async function disarmEnvironment(
  context: LambdaAndSsmContext,
  read: FunctionConfiguration,
  options: EnvironmentDisarm,
): Promise<DisarmOutcome> {
  const arn = read.FunctionArn ?? '';
  const guarded = { ...context, updatePollMs: options.updatePollMs };
  // Set once an update was sent: its answer may have been lost (the retry then meets a moved revision).
  let sent: DisarmOutcome | undefined;
  let outcome: DisarmOutcome | undefined;
  await revisionGuardedUpdate(guarded, arn, await settledConfiguration(guarded, arn, read), (variables) => {
    const found = classifyConfig(variables[EnvVar.Config], options.runId);
    if (found.kind !== 'would-remove' || options.dryRun) {
      outcome = sent !== undefined && found.kind === 'nothing-armed' ? sent : found;
      return undefined;
    }
    sent = { ...found, kind: 'removed' };
    outcome = sent;
    return Object.fromEntries(Object.entries(variables).filter(([name]) => name !== EnvVar.Config));
  });
  // `next` runs at least once, so an outcome is always set.
  return outcome!;
}
