import { callHandler } from '../../engine/index.js';

/** A handler in either style the Node.js Lambda runtime accepts. */
export type AnyHandler = (event: unknown, context: unknown, callback?: (error?: unknown, result?: unknown) => void) => unknown;

/**
 * Calls a handler the way the Node.js Lambda runtime does: an async handler's promise decides the
 * outcome; a handler declaring a third parameter answers through the callback (or a promise, if it
 * returns one). A `callback(error)` with a non-null error fails the invocation with that value. The
 * call goes through {@link callHandler}, where the error's trace ends.
 */
export function invokeHandler(handler: AnyHandler, event: unknown, context: unknown): Promise<unknown> {
  if (handler.length >= 3) {
    return new Promise((resolve, reject) => {
      const callback = (error?: unknown, result?: unknown): void => {
        if (error !== undefined && error !== null) reject(error);
        else resolve(result);
      };
      try {
        const returned = callHandler(handler, undefined, event, context, callback);
        if (isThenable(returned)) returned.then(resolve, reject);
      } catch (error) {
        reject(error);
      }
    });
  }
  try {
    return Promise.resolve(callHandler(handler, undefined, event, context));
  } catch (error) {
    return Promise.reject(error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
