import type { LocalFunction, LocalLambdaContext, LocalServiceResolver, LocalServiceStandIn } from '../engine/api/types.js';
import { parseFunctionRef } from '../engine/index.js';

/**
 * What the functions and services of a recorded execution did, read back from its history so that a
 * local replay meets the same answers: each function answers its invocations in recorded order with the
 * recorded result or error (for as long as each took), each service call the same way. Function
 * attempts whose failure sfn-chaos injected are left out: the replay's own injector produces those.
 */

type Outcome =
  | { kind: 'result'; value: unknown; ms: number }
  | { kind: 'error'; document: Record<string, unknown>; ms: number }
  | { kind: 'tooLarge'; ms: number }
  | { kind: 'hang' };

/** Larger than the 256 KiB a state's result may be: the replay of a recorded `States.DataLimitExceeded`. */
const OVERSIZED_RESULT = 'a'.repeat(257 * 1024);
/** Lambda's longest function timeout: a replayed function never times out before the state does. */
const LONGEST_FUNCTION_TIMEOUT_SECONDS = 900;

type Event = Record<string, unknown>;

function details(event: Event): Record<string, unknown> {
  const key = Object.keys(event).find((name) => name.endsWith('EventDetails'));
  const value = key === undefined ? undefined : event[key];
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function msBetween(start: Event | undefined, end: Event): number {
  const a = Date.parse(String(start?.['timestamp']));
  const b = Date.parse(String(end['timestamp']));
  return Number.isNaN(a) || Number.isNaN(b) ? 0 : Math.max(0, b - a);
}

/** The recorded stand-ins of one execution. */
export interface ReplayStandIns {
  functions: (ref: string) => LocalFunction | undefined;
  services: LocalServiceResolver;
  /** Function names the recording shows Lambda did not find (`Lambda.ResourceNotFoundException`). */
  missingFunctions: Set<string>;
}

/**
 * Reads the stand-ins of a recorded history (with real values in place of placeholders).
 *
 * @example
 * ```ts
 * const standIns = replayStandIns(withRealValues(recorded.history), new Set());
 * await runExecution({ definition, input, functions: standIns.functions, services: standIns.services });
 * ```
 */
export function replayStandIns(history: readonly unknown[], injectedFailureIds: ReadonlySet<number>): ReplayStandIns {
  const byFunction = new Map<string, Outcome[]>();
  const runtimes = new Map<string, 'python' | 'nodejs'>();
  const byService = new Map<string, LocalServiceStandIn[]>();
  const missingFunctions = new Set<string>();
  let current: { name: string | undefined; service: string | undefined; started?: Event; lambda: boolean } | undefined;
  for (const raw of history) {
    const event = raw as Event;
    const type = String(event['type']);
    const info = details(event);
    if (type === 'LambdaFunctionScheduled') {
      current = { name: parseFunctionRef(String(info['resource']))?.name, service: undefined, lambda: true };
    } else if (type === 'TaskScheduled') {
      const parameters = parsed(info['parameters']) as Record<string, unknown> | undefined;
      const isLambda = info['resourceType'] === 'lambda' && String(info['resource']).startsWith('invoke');
      const functionName = isLambda ? parseFunctionRef(String(parameters?.['FunctionName']))?.name : undefined;
      const service = isLambda
        ? undefined
        : `${String(info['resourceType'])}:${String(info['resource']).replace(/\.(waitForTaskToken|sync(:2)?)$/, '')}`;
      current = { name: functionName, service, lambda: isLambda };
    } else if ((type === 'LambdaFunctionStarted' || type === 'TaskStarted') && current) {
      current.started = event;
    } else if (current && /^(LambdaFunction|Task)(Succeeded|Failed|TimedOut|Submitted|StartFailed|ScheduleFailed)$/.test(type)) {
      const id = Number(event['id']);
      const ending = type.replace(/^(LambdaFunction|Task)/, '');
      if (current.lambda && current.name !== undefined) {
        const error = String(info['error'] ?? '');
        if (error === 'Lambda.ResourceNotFoundException') missingFunctions.add(current.name);
        else if (!injectedFailureIds.has(id)) {
          const ms = msBetween(current.started, event);
          const list = byFunction.get(current.name) ?? [];
          if (ending === 'Succeeded') {
            const output = parsed(info['output']);
            const value = type === 'TaskSucceeded' ? (output as Record<string, unknown> | undefined)?.['Payload'] : output;
            list.push({ kind: 'result', value, ms });
          } else if (ending === 'TimedOut') list.push({ kind: 'hang' });
          else if (error === 'States.DataLimitExceeded') list.push({ kind: 'tooLarge', ms });
          else if (ending === 'Failed') {
            const cause = parsed(info['cause']);
            const document =
              typeof cause === 'object' && cause !== null
                ? (cause as Record<string, unknown>)
                : { errorType: error, errorMessage: String(cause ?? '') };
            if ('stackTrace' in document || 'requestId' in document) runtimes.set(current.name, 'python');
            list.push({ kind: 'error', document, ms });
          }
          byFunction.set(current.name, list);
        }
      } else if (current.service !== undefined && ending !== 'TimedOut') {
        const list = byService.get(current.service) ?? [];
        if (ending === 'Failed') {
          const cause = info['cause'];
          list.push({
            kind: 'error',
            error: String(info['error'] ?? ''),
            ...(cause !== undefined ? { cause: typeof cause === 'string' ? cause : JSON.stringify(cause) } : {}),
          });
        } else if (ending === 'Succeeded' || ending === 'Submitted') list.push({ kind: 'response', response: parsed(info['output']) });
        byService.set(current.service, list);
      }
      if (ending !== 'Submitted') current = undefined;
    }
  }
  const served = new Map<string, number>();
  return {
    missingFunctions,
    functions: (ref) => {
      const name = parseFunctionRef(ref)?.name;
      if (name === undefined || missingFunctions.has(name)) return undefined;
      const outcomes = byFunction.get(name) ?? [];
      return {
        name,
        arn: `arn:aws:lambda:us-east-1:111111111111:function:${name}`,
        timeoutSeconds: LONGEST_FUNCTION_TIMEOUT_SECONDS,
        runtime: runtimes.get(name) ?? 'nodejs',
        invoke: async (payload, context) => {
          const index = served.get(name) ?? 0;
          served.set(name, index + 1);
          return answer(outcomes[index] ?? outcomes.at(-1), payload, context);
        },
      };
    },
    services: ({ serviceAction }) => {
      const list = byService.get(serviceAction);
      const index = served.get(`service:${serviceAction}`) ?? 0;
      served.set(`service:${serviceAction}`, index + 1);
      return list?.[index] ?? list?.at(-1);
    },
  };
}

class RecordedFunctionError extends Error {
  readonly stackTrace: unknown;
  constructor(document: Record<string, unknown>) {
    super(String(document['errorMessage'] ?? ''));
    this.name = String(document['errorType'] ?? 'Error');
    this.stackTrace = document['stackTrace'];
    if (Array.isArray(document['trace'])) this.stack = (document['trace'] as unknown[]).map(String).join('\n');
  }
}

async function answer(outcome: Outcome | undefined, payload: unknown, context: LocalLambdaContext): Promise<unknown> {
  if (outcome === undefined) return payload;
  if (outcome.kind === 'hang') {
    await context.sfnChaos.sleep(LONGEST_FUNCTION_TIMEOUT_SECONDS * 1000 * 2);
    return payload;
  }
  if (outcome.ms > 0) await context.sfnChaos.sleep(outcome.ms);
  if (outcome.kind === 'tooLarge') return OVERSIZED_RESULT;
  if (outcome.kind === 'error') throw new RecordedFunctionError(outcome.document);
  return outcome.value;
}
