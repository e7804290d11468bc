/**
 * The part of `sfn-chaos/jest` that runs scenarios, as one ES module: the CommonJS build loads it with
 * `import()` when a scenario runs (see `./commonjs.ts`).
 */
export { runScenario } from '../run/runScenario.js';
export { runNamedScenario } from './runNamedScenario.js';
