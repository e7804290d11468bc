import { functionRefOf } from '../engine/index.js';
import { faultKindOf, type PlannedInvocation } from '../injectors/faultKinds/index.js';
import { listNames, suggestIn } from '../sources/loadErrors.js';
import { findFunction } from '../scenarios/loadFunctions.js';
import type { FunctionSpec, ScenarioFault } from '../scenarios/types.js';
import { StatesErrorName } from '../engine/index.js';
import { failingStatesOf } from './failingStates.js';
import { asyncInvocationField } from './lints/asyncLambdaInvoke.js';
import { jobStandInOf, syncTaskFailureNames, syncTaskOf, type StandInLayers } from './syncTasks.js';
import type { FailingState } from './types.js';
import { plannedErrorNames } from './plannedErrorNames.js';
import { serviceFaultFailure } from './serviceFaultFailure.js';
import { simulateStateVisit, type SimulatedVisit } from './simulateStateVisit.js';

/** What a scenario's `fromPlan:` asks for: `true` (the error the scenario's fault injects) or an error name. */
export type FromPlanRequest = true | string;

export interface PlannedExpectation extends SimulatedVisit {
  /** The error the plan was computed for. */
  errorName: string;
}

export interface ExpectationFromPlanInput {
  definition: unknown;
  stateName: string;
  request: FromPlanRequest;
  /** The scenario's faults and the state machine's functions, for `fromPlan: true`. */
  faults: readonly ScenarioFault[];
  functions: readonly FunctionSpec[];
  /** The service stand-ins the run uses, the scenario's first: a failing `job` stand-in names what a `.sync` Task fails with. */
  services?: StandInLayers;
}

/**
 * The attempts, backoff and catch destination a state must show, computed from the definition's
 * own rules: for an error name, when every attempt fails with it; for `true`, with the error and the
 * attempts of the scenario's fault on the function the state invokes (none fails with `InvocationType: Event`),
 * or, for a service Task, the fault on its call, or the error a failing `job` stand-in ends a `.sync` Task's
 * every attempt with. Returns a one-line `problem`
 * when the request makes no sense for this state.
 *
 * @example
 * ```ts
 * expectationFromPlan({ definition, stateName: 'Download Exoplanets', request: 'HTTPError', faults: [], functions: [] });
 * // { errorName: 'HTTPError', attempts: 4, backoff: [10, 20, 40], caughtBy: 'ErrorState', outcome: 'caught' }
 * ```
 */
export function expectationFromPlan(input: ExpectationFromPlanInput): PlannedExpectation | { problem: string } {
  const failing = failingStatesOf(input.definition);
  const state = failing.find((candidate) => candidate.name === input.stateName);
  if (state === undefined) {
    return {
      problem: `fromPlan: state ${JSON.stringify(input.stateName)} cannot fail (only Task, Parallel and Map states run work and have Retry and Catch)`,
    };
  }
  if (typeof input.request === 'string') {
    const known = plannedErrorNames(state, syncTaskFailureNames(state, input.services));
    if (!known.includes(input.request)) {
      return {
        problem: `fromPlan: ${input.request} is not an error the rules of ${JSON.stringify(state.name)} name${suggestIn(input.request, known)}; its plan covers ${listNames(known)} (States.ALL stands for any other error)`,
      };
    }
    const name = input.request;
    return withName(
      name,
      simulateStateVisit(state, () => name),
    );
  }
  const injected = jobFailure(state, input) ?? injectedFailure(state, input);
  if ('problem' in injected) return injected;
  return withName(
    injected.errorName,
    simulateStateVisit(state, (attempt) => (injected.failsAttempt(attempt) ? injected.errorName : undefined)),
  );
}

function withName(errorName: string, visit: SimulatedVisit | { problem: string }): PlannedExpectation | { problem: string } {
  return 'problem' in visit ? visit : { errorName, ...visit };
}

interface InjectedFailure {
  errorName: string;
  failsAttempt: (attempt: number) => boolean;
}

/** A `.sync` Task whose `job` stand-in fails: every attempt fails with the stand-in's error (default `States.TaskFailed`). */
function jobFailure(failing: FailingState, input: ExpectationFromPlanInput): InjectedFailure | undefined {
  const task = syncTaskOf(failing);
  if (task?.kind !== 'job' || jobStandInOf(failing, task, input.services ?? [])?.ending.kind !== 'failed') return undefined;
  const [errorName = StatesErrorName.TaskFailed] = syncTaskFailureNames(failing, input.services);
  return { errorName, failsAttempt: () => true };
}

/**
 * The error the scenario's one fault on the state's function makes each attempt fail with. With
 * `InvocationType: Event` the fault is still checked, but no attempt fails: the function's errors go to
 * Lambda's asynchronous retries, never to the state, so its Retry and Catch see nothing.
 */
function injectedFailure(failing: FailingState, input: ExpectationFromPlanInput): InjectedFailure | { problem: string } {
  const state = failing.state;
  const service = serviceFaultFailure(input.stateName, state, input.faults);
  if (service !== undefined) return service;
  const named = 'or name the error instead (fromPlan: HTTPError)';
  const ref = functionRefOf(state);
  const fn = ref === undefined ? undefined : findFunction(input.functions, ref);
  if (fn === undefined)
    return {
      problem: `fromPlan: true needs a Lambda Task with a fixed function, and ${JSON.stringify(input.stateName)} is not one; ${named}`,
    };
  const faults = input.faults.filter((fault) => fault.function === fn.key);
  const [fault, second] = faults;
  if (fault === undefined)
    return {
      problem: `fromPlan: true, but no fault of this scenario arms ${fn.key}, the function ${JSON.stringify(input.stateName)} invokes; add one ${named}`,
    };
  if (second !== undefined) return { problem: `fromPlan: true, but ${faults.length} faults arm ${fn.key}; ${named}` };
  const { rule } = fault;
  if (rule.rate !== undefined && rule.rate < 1) {
    return {
      problem: `fromPlan: true cannot predict a fault that fires at random (rate: ${rule.rate}); use attempts: [..] in the fault ${named}`,
    };
  }
  const failsAttempt = (attempt: number): boolean => rule.attempts === undefined || rule.attempts.includes(attempt);
  const planned = faultKindOf(rule.kind).plannedFailure(rule, {
    functionKey: fn.key,
    stateTimeoutSeconds: stateTimeoutOf(state),
    functionTimeoutSeconds: fn.timeoutSeconds,
    nameInstead: named,
  });
  if ('problem' in planned) return planned;
  if (asyncInvocationField(failing) !== undefined) return { errorName: planned.errorName, failsAttempt: () => false };
  return { errorName: planned.errorName, failsAttempt };
}

/** The state's `TimeoutSeconds`, or `'runtime'` when it is only known at run time (a path, or not a number). */
function stateTimeoutOf(state: Readonly<Record<string, unknown>>): PlannedInvocation['stateTimeoutSeconds'] {
  const stateTimeout = state['TimeoutSeconds'];
  if (state['TimeoutSecondsPath'] !== undefined || (stateTimeout !== undefined && typeof stateTimeout !== 'number')) return 'runtime';
  return stateTimeout;
}
