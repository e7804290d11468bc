import { parseAslTimestamp } from '../../asl/aslTimestamp.js';
import type { WaitState } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import { StatesErrorName } from '../../asl/errorNames.js';
import { TerminalFailure, stateFailureCause } from '../../asl/failures.js';
import { PathFailure } from '../../data/pathFailure.js';
import { QueryEvaluationFailure } from '../../data/jsonataExpressions.js';
import { toJsonText, type JsonValue } from '../../data/json.js';
import { readDataOrContextPath, type PathSources } from '../../data/jsonPath.js';
import { stateQueryOf, type StateQuery } from '../../visit/stateQuery.js';
import { exitState, type StateOutcome } from '../../visit/stateTransitions.js';

/** A Wait state waits on the virtual clock, then passes its (filtered) input on. */
export async function runWaitState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: WaitState,
  stateInput: JsonValue,
): Promise<StateOutcome> {
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  const waitMs = query.isJsonata
    ? await jsonataWaitMs(scope, query, state, stateInput)
    : waitDurationMs(scope, visit, state, filteredInput, query.pathSources());
  await scope.waitFor(scope.clock.delay(waitMs));
  const exit = await query.exit(stateInput, filteredInput);
  return exitState(scope, visit, 'Wait', exit.output, state.Next, query.commit(exit));
}

function msUntil(scope: ExecutionScope, timestamp: JsonValue): number | undefined {
  const at = typeof timestamp === 'string' ? parseAslTimestamp(timestamp) : undefined;
  return at === undefined ? undefined : Math.max(0, at - scope.clock.now());
}

/** JSONata `Seconds` / `Timestamp`: a literal or an expression, checked after evaluation. Wording UNCONFIRMED. */
async function jsonataWaitMs(scope: ExecutionScope, query: StateQuery, state: WaitState, stateInput: JsonValue): Promise<number> {
  if (state.Seconds !== undefined) {
    const seconds = await query.field('Seconds', stateInput);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw query.toFailure(
        new QueryEvaluationFailure(
          `The field 'Seconds' must evaluate to a non-negative integer, got ${JSON.stringify(seconds)}.`,
          'Seconds',
        ),
      );
    }
    return seconds * 1000;
  }
  if (state.Timestamp !== undefined) {
    const timestamp = (await query.field('Timestamp', stateInput)) ?? null;
    const waitMs = msUntil(scope, timestamp);
    if (waitMs === undefined) {
      throw query.toFailure(
        new QueryEvaluationFailure(
          `The field 'Timestamp' must evaluate to an ISO-8601 date-time with an offset, got ${JSON.stringify(timestamp)}.`,
          'Timestamp',
        ),
      );
    }
    return waitMs;
  }
  return 0;
}

function waitDurationMs(
  scope: ExecutionScope,
  visit: StateVisit,
  state: WaitState,
  filteredInput: JsonValue,
  sources: PathSources,
): number {
  const runtimeFailure = (detail: string): TerminalFailure =>
    new TerminalFailure(StatesErrorName.Runtime, stateFailureCause(visit.name, visit.enteredEventId, detail));
  const read = (path: string): JsonValue => {
    try {
      return readDataOrContextPath(path, filteredInput, sources);
    } catch (error) {
      if (error instanceof PathFailure) throw runtimeFailure(error.detail);
      throw error;
    }
  };
  // AWS's wording (recorded): `The SecondsPath parameter references a negative value: $.x == -1`; a
  // string value is shown without quotes.
  const selected = (path: string, value: JsonValue): string => `${path} == ${typeof value === 'string' ? value : toJsonText(value)}`;
  if (typeof state.Seconds === 'number') return state.Seconds * 1000;
  if (state.Timestamp !== undefined) {
    const waitMs = msUntil(scope, state.Timestamp);
    // CreateStateMachine refuses an invalid literal Timestamp; this wording is UNCONFIRMED.
    if (waitMs === undefined)
      throw runtimeFailure(`The Timestamp value ${JSON.stringify(state.Timestamp)} is not an ISO-8601 date-time with an offset`);
    return waitMs;
  }
  if (state.TimestampPath !== undefined) {
    const timestamp = read(state.TimestampPath);
    const waitMs = msUntil(scope, timestamp);
    if (waitMs === undefined) {
      throw runtimeFailure(
        `The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: ${selected(state.TimestampPath, timestamp)}`,
      );
    }
    return waitMs;
  }
  if (state.SecondsPath !== undefined) {
    const seconds = read(state.SecondsPath);
    if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
      throw runtimeFailure(`The SecondsPath parameter cannot be parsed as a long value: ${selected(state.SecondsPath, seconds)}`);
    }
    if (seconds < 0) throw runtimeFailure(`The SecondsPath parameter references a negative value: ${selected(state.SecondsPath, seconds)}`);
    return seconds * 1000;
  }
  return 0;
}
