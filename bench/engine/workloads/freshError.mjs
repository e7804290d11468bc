import { loadAsteroidsHttpErrorWorkload } from './asteroidsHttpError.mjs';

/**
 * Workload: the asteroids workload, except that "Download Exoplanets" fails because its handler
 * throws a new `HTTPError` of its own on every attempt (no injector): an error with a real stack, as
 * a failing function throws it. The engine turns each into Lambda's error payload (`errorType`,
 * `errorMessage`, `trace` from the stack) for the `LambdaFunctionFailed` cause.
 *
 * @returns {Promise<import('./types.mjs').Workload>}
 */
export async function loadFreshErrorWorkload() {
  const asteroids = await loadAsteroidsHttpErrorWorkload();
  const functions = asteroids.functions.map((spec) =>
    spec.faults.length === 0 ? spec : { ...spec, faults: [], handler: throwsFreshHttpError },
  );
  const counts = { ...asteroids.expected.counts };
  for (const [key, perFunction] of Object.entries(counts)) counts[key] = { ...perFunction, injectedFaults: 0 };
  return {
    ...asteroids,
    id: 'fresh-error',
    title: '"Download Exoplanets" throws a new HTTPError (real stack) on all 4 attempts, caught into ErrorState',
    functions,
    expected: { ...asteroids.expected, counts },
  };
}

class HTTPError extends Error {
  constructor(message) {
    super(message);
    this.name = 'HTTPError';
  }
}

async function throwsFreshHttpError() {
  throw new HTTPError('b00m');
}
