import { needsServiceStandIn, serviceTaskResourceOf } from '../engine/index.js';
import { InvalidInputError } from '../errors.js';
import type { LoadContext } from './loadContext.js';
import { collectStates } from '../sources/loadDefinition.js';
import { closestMatch, formatPath, listNames } from '../sources/loadErrors.js';
import { assertHandlerExport, resolveHandler } from './loadHandler.js';
import type { RawServiceStandIn } from './rawScenarioFile.js';
import type { ServiceStandInSpec } from './types.js';

/**
 * Stand-ins for service integrations (`sqs:sendMessage`, `aws-sdk:s3:listObjects`, …), which cannot
 * call AWS from a local run. A stand-in is keyed by the service call, which covers every Task making
 * that call, or by a Task's name, which covers that Task alone and wins over the call's key.
 */

type Path = (string | number)[];

/** A Task whose service call needs a stand-in. */
export interface ServiceTask {
  stateName: string;
  /** `sqs:sendMessage`, `aws-sdk:s3:listObjects` (no `.waitForTaskToken` suffix). */
  serviceAction: string;
}

/** The Tasks of a definition that call a service other than Lambda's invoke, nested ones included. */
export function serviceTasksOf(definition: unknown): ServiceTask[] {
  const tasks: ServiceTask[] = [];
  for (const { name, state } of collectStates(definition)) {
    if (state['Type'] !== 'Task') continue;
    const resource = serviceTaskResourceOf(state['Resource']);
    if (resource && needsServiceStandIn(resource)) tasks.push({ stateName: name, serviceAction: resource.serviceAction });
  }
  return tasks;
}

/** `arn:aws:states:::sqs:sendMessage.waitForTaskToken` or `sqs:sendMessage.waitForTaskToken` → `sqs:sendMessage`. */
export function serviceActionOfKey(key: string): string | undefined {
  const bare = key.replace(/^arn:[^:]+:states:::/, '');
  return serviceTaskResourceOf(`arn:aws:states:::${bare}`)?.serviceAction;
}

/**
 * Reads a `services:` mapping: every key must name a service call or a service Task of the
 * definition, every handler must resolve to a function export. Keys are stored as the service call
 * (`sqs:sendMessage`) or the Task name they stand for.
 */
export async function loadServiceStandIns(
  context: LoadContext,
  path: Path,
  raw: Readonly<Record<string, RawServiceStandIn>>,
  definition: unknown,
  stateMachine: string,
): Promise<Record<string, ServiceStandInSpec>> {
  const tasks = serviceTasksOf(definition);
  const taskNames = tasks.map((task) => task.stateName);
  const actions = [...new Set(tasks.map((task) => task.serviceAction))];
  const standIns: Record<string, ServiceStandInSpec> = {};
  for (const [key, entry] of Object.entries(raw)) {
    const entryPath = [...path, key];
    const target = taskNames.includes(key) ? key : serviceActionOfKey(key);
    if (target === undefined || !(taskNames.includes(target) || actions.includes(target))) {
      const suggestion = closestMatch(key, [...actions, ...taskNames]);
      const hint =
        suggestion !== undefined
          ? `; did you mean ${JSON.stringify(suggestion)}?`
          : actions.length > 0
            ? `; its service calls: ${listNames(actions)}`
            : '; it calls no service that needs one';
      throw new InvalidInputError(
        `${JSON.stringify(key)} is neither a service call nor a service Task of ${stateMachine}${hint}`,
        context.at(entryPath, 'key'),
      );
    }
    if (Object.hasOwn(standIns, target)) {
      throw new InvalidInputError(
        `${JSON.stringify(key)} names the same service call as another key of ${formatPath(path)}; keep one`,
        context.at(entryPath, 'key'),
      );
    }
    Object.defineProperty(standIns, target, {
      value: await loadStandIn(context, entryPath, entry),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return standIns;
}

async function loadStandIn(context: LoadContext, path: Path, raw: RawServiceStandIn): Promise<ServiceStandInSpec> {
  const at = context.at(path, 'key');
  if (raw.job !== undefined) return loadJobStandIn(context, path, raw, at);
  const given = (['response', 'error', 'handler'] as const).filter((field) => raw[field] !== undefined);
  const [kind, extra] = given;
  if (kind === undefined) throw new InvalidInputError('a stand-in needs one of response:, error: or handler:', at);
  if (extra !== undefined) {
    throw new InvalidInputError(
      `a stand-in does one thing, but this one has both ${kind}: and ${extra}:; keep one`,
      context.at([...path, extra], 'key'),
    );
  }
  if (raw.cause !== undefined && kind !== 'error') {
    throw new InvalidInputError('cause: goes with error:', context.at([...path, 'cause'], 'key'));
  }
  switch (kind) {
    case 'response':
      assertJsonValue(context, raw.response, [...path, 'response']);
      return { kind, response: raw.response, at };
    case 'error':
      return { kind, error: raw.error as string, ...(raw.cause === undefined ? {} : { cause: raw.cause }), at };
    case 'handler': {
      const handlerAt = context.at([...path, 'handler']);
      const location = resolveHandler(raw.handler as string, context.dir, handlerAt, context.display);
      await assertHandlerExport(location, handlerAt, context.display, context.importTimeoutMs);
      return { kind, handlerFile: location.file, handlerExport: location.exportName, at };
    }
  }
}

/** A `job:` stand-in (with an optional `response:`, the start call's): succeeds with `output:` unless it has `error:` or `cause:`. */
function loadJobStandIn(context: LoadContext, path: Path, raw: RawServiceStandIn, at: ServiceStandInSpec['at']): ServiceStandInSpec {
  const job = raw.job as NonNullable<RawServiceStandIn['job']>;
  for (const extra of ['error', 'cause', 'handler'] as const) {
    if (raw[extra] !== undefined)
      throw new InvalidInputError(
        `${extra}: does not go with job:; a failing job has its error: and cause: inside job:`,
        context.at([...path, extra], 'key'),
      );
  }
  if (raw.response !== undefined) assertJsonValue(context, raw.response, [...path, 'response']);
  const fails = job.error !== undefined || job.cause !== undefined;
  if (fails && job.output !== undefined)
    throw new InvalidInputError(
      'a job ends one way: output: (succeeds) or error:/cause: (fails), not both',
      context.at([...path, 'job', 'output'], 'key'),
    );
  if (job.output !== undefined) assertJsonValue(context, job.output, [...path, 'job', 'output']);
  const ending: Extract<ServiceStandInSpec, { kind: 'job' }>['ending'] = fails
    ? { kind: 'failed', ...(job.error === undefined ? {} : { error: job.error }), ...(job.cause === undefined ? {} : { cause: job.cause }) }
    : { kind: 'succeeded', output: job.output ?? {} };
  return { kind: 'job', seconds: job.seconds, ...(raw.response === undefined ? {} : { response: raw.response }), ending, at };
}

/**
 * Every service Task needs a stand-in, from the state machine's `services:` or the scenario's.
 * Throws at `at` naming the first Task without one and where to add it.
 */
export function assertEveryServiceTaskStandsIn(
  context: LoadContext,
  definition: unknown,
  stateMachine: string,
  available: readonly (Readonly<Record<string, ServiceStandInSpec>> | undefined)[],
  scenarioPath: Path,
): void {
  const has = (key: string): boolean => available.some((standIns) => standIns !== undefined && Object.hasOwn(standIns, key));
  const missing = serviceTasksOf(definition).find((task) => !has(task.stateName) && !has(task.serviceAction));
  if (!missing) return;
  throw new InvalidInputError(
    `Task ${JSON.stringify(missing.stateName)} calls ${missing.serviceAction}, which cannot run locally; give it a stand-in under ` +
      `${formatPath(['stateMachines', stateMachine, 'services'])} or this scenario's services:, e.g. ${JSON.stringify(missing.serviceAction)}: { response: {} } ` +
      'or { error: Name, cause: text }',
    context.at(scenarioPath, 'key'),
  );
}

/** Values JSON can carry; YAML also has `.inf` and `.nan`, which no JSON document can hold. */
export function assertJsonValue(context: LoadContext, value: unknown, path: Path, depth = 0): void {
  if (depth > 200) throw new InvalidInputError(`${formatPath(path)} is nested too deeply`, context.at(path));
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new InvalidInputError(
      `${formatPath(path)} is ${String(value)}, which JSON cannot hold; use a finite number or a string`,
      context.at(path),
    );
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      assertJsonValue(context, item, [...path, index], depth + 1);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) assertJsonValue(context, item, [...path, key], depth + 1);
  }
}
