import { formatSeconds as formatAnySeconds } from '../assertions/index.js';
import type { AttemptObservation, StateVisit } from '../assertions/types.js';
import type { BackoffExpectation } from '../scenarios/types.js';
import { escapeHtml } from './htmlEscape.js';

/** Narrowest bar, in % of the axis: a local attempt takes 0 s of virtual time and must still show. */
const MIN_BAR_PERCENT = 1.2;
/** Room kept right of the last attempt for its bar and the catch jump. */
const AXIS_HEADROOM = 1.08;
const EPSILON = 1e-9;

/** What the scenario expected of this visit's waits, to label each gap expected against actual. */
export interface ExpectedBackoff {
  intervals: BackoffExpectation[];
  tolerance: number;
}

/**
 * One state visit as a time axis: each attempt a bar where it ran (red failed, green succeeded), each wait
 * between attempts a labelled gap (`10 s`, and `expected 10 s` when the scenario says), and for a caught
 * visit an arrow to the catcher's destination.
 */
export function renderVisitTimeline(visit: StateVisit, expected: ExpectedBackoff | undefined): string {
  const origin = visit.attempts[0]?.scheduledAt.getTime() ?? visit.enteredAt.getTime();
  const ends = visit.attempts.map((attempt) => (attempt.endedAt ?? attempt.scheduledAt).getTime());
  const spanSeconds = Math.max((Math.max(origin, ...ends) - origin) / 1000, EPSILON);
  const axisSeconds = Number.isFinite(spanSeconds) && spanSeconds > EPSILON ? spanSeconds * AXIS_HEADROOM : 1;
  const percentAt = (time: Date): number => ((time.getTime() - origin) / 1000 / axisSeconds) * 100;

  const bars = visit.attempts.map((attempt) => attemptBar(attempt, percentAt));
  const gaps = visit.attempts.slice(1).map((next, index) => {
    const failed = visit.attempts[index] as AttemptObservation;
    const from = percentAt(failed.endedAt ?? failed.scheduledAt);
    const to = percentAt(next.scheduledAt);
    return gapLabel(visit.backoffIntervals[index] ?? Number.NaN, expected, index, from, to);
  });
  const caught =
    visit.outcome === 'caught'
      ? `<div class="catch-jump" title="a catcher fired">caught ${escapeHtml(visit.error ?? '')} → <span class="catch-destination">${escapeHtml(visit.catchDestination ?? '(next state not in the history)')}</span></div>`
      : '';
  return [
    `<div class="visit" data-state="${escapeHtml(visit.name)}" data-visit="${visit.visit}">`,
    `<div class="visit-title"><span class="state-name">${escapeHtml(visit.name)}</span> ${visitWhere(visit)}<span class="outcome outcome-${visit.outcome}">${outcomeText(visit)}</span></div>`,
    `<div class="track">${bars.join('')}${gaps.join('')}</div>`,
    axis(spanSeconds > EPSILON ? spanSeconds : 0, axisSeconds),
    caught,
    `</div>`,
  ].join('');
}

/** `0 s` at the first attempt and the last attempt's end under its place on the track. */
function axis(spanSeconds: number, axisSeconds: number): string {
  const end =
    spanSeconds > 0
      ? `<span class="axis-end" style="left:${((spanSeconds / axisSeconds) * 100).toFixed(3)}%">${formatSeconds(spanSeconds)}</span>`
      : '';
  return `<div class="axis"><span class="axis-start">0 s</span>${end}</div>`;
}

function attemptBar(attempt: AttemptObservation, percentAt: (time: Date) => number): string {
  const left = clamp(percentAt(attempt.scheduledAt));
  const width = Math.max(clamp(percentAt(attempt.endedAt ?? attempt.scheduledAt)) - left, MIN_BAR_PERCENT);
  const what = attempt.result === 'succeeded' ? 'succeeded' : attempt.result === 'running' ? 'running' : (attempt.error ?? attempt.result);
  return `<div class="attempt-bar attempt-${attempt.result}" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%" title="attempt ${attempt.attempt}: ${escapeHtml(what)}"><span class="attempt-label">#${attempt.attempt} ${escapeHtml(what)}</span></div>`;
}

function gapLabel(actual: number, expected: ExpectedBackoff | undefined, index: number, from: number, to: number): string {
  const wanted = expected?.intervals[index];
  const verdict = wanted === undefined ? '' : backoffMatches(actual, wanted, expected?.tolerance ?? 0) ? ' gap-match' : ' gap-mismatch';
  const expectedLabel = wanted === undefined ? '' : `<span class="gap-expected">expected ${escapeHtml(describeExpected(wanted))}</span>`;
  const left = clamp(from);
  const width = Math.max(clamp(to) - left, 0);
  return `<div class="gap${verdict}" style="left:${left.toFixed(3)}%;width:${width.toFixed(3)}%"><span class="gap-actual">${formatSeconds(actual)}</span>${expectedLabel}</div>`;
}

function backoffMatches(actual: number, expected: BackoffExpectation, tolerance: number): boolean {
  if (Number.isNaN(actual)) return false;
  if (typeof expected === 'number') return Math.abs(actual - expected) <= tolerance + EPSILON;
  if (expected.min !== undefined && actual < expected.min - tolerance - EPSILON) return false;
  if (expected.max !== undefined && actual > expected.max + tolerance + EPSILON) return false;
  return true;
}

function describeExpected(expected: BackoffExpectation): string {
  if (typeof expected === 'number') return formatSeconds(expected);
  if (expected.min !== undefined && expected.max !== undefined) return `${formatSeconds(expected.min)}–${formatSeconds(expected.max)}`;
  if (expected.min !== undefined) return `≥ ${formatSeconds(expected.min)}`;
  if (expected.max !== undefined) return `≤ ${formatSeconds(expected.max)}`;
  return 'any';
}

function visitWhere(visit: StateVisit): string {
  const parts = visit.visit === 1 ? [] : [`visit ${visit.visit}`];
  const enclosing = visit.enclosingState;
  if (enclosing) parts.push(`in ${enclosing.name}${enclosing.iterationIndex === undefined ? '' : ` [${enclosing.iterationIndex}]`}`);
  return parts.length === 0 ? '' : `<span class="visit-where">(${escapeHtml(parts.join(', '))})</span> `;
}

function outcomeText(visit: StateVisit): string {
  const attempts = `${visit.attempts.length} ${visit.attempts.length === 1 ? 'attempt' : 'attempts'}`;
  switch (visit.outcome) {
    case 'succeeded':
      return `${attempts}, succeeded`;
    case 'caught':
      return `${attempts}, caught`;
    case 'running':
      return `${attempts}, still running`;
    case 'failed':
      return escapeHtml(`${attempts}, ${visit.aborted ? 'aborted' : `failed${visit.error === undefined ? '' : ` with ${visit.error}`}`}`);
  }
}

/** `10 s`, `0.25 s`; `? s` when the history lacks the timestamps. */
function formatSeconds(seconds: number): string {
  return formatAnySeconds(seconds, { spaced: true });
}

function clamp(percent: number): number {
  if (!Number.isFinite(percent)) return 0;
  return Math.min(Math.max(percent, 0), 100);
}
