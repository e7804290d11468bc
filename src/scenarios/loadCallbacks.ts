import { IntegrationPattern, serviceTaskResourceOf } from '../engine/index.js';
import { InvalidInputError } from '../errors.js';
import type { LoadContext } from './loadContext.js';
import { collectStates } from '../sources/loadDefinition.js';
import { didYouMean, listNames } from '../sources/loadErrors.js';
import { assertJsonValue } from './loadServiceStandIns.js';
import type { RawCallback } from './rawScenarioFile.js';
import type { CallbackSpec } from './types.js';

/**
 * A scenario's `callbacks:`: what the outside world answers to the `.waitForTaskToken` Tasks of the
 * state machine (SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat), and when.
 */

type Path = (string | number)[];

/** Names of the Tasks that wait for a task token, nested ones included. */
export function callbackTaskNamesOf(definition: unknown): string[] {
  return collectStates(definition)
    .filter(
      ({ state }) => state['Type'] === 'Task' && serviceTaskResourceOf(state['Resource'])?.pattern === IntegrationPattern.WaitForTaskToken,
    )
    .map(({ name }) => name);
}

export function loadCallbacks(
  context: LoadContext,
  path: Path,
  raw: readonly RawCallback[],
  definition: unknown,
  stateNames: readonly string[],
  stateMachine: string,
): CallbackSpec[] {
  const callbackTasks = callbackTaskNamesOf(definition);
  return raw.map((entry, index) => {
    const entryPath = [...path, index];
    const statePath = [...entryPath, 'state'];
    if (!stateNames.includes(entry.state)) {
      throw new InvalidInputError(
        `state ${JSON.stringify(entry.state)} not in ${stateMachine}${didYouMean(entry.state, callbackTasks.length > 0 ? callbackTasks : stateNames)}`,
        context.at(statePath),
      );
    }
    if (!callbackTasks.includes(entry.state)) {
      const hint = callbackTasks.length > 0 ? `; its callback Tasks: ${listNames(callbackTasks)}` : `; ${stateMachine} has none`;
      throw new InvalidInputError(
        `state ${JSON.stringify(entry.state)} does not wait for a task token (.waitForTaskToken), so nothing can answer it${hint}`,
        context.at(statePath),
      );
    }
    if (entry.success !== undefined && entry.failure !== undefined) {
      throw new InvalidInputError(
        'a callback answers once: keep success: or failure:, not both',
        context.at([...entryPath, 'failure'], 'key'),
      );
    }
    if (entry.success === undefined && entry.failure === undefined && entry.heartbeat === undefined) {
      throw new InvalidInputError('a callback needs success:, failure: or heartbeat:', context.at(entryPath));
    }
    if (entry.after !== undefined && entry.success === undefined && entry.failure === undefined) {
      throw new InvalidInputError(
        'after: says when the answer comes; add success: or failure:, or drop after:',
        context.at([...entryPath, 'after'], 'key'),
      );
    }
    if (entry.success !== undefined) assertJsonValue(context, entry.success, [...entryPath, 'success']);
    const spec: CallbackSpec = { state: entry.state, at: context.at(entryPath) };
    if (entry.visit !== undefined) spec.visit = entry.visit;
    if (entry.attempt !== undefined) spec.attempt = entry.attempt;
    if (entry.after !== undefined) spec.after = entry.after;
    if (entry.heartbeat !== undefined) spec.heartbeat = entry.heartbeat;
    if (entry.success !== undefined) spec.answer = { kind: 'success', output: entry.success };
    if (entry.failure !== undefined) {
      spec.answer = {
        kind: 'failure',
        error: entry.failure.error,
        ...(entry.failure.cause === undefined ? {} : { cause: entry.failure.cause }),
      };
    }
    return spec;
  });
}
