import { IntegrationPattern, serviceTaskResourceOf, StatesErrorName } from '../engine/index.js';
import type { ServiceStandInSpec } from '../scenarios/types.js';
import type { FailingState } from './types.js';

/** Stand-ins for service calls, by Task name or service call, first layer first (a scenario's, then its state machine's). */
export type StandInLayers = readonly (Readonly<Record<string, ServiceStandInSpec>> | undefined)[];

/** A Task with the run-a-job pattern (`.sync`, `.sync:2`): a nested workflow (`states:startExecution`) or another service's job. */
export interface SyncTask {
  kind: 'childExecution' | 'job';
  /** `states:startExecution`, `ecs:runTask`, …: how stand-ins name the call. */
  serviceAction: string;
}

/**
 * The `.sync` / `.sync:2` Task a state is, if it is one.
 *
 * @example
 * ```ts
 * syncTaskOf(state); // { kind: 'childExecution', serviceAction: 'states:startExecution' } for Resource arn:aws:states:::states:startExecution.sync:2
 * ```
 */
export function syncTaskOf(state: FailingState): SyncTask | undefined {
  if (state.type !== 'Task') return undefined;
  const resource = serviceTaskResourceOf(state.state['Resource']);
  if (resource === undefined || resource.pattern !== IntegrationPattern.RunJob) return undefined;
  return { kind: resource.serviceAction === 'states:startExecution' ? 'childExecution' : 'job', serviceAction: resource.serviceAction };
}

/**
 * The errors a `.sync` Task's own work can fail it with, beyond what its rules name: `States.TaskFailed`
 * for a child execution that does not succeed (whatever the child's error: AWS reports any child failure,
 * its timeout included, as `States.TaskFailed`), and for a job the error its failing `job` stand-in names
 * (`States.TaskFailed` by default, as the engine reports a failed job). Empty for other states.
 *
 * @example
 * ```ts
 * syncTaskFailureNames(chargePayment); // ['States.TaskFailed']
 * syncTaskFailureNames(runContainer, [{ 'ecs:runTask': { kind: 'job', seconds: 5, ending: { kind: 'failed', error: 'ECS.Stopped' }, at } }]);
 * // ['ECS.Stopped']
 * ```
 */
export function syncTaskFailureNames(state: FailingState, standIns: StandInLayers = []): string[] {
  const task = syncTaskOf(state);
  if (task === undefined) return [];
  if (task.kind === 'childExecution') return [StatesErrorName.TaskFailed];
  const ending = jobStandInOf(state, task, standIns)?.ending;
  return [ending?.kind === 'failed' && ending.error !== undefined ? ending.error : StatesErrorName.TaskFailed];
}

/** The `job` stand-in the local target would use for a `.sync` Task (by Task name first, then by service call), if any. */
export function jobStandInOf(
  state: FailingState,
  task: SyncTask,
  standIns: StandInLayers,
): Extract<ServiceStandInSpec, { kind: 'job' }> | undefined {
  for (const key of [state.name, task.serviceAction]) {
    for (const layer of standIns) {
      const spec = layer !== undefined && Object.hasOwn(layer, key) ? layer[key] : undefined;
      if (spec !== undefined) return spec.kind === 'job' ? spec : undefined;
    }
  }
  return undefined;
}

/**
 * Caveats for one row of a `.sync` Task's plan: how a child execution's failure reaches the Task, and that
 * a name of the child's own errors never does.
 *
 * @example
 * ```ts
 * syncTaskNotes(chargePayment, 'PaymentDeclined');
 * // ["a child execution's own errors reach this Task as States.TaskFailed (the child's error is only in the cause), so PaymentDeclined matches only an error of the StartExecution call itself"]
 * ```
 */
export function syncTaskNotes(state: FailingState, errorName: string): string[] {
  const task = syncTaskOf(state);
  if (task?.kind !== 'childExecution') {
    if (task?.kind === 'job' && errorName === StatesErrorName.TaskFailed) {
      return ['a failed job fails this Task with States.TaskFailed unless its stand-in names another error'];
    }
    return [];
  }
  if (errorName === StatesErrorName.TaskFailed) {
    return ['the child execution failed, timed out or was aborted: AWS reports any of these to this Task as States.TaskFailed'];
  }
  if (errorName === StatesErrorName.Timeout) {
    return [
      "this Task's own TimeoutSeconds ran out while the child ran (the child is then stopped); the child's own timeout reaches this Task as States.TaskFailed",
    ];
  }
  if (!errorName.startsWith('States.') && !errorName.startsWith('StepFunctions.')) {
    return [
      `a child execution's own errors reach this Task as States.TaskFailed (the child's error is only in the cause), so ${errorName} matches only an error of the StartExecution call itself`,
    ];
  }
  return [];
}
