import { InvalidInputError } from '../errors.js';
import { serviceFaultErrorName } from '../engine/index.js';
import type { FaultKind } from '../injectors/types.js';
import { didYouMean, listNames } from '../sources/loadErrors.js';
import type { LoadContext } from './loadContext.js';
import { serviceActionOfKey } from './loadServiceStandIns.js';
import type { RawFault } from './rawScenarioFile.js';
import { faultableServiceTasks, targetsServiceCall, type FaultableServiceTask } from './serviceFaultTargets.js';
import type { ServiceFaultTarget } from './types.js';

type Path = (string | number)[];

/** What the target is checked against of each of the file's state machines (loadScenario.ts's LoadedStateMachine). */
interface LoadedStateMachine {
  spec: { key: string; definition: unknown };
  stateNames: readonly string[];
}

/** A Task fault's target and, for a nested workflow's Task, the `stateMachines:` key it lives in. */
export interface LoadedTaskFaultTarget {
  task: ServiceFaultTarget;
  stateMachine?: string;
}

/**
 * A fault's `state:`, `service:` or `activity:`: it must name Tasks a fault can break (a service call
 * through a stand-in, a nested workflow, an activity) and be one such a Task can suffer: a throttle the
 * error table knows (serviceErrors.ts), a `timeout: true` a TimeoutSeconds will end.
 *
 * Which state machine: `stateMachine:` when given; else the scenario's own when it has such a Task
 * (its Distributed Map children included), else the one other entry of `stateMachines:` that has, whose
 * child executions the fault then reaches. A Task name several other entries share needs `stateMachine:`.
 *
 * @example
 * loadTaskFaultTarget(context, path, { state: 'Record payment', throttle: true }, 'throttle', 'orders', machines);
 * // { task: { state: 'Record payment' }, stateMachine: 'payment' }
 */
export function loadTaskFaultTarget(
  context: LoadContext,
  path: Path,
  raw: RawFault,
  kind: FaultKind,
  machineKey: string,
  machines: ReadonlyMap<string, LoadedStateMachine>,
): LoadedTaskFaultTarget {
  const target: ServiceFaultTarget =
    raw.state !== undefined
      ? { state: raw.state }
      : raw.activity !== undefined
        ? { activity: raw.activity }
        : { service: serviceActionOfKey(raw.service ?? '') ?? raw.service ?? '' };
  if (raw['cause'] !== undefined) {
    throw new InvalidInputError(
      "cause: sets fields on a Lambda function's thrown error; a service Task's cause is the service's own (message: sets its message)",
      context.at([...path, 'cause'], 'key'),
    );
  }
  const chosen = chosenMachine(context, path, raw, target, machineKey, machines);
  const machine = machines.get(chosen) as LoadedStateMachine;
  const targeted = targetedTasks(machine, target);
  if (targeted.length === 0) throw noTaskError(context, path, raw, target, machine);
  for (const task of targeted) checkFaultFits(context, path, raw, kind, task);
  return { task: target, ...(chosen === machineKey ? {} : { stateMachine: chosen }) };
}

function targetedTasks(machine: LoadedStateMachine, target: ServiceFaultTarget): FaultableServiceTask[] {
  return faultableServiceTasks(machine.spec.definition).filter((task) =>
    targetsServiceCall(target, {
      stateName: task.stateName,
      serviceAction: task.resource.serviceAction,
      activityName: task.activity?.name,
    }),
  );
}

function chosenMachine(
  context: LoadContext,
  path: Path,
  raw: RawFault,
  target: ServiceFaultTarget,
  machineKey: string,
  machines: ReadonlyMap<string, LoadedStateMachine>,
): string {
  if (raw.stateMachine !== undefined) {
    if (machines.has(raw.stateMachine)) return raw.stateMachine;
    const keys = [...machines.keys()];
    const hint = didYouMean(raw.stateMachine, keys) || `; the file defines ${listNames(keys)}`;
    throw new InvalidInputError(`unknown state machine ${JSON.stringify(raw.stateMachine)}${hint}`, context.at([...path, 'stateMachine']));
  }
  const own = machines.get(machineKey) as LoadedStateMachine;
  if (targetedTasks(own, target).length > 0) return machineKey;
  const others = [...machines].filter(([key, other]) => key !== machineKey && targetedTasks(other, target).length > 0).map(([key]) => key);
  const [only, second] = others;
  if (only === undefined) return machineKey;
  if (second !== undefined) {
    const key = 'state' in target ? 'state' : 'activity' in target ? 'activity' : 'service';
    throw new InvalidInputError(
      `${key}: the nested workflows ${listNames(others)} all have such a Task; say which with stateMachine:`,
      context.at([...path, key]),
    );
  }
  return only;
}

function noTaskError(
  context: LoadContext,
  path: Path,
  raw: RawFault,
  target: ServiceFaultTarget,
  machine: LoadedStateMachine,
): InvalidInputError {
  const tasks = faultableServiceTasks(machine.spec.definition);
  const key = machine.spec.key;
  if ('state' in target) {
    const name = target.state;
    const why = machine.stateNames.includes(name)
      ? 'is not a Task that calls a service or runs an activity (for a Lambda Task, name its function with function:)'
      : `is not in ${key}${didYouMean(
          name,
          tasks.map((task) => task.stateName),
        )}`;
    return new InvalidInputError(`state: ${JSON.stringify(name)} ${why}`, context.at([...path, 'state']));
  }
  if ('activity' in target) {
    const activities = [...new Set(tasks.flatMap((task) => (task.activity === undefined ? [] : [task.activity.name])))];
    const hint = didYouMean(target.activity, activities) || (activities.length > 0 ? `; its activities are ${listNames(activities)}` : '');
    return new InvalidInputError(
      `activity: no Task of ${key} runs the activity ${target.activity}${hint}`,
      context.at([...path, 'activity']),
    );
  }
  const actions = [...new Set(tasks.filter((task) => task.activity === undefined).map((task) => task.resource.serviceAction))];
  const hint = didYouMean(target.service, actions) || (actions.length > 0 ? `; its service calls are ${listNames(actions)}` : '');
  return new InvalidInputError(`service: no Task of ${key} makes the call ${raw.service ?? ''}${hint}`, context.at([...path, 'service']));
}

function checkFaultFits(context: LoadContext, path: Path, raw: RawFault, kind: FaultKind, task: FaultableServiceTask): void {
  const where =
    task.activity === undefined
      ? `"${task.stateName}" calls ${task.resource.serviceAction}`
      : `"${task.stateName}" runs activity ${task.activity.name}`;
  if (kind === 'throttle' && task.activity !== undefined) {
    throw new InvalidInputError(
      `throttle: ${where}, and an activity worker has no throttling error; name the error with error: instead`,
      context.at([...path, 'throttle'], 'key'),
    );
  }
  if (kind === 'throttle' && serviceFaultErrorName(task.resource, 'throttle') === undefined) {
    throw new InvalidInputError(
      `throttle: ${where}, whose throttling error sfn-chaos does not know; name the error with error: instead`,
      context.at([...path, 'throttle'], 'key'),
    );
  }
  if (kind !== 'timeout' || raw['timeout'] !== true || task.resource.serviceAction === 'http:invoke') return;
  const hasTimeout = task.state['TimeoutSeconds'] !== undefined || task.state['TimeoutSecondsPath'] !== undefined;
  // A silent activity worker is also ended by the Task's HeartbeatSeconds.
  const hasHeartbeat =
    task.activity !== undefined && (task.state['HeartbeatSeconds'] !== undefined || task.state['HeartbeatSecondsPath'] !== undefined);
  if (!hasTimeout && !hasHeartbeat) {
    const limits = task.activity === undefined ? 'a TimeoutSeconds' : 'a TimeoutSeconds or HeartbeatSeconds';
    throw new InvalidInputError(
      `timeout: true hangs the call until the state's TimeoutSeconds, but ${where} and has none; give the state ${limits} or the fault a number of seconds`,
      context.at([...path, 'timeout'], 'key'),
    );
  }
}
