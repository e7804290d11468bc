import { isJsonObject, type JsonObject } from '../../../data/json.js';
import { notYet } from '../../../validation/fieldIssues.js';
import type { StateChecker } from '../../../validation/StateChecker.js';

/** Fields only a Distributed Map may have. */
export const distributedOnlyFields = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'Label',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
] as const;

const readerResources = ['arn:aws:states:::s3:getObject', 'arn:aws:states:::s3:listObjectsV2'];

/**
 * Checks of a Distributed Map's own fields; what the engine does not implement is refused in the usual
 * "not supported by the local engine yet" words (MANIFEST input, CSVDelimiter, other ItemReader resources).
 * On an inline Map these fields are refused as AWS refuses them.
 */
export function checkDistributedMapFields(state: JsonObject, checker: StateChecker, distributed: boolean): void {
  if (!distributed) {
    for (const field of distributedOnlyFields) {
      if (state[field] === undefined) continue;
      // The …Path forms on an inline Map: whether AWS accepts them there is UNCONFIRMED, and the engine reads them only in a Map Run.
      if (field.endsWith('Path')) checker.report(`.${field}`, `${field} on an inline Map is ${notYet}`);
      else checker.report(`.${field}`, `${field} is only allowed in a Map state whose ProcessorConfig.Mode is DISTRIBUTED`);
    }
    return;
  }
  const reader = state['ItemReader'];
  if (reader !== undefined) {
    if (!isJsonObject(reader) || typeof reader['Resource'] !== 'string')
      checker.report('.ItemReader', 'ItemReader must be an object with a Resource');
    else {
      const resource = reader['Resource'].replace(/^arn:[^:]+:/, 'arn:aws:');
      if (!readerResources.includes(resource))
        checker.report(
          '.ItemReader.Resource',
          `ItemReader Resource ${reader['Resource']} is ${notYet} (s3:getObject and s3:listObjectsV2 are)`,
        );
      const config = reader['ReaderConfig'];
      if (isJsonObject(config)) {
        const inputType = config['InputType'];
        if (inputType === 'MANIFEST') checker.report('.ItemReader.ReaderConfig.InputType', `InputType MANIFEST is ${notYet}`);
        else if (inputType !== undefined && !['CSV', 'JSON', 'JSONL'].includes(inputType as string))
          checker.report('.ItemReader.ReaderConfig.InputType', 'InputType must be CSV, JSON, JSONL or MANIFEST');
        if (resource.endsWith('s3:getObject') && inputType === undefined)
          checker.report('.ItemReader.ReaderConfig.InputType', 'An ItemReader with s3:getObject needs ReaderConfig.InputType');
        if (config['CSVDelimiter'] !== undefined) checker.report('.ItemReader.ReaderConfig.CSVDelimiter', `CSVDelimiter is ${notYet}`);
        const location = config['CSVHeaderLocation'];
        if (location === 'GIVEN' && !Array.isArray(config['CSVHeaders']))
          checker.report('.ItemReader.ReaderConfig.CSVHeaders', 'CSVHeaderLocation GIVEN needs CSVHeaders (an array of strings)');
        if (location !== undefined && location !== 'FIRST_ROW' && location !== 'GIVEN')
          checker.report('.ItemReader.ReaderConfig.CSVHeaderLocation', 'CSVHeaderLocation must be FIRST_ROW or GIVEN');
      } else if (resource.endsWith('s3:getObject'))
        checker.report('.ItemReader.ReaderConfig', 'An ItemReader with s3:getObject needs ReaderConfig.InputType');
    }
  }
  const writer = state['ResultWriter'];
  if (writer !== undefined) {
    if (!isJsonObject(writer) || Object.keys(writer).length === 0) checker.report('.ResultWriter', 'ResultWriter cannot be empty');
    else if (
      writer['Resource'] !== undefined &&
      String(writer['Resource']).replace(/^arn:[^:]+:/, 'arn:aws:') !== 'arn:aws:states:::s3:putObject'
    )
      checker.report('.ResultWriter.Resource', `ResultWriter Resource ${String(writer['Resource'])} is ${notYet} (s3:putObject is)`);
  }
  const batcher = state['ItemBatcher'];
  if (batcher !== undefined && !isJsonObject(batcher)) checker.report('.ItemBatcher', 'ItemBatcher must be an object');
}
