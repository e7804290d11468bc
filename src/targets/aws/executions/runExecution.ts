import type { ScenarioExecution } from '../../types.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import type { DeployedStateMachine } from '../resolve/DeployedStateMachine.js';
import { runExpressLogged, type ExpressLogOptions } from './runExpressLogged.js';
import { runExpressSync } from './runExpressSync.js';
import { runStandard, type WhileRunning } from './runStandard.js';
import type { PollOptions } from './waitForExecution.js';

/** How long an execution may take and how it is watched. */
export interface ExecutionSettings {
  /** The scenario's time limit in seconds. */
  timeoutSeconds: number;
  poll?: PollOptions | undefined;
  expressLogs?: ExpressLogOptions | undefined;
  /** Standard only: started once the execution has started, stopped once it has ended (answering `callbacks:`). */
  whileRunning?: WhileRunning | undefined;
}

/**
 * Runs one execution to its end the way its type allows: Standard by polling and reading its history;
 * Express with StartSyncExecution, or, when the scenario expects states, by reading its CloudWatch Logs events.
 */
export function runExecution(
  context: AwsCallContext,
  machine: DeployedStateMachine,
  name: string,
  input: string,
  expectsStates: boolean,
  settings: ExecutionSettings,
  signal?: AbortSignal,
): Promise<ScenarioExecution> {
  const timeoutMs = settings.timeoutSeconds * 1000;
  const deadlineMs = Date.now() + timeoutMs;
  if (machine.type === 'EXPRESS') {
    return expectsStates
      ? runExpressLogged(context, machine, name, input, deadlineMs, settings.expressLogs, signal)
      : runExpressSync(context, machine, name, input, timeoutMs, settings.expressLogs?.pollMs, signal);
  }
  return runStandard(context, machine, name, input, deadlineMs, settings, signal);
}
