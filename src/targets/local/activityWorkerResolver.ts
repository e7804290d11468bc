import type { LocalActivityWorker, LocalActivityWorkerResolver } from '../../engine/index.js';
import type { ActivityWorkerSpec } from '../../scenarios/types.js';

/**
 * The engine's worker for an activity attempt: the first `activities:` entry whose activity, state,
 * visit and attempt (those given) match it.
 *
 * @example
 * activityWorkerResolverFor([{ activity: 'review', answer: { kind: 'success', output: {} }, at }])
 *   ({ stateName: 'Review', activityArn, activityName: 'review', visit: 1, attempt: 1 });
 * // { answer: { kind: 'success', output: {} } }
 */
export function activityWorkerResolverFor(specs: readonly ActivityWorkerSpec[]): LocalActivityWorkerResolver {
  return ({ stateName, activityName, visit, attempt }) => {
    const spec = specs.find(
      (candidate) =>
        (candidate.activity ?? activityName) === activityName &&
        (candidate.state ?? stateName) === stateName &&
        (candidate.visit ?? visit) === visit &&
        (candidate.attempt ?? attempt) === attempt,
    );
    if (!spec) return undefined;
    const worker: LocalActivityWorker = {};
    if (spec.pollsAfter === 'never') worker.neverPolls = true;
    else if (spec.pollsAfter !== undefined) worker.pollsAfterSeconds = spec.pollsAfter;
    if (spec.workerName !== undefined) worker.workerName = spec.workerName;
    if (spec.after !== undefined) worker.afterSeconds = spec.after;
    if (spec.answer !== undefined) worker.answer = spec.answer;
    if (spec.heartbeat !== undefined) worker.heartbeatEverySeconds = spec.heartbeat;
    if (spec.heartbeatStopsAfter !== undefined) worker.heartbeatStopsAfterSeconds = spec.heartbeatStopsAfter;
    if (spec.scheduleFailure !== undefined) worker.scheduleFailure = spec.scheduleFailure;
    if (spec.doesNotExist === true) worker.doesNotExist = true;
    return worker;
  };
}
