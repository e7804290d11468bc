import type { ScenarioResult } from '../scenarios/runScenarios.js';

/** A scenario run by `describeScenarios()` did not pass; the message is what `chaos run` prints for it. */
export class ScenarioFailedError extends Error {
  readonly result: ScenarioResult;
  constructor(message: string, result: ScenarioResult, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ScenarioFailedError';
    this.result = result;
  }
}
