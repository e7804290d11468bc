/**
 * Messages between the local target and a handler's execution environment (a worker thread). All
 * of them are structured-cloned; results travel as JSON text, serialised inside the environment the
 * way the Lambda runtime serialises them.
 */
import type { LocalLambdaContext } from '../../../engine/api/types.js';

/** The context facts an environment rebuilds the handler's Lambda context from. */
export interface ContextFacts
  extends Pick<
    LocalLambdaContext,
    'awsRequestId' | 'functionName' | 'functionVersion' | 'invokedFunctionArn' | 'memoryLimitInMB' | 'logGroupName' | 'logStreamName'
  > {
  executionArn: string;
  stateName: string;
  retryCount: number;
}

/** A thrown value, described so that the engine reports it as it would have in-process. */
export type ThrownValue =
  | { kind: 'error'; name: string; message: string; stack: string | undefined; stackTrace?: string[] }
  | { kind: 'value'; value: string | number | boolean | bigint | null | undefined }
  | { kind: 'other'; type: string; text: string };

/** The engine calls a handler may make through `context.sfnChaos`. */
export type EngineCall = 'sleep' | 'sendTaskSuccess' | 'sendTaskFailure' | 'sendTaskHeartbeat';

export type ToEnvironment =
  | { type: 'invoke'; invocationId: number; event: unknown; context: ContextFacts; now: number; remainingMs: number }
  | { type: 'reply'; callId: number; now: number; ok: true }
  | { type: 'reply'; callId: number; now: number; ok: false; error: ThrownValue };

export type FromEnvironment =
  | { type: 'result'; invocationId: number; text: string }
  | { type: 'result'; invocationId: number; unserialisable: string }
  | { type: 'result'; invocationId: number; thrown: ThrownValue }
  | { type: 'call'; callId: number; invocationId: number; call: EngineCall; args: unknown[] }
  /** One line the handler wrote to its log (console or stdout/stderr), in the Lambda runtime's format. */
  | { type: 'log'; invocationId: number; line: string }
  /** Nothing left in the environment can settle these invocations' handlers. */
  | { type: 'stalled'; invocationIds: number[] };
