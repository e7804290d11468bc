import { StartExecutionCommand, type StartExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { TargetError } from '../../../errors.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { attemptsBehind, callAws } from '../clients/callAws.js';
import { failedCall } from '../clients/describeAwsError.js';
import { isRetryableAwsError, isThrottlingAwsError, isUnsentAwsError } from '../clients/isRetryableAwsError.js';
import type { Pacer } from '../clients/Pacer.js';
import type { DeployedStateMachine } from '../resolve/DeployedStateMachine.js';
import { INTERRUPTED_BEFORE_START } from './interrupted.js';
import { findExpressStart, type ExpressStartLookup } from './findExpressStart.js';
import { stopUnconfirmedStart } from './unconfirmedStart.js';

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
  let inFlight: Promise<StartExecutionCommandOutput> | undefined;
  let started: StartExecutionCommandOutput;
  try {
    started = await callAws(
      () => {
        attempts += 1;
        inFlight = context.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name, input }));
        return inFlight;
      },
      context.retry,
      signal,
      { pacer: context.pacers.StartExecution },
    );
  } catch (error) {
    if ((error as Error).name === 'ExecutionAlreadyExists' && attempts > 1)
      return { executionArn: standardExecutionArn(machine.arn, name) };
    const executionArn = standardExecutionArn(machine.arn, name);
    if (signal?.aborted) {
      if (attempts === 0) throw new TargetError(INTERRUPTED_BEFORE_START, { cause: error });
      // The answer of the attempt in flight is dropped by the abort, not the call: let it land first, so the lookup sees it.
      const landed = inFlight ? await settledWithin(inFlight, IN_FLIGHT_WAIT_MS) : undefined;
      const found = await stopUnconfirmedStart(context, landed?.executionArn ?? executionArn, 'the run was interrupted');
      throw new TargetError(`the run was interrupted while StartExecution of ${name} was in flight; ${found}`, { cause: error });
    }
    if (attempts > 1 || isRetryableAwsError(error)) {
      const found = await stopUnconfirmedStart(context, executionArn, 'StartExecution failed, so the scenario is not run');
      throw new TargetError(
        failedCall('StartExecution', `state machine ${machine.arn}`, error, `an attempt may have started execution ${name}: ${found}`),
        { cause: error },
      );
    }
    throw new TargetError(failedCall('StartExecution', `state machine ${machine.arn}`, error, `execution ${name} did not start`), {
      cause: error,
    });
  }
  if (!started.executionArn) throw new TargetError(`StartExecution returned no execution ARN for ${name}`);
  return { executionArn: started.executionArn, ...(started.startDate ? { startDate: started.startDate } : {}) };
}

/** How long an interrupted StartExecution's attempt in flight may take to land before it is looked up anyway. */
const IN_FLIGHT_WAIT_MS = 10_000;

/** The call's answer once it settles within `ms`; undefined when it fails or takes longer. */
function settledWithin<T>(call: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    call.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(undefined);
      },
    );
  });
}

/**
 * Starts an Express execution, which is not idempotent: an asynchronous start sent twice runs twice, and
 * StartSyncExecution runs at most once per call (sfn-semantics.md §6). Only throttling and a connection
 * never made, which mean nothing started, are retried; after a 5xx or a broken connection the execution may or may not have started, so it
 * is looked for by name in the state machine's log group ({@link findExpressStart}) and the error says what
 * was found.
 */
export async function startExpress<T>(
  context: AwsCallContext,
  operation: 'StartExecution' | 'StartSyncExecution',
  machine: DeployedStateMachine,
  name: string,
  send: () => Promise<T>,
  signal: AbortSignal | undefined,
  lookup: ExpressStartLookup,
  pacer?: Pacer,
): Promise<T> {
  try {
    return await callAws(send, context.retry, signal, { retryOn: isUnsentAwsError, ...(pacer ? { pacer } : {}) });
  } catch (error) {
    const on = `state machine ${machine.arn}`;
    if (signal?.aborted && attemptsBehind(error) === 0) throw new TargetError(INTERRUPTED_BEFORE_START, { cause: error });
    if (isThrottlingAwsError(error)) {
      throw new TargetError(
        failedCall(
          operation,
          on,
          error,
          `it was throttled every time, so Express execution ${name} did not start; run again with a lower --concurrency`,
        ),
        { cause: error },
      );
    }
    if (isUnsentAwsError(error)) {
      throw new TargetError(failedCall(operation, on, error, `no connection was made, so Express execution ${name} did not start`), {
        cause: error,
      });
    }
    if (signal?.aborted || isRetryableAwsError(error)) {
      // An interrupted run looks once; a lost answer waits for the log delivery.
      const found = await findExpressStart(context, machine, name, signal?.aborted ? { ...lookup, untilMs: 0 } : lookup);
      const what = signal?.aborted
        ? `the run was interrupted while ${operation} of Express execution ${name} was in flight`
        : failedCall(
            operation,
            on,
            error,
            `Express execution ${name} may have started, and an Express start is not idempotent, so it was not sent again`,
          );
      throw new TargetError(`${what}; ${found}`, { cause: error });
    }
    throw new TargetError(failedCall(operation, on, error, `Express execution ${name} did not start`), { cause: error });
  }
}

/**
 * The ARN of a Standard execution, from its state machine's ARN and its name:
 * `arn:<partition>:states:<region>:<account>:execution:<state machine name>:<execution name>`. The format
 * is the one StartExecution answers with; sfn-semantics.md does not record it, so it is UNCONFIRMED, and so
 * is leaving out the version or alias of a qualified state machine ARN.
 */
export function standardExecutionArn(stateMachineArn: string, name: string): string {
  const parts = stateMachineArn.split(':');
  return `${parts.slice(0, 5).join(':')}:execution:${parts[6] ?? ''}:${name}`;
}
