import { parseAslTimestamp } from '../../asl/aslTimestamp.js';
import { isJsonataExpression } from '../../data/jsonataExpressions.js';
import type { JsonObject } from '../../data/json.js';
import type { StateChecker } from '../../validation/StateChecker.js';
import type { StateTypeCheck } from '../../validation/StateTypeCheck.js';

/** Definition checks of Wait states: exactly one of Seconds, SecondsPath, Timestamp and TimestampPath, each well formed. */
export const waitStateCheck: StateTypeCheck = {
  fields: ['Type', 'Comment', 'Next', 'End', 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath', 'InputPath', 'OutputPath'],
  check: checkWaitState,
};

function checkWaitState(state: JsonObject, checker: StateChecker): void {
  const given = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter((field) => state[field] !== undefined);
  if (given.length !== 1) {
    checker.report('', 'A Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath');
  }
  if (!isJsonataExpression(state['Seconds'])) checker.checkInteger(state, 'Seconds', 0);
  const timestamp = state['Timestamp'];
  if (
    timestamp !== undefined &&
    !isJsonataExpression(timestamp) &&
    (typeof timestamp !== 'string' || parseAslTimestamp(timestamp) === undefined)
  ) {
    checker.report('.Timestamp', 'Timestamp must be an ISO-8601 timestamp such as 2016-08-18T17:33:00Z');
  }
  checker.checkPath(state, 'SecondsPath', 'reference');
  checker.checkPath(state, 'TimestampPath', 'reference');
}
