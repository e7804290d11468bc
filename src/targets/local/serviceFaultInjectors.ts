import { withFields } from '../../withFields.js';
import {
  ACTIVITY_FAULT_RESOURCE_TYPE,
  activityResourceOf,
  type LocalLambdaContext,
  type LocalServiceFaultEffect,
  type LocalServiceFaultInjector,
  type LocalServiceFaultResolver,
  serviceFaultErrorName,
} from '../../engine/index.js';
import { InjectedFaultError, LogEvent, THROTTLE_MESSAGE, withChaos } from '../../injectors/index.js';
import type { ChaosConfig, LambdaContextLike } from '../../injectors/types.js';
import { targetsServiceCall } from '../../scenarios/serviceFaultTargets.js';
import type { ScenarioFault } from '../../scenarios/types.js';
import { TargetError } from '../../errors.js';
import type { InjectedFault } from '../types.js';
import { type AnyHandler, invokeHandler } from './invokeHandler.js';

/** Where the injectors write: the run's fault ledger and injector warnings, and the seed and ids of the run. */
export interface ServiceFaultArming {
  seed: string;
  runId: string;
  scenarioId: string;
  ledger: InjectedFault[];
  warnings: Record<string, unknown>[];
}

/**
 * The scenario's faults on service Tasks (`state:` / `service:`) and activity workers (`activity:`) of
 * one state machine (`stateMachine`: a nested workflow's key; absent: the scenario's own), for the engine
 * to run before each call or worker answer. Each Task gets the same `withChaos` injector a function gets, around a call that does nothing:
 * it picks the faults (`rate` from the seed, `attempts`, `match` on the Task's parameters), waits
 * `latency` and hangs on the virtual clock, and writes the fault ledger; the engine turns the error it
 * raises into the service's own error (src/engine/services/serviceErrors.ts). The ledger line names
 * the error the history shows (`DynamoDB.ProvisionedThroughputExceededException` for a throttle).
 *
 * @example
 * const serviceFaults = serviceFaultResolverFor(scenario.faults, arming); // undefined without service faults
 */
export function serviceFaultResolverFor(
  faults: readonly ScenarioFault[],
  arming: ServiceFaultArming,
  stateMachine?: string,
): LocalServiceFaultResolver | undefined {
  const taskFaults = faults.filter((fault) => fault.task !== undefined && fault.stateMachine === stateMachine);
  if (taskFaults.length === 0) return undefined;
  const injectors = new Map<string, LocalServiceFaultInjector | undefined>();
  return (call) => {
    const key = `${call.stateName}\u0000${call.serviceAction}`;
    if (injectors.has(key)) return injectors.get(key);
    // An activity Task's call is its activity ARN (the engine's ACTIVITY_FAULT_RESOURCE_TYPE).
    const activityName = call.resourceType === ACTIVITY_FAULT_RESOURCE_TYPE ? activityResourceOf(call.serviceAction)?.name : undefined;
    const rules = taskFaults
      .filter((fault) => fault.task !== undefined && targetsServiceCall(fault.task, { ...call, activityName }))
      .map((fault) => fault.rule);
    const injector = rules.length === 0 ? undefined : injectorFor(rules, call, arming, stateMachine);
    injectors.set(key, injector);
    return injector;
  };
}

function injectorFor(
  rules: ChaosConfig['faults'],
  call: Parameters<LocalServiceFaultResolver>[0],
  arming: ServiceFaultArming,
  stateMachine: string | undefined,
): LocalServiceFaultInjector {
  const config: ChaosConfig = {
    faults: rules,
    // A nested workflow's Task may share its name with one of the scenario's own: its own random sequence.
    seed: stateMachine === undefined ? `${arming.seed}:${call.stateName}` : `${arming.seed}:${stateMachine}:${call.stateName}`,
    runId: arming.runId,
    scenarioId: arming.scenarioId,
  };
  const passThrough = async (): Promise<null> => null;
  const wrapped = withChaos(passThrough, {
    config,
    sleep: (ms, context) => localFacts(context).sleep(ms),
    now: (context) => localFacts(context).now(),
    invocationInfo: (_event, context) => {
      const facts = localFacts(context);
      return { retryCount: facts.retryCount, executionArn: facts.executionArn, stateName: facts.stateName };
    },
    log: (line) => {
      if (line['sfnChaos'] === LogEvent.FaultInjected) {
        const kind = typeof line['kind'] === 'string' ? line['kind'] : '';
        const errorName = typeof line['errorName'] === 'string' ? line['errorName'] : null;
        const shown = errorName === null ? undefined : serviceFaultErrorName(call, kind, errorName);
        arming.ledger.push(shown === undefined ? line : withFields(line, { errorName: shown }));
      } else if (line['sfnChaos'] === LogEvent.Warning) arming.warnings.push(line);
    },
  }) as unknown as AnyHandler;
  return {
    async inject(parameters: unknown, context: LocalLambdaContext): Promise<LocalServiceFaultEffect> {
      try {
        await invokeHandler(wrapped, parameters, context);
        return { kind: 'none' };
      } catch (error) {
        if (!(error instanceof InjectedFaultError)) throw error;
        switch (error.faultKind) {
          case 'throttle':
            return error.message === THROTTLE_MESSAGE ? { kind: 'throttle' } : { kind: 'throttle', message: error.message };
          case 'timeout':
            // The hang ended before any limit did (a number of seconds shorter than TimeoutSeconds): the call goes ahead.
            return { kind: 'none' };
          default:
            return { kind: 'error', error: error.name, message: error.message };
        }
      }
    },
  };
}

function localFacts(context: LambdaContextLike): LocalLambdaContext['sfnChaos'] {
  const facts = (context as Partial<LocalLambdaContext>).sfnChaos;
  if (!facts) throw new TargetError('the local target ran a service fault without its engine context');
  return facts;
}
