import { isIntrinsicFunctionCall } from '../../data/payloadTemplate.js';
import type { JsonObject } from '../../data/json.js';
import { fieldKey } from '../../validation/fieldIssues.js';
import type { StateChecker } from '../../validation/StateChecker.js';
import type { StateTypeCheck } from '../../validation/StateTypeCheck.js';
import { checkDynamicValue } from '../../validation/validateQueryLanguage.js';

/** Definition checks of Succeed states: only the common ones (neither Next nor End; InputPath and OutputPath). */
export const succeedStateCheck: StateTypeCheck = {
  fields: ['Type', 'Comment', 'InputPath', 'OutputPath'],
};

/** Definition checks of Fail states: Error and Cause, each a string or given by its path field, not both. */
export const failStateCheck: StateTypeCheck = {
  fields: ['Type', 'Comment', 'Error', 'ErrorPath', 'Cause', 'CausePath'],
  check: checkFailState,
};

function checkFailState(state: JsonObject, checker: StateChecker): void {
  for (const [field, pathField] of [
    ['Error', 'ErrorPath'],
    ['Cause', 'CausePath'],
  ] as const) {
    if (state[field] !== undefined && typeof state[field] !== 'string') checker.report(fieldKey(field), `${field} must be a string`);
    if (state[field] !== undefined && state[pathField] !== undefined)
      checker.report('', `${field} and ${pathField} cannot be used together`);
    const path = state[pathField];
    if (typeof path === 'string' && isIntrinsicFunctionCall(path)) {
      checkDynamicValue(path, fieldKey(pathField), (issuePath, message) => checker.report(issuePath, message));
    } else {
      checker.checkPath(state, pathField, 'reference', true);
    }
  }
}
