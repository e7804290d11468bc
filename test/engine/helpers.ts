import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { parseFunctionRef, runExecution } from '../../src/engine/index.js';
import type { ExecutionResult, LocalFunction, LocalLambdaContext, RunExecutionOptions } from '../../src/engine/index.js';
import { createRandom } from '../../src/random.js';

export const startTime = new Date('2025-01-01T00:00:00.000Z');

export type Handler = (event: unknown, context: LocalLambdaContext) => unknown;

export function localFunction(
  name: string,
  handler: Handler,
  options: Partial<Pick<LocalFunction, 'timeoutSeconds' | 'runtime'>> = {},
): LocalFunction {
  return {
    name,
    arn: `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    timeoutSeconds: options.timeoutSeconds ?? 3,
    ...(options.runtime === undefined ? {} : { runtime: options.runtime }),
    invoke: async (payload, context) => handler(payload, context),
  };
}

export function arnOf(name: string): string {
  return `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
}

/** An Error with the given name, as a Node handler would throw it to report that error type. */
export function namedError(name: string, message = `${name} happened`): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** A handler that throws the given error names in turn, then returns `result`. */
export function failingThenSucceeding(errorNames: readonly string[], result: unknown = { ok: true }): Handler & { calls: number } {
  const handler = Object.assign(
    async () => {
      const name = errorNames[handler.calls];
      handler.calls += 1;
      if (name !== undefined) throw namedError(name);
      return result;
    },
    { calls: 0 },
  );
  return handler;
}

export async function run(
  definition: unknown,
  functions: readonly LocalFunction[] = [],
  options: Partial<RunExecutionOptions> = {},
): Promise<ExecutionResult> {
  return runExecution({
    definition,
    functions: (ref) => functions.find((candidate) => candidate.name === parseFunctionRef(ref)?.name),
    startTime,
    executionName: 'unit-test',
    random: createRandom('engine unit tests'),
    ...options,
  });
}

export function typesOf(result: ExecutionResult): string[] {
  return result.events.map((event) => String(event.type));
}

export function eventsOfType(result: ExecutionResult, type: string): HistoryEvent[] {
  return result.events.filter((event) => event.type === type);
}

/** Seconds since the start of the execution at which each event of a type happened. */
export function offsetsOf(result: ExecutionResult, type: string): number[] {
  return eventsOfType(result, type).map((event) => ((event.timestamp as Date).getTime() - startTime.getTime()) / 1000);
}

const failureTypes = new Set(['LambdaFunctionFailed', 'LambdaFunctionTimedOut', 'TaskFailed', 'TaskTimedOut']);
const scheduledTypes = new Set(['LambdaFunctionScheduled', 'TaskScheduled']);

/** Wait before each retry, in seconds: from a failure event to the next scheduling of the task. */
export function backoffGaps(result: ExecutionResult): number[] {
  const gaps: number[] = [];
  let lastFailure: HistoryEvent | undefined;
  for (const event of result.events) {
    if (failureTypes.has(String(event.type))) lastFailure = event;
    if (scheduledTypes.has(String(event.type)) && lastFailure) {
      gaps.push(((event.timestamp as Date).getTime() - (lastFailure.timestamp as Date).getTime()) / 1000);
      lastFailure = undefined;
    }
  }
  return gaps;
}

export function parsed(text: string | undefined): unknown {
  return text === undefined ? undefined : JSON.parse(text);
}

function endUnlessNext(task: Record<string, unknown>): Record<string, unknown> {
  return task['Next'] === undefined ? { End: true } : {};
}

/** A one-task state machine around a legacy Lambda ARN. */
export function singleTask(functionName: string, task: Record<string, unknown> = {}, extraStates: Record<string, unknown> = {}): unknown {
  return {
    StartAt: 'Work',
    States: { Work: { Type: 'Task', Resource: arnOf(functionName), ...endUnlessNext(task), ...task }, ...extraStates },
  };
}

/** A one-task state machine using arn:aws:states:::lambda:invoke. */
export function singleInvokeTask(
  functionName: string,
  task: Record<string, unknown> = {},
  extraStates: Record<string, unknown> = {},
): unknown {
  return {
    StartAt: 'Work',
    States: {
      Work: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: functionName, 'Payload.$': '$' },
        ...endUnlessNext(task),
        ...task,
      },
      ...extraStates,
    },
  };
}
