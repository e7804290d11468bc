import { loadAsteroidsHttpErrorWorkload } from './asteroidsHttpError.mjs';
import { createMapWithRetriesWorkload } from './mapWithRetries.mjs';

/** Every workload of the engine benchmark, by id, in table order. */
export const workloadLoaders = {
  asteroids: loadAsteroidsHttpErrorWorkload,
  'map-1000': async () => createMapWithRetriesWorkload(),
};
