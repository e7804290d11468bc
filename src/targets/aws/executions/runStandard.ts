import type { DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import { TargetError } from '../../../errors.js';
import { executionOutcome, type ScenarioExecution } from '../../types.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import type { DeployedStateMachine } from '../resolve/DeployedStateMachine.js';
import { readExecutionHistory } from '../results/readHistory.js';
import { startStandard } from './startExecution.js';
import { stopExecution } from './stopExecution.js';
import { StillRunning, waitForExecution, type PollOptions } from './waitForExecution.js';

/** Work alongside a running execution (answering `callbacks:`): its warnings join the execution's. */
export type WhileRunning = (executionArn: string, signal?: AbortSignal) => { stop(): Promise<Record<string, unknown>[]> };

/**
 * A Standard execution: starts it, polls until it ends, and reads its full history. Past the deadline, or
 * when the run is interrupted, the execution is stopped (StopExecution) before this throws.
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
    await stopExecution(context, executionArn, interrupted ? 'the run was interrupted' : 'the scenario exceeded its time limit');
    if (interrupted) throw new TargetError(`the run was interrupted; execution ${executionArn} was stopped and the functions disarmed`, { cause: error });
    if (error instanceof StillRunning) {
      throw new TargetError(`execution ${executionArn} did not finish within ${Math.round(settings.timeoutSeconds)} s; it was stopped (StopExecution) and the functions disarmed`);
    }
    throw error;
  }
  const events = await readExecutionHistory(context.clients.sfn, executionArn, { retry: context.retry, pacer: context.pacers.GetExecutionHistory, ...(signal ? { signal } : {}) });
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
