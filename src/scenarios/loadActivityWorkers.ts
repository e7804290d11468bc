import { activityResourceOf } from '../engine/index.js';
import { InvalidInputError } from '../errors.js';
import type { LoadContext } from './loadContext.js';
import { collectStates } from '../sources/loadDefinition.js';
import { didYouMean, listNames } from '../sources/loadErrors.js';
import { assertJsonValue } from './loadServiceStandIns.js';
import type { RawActivityWorker } from './rawScenarioFile.js';
import type { ActivityWorkerSpec } from './types.js';

/**
 * A scenario's `activities:`: the scripted workers of the state machine's activity Tasks (Resource
 * `arn:aws:states:REGION:ACCOUNT:activity:NAME`): when they poll, heartbeat and answer.
 */

type Path = (string | number)[];

/** A Task whose Resource is an activity ARN. */
export interface ActivityTask {
  stateName: string;
  activityName: string;
}

/**
 * The activity Tasks of a definition, nested ones included.
 *
 * @example
 * activityTasksOf({ StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:us-east-1:1:activity:review', End: true } } });
 * // [{ stateName: 'A', activityName: 'review' }]
 */
export function activityTasksOf(definition: unknown): ActivityTask[] {
  const tasks: ActivityTask[] = [];
  for (const { name, state } of collectStates(definition)) {
    if (state['Type'] !== 'Task') continue;
    const activity = activityResourceOf(state['Resource']);
    if (activity) tasks.push({ stateName: name, activityName: activity.name });
  }
  return tasks;
}

/** Reads `activities:`; every `activity:` and `state:` must name an activity (Task) of the state machine. */
export function loadActivityWorkers(
  context: LoadContext,
  path: Path,
  raw: readonly RawActivityWorker[],
  definition: unknown,
  stateMachine: string,
): ActivityWorkerSpec[] {
  const tasks = activityTasksOf(definition);
  const names = [...new Set(tasks.map((task) => task.activityName))];
  const taskNames = tasks.map((task) => task.stateName);
  const none = `; ${stateMachine} has no activity Task`;
  return raw.map((entry, index) => {
    const entryPath = [...path, index];
    if (entry.activity === undefined && entry.state === undefined) {
      throw new InvalidInputError('a worker names the activity: it serves, or the activity Task (state:)', context.at(entryPath));
    }
    if (entry.activity !== undefined && !names.includes(entry.activity)) {
      const hint = names.length > 0 ? `${didYouMean(entry.activity, names)}; its activities: ${listNames(names)}` : none;
      throw new InvalidInputError(
        `activity ${JSON.stringify(entry.activity)} is not run by ${stateMachine}${hint}`,
        context.at([...entryPath, 'activity']),
      );
    }
    if (entry.state !== undefined && !taskNames.includes(entry.state)) {
      const hint = taskNames.length > 0 ? `${didYouMean(entry.state, taskNames)}; its activity Tasks: ${listNames(taskNames)}` : none;
      throw new InvalidInputError(
        `state ${JSON.stringify(entry.state)} is not an activity Task of ${stateMachine}${hint}`,
        context.at([...entryPath, 'state']),
      );
    }
    const answers = (['success', 'failure', 'scheduleFailure'] as const).filter((field) => entry[field] !== undefined);
    if (answers.length > 1) {
      throw new InvalidInputError(
        `a worker ends an attempt one way: keep one of ${answers.map((field) => `${field}:`).join(', ')}`,
        context.at([...entryPath, answers[1] as string], 'key'),
      );
    }
    if (entry.after !== undefined && entry.success === undefined && entry.failure === undefined) {
      throw new InvalidInputError(
        'after: says when the answer comes; add success: or failure:, or drop after:',
        context.at([...entryPath, 'after'], 'key'),
      );
    }
    if (entry.heartbeatStopsAfter !== undefined && entry.heartbeat === undefined) {
      throw new InvalidInputError('heartbeatStopsAfter: goes with heartbeat:', context.at([...entryPath, 'heartbeatStopsAfter'], 'key'));
    }
    if (entry.success !== undefined) assertJsonValue(context, entry.success, [...entryPath, 'success']);
    const spec: ActivityWorkerSpec = { at: context.at(entryPath) };
    for (const field of [
      'activity',
      'state',
      'visit',
      'attempt',
      'pollsAfter',
      'workerName',
      'after',
      'heartbeat',
      'heartbeatStopsAfter',
      'doesNotExist',
    ] as const) {
      if (entry[field] !== undefined) Object.assign(spec, { [field]: entry[field] });
    }
    if (entry.scheduleFailure !== undefined) spec.scheduleFailure = { ...entry.scheduleFailure };
    if (entry.success !== undefined) spec.answer = { kind: 'success', output: entry.success };
    if (entry.failure !== undefined) spec.answer = { kind: 'failure', ...entry.failure };
    return spec;
  });
}
