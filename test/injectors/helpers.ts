import type { ChaosMiddleware } from '../../src/injectors/middleware.js';
import { refreshChaosEnvironment } from '../../src/injectors/env.js';
import type { LambdaContextLike } from '../../src/injectors/types.js';

/** A Lambda context shaped like the one the Node.js runtime passes, with a fixed time budget. */
export function lambdaContext(remainingMs = 2750, overrides: Partial<LambdaContextLike> = {}): LambdaContextLike {
  return {
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    functionName: 'roll-dice',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:roll-dice',
    memoryLimitInMB: '128',
    logGroupName: '/aws/lambda/roll-dice',
    logStreamName: '2026/11/30/[$LATEST]0123456789abcdef',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => remainingMs,
    ...overrides,
  };
}

/** A sleep that records what it was asked for and returns at once. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; calls: number[] } {
  const calls: number[] = [];
  return {
    calls,
    sleep: async (ms: number) => {
      calls.push(ms);
    },
  };
}

/** Collects the structured lines the injector writes. */
export function captureLog(): {
  log: (line: Record<string, unknown>) => void;
  lines: Record<string, unknown>[];
  ledger: () => Record<string, unknown>[];
  warnings: () => Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  return {
    lines,
    log: (line) => {
      lines.push(line);
    },
    ledger: () => lines.filter((line) => line['sfnChaos'] === 'fault-injected'),
    warnings: () => lines.filter((line) => line['sfnChaos'] === 'warning'),
  };
}

/**
 * Runs a handler behind one middleware the way middy does: `before`, then the handler; an error from
 * either is what the invocation fails with (there are no `onError` handlers here to swallow it).
 */
export async function runLikeMiddy(
  middleware: ChaosMiddleware,
  handler: (event: unknown, context: LambdaContextLike) => Promise<unknown>,
  event: unknown,
  context: LambdaContextLike,
): Promise<unknown> {
  const request = { event, context, response: null as unknown, error: null as unknown, internal: {} };
  await middleware.before(request);
  request.response = await handler(request.event, context);
  return request.response;
}

/**
 * Settles a callback-style handler into a promise the way the Node.js runtime does: the callback
 * answers, and so does a promise the handler returns, whichever comes first.
 */
export function callAsPromise(
  handler: (event: unknown, context: LambdaContextLike, callback: (error?: unknown, result?: unknown) => void) => unknown,
  event: unknown,
  context: LambdaContextLike,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const returned = handler(event, context, (error, result) => (error === undefined || error === null ? resolve(result) : reject(error)));
    if (returned instanceof Promise) returned.then(resolve, reject);
  });
}

/**
 * Sets (or, with `undefined`, removes) an `SFN_CHAOS_*` variable and makes the injector read its
 * environment again, as it would in a new Lambda execution environment. `refresh` is the
 * `refreshChaosEnvironment` of the copy of the injector under test (src, or the built dist).
 */
export function setChaosEnv(name: string, value: string | undefined, refresh: () => void = refreshChaosEnvironment): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  refresh();
}
