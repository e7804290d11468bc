import { loadAsteroidsHttpErrorWorkload } from './asteroidsHttpError.mjs';
import { createChainWorkload } from './chain.mjs';
import { loadFreshErrorWorkload } from './freshError.mjs';
import { createLongHistoryWorkload } from './longHistory.mjs';
import { createMapWithRetriesWorkload } from './mapWithRetries.mjs';

/** Every workload of the engine benchmark, by id, in table order. */
export const workloadLoaders = {
  asteroids: loadAsteroidsHttpErrorWorkload,
  'fresh-error': loadFreshErrorWorkload,
  'map-1000': async () => createMapWithRetriesWorkload(),
  'chain-100': async () => createChainWorkload(100),
  'chain-1000': async () => createChainWorkload(1000),
  'chain-3000': async () => createChainWorkload(3000),
  'chain-resultpath-1000': async () => createChainWorkload(1000, { withResultPath: true }),
  'long-history-700': async () => createLongHistoryWorkload(700),
  'long-history-5000': async () => createLongHistoryWorkload(5000),
  'long-history-24000': async () => createLongHistoryWorkload(24000),
};
