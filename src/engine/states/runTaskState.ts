import { TargetError } from '../../errors.js';
import type { TaskState } from '../definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../ExecutionScope.js';
import { firstMatchingRule } from '../errorMatching.js';
import { StatesErrorName } from '../errorNames.js';
import { TerminalFailure, PathFailure, stateFailureCause } from '../failures.js';
import { LambdaIntegration, lambdaIntegrationOf } from '../functionRef.js';
import type { JsonValue } from '../json.js';
import { readPath } from '../jsonPath.js';
import { runLegacyLambdaAttempt, runOptimizedInvokeAttempt } from '../lambdaAttempts.js';
import { RetrierDefault } from '../limits.js';
import { retryDelayMs } from '../retryBackoff.js';
import {
  applyInputPath,
  applyOutputPath,
  applyPayloadTemplate,
  applyResultPath,
  ensureWithinPayloadLimit,
} from '../stateIo.js';
import { exitState, type StateOutcome } from '../stateTransitions.js';

/**
 * A Task state visit: attempts, Retry and Catch. Retriers are scanned in order and the first whose
 * ErrorEquals matches decides alone — once it is exhausted the error goes to Catch, even if a later
 * retrier would match. Each retrier counts its own uses (and its own backoff exponent); all counts
 * start from zero on every visit of the state.
 */
export async function runTaskState(scope: ExecutionScope, visit: StateVisit, state: TaskState, stateInput: JsonValue): Promise<StateOutcome> {
  const integration = lambdaIntegrationOf(state.Resource);
  if (integration === undefined) {
    throw new TargetError(`State "${visit.name}": resource ${state.Resource} is not supported by the local engine yet`);
  }
  const runAttempt = integration === LambdaIntegration.LegacyResource ? runLegacyLambdaAttempt : runOptimizedInvokeAttempt;
  const filteredInput = applyInputPath(visit, state.InputPath, stateInput);
  const retriers = state.Retry ?? [];
  const catchers = state.Catch ?? [];
  const retrierUses = retriers.map(() => 0);

  for (let retryCount = 0; ; retryCount++) {
    const contextObject = scope.contextObject(visit, retryCount);
    // Parameters are evaluated per attempt: `$$.State.RetryCount` differs between attempts.
    const effectiveInput =
      state.Parameters === undefined ? filteredInput : applyPayloadTemplate(visit, state.Parameters, filteredInput, contextObject, 'input');
    ensureWithinPayloadLimit(visit, effectiveInput);
    const timeoutSeconds = taskTimeoutSeconds(visit, state, filteredInput);
    const attempt = await runAttempt(scope, { visit, state, effectiveInput, timeoutSeconds, retryCount });

    if (attempt.ok) {
      const selected =
        state.ResultSelector === undefined
          ? attempt.result
          : applyPayloadTemplate(visit, state.ResultSelector, attempt.result, contextObject, 'result');
      const output = applyOutputPath(visit, state.OutputPath, applyResultPath(visit, state.ResultPath, stateInput, selected));
      return exitState(scope, visit, 'Task', output, state.Next);
    }

    const retrierIndex = firstMatchingRule(retriers, attempt.error);
    const retrier = retriers[retrierIndex];
    const usesSoFar = retrierUses[retrierIndex] ?? 0;
    if (retrier && usesSoFar < (retrier.MaxAttempts ?? RetrierDefault.maxAttempts)) {
      retrierUses[retrierIndex] = usesSoFar + 1;
      await scope.waitFor(scope.clock.timer(retryDelayMs(retrier, usesSoFar + 1, scope.random)).elapsed);
      continue;
    }

    const catcher = catchers[firstMatchingRule(catchers, attempt.error)];
    // Uncaught: ExecutionFailed follows the failure event directly, without a TaskStateExited.
    if (!catcher) throw new TerminalFailure(attempt.error, attempt.cause);
    // A timeout has no cause in its event, but its error output carries an empty one.
    const errorOutput = { Error: attempt.error, Cause: attempt.cause ?? '' };
    // The task's own ResultPath and OutputPath do not apply to a caught error; the catcher's ResultPath does.
    return exitState(scope, visit, 'Task', applyResultPath(visit, catcher.ResultPath, stateInput, errorOutput), catcher.Next);
  }
}

/**
 * The attempt's TimeoutSeconds. `TimeoutSecondsPath` is read from the input after InputPath (AWS
 * documents "the state input"; which stage exactly is UNCONFIRMED) and must select a positive integer.
 */
function taskTimeoutSeconds(visit: StateVisit, state: TaskState, filteredInput: JsonValue): number | undefined {
  if (state.TimeoutSecondsPath === undefined) return state.TimeoutSeconds;
  let value: JsonValue;
  try {
    value = readPath(state.TimeoutSecondsPath, filteredInput);
  } catch (error) {
    if (error instanceof PathFailure) {
      throw new TerminalFailure(StatesErrorName.Runtime, stateFailureCause(visit.name, visit.enteredEventId, error.detail));
    }
    throw error;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TerminalFailure(
      StatesErrorName.Runtime,
      stateFailureCause(visit.name, visit.enteredEventId, `The TimeoutSecondsPath '${state.TimeoutSecondsPath}' must select a positive integer, found ${JSON.stringify(value)}`),
    );
  }
  return value;
}
