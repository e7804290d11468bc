import { StartSyncExecutionCommand, type HistoryEvent, type StartSyncExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { TargetError } from '../../../errors.js';
import { executionOutcome, type ScenarioExecution } from '../../types.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import type { DeployedStateMachine } from '../resolve/DeployedStateMachine.js';
import { EXPRESS_LOG_DEFAULTS } from '../constants.js';
import { EXPRESS_START_LOOKUP_MS } from './findExpressStart.js';
import { startExpress } from './startExecution.js';

/**
 * Express without state expectations: StartSyncExecution gives the outcome in one call. No history exists
 * for Express, so the execution gets two events saying what the response says.
 */
export async function runExpressSync(
  context: AwsCallContext,
  machine: DeployedStateMachine,
  name: string,
  input: string,
  timeoutMs: number,
  pollMs: number | undefined,
  signal?: AbortSignal,
): Promise<ScenarioExecution> {
  const deadlineMs = Date.now() + timeoutMs;
  const limit = AbortSignal.timeout(timeoutMs);
  const abortSignal = signal ? AbortSignal.any([signal, limit]) : limit;
  let result: StartSyncExecutionCommandOutput;
  try {
    result = await startExpress(
      context,
      'StartSyncExecution',
      machine,
      name,
      () => context.clients.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: machine.arn, name, input }), { abortSignal }),
      abortSignal,
      { untilMs: Math.min(deadlineMs, Date.now() + EXPRESS_START_LOOKUP_MS), pollMs: pollMs ?? EXPRESS_LOG_DEFAULTS.pollMs },
    );
  } catch (error) {
    if (limit.aborted && signal?.aborted !== true) {
      throw new TargetError(
        `Express execution ${name} did not finish within ${timeoutMs / 1000} s (StartSyncExecution gave no answer); an Express execution cannot be stopped, its 5-minute limit ends it`,
        { cause: error },
      );
    }
    throw error;
  }
  const executionArn = result.executionArn ?? `${machine.arn}:${name}`;
  const startDate = result.startDate ?? new Date();
  const stopDate = result.stopDate ?? new Date();
  const status = result.status ?? 'FAILED';
  // No history exists for Express; the two events say what the response says, so status/error/output checks work.
  const terminalType = status === 'SUCCEEDED' ? 'ExecutionSucceeded' : status === 'TIMED_OUT' ? 'ExecutionTimedOut' : 'ExecutionFailed';
  const terminalDetails =
    status === 'SUCCEEDED'
      ? { executionSucceededEventDetails: { output: result.output ?? 'null' } }
      : { [`${terminalType.charAt(0).toLowerCase()}${terminalType.slice(1)}EventDetails`]: { error: result.error, cause: result.cause } };
  const events = [
    { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: startDate, executionStartedEventDetails: { input } },
    { id: 2, previousEventId: 1, type: terminalType, timestamp: stopDate, ...terminalDetails },
  ] as HistoryEvent[];
  return {
    executionArn,
    stateMachineArn: machine.arn,
    name,
    status,
    startDate,
    stopDate,
    input,
    ...executionOutcome(result),
    events,
    injectedFaults: [],
    injectorWarnings: [],
  };
}
