import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { analyzeHistory } from '../assertions/index.js';
import type { ExecutionAnalysis } from '../assertions/types.js';

/**
 * What a matcher could read from the value passed to `expect(…)`: the analysed history, and the backoff
 * tolerance that suits where the history came from.
 */
export type ReceivedExecution =
  | { kind: 'history'; analysis: ExecutionAnalysis; defaultTolerance: number | undefined }
  | { kind: 'unusable'; reason: string };

/**
 * Accepts every shape a user is likely to hold: a raw `HistoryEvent[]` (their own `GetExecutionHistory`
 * call), a `GetExecutionHistoryOutput` or target execution (`{ events }`), a scenario result from
 * `runScenario()` / `runScenarios()` (`{ history, analysis }`), or an `ExecutionAnalysis`.
 */
export function readReceivedExecution(received: unknown): ReceivedExecution {
  if (Array.isArray(received)) return fromEvents(received, undefined);
  if (typeof received !== 'object' || received === null) {
    return { kind: 'unusable', reason: `received ${describeType(received)}, not an execution history` };
  }
  const value = received as Record<string, unknown>;
  // A scenario result carries the tolerance it was judged with (its target's: exact locally, 1 s on AWS).
  const judgedWith = value['judgedWith'] as { defaultTolerance?: unknown } | undefined;
  const tolerance = typeof judgedWith?.defaultTolerance === 'number' ? judgedWith.defaultTolerance : undefined;
  if (isAnalysis(value['analysis'])) return { kind: 'history', analysis: value['analysis'], defaultTolerance: tolerance };
  if (Array.isArray(value['history'])) return fromEvents(value['history'], tolerance);
  if (Array.isArray(value['events'])) return fromEvents(value['events'], tolerance);
  if (isAnalysis(value)) return { kind: 'history', analysis: value, defaultTolerance: tolerance };
  if (typeof value['verdict'] === 'string') {
    // A scenario result without a history: the target never ran the execution.
    const why = typeof value['error'] === 'string' ? `: ${value['error']}` : '';
    return { kind: 'unusable', reason: `the scenario has no history (verdict ${value['verdict']}${why})` };
  }
  return {
    kind: 'unusable',
    reason: 'received an object without events, history or analysis; pass HistoryEvent[] or what runScenario() returns',
  };
}

function fromEvents(events: unknown[], defaultTolerance: number | undefined): ReceivedExecution {
  const malformed = events.findIndex(
    (event) => typeof event !== 'object' || event === null || typeof (event as HistoryEvent).type !== 'string',
  );
  if (malformed >= 0) {
    return { kind: 'unusable', reason: `element ${malformed} of the history is not a HistoryEvent (it has no "type")` };
  }
  return { kind: 'history', analysis: analyzeHistory(events as HistoryEvent[]), defaultTolerance };
}

function isAnalysis(value: unknown): value is ExecutionAnalysis {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as ExecutionAnalysis).visits) &&
    typeof (value as ExecutionAnalysis).status === 'string'
  );
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  return typeof value;
}
