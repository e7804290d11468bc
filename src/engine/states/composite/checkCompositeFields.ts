import type { JsonObject } from '../../data/json.js';
import { checkErrorRules } from '../../validation/checkErrorRules.js';
import type { StateChecker } from '../../validation/StateChecker.js';

/** ResultSelector, Retry and Catch: the fields Parallel and Map share with Task. */
export function checkCompositeFields(state: JsonObject, checker: StateChecker): void {
  if (state['ResultSelector'] !== undefined) checker.checkPayloadTemplate(state['ResultSelector'], '.ResultSelector');
  checkErrorRules(checker, state['Retry'], '.Retry', 'retrier');
  checkErrorRules(checker, state['Catch'], '.Catch', 'catcher');
}
