import { withFields } from '../../../withFields.js';
import { branchesFailure } from '../composite/branchesFailure.js';
import { BranchFailure, BranchGroup } from '../../runtime/BranchGroup.js';
import type { MapState, NestedStateMachine } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import { StatesErrorName } from '../../asl/errorNames.js';
import { TerminalFailure, stateFailureCause } from '../../asl/failures.js';
import type { EventDetails } from '../../runtime/HistoryRecorder.js';
import { toJsonText, type JsonValue } from '../../data/json.js';
import { applyInputPath, ensureWithinPayloadLimit } from '../../visit/stateIo.js';
import { stateQueryOf, type EvaluationPoint, type StateQuery } from '../../visit/stateQuery.js';
import { QueryEvaluationFailure } from '../../data/jsonataExpressions.js';
import type { StateOutcome } from '../../visit/stateTransitions.js';
import { runWithRetryAndCatch, type CompositeAttempt } from '../composite/runCompositeAttempts.js';
import type { BranchRunner } from '../parallel/runParallelState.js';

/**
 * Cause of `States.ExceedToleratedFailureThreshold`. AWS documents the error for Distributed Map runs;
 * its cause text, and whether CreateStateMachine accepts ToleratedFailureCount/Percentage on an INLINE
 * Map at all, are UNCONFIRMED. The engine applies them to inline iterations the way a Map Run does.
 */
export const exceededThresholdCause = 'The specified tolerated failure threshold was exceeded';

/**
 * An inline Map state (`ItemProcessor` in INLINE mode, or the older `Iterator`): one iteration of the
 * processor per item of the array ItemsPath selects, at most MaxConcurrency at a time (0 or absent: all
 * at once) on the virtual clock. Each iteration's input is the item, or the ItemSelector (older:
 * Parameters) built with `$$.Map.Item.Index` and `$$.Map.Item.Value`. The result is the array of
 * iteration outputs in item order.
 *
 * The first failed iteration fails the state with its own error, unless ToleratedFailureCount or
 * ToleratedFailurePercentage are set: then the state fails with `States.ExceedToleratedFailureThreshold`
 * once more iterations failed than tolerated, and a tolerated failure leaves its error output
 * (`{Error, Cause}`) in the result array (UNCONFIRMED: what AWS puts there is not recorded).
 * Iterations still running when the state fails are aborted: their open Task gets `TaskStateAborted`,
 * then the iteration `MapIterationAborted`, both linked to the failing event (see {@link BranchGroup}).
 *
 * History: `MapStateEntered`, `MapStateStarted` (with the item count), a `MapIterationStarted` for each
 * iteration that can start at once (all linked to `MapStateStarted`, before any of their states: held-back
 * AWS recordings), the iterations' events and `MapIterationSucceeded` / `Failed` / `Aborted`, then
 * `MapStateSucceeded` + `MapStateExited` or `MapStateFailed`. As recorded on AWS, the event after an
 * iteration's end links to the iteration's last state event, not to the `MapIteration…` event: a new
 * iteration started in a freed slot links there.
 */
export async function runMapState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: MapState,
  stateInput: JsonValue,
  runBranch: BranchRunner,
): Promise<StateOutcome> {
  const processor = (state.ItemProcessor ?? state.Iterator) as NestedStateMachine;
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  // `Parameters` is the older name of ItemSelector (JSONPath only).
  const itemSelectorField =
    state.ItemSelector !== undefined ? 'ItemSelector' : !query.isJsonata && state.Parameters !== undefined ? 'Parameters' : undefined;

  return runWithRetryAndCatch(scope, visit, state, stateInput, query, async (retryCount): Promise<CompositeAttempt> => {
    // Inside the attempt, so that a JSONata `Items` failure reaches the state's Retry and Catch.
    const items = await itemsOf(visit, state, query, stateInput, filteredInput);
    let iterationInputs = items;
    if (itemSelectorField !== undefined) {
      const contextObject = scope.contextObject(visit, retryCount);
      iterationInputs = [];
      for (const [index, value] of items.entries()) {
        // `$$.Map.Item` exists while ItemSelector is evaluated. AWS documents it there; whether the
        // iteration's own states see it is UNCONFIRMED, and here they do not.
        const at = { retryCount, contextObject: withFields(contextObject, { Map: { Item: { Index: index, Value: value } } }) };
        iterationInputs.push(await query.effectiveInput(stateInput, filteredInput, at, itemSelectorField));
      }
    }
    for (const input of iterationInputs) ensureWithinPayloadLimit(visit, input);
    const limits = await iterationLimitsOf(state, query, stateInput, { retryCount });
    const startedEventId = scope.history.append('MapStateStarted', { mapStateStartedEventDetails: { length: items.length } });
    return runIterations(scope, visit, withFields(state, limits), processor, iterationInputs, startedEventId, runBranch);
  });
}

/** ItemsPath (default `$`) applied to the effective input, or JSONata `Items` (default: the input); it must be an array. */
export async function itemsOf(
  visit: StateVisit,
  state: MapState,
  query: StateQuery,
  stateInput: JsonValue,
  filteredInput: JsonValue,
): Promise<JsonValue[]> {
  const items = query.isJsonata
    ? ((await query.field('Items', stateInput)) ?? stateInput)
    : applyInputPath(visit, state.ItemsPath, filteredInput, query.pathSources());
  if (Array.isArray(items)) return items;
  if (query.isJsonata) {
    // Recorded: EvaluationFailed (States.QueryEvaluationError, location Items), then MapStateFailed. The cause's wording is UNCONFIRMED.
    throw query.toFailure(
      new QueryEvaluationFailure(`The field 'Items' must evaluate to a JSON array, got ${toJsonText(items)}.`, 'Items'),
    );
  }
  // The wording of this States.Runtime cause is UNCONFIRMED.
  throw new TerminalFailure(
    StatesErrorName.Runtime,
    stateFailureCause(
      visit.name,
      visit.enteredEventId,
      `The ItemsPath '${state.ItemsPath ?? '$'}' must select an array, found ${toJsonText(items)}`,
    ),
  );
}

export type IterationLimits = Pick<MapState, 'MaxConcurrency' | 'ToleratedFailureCount' | 'ToleratedFailurePercentage'>;

/**
 * `MaxConcurrency`, `ToleratedFailureCount` and `ToleratedFailurePercentage`: literals, or in a JSONata
 * Map `{% %}` expressions, evaluated (as recorded on AWS) and checked to be a non-negative integer
 * (a percentage: a number from 0 to 100). The failure's wording is UNCONFIRMED.
 */
export async function iterationLimitsOf(
  _state: MapState,
  query: StateQuery,
  stateInput: JsonValue,
  at: EvaluationPoint,
): Promise<IterationLimits> {
  const limits: IterationLimits = {};
  for (const name of ['MaxConcurrency', 'ToleratedFailureCount', 'ToleratedFailurePercentage'] as const) {
    const value = await query.field(name, stateInput, at);
    if (value === undefined) continue;
    const valid =
      typeof value === 'number' && value >= 0 && (name === 'ToleratedFailurePercentage' ? value <= 100 : Number.isInteger(value));
    if (!valid) {
      const expected = name === 'ToleratedFailurePercentage' ? 'a number from 0 to 100' : 'a non-negative integer';
      throw query.toFailure(
        new QueryEvaluationFailure(`The field '${name}' must evaluate to ${expected}, got ${JSON.stringify(value)}.`, name),
      );
    }
    limits[name] = value;
  }
  return limits;
}

export interface FailureTolerance {
  /** Whether one more failure, bringing the total to `failedCount`, fails the state. */
  isExceeded(failedCount: number): boolean;
  /** ToleratedFailureCount/Percentage are set: exceeding them is its own error. */
  readonly isConfigured: boolean;
}

export function failureToleranceOf(state: MapState, itemCount: number): FailureTolerance {
  const { ToleratedFailureCount: count, ToleratedFailurePercentage: percentage } = state;
  const isConfigured = count !== undefined || percentage !== undefined;
  return {
    isConfigured,
    isExceeded: (failedCount) => {
      if (!isConfigured) return true;
      if (count !== undefined && failedCount > count) return true;
      return percentage !== undefined && (failedCount / itemCount) * 100 > percentage;
    },
  };
}

async function runIterations(
  scope: ExecutionScope,
  visit: StateVisit,
  state: MapState,
  processor: NestedStateMachine,
  inputs: readonly JsonValue[],
  startedEventId: number,
  runBranch: BranchRunner,
): Promise<CompositeAttempt> {
  const results: JsonValue[] = new Array<JsonValue>(inputs.length).fill(null);
  const tolerance = failureToleranceOf(state, inputs.length);
  const slots = state.MaxConcurrency ? Math.min(state.MaxConcurrency, inputs.length) : inputs.length;
  const startedDetails = (index: number): EventDetails => ({ mapIterationStartedEventDetails: { name: visit.name, index } });
  const group = new BranchGroup(scope);
  let nextIndex = 0;
  let failedCount = 0;
  let lastIterationEndEventId = startedEventId;

  const abortedDetails = (index: number): EventDetails => ({ mapIterationAbortedEventDetails: { name: visit.name, index } });
  /** Starts iteration `index` whose `MapIterationStarted` (already written) is `iterationStartedEventId`. */
  const runIteration = (index: number, iterationStartedEventId: number): void => {
    group.start(
      iterationStartedEventId,
      async function runMapIteration(iterationScope) {
        const { history } = iterationScope;
        const iteration = { name: visit.name, index };
        try {
          results[index] = await runBranch(iterationScope, processor, inputs[index] as JsonValue);
          lastIterationEndEventId = history.appendAside(
            'MapIterationSucceeded',
            { mapIterationSucceededEventDetails: iteration },
            history.lastEventId,
          );
        } catch (error) {
          if (!(error instanceof TerminalFailure)) throw error;
          lastIterationEndEventId = history.appendAside(
            'MapIterationFailed',
            { mapIterationFailedEventDetails: iteration },
            history.lastEventId,
          );
          failedCount += 1;
          // An error no Retry or Catch handles is not tolerated either (UNCONFIRMED for ToleratedFailure…).
          // The group then aborts the iterations still running (MapIterationAborted, see abortedDetails).
          if (error.uncatchable || tolerance.isExceeded(failedCount)) {
            throw tolerance.isConfigured && !error.uncatchable
              ? new BranchFailure(StatesErrorName.ExceedToleratedFailureThreshold, exceededThresholdCause, history.lastEventId)
              : new BranchFailure(error.error, error.failureCause, history.lastEventId, error.uncatchable);
          }
          results[index] = { Error: error.error ?? null, Cause: error.failureCause ?? '' };
        }
        if (nextIndex < inputs.length) {
          const next = nextIndex++;
          runIteration(next, scope.history.appendAside('MapIterationStarted', startedDetails(next), history.lastEventId));
        }
      },
      (history, failingEventId) => {
        history.appendAside('MapIterationAborted', abortedDetails(index), failingEventId);
      },
    );
  };

  // As recorded on AWS, every iteration that can start at once writes its MapIterationStarted (each
  // linked to MapStateStarted) before any state in them runs.
  const firstStarted: number[] = [];
  while (nextIndex < slots)
    firstStarted.push(scope.history.appendAside('MapIterationStarted', startedDetails(nextIndex++), startedEventId));
  for (const [index, iterationStartedEventId] of firstStarted.entries()) runIteration(index, iterationStartedEventId);
  const failed = await branchesFailure(group);
  if (failed) return failed;
  return { ok: true, result: results, sourceEventId: lastIterationEndEventId };
}
