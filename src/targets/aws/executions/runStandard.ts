import type { DescribeExecutionCommandOutput, HistoryEvent } from '@aws-sdk/client-sfn';
import { TargetError } from '../../../errors.js';
import { executionOutcome, type ScenarioExecution } from '../../types.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { failedCall } from '../clients/describeAwsError.js';
import type { DeployedStateMachine } from '../resolve/DeployedStateMachine.js';
import { readExecutionHistory } from '../results/readHistory.js';
import { startStandard } from './startExecution.js';
import { stopExecution } from './stopExecution.js';
import { StillRunning, waitForExecution, type PollOptions } from './waitForExecution.js';

/** Work alongside a running execution (answering `callbacks:`): its warnings join the execution's. */
export type WhileRunning = (executionArn: string, signal?: AbortSignal) => { stop(): Promise<Record<string, unknown>[]> };

/**
 * A Standard execution: starts it, polls until it ends, and reads its full history. Past the deadline, or
 * when the run is interrupted, or when polling it fails for good, the execution is stopped (StopExecution)
 * before this throws, and the error says so.
 */
export async function runStandard(
  context: AwsCallContext,
  machine: DeployedStateMachine,
  name: string,
  input: string,
  deadlineMs: number,
  settings: { timeoutSeconds: number; poll?: PollOptions | undefined; whileRunning?: WhileRunning | undefined },
  signal?: AbortSignal,
): Promise<ScenarioExecution> {
  const started = await startStandard(context, machine, name, input, signal);
  const executionArn = started.executionArn;
  let described: DescribeExecutionCommandOutput;
  const alongside = settings.whileRunning?.(executionArn, signal);
  let alongsideWarnings: Record<string, unknown>[] = [];
  try {
    described = await waitForExecution(context, executionArn, deadlineMs, settings.poll, signal);
    alongsideWarnings = (await alongside?.stop()) ?? [];
  } catch (error) {
    await alongside?.stop();
    const interrupted = signal?.aborted === true;
    const stopped = await stopSaying(
      context,
      executionArn,
      interrupted ? 'the run was interrupted' : 'the scenario exceeded its time limit',
    );
    if (interrupted) throw new TargetError(`the run was interrupted; ${stopped}`, { cause: error });
    if (error instanceof StillRunning)
      throw new TargetError(`execution ${executionArn} did not finish within ${Math.round(settings.timeoutSeconds)} s; ${stopped}`);
    throw new TargetError(failedCall('DescribeExecution', `execution ${executionArn}`, error, stopped), { cause: error });
  }
  let events: HistoryEvent[];
  try {
    events = await readExecutionHistory(context.clients.sfn, executionArn, {
      retry: context.retry,
      pacer: context.pacers.GetExecutionHistory,
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted === true)
      throw new TargetError(
        `the run was interrupted while the history of execution ${executionArn} was read; the execution had ended ${described.status ?? ''}`.trimEnd(),
        { cause: error },
      );
    throw new TargetError(
      failedCall('GetExecutionHistory', `execution ${executionArn}`, error, `the execution had ended ${described.status ?? ''}`.trimEnd()),
      { cause: error },
    );
  }
  return {
    executionArn,
    stateMachineArn: machine.arn,
    name,
    status: described.status ?? 'RUNNING',
    startDate: described.startDate ?? started.startDate ?? new Date(),
    ...(described.stopDate ? { stopDate: described.stopDate } : {}),
    input: described.input ?? input,
    ...executionOutcome(described),
    events,
    injectedFaults: [],
    injectorWarnings: alongsideWarnings,
  };
}

/** Stops the execution and says so; when StopExecution fails, says that instead, with the command to stop it by hand. */
async function stopSaying(context: AwsCallContext, executionArn: string, why: string): Promise<string> {
  try {
    await stopExecution(context, executionArn, why);
    return `execution ${executionArn} was stopped (StopExecution)`;
  } catch (error) {
    return (error as Error).message;
  }
}
