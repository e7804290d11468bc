/**
 * aws-local-stepfunctions 3 declares Node >= 22. On Node 20 the only newer built-in it reaches on
 * the paths this bench drives is `Promise.withResolvers` (its Task state races the task against a
 * timeout built with it). It is added only when missing, so on Node 22+ the peer runs untouched.
 * `AbortSignal.any`, which it also uses, is already in Node 20.3+.
 */

/** Names of the built-ins this module had to add, for the report. */
export const polyfilledBuiltIns = [];

if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((resolvePromise, rejectPromise) => {
        resolve = resolvePromise;
        reject = rejectPromise;
      });
      return { promise, resolve, reject };
    },
  });
  polyfilledBuiltIns.push('Promise.withResolvers');
}
