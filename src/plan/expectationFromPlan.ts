import { functionRefOf, StatesErrorName } from '../engine/index.js';
import { LambdaErrorName } from '../injectors/constants.js';
import { listNames, suggestIn } from '../scenarios/loadErrors.js';
import { findFunction } from '../scenarios/loadFunctions.js';
import type { FunctionSpec, ScenarioFault } from '../scenarios/types.js';
import { failingStatesOf } from './failingStates.js';
import { plannedErrorNames } from './plannedErrorNames.js';
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
 * attempts of the scenario's fault on the function the state invokes. Returns a one-line `problem`
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
    return { problem: `fromPlan: state ${JSON.stringify(input.stateName)} cannot fail (only Task, Parallel and Map states run work and have Retry and Catch)` };
  }
  if (typeof input.request === 'string') {
    const known = plannedErrorNames(state);
    if (!known.includes(input.request)) {
      return {
        problem: `fromPlan: ${input.request} is not an error the rules of ${JSON.stringify(state.name)} name${suggestIn(input.request, known)}; its plan covers ${listNames(known)} (States.ALL stands for any other error)`,
      };
    }
    const name = input.request;
    return withName(name, simulateStateVisit(state, () => name));
  }
  const injected = injectedFailure(state.state, input);
  if ('problem' in injected) return injected;
  return withName(injected.errorName, simulateStateVisit(state, (attempt) => (injected.failsAttempt(attempt) ? injected.errorName : undefined)));
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
  const named = 'or name the error instead (fromPlan: HTTPError)';
  const ref = functionRefOf(state);
  const fn = ref === undefined ? undefined : findFunction(input.functions, ref);
  if (fn === undefined) return { problem: `fromPlan: true needs a Lambda Task with a fixed function, and ${JSON.stringify(input.stateName)} is not one; ${named}` };
  const faults = input.faults.filter((fault) => fault.function === fn.key);
  const [fault, second] = faults;
  if (fault === undefined) return { problem: `fromPlan: true, but no fault of this scenario arms ${fn.key}, the function ${JSON.stringify(input.stateName)} invokes; add one ${named}` };
  if (second !== undefined) return { problem: `fromPlan: true, but ${faults.length} faults arm ${fn.key}; ${named}` };
  const { rule } = fault;
  if (rule.rate !== undefined && rule.rate < 1) {
    return { problem: `fromPlan: true cannot predict a fault that fires at random (rate: ${rule.rate}); use attempts: [..] in the fault ${named}` };
  }
  const failsAttempt = (attempt: number): boolean => rule.attempts === undefined || rule.attempts.includes(attempt);
  switch (rule.kind) {
    case 'error':
      // The injector's default name when the fault gives none.
      return { errorName: rule.errorName ?? 'Error', failsAttempt };
    case 'throttle':
      return { errorName: LambdaErrorName.Throttle, failsAttempt };
    case 'latency':
      return { problem: `fromPlan: true, but the fault on ${fn.key} only adds latency, which does not fail the state; ${named}` };
    case 'timeout': {
      const timeoutName = timeoutErrorName(state, fn, rule.durationMs);
      return 'problem' in timeoutName ? timeoutName : { errorName: timeoutName.errorName, failsAttempt };
    }
  }
}

/**
 * A hanging invocation ends with whichever timeout comes first: the state's `TimeoutSeconds`
 * (`States.Timeout`) or the function's own (`Sandbox.Timedout`).
 */
function timeoutErrorName(state: Readonly<Record<string, unknown>>, fn: FunctionSpec, durationMs: number | undefined): { errorName: string } | { problem: string } {
  const stateTimeout = state['TimeoutSeconds'];
  if (state['TimeoutSecondsPath'] !== undefined || (stateTimeout !== undefined && typeof stateTimeout !== 'number')) {
    return { problem: 'fromPlan: true cannot tell which timeout a hanging invocation hits: the state\'s TimeoutSeconds is only known at run time; name the error instead' };
  }
  const stateMs = typeof stateTimeout === 'number' ? stateTimeout * 1000 : Number.POSITIVE_INFINITY;
  const functionMs = fn.timeoutSeconds * 1000;
  if (durationMs !== undefined && durationMs < Math.min(stateMs, functionMs)) {
    return { problem: `fromPlan: true, but the fault hangs for ${durationMs / 1000} s, less than both the state's and the function's timeout, so it does not fail the state; name the error instead` };
  }
  if (stateMs === functionMs) return { problem: 'fromPlan: true, but the state and the function time out at the same moment, so either error may come first; name the error instead' };
  return { errorName: stateMs < functionMs ? StatesErrorName.Timeout : LambdaErrorName.FunctionTimeout };
}
