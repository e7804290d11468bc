import { isValidDate } from './historyEvents.js';
import type { AttemptObservation, StateVisit } from './types.js';
import { countOf, formatSeconds } from './wording.js';

/** Width of the `t+…` column, so that results line up for waits up to hours. */
const TIME_COLUMN_WIDTH = 9;

/**
 * Renders one state visit as a compact text timeline, for failure messages and the console: a header with
 * the attempt count and outcome, then one line per attempt (start time relative to the state's entry,
 * result or error name) with the wait before each retry in between. No trailing newline.
 *
 * @example
 * ```ts
 * const visit = analyzeHistory(events).visits.find((candidate) => candidate.name === 'Download Exoplanets');
 * if (visit) console.log(formatTimeline(visit));
 * // Download Exoplanets (visit 1): 4 attempts, caught → ErrorState
 * //   #1 t+0s      HTTPError
 * //      wait 10s
 * //   #2 t+10s     HTTPError
 * //      wait 20s
 * //   #3 t+30s     HTTPError
 * //      wait 40s
 * //   #4 t+70s     HTTPError
 * ```
 */
export function formatTimeline(visit: StateVisit): string {
  const lines = [header(visit)];
  const origin = timelineOrigin(visit);
  visit.attempts.forEach((attempt, index) => {
    if (index > 0) lines.push(`     wait ${formatSeconds(visit.backoffIntervals[index - 1] ?? Number.NaN)}`);
    const time = `t+${offsetSeconds(attempt.scheduledAt, origin)}`;
    lines.push(`  #${attempt.attempt} ${time.padEnd(TIME_COLUMN_WIDTH)} ${attemptResult(attempt)}`);
  });
  return lines.join('\n');
}

function header(visit: StateVisit): string {
  const where = [`visit ${visit.visit}`];
  const enclosing = visit.enclosingState;
  if (enclosing) {
    const iteration = enclosing.iterationIndex === undefined ? '' : `, iteration ${enclosing.iterationIndex}`;
    where.push(`in ${enclosing.name} run ${enclosing.attempt}${iteration}`);
  }
  const parts = visit.attempts.length > 0 ? [countOf(visit.attempts.length, 'attempt'), outcomePhrase(visit)] : [outcomePhrase(visit)];
  return `${visit.name} (${where.join(', ')}): ${parts.join(', ')}`;
}

function outcomePhrase(visit: StateVisit): string {
  switch (visit.outcome) {
    case 'succeeded':
      return 'succeeded';
    case 'caught':
      return `caught → ${visit.catchDestination ?? '(next state not in the history)'}`;
    case 'running':
      return 'still running';
    case 'failed':
      if (visit.aborted) return 'aborted';
      return visit.error === undefined ? 'failed (uncaught)' : `failed with ${visit.error} (uncaught)`;
  }
}

function attemptResult(attempt: AttemptObservation): string {
  switch (attempt.result) {
    case 'succeeded':
      return 'succeeded';
    case 'running':
      return 'running';
    case 'timedOut':
      return `${attempt.error ?? 'States.Timeout'} (timed out)`;
    case 'failed':
      return attempt.error ?? 'failed (error not recorded)';
  }
}

/** Times are relative to the state's entry, or to the first attempt when the entry has no timestamp. */
function timelineOrigin(visit: StateVisit): Date | undefined {
  if (isValidDate(visit.enteredAt)) return visit.enteredAt;
  const first = visit.attempts[0]?.scheduledAt;
  return isValidDate(first) ? first : undefined;
}

function offsetSeconds(at: Date, origin: Date | undefined): string {
  if (!origin || !isValidDate(at)) return '?';
  return formatSeconds((at.getTime() - origin.getTime()) / 1000);
}
