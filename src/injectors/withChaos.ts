import { ChaosInjector } from './ChaosInjector.js';
import type { InjectionPlan } from './InjectionPlan.js';
import { ChaosOptionsError } from './errors.js';
import { getOriginalHandler, markWrapped } from './getOriginalHandler.js';
import type { LambdaContextLike, WithChaosOptions } from './types.js';

/**
 * Any Lambda handler: `(event, context) => Promise<result>` or `(event, context, callback) => void`.
 * Kept this loose on purpose so a handler typed with `aws-lambda`'s `Context` (or anything else) fits,
 * and the wrapper comes back with exactly the type it was given.
 */
export type LambdaHandlerLike = (...args: never[]) => unknown;

type CallbackFn = (error?: unknown, result?: unknown) => void;
type AnyAsync = (event: unknown, context: LambdaContextLike) => unknown;
type AnyCallback = (event: unknown, context: LambdaContextLike, callback: CallbackFn) => unknown;

/**
 * Wraps a Lambda handler so that it fails on purpose, as its fault config says, in the ways Step
 * Functions `Retry` and `Catch` rules expect. Without a config (and with `SFN_CHAOS_DISABLED=true`)
 * the wrapper calls the handler directly and changes nothing.
 *
 * - **Config**: `options.config` (an object, or a function called on every invocation); if absent or
 *   the function returns `undefined`, the inline JSON in `SFN_CHAOS_CONFIG`. An invalid config injects
 *   nothing and logs one warning.
 * - **Style**: a handler declaring three parameters is treated as a callback handler and the wrapper is
 *   one too; otherwise the wrapper is async.
 * - **Faults**: `error` throws an error named exactly `errorName`; `throttle` throws
 *   `Lambda.TooManyRequestsException` ("Rate Exceeded."); `latency` waits, then runs the handler;
 *   `timeout` hangs for `durationMs`, or for the function's remaining time, and never calls the handler.
 *   If the hang ends without the invocation having been stopped (nothing enforced a timeout, or
 *   `durationMs` was shorter than the time left), the wrapper throws `Sandbox.Timedout` with Lambda's
 *   "Task timed out after N seconds" message: a function that never answers ends as a timeout. Use
 *   `latency` for a slow invocation that still succeeds.
 * - **Several faults**: rules are tried in order; `latency` rules that fire add their delays and let
 *   the next rules be tried; the first `error`, `throttle` or `timeout` that fires wins and ends the list.
 * - **Attempts**: the attempt is `invocationInfo(event, context).retryCount + 1`, else the payload's
 *   `RetryCount + 1`; pass it from the state with `"RetryCount.$": "$$.State.RetryCount"`.
 *
 * Wrapping an already wrapped handler replaces the earlier wrapping (faults are never injected twice).
 * Errors thrown by the handler itself pass through untouched.
 *
 * @example
 * ```ts
 * import { withChaos } from 'sfn-chaos';
 *
 * export const handler = withChaos(async (event: { RetryCount?: number }) => {
 *   return { ok: true };
 * });
 * // Deployed with SFN_CHAOS_CONFIG='{"faults":[{"kind":"error","errorName":"Lambda.ServiceException","attempts":[1,2]}]}'
 * // and "Payload": { "RetryCount.$": "$$.State.RetryCount" } in the Task state,
 * // the first two attempts fail with Lambda.ServiceException and the third succeeds.
 * ```
 */
export function withChaos<THandler extends LambdaHandlerLike>(handler: THandler, options: WithChaosOptions = {}): THandler {
  if (typeof handler !== 'function') throw new ChaosOptionsError('handler', 'must be a function');
  const original = getOriginalHandler(handler);
  const injector = new ChaosInjector(options);
  const wrapped =
    original.length >= 3
      ? wrapCallback(original as unknown as AnyCallback, injector)
      : wrapAsync(original as unknown as AnyAsync, injector);
  markWrapped(wrapped, original);
  return wrapped as unknown as THandler;
}

function wrapAsync(handler: AnyAsync, injector: ChaosInjector): AnyAsync {
  const runPlan = (plan: InjectionPlan | undefined, event: unknown, context: LambdaContextLike): unknown => {
    if (plan === undefined) return handler(event, context);
    const injected = injector.apply(plan);
    if (injected instanceof Promise) {
      return injected.then((ready) => {
        if (ready) throw ready;
        return handler(event, context);
      });
    }
    // An error or throttle is known at once: reject without running the handler.
    if (injected) return Promise.reject(injected);
    return handler(event, context);
  };
  return function chaosAsyncHandler(event: unknown, context: LambdaContextLike): unknown {
    const plan = injector.plan(event, context);
    // Nothing fires: hand over directly, so the wrapper adds no tick and no behaviour.
    if (plan === undefined) return handler(event, context);
    // Only before the first SSM read has ended: wait for it, then carry on as usual.
    if (plan instanceof Promise) return plan.then((ready) => runPlan(ready, event, context));
    return runPlan(plan, event, context);
  };
}

function wrapCallback(handler: AnyCallback, injector: ChaosInjector): AnyCallback {
  return function chaosCallbackHandler(event: unknown, context: LambdaContextLike, callback: CallbackFn): unknown {
    const plan = injector.plan(event, context);
    if (plan === undefined) return handler(event, context, callback);
    // A three-parameter handler may still answer with a promise (an async function that declares the
    // callback), and the runtime honours it. The handler only runs later here, so hand the runtime a
    // promise that follows the handler's, if it returns one; a plain callback handler leaves it
    // pending and answers through the callback alone.
    return new Promise<unknown>((resolve, reject) => {
      const runHandler = (): void => {
        let returned: unknown;
        try {
          returned = handler(event, context, callback);
        } catch (error) {
          // Called from a promise now, so a synchronous throw would become an unhandled rejection
          // (Runtime.UnhandledPromiseRejection); report it through the callback, as the runtime would.
          callback(error);
          return;
        }
        if (isThenable(returned)) returned.then(resolve, reject);
      };
      void Promise.resolve(plan).then(async (ready) => {
        const injected = ready === undefined ? undefined : await injector.apply(ready);
        if (injected) {
          callback(injected);
          return;
        }
        runHandler();
      });
    });
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
