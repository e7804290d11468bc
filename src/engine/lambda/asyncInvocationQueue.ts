import type { AsyncInvocation, AsyncInvocationAttempt } from '../api/types.js';
import { LambdaErrorName } from '../asl/errorNames.js';
import type { AsyncEventQueue, ExecutionScope, QueuedEvent } from '../runtime/ExecutionScope.js';
import { invokeLocalFunction } from './invokeLocalFunction.js';
import { stepFunctionsErrorOf } from './lambdaErrorPayload.js';

/**
 * Lambda's asynchronous-invocation defaults ("How Lambda handles errors and retries with asynchronous
 * invocation", Lambda developer guide; PutFunctionEventInvokeConfig): after a function error, two more
 * attempts, one minute after the first and two minutes after the second; throttled events go back to
 * the queue, retried with a wait growing exponentially from 1 s to 5 min, for up to
 * MaximumEventAgeInSeconds (default 6 hours).
 */
export const AsyncInvokeDefaults = {
  maximumRetryAttempts: 2,
  maximumEventAgeInSeconds: 21_600,
  /** Waits before the retries after a function error, in seconds. */
  functionErrorRetryWaits: [60, 120],
  throttleFirstWaitSeconds: 1,
  throttleMaxWaitSeconds: 300,
} as const;

/**
 * Lambda's asynchronous event queue for one execution. Each queued event runs on the execution's
 * virtual clock, outside the state that queued it: its attempts never reach Retry or Catch and write
 * no history event. The clock is driven by whoever waits on it (the execution, then {@link AsyncInvocationQueue.drain}).
 *
 * UNCONFIRMED: the event's first attempt starts at the instant it is queued (Lambda gives no queue
 * delay); the retry waits are exactly the documented 60 s and 120 s (AWS says "one minute" and "two
 * minutes"); throttle waits double (AWS says "increases exponentially"); every attempt keeps the
 * event's request id; and `MaximumEventAgeInSeconds` is checked when an attempt would start.
 */
export class AsyncInvocationQueue implements AsyncEventQueue {
  readonly #scope: ExecutionScope;
  readonly #records: AsyncInvocation[] = [];
  readonly #running: Promise<void>[] = [];

  constructor(scope: ExecutionScope) {
    this.#scope = scope;
  }

  /** The invocations queued so far, in queueing order (attempts fill in as they run). */
  get invocations(): AsyncInvocation[] {
    return this.#records;
  }

  /** Queues one event; its attempts start on the virtual clock at once. */
  enqueue(event: QueuedEvent): void {
    const record: AsyncInvocation = {
      stateName: event.visit.name,
      functionName: event.fn.name,
      functionArn: event.fn.arn,
      requestId: event.requestId,
      queuedDate: new Date(this.#scope.clock.now()),
      attempts: [],
      outcome: 'succeeded',
    };
    this.#records.push(record);
    const running = this.#run(event, record);
    // A TargetError of a handler (one that never settles) surfaces through drain.
    running.catch(() => undefined);
    this.#running.push(running);
  }

  /** Lets virtual time run until every queued event has ended (the execution itself is over by then). */
  async drain(): Promise<void> {
    for (let seen = 0; seen < this.#running.length; seen = this.#running.length) {
      await this.#scope.clock.advanceUntil(Promise.all(this.#running));
    }
  }

  async #run(event: QueuedEvent, record: AsyncInvocation): Promise<void> {
    const { clock } = this.#scope;
    const config = event.fn.eventInvokeConfig ?? {};
    const maxRetries = config.maximumRetryAttempts ?? AsyncInvokeDefaults.maximumRetryAttempts;
    const maxAgeMs = (config.maximumEventAgeInSeconds ?? AsyncInvokeDefaults.maximumEventAgeInSeconds) * 1000;
    const queuedAt = clock.now();
    // The queue's attempts wait on the clock without driving it: the execution (or drain) drives it.
    const scope: ExecutionScope = { ...this.#scope, waitFor: <T>(work: Promise<T>): Promise<T> => work };
    let functionErrors = 0;
    let throttleWaitSeconds: number = AsyncInvokeDefaults.throttleFirstWaitSeconds;
    for (;;) {
      const attempt = await this.#attempt(scope, event, record.attempts.length + 1);
      record.attempts.push(attempt);
      if (attempt.outcome === 'succeeded') {
        record.outcome = 'succeeded';
        return;
      }
      let waitSeconds: number;
      if (attempt.error === LambdaErrorName.TooManyRequests) {
        waitSeconds = throttleWaitSeconds;
        throttleWaitSeconds = Math.min(throttleWaitSeconds * 2, AsyncInvokeDefaults.throttleMaxWaitSeconds);
      } else {
        if (functionErrors >= maxRetries) {
          record.outcome = 'retriesExhausted';
          return;
        }
        waitSeconds = AsyncInvokeDefaults.functionErrorRetryWaits[functionErrors] ?? AsyncInvokeDefaults.functionErrorRetryWaits[1];
        functionErrors += 1;
      }
      if (clock.now() + waitSeconds * 1000 - queuedAt > maxAgeMs) {
        record.outcome = 'eventExpired';
        return;
      }
      await clock.delay(waitSeconds * 1000);
    }
  }

  async #attempt(scope: ExecutionScope, event: QueuedEvent, attempt: number): Promise<AsyncInvocationAttempt> {
    const startDate = new Date(scope.clock.now());
    const outcome = await invokeLocalFunction(scope, {
      fn: event.fn,
      payload: event.payload,
      invokedFunctionArn: event.invokedFunctionArn,
      visit: event.visit,
      retryCount: event.retryCount,
      stateTimeoutSeconds: undefined,
      requestId: event.requestId,
    });
    const endDate = new Date(scope.clock.now());
    if (outcome.kind === 'returned' || outcome.kind === 'stateTimedOut') return { attempt, startDate, endDate, outcome: 'succeeded' };
    return { attempt, startDate, endDate, outcome: 'failed', ...stepFunctionsErrorOf(outcome.payload, false) };
  }
}
