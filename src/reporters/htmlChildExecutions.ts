import { analyzeHistory } from '../assertions/index.js';
import type { ChildExecutionRecord } from '../targets/types.js';
import { escapeHtml } from './htmlEscape.js';
import { renderVisitTimeline } from './htmlTimeline.js';

/** Children drawn with their timelines; the rest are listed one line each. */
const MAX_DRAWN_CHILDREN = 10;
/** Timelines per drawn child. */
const MAX_TIMELINES_PER_CHILD = 5;

/**
 * The HTML report's part for a scenario's nested workflows (`states:startExecution`): each child, its own
 * children after it, as a collapsible block titled with its state machine, status and error, holding the
 * attempts timeline of each of its state visits that ran attempts. Past {@link MAX_DRAWN_CHILDREN} children
 * the rest are a list.
 *
 * @example
 * ```ts
 * renderChildExecutions(execution.childExecutions ?? []).join('\n');
 * // '<div class="children"><details class="child-execution" data-status="FAILED"><summary>child execution … FAILED PaymentDeclined</summary>…'
 * ```
 */
export function renderChildExecutions(children: readonly ChildExecutionRecord[]): string[] {
  const all: ChildExecutionRecord[] = [];
  const collect = (records: readonly ChildExecutionRecord[]): void => {
    for (const child of records) {
      all.push(child);
      collect(child.childExecutions ?? []);
    }
  };
  collect(children);
  if (all.length === 0) return [];
  const drawn = all.slice(0, MAX_DRAWN_CHILDREN).map((child) => {
    const visits = analyzeHistory(child.events).visits.filter((visit) => visit.attempts.length > 0);
    const timelines = visits.slice(0, MAX_TIMELINES_PER_CHILD).map((visit) => renderVisitTimeline(visit, undefined));
    const more = visits.length > timelines.length ? [`<p class="more">… ${visits.length - timelines.length} more state visits</p>`] : [];
    return [
      `<details class="child-execution" data-status="${escapeHtml(child.status)}"${child.status === 'SUCCEEDED' ? '' : ' open'}>`,
      `<summary>${titleOf(child)}</summary>`,
      ...timelines,
      ...more,
      '</details>',
    ].join('\n');
  });
  const listed = all.slice(MAX_DRAWN_CHILDREN).map((child) => `<li>${titleOf(child)}</li>`);
  return ['<div class="children">', ...drawn, ...(listed.length === 0 ? [] : ['<ul class="more-children">', ...listed, '</ul>']), '</div>'];
}

function titleOf(child: ChildExecutionRecord): string {
  const machine = child.stateMachineArn.split(':stateMachine:')[1] ?? child.stateMachineArn;
  const error = child.error === undefined ? '' : ` ${escapeHtml(child.error)}`;
  return `child execution <b>${escapeHtml(child.name)}</b> (${escapeHtml(machine)}): <b class="child-status">${escapeHtml(child.status)}</b>${error}`;
}
