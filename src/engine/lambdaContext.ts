import { randomHex } from './randomHex.js';
import type { TaskTokenRegistry } from './taskTokens.js';
import type { LocalFunction, LocalLambdaContext } from './types.js';
import type { VirtualClock, InvocationActivity } from './VirtualClock.js';

export interface LambdaContextFacts {
  fn: LocalFunction;
  requestId: string;
  /** The ARN the caller invoked (qualified when a version or alias was named). */
  invokedFunctionArn: string;
  clock: VirtualClock;
  invocation: InvocationActivity;
  /** Virtual time the invocation started. */
  startedAt: number;
  executionArn: string;
  stateName: string;
  retryCount: number;
  /** Where `sendTaskSuccess`/`sendTaskFailure`/`sendTaskHeartbeat` deliver. */
  taskTokens: TaskTokenRegistry;
}

function logStreamNameAt(ms: number): string {
  const day = new Date(ms).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[$LATEST]${randomHex(32)}`;
}

/** A fresh Lambda context for one attempt, shaped like the Node.js runtime's, on the virtual clock. */
export function createLambdaContext(facts: LambdaContextFacts): LocalLambdaContext {
  const { fn, clock, invocation } = facts;
  const deadline = facts.startedAt + fn.timeoutSeconds * 1000;
  return {
    awsRequestId: facts.requestId,
    functionName: fn.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: facts.invokedFunctionArn,
    memoryLimitInMB: '128',
    logGroupName: `/aws/lambda/${fn.name}`,
    // Computed on first read: few handlers look at it, and building it costs more than the rest of the context.
    get logStreamName(): string {
      const name = logStreamNameAt(facts.startedAt);
      Object.defineProperty(this, 'logStreamName', { value: name, enumerable: true, writable: true });
      return name;
    },
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
    sfnChaos: {
      executionArn: facts.executionArn,
      stateName: facts.stateName,
      retryCount: facts.retryCount,
      sleep: (ms: number) => invocation.sleep(ms),
      now: () => clock.now(),
      // Async like the SDK calls they stand for; a refused call rejects with the API's exception name.
      sendTaskSuccess: async (taskToken, output) => facts.taskTokens.sendTaskSuccess(taskToken, output),
      sendTaskFailure: async (taskToken, failure) => facts.taskTokens.sendTaskFailure(taskToken, failure),
      sendTaskHeartbeat: async (taskToken) => facts.taskTokens.sendTaskHeartbeat(taskToken),
    },
  };
}
