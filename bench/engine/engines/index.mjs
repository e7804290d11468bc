/**
 * The engines the bench compares, by id, in table order. Loaded lazily so that a cell's process
 * only imports (and, for the peer, polyfills and fakes timers for) the engine it measures.
 */
export const engineLoaders = {
  'sfn-chaos': async () => (await import('./sfnChaosEngine.mjs')).sfnChaosEngine,
  'aws-local-stepfunctions': async () => (await import('./awsLocalStepFunctionsEngine.mjs')).awsLocalStepFunctionsEngine,
  // The floor under both: the same functions called in one execution's order, with no engine at all.
  'handlers-alone': async () => (await import('./handlersAloneEngine.mjs')).handlersAloneEngine,
};
