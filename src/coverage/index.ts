/** Which Retry and Catch rules a run exercised, computed from its histories and the definitions. */
export { computeCoverage } from './computeCoverage.js';
export { formatCoverage } from './formatCoverage.js';
export type { RuleCoverage, RunCoverage, StateCoverage, StateMachineCoverage } from '../run/coverageTypes.js';
