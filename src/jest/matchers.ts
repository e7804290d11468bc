import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import type { MatcherContext, MatcherFunction, SyncExpectationResult } from 'expect';
import { checkExpectations, formatTimeline } from '../assertions/index.js';
import type { ExecutionAnalysis, ExpectationFailure } from '../assertions/types.js';
import type { BackoffExpectation, ExecutionExpectation, Located, StateExpectation } from '../scenarios/types.js';
import { MATCHER_OPTION_NAMES, type BackoffMatcherOptions, type StateMatcherOptions } from './matcherOptions.js';
import { readReceivedExecution } from './receivedExecution.js';

/** Expectations built by a matcher have no place in a scenario file. */
const FROM_MATCHER: Located = { file: '<jest matcher>', line: 0, column: 0 };
/** Enough timelines to explain a status without flooding the message for a 1,000-item Map. */
const MAX_TIMELINES = 8;

interface MatcherCall {
  name: string;
  /** The matcher's arguments as the hint shows them, e.g. `state, attempts`. */
  argumentNames: string;
  received: unknown;
  expectation: ExecutionExpectation;
  /** The state whose timelines explain the verdict; absent for execution-level matchers. */
  state?: string;
  /** How the expectation reads in a negated failure: `"Download Exoplanets" to have 4 attempts`. */
  claim: string;
  tolerance?: number;
}

/** Runs one matcher call through checkExpectations and words the result in jest's message style. */
function judge(context: MatcherContext, call: MatcherCall): SyncExpectationResult {
  const { utils } = context;
  const isNot = context.isNot === true;
  const hint = utils.matcherHint(call.name, 'execution', call.argumentNames, { isNot, promise: context.promise ?? '' });
  const received = readReceivedExecution(call.received);
  if (received.kind === 'unusable') {
    // Not a verdict about the workflow: fail whether negated or not, so `.not` cannot hide a wrong argument.
    return { pass: isNot, message: () => `${hint}\n\n${utils.RECEIVED_COLOR(received.reason)}` };
  }
  const tolerance = call.tolerance ?? received.defaultTolerance;
  const failures = checkExpectations(received.analysis, call.expectation, tolerance === undefined ? {} : { defaultTolerance: tolerance });
  if (failures.some((failure) => failure.notCheckable)) {
    // The history lacks events the expectation depends on: no verdict, so `.not` must fail too.
    const explanation = failures.map((failure) => describeFailure(context, failure)).join('\n\n');
    return { pass: isNot, message: () => [hint, explanation].join('\n\n') };
  }
  const pass = failures.length === 0;
  const explanation = pass
    ? `Expected ${call.claim} not to hold, but it does.`
    : failures.map((failure) => describeFailure(context, failure)).join('\n\n');
  return {
    pass,
    message: () => [hint, explanation, timelines(received.analysis, call.state)].filter((part) => part !== '').join('\n\n'),
  };
}

function describeFailure({ utils }: MatcherContext, failure: ExpectationFailure): string {
  return [failure.message, `Expected: ${utils.printExpected(failure.expected)}`, `Received: ${utils.printReceived(failure.actual)}`].join(
    '\n',
  );
}

/** The attempts timeline of the state's visits, or of the visits that retried or failed for an execution matcher. */
function timelines(analysis: ExecutionAnalysis, state: string | undefined): string {
  const visits =
    state === undefined
      ? analysis.visits.filter((visit) => visit.attempts.length > 1 || visit.outcome !== 'succeeded')
      : analysis.visits.filter((visit) => visit.name === state);
  const heading = `Execution ${analysis.status}${analysis.error === undefined ? '' : ` with ${analysis.error}`}`;
  if (visits.length === 0) return heading;
  const shown = visits.slice(0, MAX_TIMELINES).map((visit) => formatTimeline(visit));
  const more = visits.length > shown.length ? [`… ${visits.length - shown.length} more visits`] : [];
  return [`${heading}; timeline:`, ...shown, ...more].join('\n');
}

/** An assertion that cannot be judged because the matcher was called wrongly (not a verdict on the workflow). */
function misuse(context: MatcherContext, name: string, argumentNames: string, problem: string): SyncExpectationResult {
  const isNot = context.isNot === true;
  const hint = context.utils.matcherHint(name, 'execution', argumentNames, { isNot });
  return { pass: isNot, message: () => `${hint}\n\n${problem}` };
}

function checkStateArguments(state: unknown, options: unknown, known: readonly string[]): string | undefined {
  if (typeof state !== 'string' || state === '') return `the state name must be a non-empty string, got ${JSON.stringify(state)}`;
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null) return `options must be an object, got ${JSON.stringify(options)}`;
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    return `unknown option ${unknown.map((key) => JSON.stringify(key)).join(', ')}; the options are ${known.join(', ')}`;
  const visit = (options as StateMatcherOptions).visit;
  if (visit !== undefined && !(Number.isInteger(visit) && visit >= 1))
    return `visit must be a whole number from 1, got ${JSON.stringify(visit)}`;
  return undefined;
}

function stateExpectation(fields: Omit<StateExpectation, 'at'>, options: StateMatcherOptions | undefined): StateExpectation {
  return { ...fields, ...(options?.visit === undefined ? {} : { visit: options.visit }), at: FROM_MATCHER };
}

function onState(state: string, expectation: StateExpectation): ExecutionExpectation {
  return { states: { [state]: expectation }, at: FROM_MATCHER };
}

function visitSuffix(options: StateMatcherOptions | undefined): string {
  return options?.visit === undefined || options.visit === 1 ? '' : ` (visit ${options.visit})`;
}

const toHaveAttempts: MatcherFunction<[state: string, attempts: number, options?: StateMatcherOptions]> = function toHaveAttempts(
  received,
  state,
  attempts,
  options,
) {
  const problem =
    checkStateArguments(state, options, MATCHER_OPTION_NAMES.state) ??
    (Number.isInteger(attempts) && attempts >= 0 ? undefined : `attempts must be a whole number, got ${JSON.stringify(attempts)}`);
  if (problem) return misuse(this, 'toHaveAttempts', 'state, attempts', problem);
  return judge(this, {
    name: 'toHaveAttempts',
    argumentNames: 'state, attempts',
    received,
    state,
    expectation: onState(state, stateExpectation({ attempts }, options)),
    claim: `${JSON.stringify(state)}${visitSuffix(options)} to have ${attempts} attempts`,
  });
};

const toHaveBackoff: MatcherFunction<[state: string, intervals: BackoffExpectation[], options?: BackoffMatcherOptions]> =
  function toHaveBackoff(received, state, intervals, options) {
    const tolerance = options?.tolerance;
    const problem =
      checkStateArguments(state, options, MATCHER_OPTION_NAMES.backoff) ??
      (Array.isArray(intervals) && intervals.every(isBackoffExpectation)
        ? undefined
        : `intervals must be an array of seconds or {min, max} bounds, got ${JSON.stringify(intervals)}`) ??
      (tolerance === undefined || (typeof tolerance === 'number' && tolerance >= 0)
        ? undefined
        : `tolerance must be seconds (>= 0), got ${JSON.stringify(tolerance)}`);
    if (problem) return misuse(this, 'toHaveBackoff', 'state, intervals', problem);
    return judge(this, {
      name: 'toHaveBackoff',
      argumentNames: 'state, intervals',
      received,
      state,
      expectation: onState(state, stateExpectation({ backoff: intervals, ...(tolerance === undefined ? {} : { tolerance }) }, options)),
      claim: `${JSON.stringify(state)}${visitSuffix(options)} to wait ${JSON.stringify(intervals)} seconds between attempts`,
      ...(tolerance === undefined ? {} : { tolerance }),
    });
  };

function isBackoffExpectation(value: unknown): value is BackoffExpectation {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return false;
  const { min, max, ...rest } = value as Record<string, unknown>;
  return Object.keys(rest).length === 0 && (min === undefined || typeof min === 'number') && (max === undefined || typeof max === 'number');
}

const toHaveErrors: MatcherFunction<[state: string, errors: string[], options?: StateMatcherOptions]> = function toHaveErrors(
  received,
  state,
  errors,
  options,
) {
  const problem =
    checkStateArguments(state, options, MATCHER_OPTION_NAMES.state) ??
    (Array.isArray(errors) && errors.every((error) => typeof error === 'string')
      ? undefined
      : `errors must be an array of error names, got ${JSON.stringify(errors)}`);
  if (problem) return misuse(this, 'toHaveErrors', 'state, errors', problem);
  return judge(this, {
    name: 'toHaveErrors',
    argumentNames: 'state, errors',
    received,
    state,
    expectation: onState(state, stateExpectation({ errors }, options)),
    claim: `the failed attempts of ${JSON.stringify(state)}${visitSuffix(options)} to be ${JSON.stringify(errors)}`,
  });
};

const toBeCaughtBy: MatcherFunction<[state: string, destination: string | null, options?: StateMatcherOptions]> = function toBeCaughtBy(
  received,
  state,
  destination,
  options,
) {
  const problem =
    checkStateArguments(state, options, MATCHER_OPTION_NAMES.state) ??
    (destination === null || (typeof destination === 'string' && destination !== '')
      ? undefined
      : `destination must be a state name, or null for "not caught", got ${JSON.stringify(destination)}`);
  if (problem) return misuse(this, 'toBeCaughtBy', 'state, destination', problem);
  return judge(this, {
    name: 'toBeCaughtBy',
    argumentNames: 'state, destination',
    received,
    state,
    expectation: onState(state, stateExpectation({ caughtBy: destination }, options)),
    claim:
      destination === null
        ? `no catcher of ${JSON.stringify(state)}${visitSuffix(options)} to fire`
        : `a catcher of ${JSON.stringify(state)}${visitSuffix(options)} to go to ${JSON.stringify(destination)}`,
  });
};

const EXECUTION_STATUSES: readonly string[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

const toHaveExecutionStatus: MatcherFunction<[status: ExecutionStatus]> = function toHaveExecutionStatus(received, status) {
  if (!EXECUTION_STATUSES.includes(status)) {
    return misuse(
      this,
      'toHaveExecutionStatus',
      'status',
      `status must be one of ${EXECUTION_STATUSES.join(', ')}, got ${JSON.stringify(status)}`,
    );
  }
  return judge(this, {
    name: 'toHaveExecutionStatus',
    argumentNames: 'status',
    received,
    expectation: { status, at: FROM_MATCHER },
    claim: `the execution to end ${status}`,
  });
};

/**
 * The sfn-chaos jest matchers, for `expect.extend(sfnChaosMatchers)` where jest's globals are not injected.
 * Importing `sfn-chaos/jest` registers them on the global `expect` already.
 *
 * @example
 * ```ts
 * import { expect } from '@jest/globals';
 * import { sfnChaosMatchers } from 'sfn-chaos/jest';
 * expect.extend(sfnChaosMatchers);
 * expect(history).toHaveAttempts('Download Exoplanets', 4);
 * ```
 */
export const sfnChaosMatchers = {
  toHaveAttempts,
  toHaveBackoff,
  toHaveErrors,
  toBeCaughtBy,
  toHaveExecutionStatus,
} as const;
