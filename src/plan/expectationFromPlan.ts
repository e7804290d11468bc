import { functionRefOf } from '../engine/index.js';
import { faultKindOf, type PlannedInvocation } from '../injectors/faultKinds/index.js';
import { listNames, suggestIn } from '../sources/loadErrors.js';
import { findFunction } from '../scenarios/loadFunctions.js';
import type { FunctionSpec, ScenarioFault } from '../scenarios/types.js';
import { failingStatesOf } from './failingStates.js';
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
}

/**
 * The attempts, backoff and catch destination a state must show, computed from the definition's
 * own rules: for an error name, when every attempt fails with it; for `true`, with the error and the
 * attempts of the scenario's fault on the function the state invokes (or, for a service Task, the
 * fault on its call). Returns a one-line `problem`
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
    const known = plannedErrorNames(state);
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
  const injected = injectedFailure(state.state, input);
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

/** The error the scenario's one fault on the state's function makes each attempt fail with. */
function injectedFailure(state: Readonly<Record<string, unknown>>, input: ExpectationFromPlanInput): InjectedFailure | { problem: string } {
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
  return 'problem' in planned ? planned : { errorName: planned.errorName, failsAttempt };
}

/** The state's `TimeoutSeconds`, or `'runtime'` when it is only known at run time (a path, or not a number). */
function stateTimeoutOf(state: Readonly<Record<string, unknown>>): PlannedInvocation['stateTimeoutSeconds'] {
  const stateTimeout = state['TimeoutSeconds'];
  if (state['TimeoutSecondsPath'] !== undefined || (stateTimeout !== undefined && typeof stateTimeout !== 'number')) return 'runtime';
  return stateTimeout;
}
