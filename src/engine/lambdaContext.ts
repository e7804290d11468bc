import { randomBytes } from 'node:crypto';
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
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
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
    logStreamName: logStreamNameAt(facts.startedAt),
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
