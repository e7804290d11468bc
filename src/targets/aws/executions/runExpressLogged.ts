import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { EXECUTION_TERMINAL_STATUS } from '../../../assertions/historyEvents.js';
import { TargetError } from '../../../errors.js';
import { executionOutcome, type ScenarioExecution } from '../../types.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { EXPRESS_LOG_DEFAULTS, EXPRESS_MAX_DURATION_SECONDS } from '../constants.js';
import type { DeployedStateMachine } from '../resolve/DeployedStateMachine.js';
import { readExpressLogEvents } from '../results/readExpressLogs.js';
import { EXPRESS_START_LOOKUP_MS } from './findExpressStart.js';
import { startExpress } from './startExecution.js';

/** Reading an Express execution's events from CloudWatch Logs: wait between reads and late-event grace, in ms. */
export interface ExpressLogOptions {
  pollMs?: number;
  graceMs?: number;
}

/** Express with state expectations: start it, then read its events from CloudWatch Logs. */
export async function runExpressLogged(
  context: AwsCallContext,
  machine: DeployedStateMachine,
  name: string,
  input: string,
  deadlineMs: number,
  expressLogs: ExpressLogOptions | undefined,
  signal?: AbortSignal,
): Promise<ScenarioExecution> {
  if (machine.logGroupName === undefined || machine.logLevel !== 'ALL') {
    throw new TargetError(
      `Express state machine ${machine.arn} must log to CloudWatch Logs at level ALL (it has ${machine.logLevel ?? 'no logging'}) for state expectations; or expect only status, error and output`,
    );
  }
  const started = await startExpress(
    context,
    'StartExecution',
    machine,
    name,
    () => context.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name, input })),
    signal,
    { untilMs: Math.min(deadlineMs, Date.now() + EXPRESS_START_LOOKUP_MS), pollMs: expressLogs?.pollMs ?? EXPRESS_LOG_DEFAULTS.pollMs },
    context.pacers.StartExecution,
  );
  const executionArn = started.executionArn;
  if (!executionArn) throw new TargetError(`StartExecution returned no execution ARN for ${name}`);
  const startDate = started.startDate ?? new Date();
  const graceMs = expressLogs?.graceMs ?? EXPRESS_LOG_DEFAULTS.graceMs;
  // No Express execution runs longer than 5 minutes: past that and the grace, its terminal event is not
  // coming. Counted from when StartExecution answered, so pacing and throttled retries do not shorten it.
  const expressEndMs = Date.now() + EXPRESS_MAX_DURATION_SECONDS * 1000 + graceMs;
  const { events, complete } = await readExpressLogEvents(context.clients.logs, machine.logGroupName, executionArn, startDate.getTime(), {
    retry: context.retry,
    pacer: context.pacers.FilterLogEvents,
    pollMs: expressLogs?.pollMs ?? EXPRESS_LOG_DEFAULTS.pollMs,
    graceMs,
    deadlineMs: Math.min(deadlineMs, expressEndMs),
    ...(signal ? { signal } : {}),
  });
  if (!complete) {
    // StopExecution does not exist for Express; the 5-minute Express limit ends it.
    throw new TargetError(
      deadlineMs < expressEndMs
        ? `no terminal event for Express execution ${executionArn} reached ${machine.logGroupName} within the scenario's time limit; raise --timeout (an Express execution may run 5 minutes)`
        : `no terminal event for Express execution ${executionArn} reached ${machine.logGroupName} within 5 minutes (the longest an Express execution runs) plus ${graceMs / 1000} s; its log delivery lost or delayed it, run the scenario again`,
    );
  }
  const terminal = [...events].reverse().find((event) => event.type !== undefined && event.type in EXECUTION_TERMINAL_STATUS)!;
  const status = EXECUTION_TERMINAL_STATUS[terminal.type as keyof typeof EXECUTION_TERMINAL_STATUS];
  const details = (terminal.executionSucceededEventDetails ??
    terminal.executionFailedEventDetails ??
    terminal.executionTimedOutEventDetails ??
    terminal.executionAbortedEventDetails ??
    {}) as Record<string, string | undefined>;
  return {
    executionArn,
    stateMachineArn: machine.arn,
    name,
    status,
    startDate,
    ...(terminal.timestamp ? { stopDate: terminal.timestamp } : {}),
    input,
    ...executionOutcome(details),
    events,
    injectedFaults: [],
    injectorWarnings: [],
  };
}
