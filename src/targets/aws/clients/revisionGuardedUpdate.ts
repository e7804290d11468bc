import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { TargetError } from '../../../errors.js';
import { rereadFunctionConfiguration, updateFunctionConfiguration, type LambdaAndSsmContext } from './lambdaAndSsmCalls.js';
import { sleep } from './Pacer.js';

/** How many times a write is computed again after the function's revision moved under it. */
const MAX_REBASES = 5;

/** What {@link revisionGuardedUpdate} needs besides the clients. */
export interface RevisionGuardedUpdateContext extends LambdaAndSsmContext {
  /** Wait between reads while an update is in progress. */
  updatePollMs: number;
}

/** How {@link revisionGuardedUpdate} names the function in messages and reports what it read. */
export interface RevisionGuardedUpdateOptions {
  /** The function as messages name it (its address in the scenario file); default its ARN. */
  label?: string;
  /** Sees every configuration read or written, in order. */
  onRead?: (configuration: FunctionConfiguration) => void;
}

/**
 * The one way sfn-chaos changes a function's environment: UpdateFunctionConfiguration of the variables
 * `next` computes from those of `read`, sent with `read`'s `RevisionId`, then reads until the update is
 * live. When the revision moved (someone deployed: 412 PreconditionFailedException; an update in progress:
 * 409 ResourceConflictException; or an earlier attempt of ours whose answer was lost took effect) it reads
 * again, waits until no update is in progress, and asks `next` again, at most 5 times, so what someone else
 * wrote in between is never sent back over. `next` returns undefined when there is nothing (left) to send.
 * Give it a settled configuration (see {@link settledConfiguration}).
 *
 * @example
 * ```ts
 * const live = await revisionGuardedUpdate(context, arn, configuration, (variables) =>
 *   variables['SFN_CHAOS_CONFIG'] === undefined ? undefined : withoutKey(variables, 'SFN_CHAOS_CONFIG'));
 * ```
 */
export async function revisionGuardedUpdate(
  context: RevisionGuardedUpdateContext,
  arn: string,
  read: FunctionConfiguration,
  next: (variables: Record<string, string>) => Record<string, string> | undefined,
  options: RevisionGuardedUpdateOptions = {},
): Promise<FunctionConfiguration> {
  const onRead = options.onRead ?? (() => undefined);
  let configuration = read;
  for (let attempt = 1; ; attempt += 1) {
    const variables = next(configuration.Environment?.Variables ?? {});
    if (variables === undefined) return configuration;
    const revisionId = configuration.RevisionId;
    try {
      const updated = await updateFunctionConfiguration(context, () => ({
        FunctionName: arn,
        Environment: { Variables: variables },
        ...(revisionId ? { RevisionId: revisionId } : {}),
      }));
      onRead(updated);
      return await settledConfiguration(context, arn, updated, options);
    } catch (error) {
      const name = (error as Error).name;
      if ((name !== 'PreconditionFailedException' && name !== 'ResourceConflictException') || attempt >= MAX_REBASES) {
        throw new TargetError(`cannot update the environment of function ${options.label ?? arn}: ${name}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      const reread = await rereadFunctionConfiguration(context, arn);
      onRead(reread);
      configuration = await settledConfiguration(context, arn, reread, options);
    }
  }
}

/**
 * Reads the configuration until no update is in progress (`LastUpdateStatus`); a failed update is an error.
 *
 * @example
 * ```ts
 * const live = await settledConfiguration(context, arn, await rereadFunctionConfiguration(context, arn));
 * ```
 */
export async function settledConfiguration(
  context: RevisionGuardedUpdateContext,
  arn: string,
  configuration: FunctionConfiguration,
  options: RevisionGuardedUpdateOptions = {},
): Promise<FunctionConfiguration> {
  let current = configuration;
  for (;;) {
    const status = current.LastUpdateStatus;
    if (status === 'Failed') {
      throw new TargetError(
        `the last configuration update of function ${options.label ?? arn} failed: ${current.LastUpdateStatusReason ?? 'no reason given'}`,
      );
    }
    if (status === undefined || status === 'Successful') return current;
    await sleep(context.updatePollMs);
    current = await rereadFunctionConfiguration(context, arn);
    options.onRead?.(current);
  }
}
