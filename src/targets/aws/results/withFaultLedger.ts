import type { ChaosConfig } from '../../../injectors/types.js';
import { errorNamesRaisedBy, failedAttemptsOf, matchFaultLedger } from '../../matchFaultLedger.js';
import type { ScenarioExecution } from '../../types.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { FAULT_LEDGER_DEFAULTS, TargetWarningCode } from '../constants.js';
import { readFaultLedger, type FaultLedgerSource } from './readFaultLedger.js';

/** A function a scenario armed, and where its fault ledger lands. */
export interface ArmedFunction extends FaultLedgerSource {
  faults: ChaosConfig['faults'];
  /** The scenario's hold on the arming: whose `scenarioId` the lines carry, and whether others shared it. */
  hold: { readonly armedScenarioId: string | undefined; readonly shared: boolean };
}

/** Reading the fault ledger back: wait between reads and the longest wait for late lines, in ms. */
export interface FaultLedgerOptions {
  pollMs?: number;
  graceMs?: number;
}

/**
 * Attaches the fault-ledger lines of the armed functions to the execution and says, per failed attempt,
 * whether one of them explains it. A ledger that cannot be read leaves a warning, never an error: the
 * history alone decides the verdict.
 */
export async function withFaultLedger(
  context: AwsCallContext,
  execution: ScenarioExecution,
  armed: ArmedFunction[],
  runId: string,
  scenarioId: string,
  options: FaultLedgerOptions | undefined,
  signal?: AbortSignal,
): Promise<ScenarioExecution> {
  const failed = failedAttemptsOf(execution.events);
  if (armed.length === 0) {
    // Nothing was armed for this scenario, so no line can carry its run and scenario: no call needed.
    return { ...execution, failedAttempts: matchFaultLedger(failed, []) };
  }
  const injectable = new Set(armed.flatMap((fn) => fn.faults.flatMap(errorNamesRaisedBy)));
  const armedNames = new Set(armed.map((fn) => fn.functionName));
  const expectedLines = failed.filter(
    (attempt) =>
      attempt.error !== null && injectable.has(attempt.error) && (attempt.functionName === null || armedNames.has(attempt.functionName)),
  ).length;
  const margin = FAULT_LEDGER_DEFAULTS.windowMarginMs;
  const sources: FaultLedgerSource[] = [
    ...new Map(armed.map((fn) => [fn.logGroupName, { functionName: fn.functionName, logGroupName: fn.logGroupName }])).values(),
  ];
  // A shared arming carries the scenario id of the scenario that armed it first, in every holder's lines.
  const scenarioIds = [
    ...new Set([scenarioId, ...armed.flatMap((fn) => (fn.hold.armedScenarioId === undefined ? [] : [fn.hold.armedScenarioId]))]),
  ];
  const shared = armed.filter((fn) => fn.hold.shared);
  const sharedNames = new Set(shared.map((fn) => fn.functionName));
  // The failed attempts a fault on a shared arming could explain: their causes' request ids tie lines to this execution.
  const explainable = failed.filter(
    (attempt) =>
      attempt.error !== null && injectable.has(attempt.error) && (attempt.functionName === null || sharedNames.has(attempt.functionName)),
  );
  const reading = await readFaultLedger(context.clients.logs, sources, {
    retry: context.retry,
    pacer: context.pacers.FilterLogEvents,
    runId,
    scenarioIds,
    ...(shared.length > 0
      ? {
          sharedArming: {
            functionNames: sharedNames,
            requestIds: new Set(explainable.flatMap((attempt) => (attempt.awsRequestId === null ? [] : [attempt.awsRequestId]))),
            someFailureWithoutRequestId: explainable.some((attempt) => attempt.awsRequestId === null),
          },
        }
      : {}),
    executionArn: execution.executionArn,
    startTimeMs: execution.startDate.getTime() - margin,
    endTimeMs: (execution.stopDate ?? new Date()).getTime() + margin,
    expectedLines,
    pollMs: options?.pollMs ?? FAULT_LEDGER_DEFAULTS.pollMs,
    graceMs: options?.graceMs ?? FAULT_LEDGER_DEFAULTS.graceMs,
    ...(signal ? { signal } : {}),
  });
  const warnings = reading.unreadable.map((problem) => ({
    source: 'aws-target',
    code: TargetWarningCode.FaultLedgerUnread,
    functionName: problem.functionName,
    logGroupName: problem.logGroupName,
    message: `the fault ledger of ${problem.functionName} could not be read from ${problem.logGroupName} (${problem.reason}); whether its failures were injected is unknown, the verdict does not depend on it`,
  }));
  return {
    ...execution,
    injectedFaults: [...execution.injectedFaults, ...reading.entries],
    injectorWarnings: [...execution.injectorWarnings, ...warnings],
    // With a log group unread, "not injected" could be wrong: say nothing per attempt rather than guess.
    ...(reading.unreadable.length === 0 ? { failedAttempts: matchFaultLedger(failed, reading.entries) } : {}),
  };
}
