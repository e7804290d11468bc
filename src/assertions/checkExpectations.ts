import { isDeepStrictEqual } from 'node:util';
import type { BackoffExpectation, ExecutionExpectation, StateExpectation } from '../scenarios/types.js';
import { checkMapRunExpectation } from './checkMapRunExpectation.js';
import { findPartialMismatch } from './partialMatch.js';
import type { AttemptObservation, ExecutionAnalysis, ExpectationFailure, MapRunObservation, StateVisit } from './types.js';
import { countOf, formatSeconds, formatValue, statePath } from './wording.js';

export interface CheckExpectationsOptions {
  /**
   * Allowed deviation in seconds for exact backoff values when the state expectation sets no `tolerance`,
   * and slack added to `{min, max}` bounds. Default 1 (real AWS); pass 0.001 for the local engine's
   * virtual clock.
   */
  defaultTolerance?: number;
  /** The execution's Map Runs, which `mapRun:` expectations are checked against; absent: those are not checkable. */
  mapRuns?: readonly MapRunObservation[];
}

const DEFAULT_TOLERANCE_SECONDS = 1;
/** Absorbs floating-point noise in millisecond arithmetic. */
const EPSILON = 1e-9;

/**
 * Compares what an execution did ({@link analyzeHistory}) with what the scenario expects, and returns one
 * {@link ExpectationFailure} per expectation that does not hold (an empty array means the scenario passed).
 *
 * Paths name the expectation (`status`, `states["Download Exoplanets"].backoff[1]`); messages are single
 * lines in Step Functions vocabulary, naming the history events behind the observed value. A state that was
 * never entered gives a single failure. When the history lacks events (`analysis.missingEventIds`), each
 * state expectation gives one failure saying it is not checkable. The `at` fields (source locations) are
 * not compared.
 *
 * @example
 * ```ts
 * const failures = checkExpectations(analyzeHistory(events), {
 *   status: 'SUCCEEDED',
 *   states: {
 *     'Download Exoplanets': { attempts: 4, backoff: [10, 20, 40], errors: ['HTTPError', 'HTTPError', 'HTTPError', 'HTTPError'], caughtBy: 'ErrorState', at },
 *   },
 *   at,
 * });
 * for (const failure of failures) console.log(failure.message);
 * // states["Download Exoplanets"]: expected 4 attempts, saw 3 (LambdaFunctionScheduled ids 3, 6, 9)
 * ```
 */
export function checkExpectations(
  analysis: ExecutionAnalysis,
  expect: ExecutionExpectation,
  options: CheckExpectationsOptions = {},
): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  checkExecution(analysis, expect, failures);
  const defaultTolerance = options.defaultTolerance ?? DEFAULT_TOLERANCE_SECONDS;
  for (const [name, expectation] of Object.entries(expect.states ?? {})) {
    if (analysis.missingEventIds !== undefined && analysis.missingEventIds.length > 0) {
      failures.push(notCheckable(name, expectation, analysis.missingEventIds));
    } else {
      checkState(analysis, name, expectation, defaultTolerance, failures, options.mapRuns);
    }
  }
  return failures;
}

/**
 * A history with events missing below its last one (an Express execution's CloudWatch Logs are
 * best-effort) cannot say what any state did: a missing `…Scheduled` shifts a wait, a missing attempt or
 * `…StateEntered` disappears. Such a state expectation is reported as not checkable, neither passed nor
 * judged on invented numbers. The execution's status, error, cause and output come from its terminal
 * event and are still checked.
 */
function notCheckable(name: string, expectation: StateExpectation, missingEventIds: readonly number[]): ExpectationFailure {
  const label = statePath(name);
  const { at: _at, ...expected } = expectation;
  return {
    path: label,
    expected,
    actual: { missingEventIds: [...missingEventIds] },
    message: `${label}: not checkable, the history is incomplete (missing event ids ${describeIds(missingEventIds)}), so what the state did is unknown; run the scenario again`,
    notCheckable: true,
  };
}

/** `6-8, 11` (runs of consecutive ids joined; long lists cut after 20 runs). */
function describeIds(ids: readonly number[]): string {
  const runs: string[] = [];
  for (let index = 0; index < ids.length; ) {
    let end = index;
    while (end + 1 < ids.length && ids[end + 1] === (ids[end] as number) + 1) end += 1;
    runs.push(end === index ? String(ids[index]) : `${ids[index]}-${ids[end]}`);
    index = end + 1;
  }
  return runs.length > 20 ? `${runs.slice(0, 20).join(', ')}, …` : runs.join(', ');
}

// ---- execution ----------------------------------------------------------------------------------------

function checkExecution(analysis: ExecutionAnalysis, expect: ExecutionExpectation, failures: ExpectationFailure[]): void {
  const seenStatus = describeStatus(analysis);
  if (expect.status !== undefined && analysis.status !== expect.status) {
    failures.push({
      path: 'status',
      expected: expect.status,
      actual: analysis.status,
      message: `execution: expected status ${expect.status}, saw ${seenStatus}`,
    });
  }
  if (expect.error !== undefined && analysis.error !== expect.error) {
    failures.push({
      path: 'error',
      expected: expect.error,
      actual: analysis.error,
      message:
        analysis.error === undefined
          ? `execution: expected error ${expect.error}, saw no error (${seenStatus})`
          : `execution: expected error ${expect.error}, saw ${analysis.error}`,
    });
  }
  if (expect.cause !== undefined && !causesEqual(analysis.cause, expect.cause)) {
    failures.push({
      path: 'cause',
      expected: expect.cause,
      actual: analysis.cause,
      message:
        analysis.cause === undefined
          ? `execution: expected cause ${formatValue(expect.cause)}, saw no cause (${seenStatus})`
          : `execution: expected cause ${formatValue(expect.cause)}, saw ${formatValue(analysis.cause)}`,
    });
  }
  if ('output' in expect && expect.output !== undefined && !isDeepStrictEqual(analysis.output, expect.output)) {
    failures.push({
      path: 'output',
      expected: expect.output,
      actual: analysis.output,
      message:
        analysis.output === undefined
          ? `execution: expected output ${formatValue(expect.output)}, saw no output (${seenStatus})`
          : `execution: expected output ${formatValue(expect.output)}, saw ${formatValue(analysis.output)}`,
    });
  }
  if (expect.outputIncludes !== undefined) {
    const mismatch = findPartialMismatch(analysis.output, expect.outputIncludes);
    if (mismatch) {
      const where = `output${mismatch.path}`;
      const seen =
        analysis.output === undefined
          ? `saw no output (${seenStatus})`
          : mismatch.actual === undefined
            ? `${where} is missing`
            : `${where} is ${formatValue(mismatch.actual)}${mismatch.path === '' ? '' : ` (expected ${formatValue(mismatch.expected)})`}`;
      failures.push({
        path: 'outputIncludes',
        expected: expect.outputIncludes,
        actual: analysis.output,
        message: `execution: expected output to include ${formatValue(expect.outputIncludes)}, but ${seen}`,
      });
    }
  }
}

function describeStatus(analysis: ExecutionAnalysis): string {
  if (analysis.status === 'RUNNING') return 'RUNNING (the history has no ExecutionSucceeded/Failed/TimedOut/Aborted event)';
  return analysis.error === undefined ? analysis.status : `${analysis.status} with ${analysis.error}`;
}

/** Lambda causes are JSON whose spacing differs between AWS and local runs: compare them parsed. */
function causesEqual(actual: string | undefined, expected: string): boolean {
  if (actual === expected) return true;
  if (actual === undefined) return false;
  try {
    return isDeepStrictEqual(JSON.parse(actual), JSON.parse(expected));
  } catch {
    return false;
  }
}

// ---- states -------------------------------------------------------------------------------------------

function checkState(
  analysis: ExecutionAnalysis,
  name: string,
  expectation: StateExpectation,
  defaultTolerance: number,
  failures: ExpectationFailure[],
  mapRuns: readonly MapRunObservation[] | undefined,
): void {
  const label = statePath(name);
  const visits = analysis.visits.filter((visit) => visit.name === name);

  if (expectation.entered === false) {
    if (visits.length > 0) {
      failures.push({
        path: `${label}.entered`,
        expected: false,
        actual: true,
        message: `${label}: expected never to be entered, but it was entered ${countOf(visits.length, 'time')} (${enteredEvents(visits)})`,
      });
    }
    return;
  }
  if (visits.length === 0) {
    failures.push({
      path: expectation.entered === true ? `${label}.entered` : label,
      expected: true,
      actual: false,
      message: `${label}: never entered (no …StateEntered event named ${JSON.stringify(name)}); ${describeEnteredStates(analysis)}`,
    });
    return;
  }
  const visitNumber = expectation.visit ?? 1;
  const visit = visits.find((candidate) => candidate.visit === visitNumber);
  if (!visit) {
    failures.push({
      path: `${label}.visit`,
      expected: visitNumber,
      actual: visits.length,
      message: `${label}: expected a visit ${visitNumber}, but the state was entered only ${countOf(visits.length, 'time')} (${enteredEvents(visits)})`,
    });
    return;
  }

  const subject = visitNumber === 1 ? label : `${label} (visit ${visitNumber})`;
  const context = { analysis, visit, label, subject, failures };
  const firstOwnFailure = failures.length;
  if (expectation.attempts !== undefined) checkAttempts(context, expectation.attempts);
  if (expectation.backoff !== undefined) {
    checkBackoff(context, expectation.backoff, expectation.tolerance ?? defaultTolerance);
  }
  if (expectation.errors !== undefined) checkErrors(context, expectation.errors);
  if (expectation.caughtBy !== undefined) checkCaughtBy(context, expectation.caughtBy);
  if (expectation.outcome !== undefined && visit.outcome !== expectation.outcome) {
    failures.push({
      path: `${label}.outcome`,
      expected: expectation.outcome,
      actual: visit.outcome,
      message: `${subject}: expected outcome ${expectation.outcome}, saw ${visit.outcome}: ${describeOutcome(visit, analysis)}`,
    });
  }
  if (expectation.mapRun !== undefined) failures.push(...checkMapRunExpectation(visit, label, subject, expectation.mapRun, mapRuns));
  if (expectation.fromPlan !== undefined) {
    // Numbers computed from the definition's rules: say so, or the user looks for them in the scenario file.
    const source = ` (expected from the retry plan for ${expectation.fromPlan.errorName})`;
    for (const failure of failures.slice(firstOwnFailure)) failure.message += source;
  }
}

interface StateContext {
  analysis: ExecutionAnalysis;
  visit: StateVisit;
  /** Expectation path of the state. */
  label: string;
  /** The state as named in messages, with the visit number when it is not 1. */
  subject: string;
  failures: ExpectationFailure[];
}

function checkAttempts({ visit, label, subject, failures }: StateContext, expected: number): void {
  const seen = visit.attempts.length;
  if (seen === expected) return;
  failures.push({
    path: `${label}.attempts`,
    expected,
    actual: seen,
    message: `${subject}: expected ${countOf(expected, 'attempt')}, saw ${seen} (${attemptStartEvents(visit)})`,
  });
}

function checkBackoff({ visit, label, subject, failures }: StateContext, expected: BackoffExpectation[], tolerance: number): void {
  const seen = visit.backoffIntervals;
  const compared = Math.min(expected.length, seen.length);
  for (let index = 0; index < compared; index++) {
    const wanted = expected[index] as BackoffExpectation;
    const wait = seen[index] as number;
    const path = `${label}.backoff[${index}]`;
    const before = `before attempt ${index + 2}`;
    if (Number.isNaN(wait)) {
      failures.push({
        path,
        expected: wanted,
        actual: wait,
        message: `${subject}: expected a wait of ${describeBackoff(wanted, tolerance)} ${before}, but the history lacks the failure event or timestamps of attempt ${index + 1}, so the wait is unknown`,
      });
    } else if (!backoffMatches(wait, wanted, tolerance)) {
      failures.push({
        path,
        expected: wanted,
        actual: wait,
        message: `${subject}: expected a wait of ${describeBackoff(wanted, tolerance)} ${before}, saw ${formatSeconds(wait)} (${gapEvents(visit, index)})`,
      });
    }
  }
  if (expected.length !== seen.length) {
    failures.push({
      path: `${label}.backoff`,
      expected,
      actual: seen,
      message: `${subject}: expected ${countOf(expected.length, 'wait')} between attempts, saw ${seen.length}${seen.length > 0 ? ` (${seen.map((wait) => formatSeconds(wait)).join(', ')})` : ''} across ${countOf(visit.attempts.length, 'attempt')}`,
    });
  }
}

function backoffMatches(wait: number, expected: BackoffExpectation, tolerance: number): boolean {
  if (typeof expected === 'number') return Math.abs(wait - expected) <= tolerance + EPSILON;
  if (typeof expected !== 'object' || expected === null) return false;
  if (typeof expected.min === 'number' && wait < expected.min - tolerance - EPSILON) return false;
  if (typeof expected.max === 'number' && wait > expected.max + tolerance + EPSILON) return false;
  return true;
}

function describeBackoff(expected: BackoffExpectation, tolerance: number): string {
  const slack = `±${formatSeconds(tolerance)}`;
  if (typeof expected === 'number') return `${formatSeconds(expected)} (${slack})`;
  const min = typeof expected?.min === 'number' ? expected.min : undefined;
  const max = typeof expected?.max === 'number' ? expected.max : undefined;
  if (min !== undefined && max !== undefined) return `between ${formatSeconds(min)} and ${formatSeconds(max)} (${slack})`;
  if (min !== undefined) return `at least ${formatSeconds(min)} (${slack})`;
  if (max !== undefined) return `at most ${formatSeconds(max)} (${slack})`;
  return `any length`;
}

function checkErrors({ visit, label, subject, failures }: StateContext, expected: string[]): void {
  const failed = visit.attempts.filter((attempt) => attempt.result === 'failed' || attempt.result === 'timedOut');
  const compared = Math.min(expected.length, failed.length);
  for (let index = 0; index < compared; index++) {
    const wanted = expected[index] as string;
    const attempt = failed[index] as AttemptObservation;
    if (attempt.error === wanted) continue;
    const path = `${label}.errors[${index}]`;
    failures.push({
      path,
      expected: wanted,
      actual: attempt.error,
      message:
        attempt.error === undefined
          ? `${subject}: expected attempt ${attempt.attempt} to fail with ${wanted}, but the history does not record its error (${attemptEvents(attempt)})`
          : `${subject}: expected attempt ${attempt.attempt} to fail with ${wanted}, saw ${attempt.error} (${attemptEvents(attempt)})`,
    });
  }
  if (expected.length !== failed.length) {
    const seenErrors = failed.map((attempt) => attempt.error ?? '(not recorded)');
    failures.push({
      path: `${label}.errors`,
      expected,
      actual: failed.map((attempt) => attempt.error),
      message: `${subject}: expected ${countOf(expected.length, 'failed attempt')}${expected.length > 0 ? ` (${expected.join(', ')})` : ''}, saw ${failed.length}${failed.length > 0 ? ` (${seenErrors.join(', ')})` : ''} of ${countOf(visit.attempts.length, 'attempt')}`,
    });
  }
}

function checkCaughtBy({ analysis, visit, label, subject, failures }: StateContext, expected: string | null): void {
  const path = `${label}.caughtBy`;
  const caught = visit.outcome === 'caught';
  const actual = caught ? (visit.catchDestination ?? null) : null;
  if (expected === null) {
    if (!caught) return;
    failures.push({
      path,
      expected,
      actual,
      message: `${subject}: expected no catcher to fire, but ${describeOutcome(visit, analysis)}`,
    });
    return;
  }
  if (!caught) {
    failures.push({
      path,
      expected,
      actual,
      message: `${subject}: expected a catcher to send the error to ${expected}, but ${describeOutcome(visit, analysis)}`,
    });
  } else if (visit.catchDestination !== expected) {
    failures.push({
      path,
      expected,
      actual,
      message:
        visit.catchDestination === undefined
          ? `${subject}: expected the catcher to go to ${expected}, but the history ends before the next state is entered`
          : `${subject}: expected the catcher to go to ${expected}, saw ${errorPhrase(visit)} caught → ${visit.catchDestination}`,
    });
  }
}

// ---- wording ------------------------------------------------------------------------------------------

function errorPhrase(visit: StateVisit): string {
  return visit.error === undefined ? 'the error' : visit.error;
}

function describeOutcome(visit: StateVisit, analysis: ExecutionAnalysis): string {
  switch (visit.outcome) {
    case 'succeeded':
      return `the state succeeded after ${countOf(visit.attempts.length, 'attempt')}`;
    case 'caught':
      return `${errorPhrase(visit)} was caught → ${visit.catchDestination ?? '(next state not in the history)'}`;
    case 'running':
      return 'the state was still running when the history ends';
    case 'failed': {
      if (visit.aborted) return 'the state was aborted';
      const ending = visit.enclosingState
        ? `its ${visit.enclosingState.iterationIndex === undefined ? 'Parallel branch' : 'Map iteration'} failed`
        : `execution ${analysis.status}`;
      return `${errorPhrase(visit)} left the state uncaught (${ending})`;
    }
  }
}

function describeEnteredStates(analysis: ExecutionAnalysis): string {
  const names = [...new Set(analysis.visits.map((visit) => visit.name))];
  if (names.length === 0) return 'the history has no …StateEntered event at all';
  const shown = names.slice(0, 12).map((name) => JSON.stringify(name));
  return `states entered: ${shown.join(', ')}${names.length > shown.length ? `, … (${names.length} in all)` : ''}`;
}

function enteredEvents(visits: StateVisit[]): string {
  return groupIds(visits.map((visit) => ({ type: visit.enteredEventType, id: visit.enteredEventId })));
}

function attemptStartEvents(visit: StateVisit): string {
  if (visit.attempts.length === 0) {
    const starts: Record<string, string> = {
      MapStateEntered: 'MapStateStarted',
      ParallelStateEntered: 'ParallelStateStarted',
      TaskStateEntered: 'TaskScheduled/LambdaFunctionScheduled/ActivityScheduled',
    };
    const start = (Object.hasOwn(starts, visit.enteredEventType) ? starts[visit.enteredEventType] : undefined) ?? '…Scheduled';
    return `no ${start} event after ${visit.enteredEventType} id ${visit.enteredEventId}`;
  }
  return groupIds(visit.attempts.map((attempt) => ({ type: attempt.scheduledEventType ?? 'event', id: attempt.scheduledEventId })));
}

function attemptEvents(attempt: AttemptObservation): string {
  if (attempt.endedEventId !== undefined) return `${attempt.endedEventType ?? 'event'} id ${attempt.endedEventId}`;
  return `attempt started by ${attempt.scheduledEventType ?? 'event'} id ${attempt.scheduledEventId}`;
}

/** The events between which a wait was measured, e.g. `LambdaFunctionFailed id 5 → LambdaFunctionScheduled id 6`. */
function gapEvents(visit: StateVisit, index: number): string {
  const failed = visit.attempts[index];
  const next = visit.attempts[index + 1];
  if (!failed || !next) return 'attempts not found';
  const from =
    failed.endedEventId !== undefined
      ? `${failed.endedEventType ?? 'event'} id ${failed.endedEventId}`
      : `last event of attempt ${failed.attempt}`;
  return `${from} → ${next.scheduledEventType ?? 'event'} id ${next.scheduledEventId}`;
}

/** `TaskScheduled ids 3, 6, 9` (grouped by type when they differ). */
function groupIds(events: { type: string; id: number }[]): string {
  const groups = new Map<string, number[]>();
  for (const { type, id } of events) groups.set(type, [...(groups.get(type) ?? []), id]);
  return [...groups].map(([type, ids]) => `${type} ${ids.length === 1 ? 'id' : 'ids'} ${ids.join(', ')}`).join('; ');
}
