import { parseAslTimestamp } from '../aslTimestamp.js';
import type { WaitState } from '../definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../ExecutionScope.js';
import { StatesErrorName } from '../errorNames.js';
import { PathFailure, TerminalFailure, stateFailureCause } from '../failures.js';
import type { JsonValue } from '../json.js';
import { readPath } from '../jsonPath.js';
import { applyInputPath, applyOutputPath } from '../stateIo.js';
import { exitState, type StateOutcome } from '../stateTransitions.js';

/** A Wait state waits on the virtual clock, then passes its (filtered) input on. */
export async function runWaitState(scope: ExecutionScope, visit: StateVisit, state: WaitState, stateInput: JsonValue): Promise<StateOutcome> {
  const filteredInput = applyInputPath(visit, state.InputPath, stateInput);
  const waitMs = waitDurationMs(scope, visit, state, filteredInput);
  await scope.waitFor(scope.clock.timer(waitMs).elapsed);
  return exitState(scope, visit, 'Wait', applyOutputPath(visit, state.OutputPath, filteredInput), state.Next);
}

function waitDurationMs(scope: ExecutionScope, visit: StateVisit, state: WaitState, filteredInput: JsonValue): number {
  const runtimeFailure = (detail: string): TerminalFailure =>
    new TerminalFailure(StatesErrorName.Runtime, stateFailureCause(visit.name, visit.enteredEventId, detail));
  const read = (path: string): JsonValue => {
    try {
      return readPath(path, filteredInput);
    } catch (error) {
      if (error instanceof PathFailure) throw runtimeFailure(error.detail);
      throw error;
    }
  };
  const untilTimestamp = (timestamp: JsonValue, field: string): number => {
    const at = typeof timestamp === 'string' ? parseAslTimestamp(timestamp) : undefined;
    if (at === undefined) {
      throw runtimeFailure(`The ${field} value ${JSON.stringify(timestamp)} is not an ISO-8601 date-time with an offset`);
    }
    return Math.max(0, at - scope.clock.now());
  };
  if (state.Seconds !== undefined) return state.Seconds * 1000;
  if (state.Timestamp !== undefined) return untilTimestamp(state.Timestamp, 'Timestamp');
  if (state.TimestampPath !== undefined) return untilTimestamp(read(state.TimestampPath), 'TimestampPath');
  if (state.SecondsPath !== undefined) {
    const seconds = read(state.SecondsPath);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw runtimeFailure(`The SecondsPath '${state.SecondsPath}' must select a non-negative integer, found ${JSON.stringify(seconds)}`);
    }
    return seconds * 1000;
  }
  return 0;
}
