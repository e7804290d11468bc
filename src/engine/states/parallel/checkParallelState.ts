import type { JsonObject } from '../../data/json.js';
import type { StateChecker } from '../../validation/StateChecker.js';
import type { StateTypeCheck } from '../../validation/StateTypeCheck.js';
import { checkCompositeFields } from '../composite/checkCompositeFields.js';

/** Definition checks of Parallel states: each branch as a state machine of its own, ResultSelector, Retry and Catch. */
export const parallelStateCheck: StateTypeCheck = {
  fields: [
    'Type',
    'Comment',
    'Next',
    'End',
    'Branches',
    'Parameters',
    'ResultSelector',
    'ResultPath',
    'InputPath',
    'OutputPath',
    'Retry',
    'Catch',
  ],
  check: checkParallelState,
};

function checkParallelState(state: JsonObject, checker: StateChecker): void {
  const branches = state['Branches'];
  if (!Array.isArray(branches) || branches.length === 0) {
    checker.report('.Branches', 'Branches must be a non-empty array of state machines');
  } else {
    branches.forEach((branch, index) => {
      checker.checkNestedMachine(branch, `.Branches[${index}]`);
    });
  }
  checkCompositeFields(state, checker);
}
