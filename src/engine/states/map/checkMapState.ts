import { isJsonataExpression } from '../../data/jsonataExpressions.js';
import { isJsonObject, type JsonObject } from '../../data/json.js';
import { fieldKey } from '../../validation/fieldIssues.js';
import type { StateChecker } from '../../validation/StateChecker.js';
import type { StateTypeCheck } from '../../validation/StateTypeCheck.js';
import { checkCompositeFields } from '../composite/checkCompositeFields.js';
import { checkDistributedMapFields, distributedOnlyFields } from './distributed/checkDistributedMap.js';

/**
 * Definition checks of Map states (inline and distributed mode): the item processor as a state machine of its own,
 * ItemSelector, ItemsPath, concurrency and tolerated failures, ResultSelector, Retry and Catch.
 */
export const mapStateCheck: StateTypeCheck = {
  fields: [
    'Type',
    'Comment',
    'Next',
    'End',
    'ItemProcessor',
    'Iterator',
    'ItemsPath',
    'ItemSelector',
    'Parameters',
    'MaxConcurrency',
    'ToleratedFailureCount',
    'ToleratedFailurePercentage',
    'ResultSelector',
    'ResultPath',
    'InputPath',
    'OutputPath',
    'Retry',
    'Catch',
    ...distributedOnlyFields,
  ],
  check: checkMapState,
};

function checkMapState(state: JsonObject, checker: StateChecker): void {
  const processorField = ['ItemProcessor', 'Iterator'].filter((field) => state[field] !== undefined);
  if (processorField.length !== 1) {
    checker.report('', 'A Map state needs exactly one of ItemProcessor and Iterator');
  }
  for (const field of processorField) {
    const processor = state[field];
    if (!isJsonObject(processor)) {
      checker.report(fieldKey(field), `${field} must be a state machine object`);
      continue;
    }
    const config = processor['ProcessorConfig'];
    const mode = isJsonObject(config) ? config['Mode'] : undefined;
    if (mode === 'DISTRIBUTED' && field === 'Iterator') {
      checker.report(`${fieldKey(field)}.ProcessorConfig.Mode`, 'A Distributed Map needs ItemProcessor, not Iterator');
    } else if (mode !== undefined && mode !== 'INLINE' && mode !== 'DISTRIBUTED') {
      checker.report(`${fieldKey(field)}.ProcessorConfig.Mode`, 'ProcessorConfig.Mode must be "INLINE" or "DISTRIBUTED"');
    }
    checker.checkNestedMachine(processor, fieldKey(field), ['ProcessorConfig']);
  }
  const processor = state['ItemProcessor'];
  const config = isJsonObject(processor) ? processor['ProcessorConfig'] : undefined;
  const distributed = isJsonObject(config) && config['Mode'] === 'DISTRIBUTED';
  if (isJsonObject(config) && config['ExecutionType'] !== undefined && !['STANDARD', 'EXPRESS'].includes(config['ExecutionType'] as string))
    checker.report('.ItemProcessor.ProcessorConfig.ExecutionType', 'ExecutionType must be STANDARD or EXPRESS');
  checkDistributedMapFields(state, checker, distributed);
  if (state['ItemSelector'] !== undefined && state['Parameters'] !== undefined) {
    checker.report('.ItemSelector', 'ItemSelector and Parameters cannot be used together');
  }
  if (state['ItemSelector'] !== undefined) checker.checkPayloadTemplate(state['ItemSelector'], '.ItemSelector');
  checker.checkPath(state, 'ItemsPath', 'reference');
  // In a JSONata Map each of these may be a {% %} expression, evaluated when the state runs.
  if (!isJsonataExpression(state['MaxConcurrency'])) checker.checkInteger(state, 'MaxConcurrency', 0, undefined, ' (0 means no limit)');
  if (!isJsonataExpression(state['ToleratedFailureCount'])) checker.checkInteger(state, 'ToleratedFailureCount', 0);
  const percentage = state['ToleratedFailurePercentage'];
  if (
    percentage !== undefined &&
    !isJsonataExpression(percentage) &&
    (typeof percentage !== 'number' || !(percentage >= 0 && percentage <= 100))
  ) {
    checker.report('.ToleratedFailurePercentage', 'ToleratedFailurePercentage must be a number from 0 to 100');
  }
  checkCompositeFields(state, checker);
}
