import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The engines the bench compares, by id, in table order. Loaded lazily so that a cell's process
 * only imports (and, for the peer, polyfills and fakes timers for) the engine it measures.
 */
export const engineLoaders = {
  'sfn-chaos': async () => (await import('./sfnChaosEngine.mjs')).sfnChaosEngine,
  'aws-local-stepfunctions': async () => (await import('./awsLocalStepFunctionsEngine.mjs')).awsLocalStepFunctionsEngine,
  // An older build of sfn-chaos (run.mjs --baseline DIR sets SFN_CHAOS_BASELINE): before/after in one run.
  'sfn-chaos-baseline': async () => {
    const directory = process.env.SFN_CHAOS_BASELINE;
    if (!directory) throw new Error('sfn-chaos-baseline needs SFN_CHAOS_BASELINE (a checkout with a built dist/)');
    const { createSfnChaosEngine } = await import('./sfnChaosEngine.mjs');
    return createSfnChaosEngine('sfn-chaos-baseline', await import(pathToFileURL(resolve(directory, 'dist/index.js')).href));
  },
  // The floor under both: the same functions called in one execution's order, with no engine at all.
  'handlers-alone': async () => (await import('./handlersAloneEngine.mjs')).handlersAloneEngine,
};
