import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { TargetError } from '../../../errors.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { attemptsBehind, callAws } from '../clients/callAws.js';
import { describeAwsError } from '../clients/describeAwsError.js';
import { isRetryableAwsError, isThrottlingAwsError } from '../clients/isRetryableAwsError.js';
import type { Pacer } from '../clients/Pacer.js';
import type { DeployedStateMachine } from '../resolve/DeployedStateMachine.js';
import { INTERRUPTED_BEFORE_START } from './interrupted.js';

/**
 * StartExecution of a Standard state machine. Sent again with the same name and input it is idempotent
 * while the execution runs (sfn-semantics.md §7, execution names); once the execution has closed, the
 * retry answers ExecutionAlreadyExists, which after a lost answer means the first call started it.
 */
export async function startStandard(
  context: AwsCallContext,
  machine: DeployedStateMachine,
  name: string,
  input: string,
  signal?: AbortSignal,
): Promise<{ executionArn: string; startDate?: Date }> {
  let attempts = 0;
  let started;
  try {
    started = await callAws(
      () => {
        attempts += 1;
        return context.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name, input }));
      },
      context.retry,
      signal,
      { pacer: context.pacers.StartExecution },
    );
  } catch (error) {
    if ((error as Error).name === 'ExecutionAlreadyExists' && attempts > 1) return { executionArn: standardExecutionArn(machine.arn, name) };
    if (signal?.aborted && attempts === 0) throw new TargetError(INTERRUPTED_BEFORE_START, { cause: error });
    if (signal?.aborted || isRetryableAwsError(error)) {
      throw new TargetError(
        `StartExecution of ${name} failed (${describeAwsError(error)}): the execution may or may not have started; if it did, stop it: aws stepfunctions stop-execution --execution-arn ${standardExecutionArn(machine.arn, name)}`,
        { cause: error },
      );
    }
    throw new TargetError(`cannot start execution ${name} of state machine ${machine.arn}: ${describeAwsError(error)}`, { cause: error });
  }
  if (!started.executionArn) throw new TargetError(`StartExecution returned no execution ARN for ${name}`);
  return { executionArn: started.executionArn, ...(started.startDate ? { startDate: started.startDate } : {}) };
}

/**
 * Starts an Express execution, which is not idempotent: an asynchronous start sent twice runs twice, and
 * StartSyncExecution runs at most once per call (sfn-semantics.md §6). Only throttling, which means nothing
 * started, is retried; after a 5xx or a broken connection the execution may or may not have started.
 */
export async function startExpress<T>(
  context: AwsCallContext,
  operation: 'StartExecution' | 'StartSyncExecution',
  name: string,
  send: () => Promise<T>,
  signal: AbortSignal | undefined,
  pacer?: Pacer,
): Promise<T> {
  try {
    return await callAws(send, context.retry, signal, { retryOn: isThrottlingAwsError, ...(pacer ? { pacer } : {}) });
  } catch (error) {
    if (signal?.aborted && attemptsBehind(error) === 0) throw new TargetError(INTERRUPTED_BEFORE_START, { cause: error });
    if (isThrottlingAwsError(error)) {
      throw new TargetError(`${operation} of Express execution ${name} was throttled ${context.retry.retries + 1} times, so nothing started; run again with a lower --concurrency`, { cause: error });
    }
    if (signal?.aborted || isRetryableAwsError(error)) {
      throw new TargetError(
        `${operation} of Express execution ${name} failed (${describeAwsError(error)}): the execution may or may not have started, and an Express start is not idempotent, so it was not sent again; run the scenario again`,
        { cause: error },
      );
    }
    throw new TargetError(`cannot start Express execution ${name}: ${describeAwsError(error)}`, { cause: error });
  }
}

/**
 * The ARN of a Standard execution, from its state machine's ARN and its name:
 * `arn:<partition>:states:<region>:<account>:execution:<state machine name>:<execution name>`. The format
 * is the one StartExecution answers with; sfn-semantics.md does not record it, so it is UNCONFIRMED, and so
 * is leaving out the version or alias of a qualified state machine ARN.
 */
function standardExecutionArn(stateMachineArn: string, name: string): string {
  const parts = stateMachineArn.split(':');
  return `${parts.slice(0, 5).join(':')}:execution:${parts[6] ?? ''}:${name}`;
}
