import type { ExecutionResult } from '../../../api/types.js';
import { StatesErrorName } from '../../../asl/errorNames.js';
import { TerminalFailure } from '../../../asl/failures.js';
import { isJsonObject, toJsonText, type JsonObject, type JsonValue } from '../../../data/json.js';
import type { DistributedMapFields } from './distributedMapFields.js';

type WriterConfig = NonNullable<NonNullable<DistributedMapFields['ResultWriter']>['WriterConfig']>;

/**
 * A child execution as ResultWriter's `Transformation: NONE` shows it: its DescribeExecution fields,
 * PascalCase, Input and Output as JSON text, dates as ISO strings (the date format and field order
 * follow AWS's documented result-file example; UNCONFIRMED in detail).
 */
export function executionRecord(result: ExecutionResult): JsonObject {
  const succeeded = result.status === 'SUCCEEDED';
  const record: JsonObject = {};
  if (result.cause !== undefined) record['Cause'] = result.cause;
  if (result.error !== undefined) record['Error'] = result.error;
  record['ExecutionArn'] = result.executionArn;
  record['Input'] = result.input;
  record['InputDetails'] = { Included: true };
  record['Name'] = result.name;
  if (result.output !== undefined) {
    record['Output'] = result.output;
    record['OutputDetails'] = { Included: true };
  }
  record['RedriveCount'] = 0;
  record['RedriveStatus'] = succeeded ? 'NOT_REDRIVABLE' : 'REDRIVABLE';
  if (succeeded) record['RedriveStatusReason'] = 'Execution is SUCCEEDED and cannot be redriven';
  record['StartDate'] = result.startDate.toISOString();
  record['StateMachineArn'] = result.stateMachineArn;
  record['Status'] = result.status;
  record['StopDate'] = result.stopDate.toISOString();
  return record;
}

/**
 * The children's results transformed as `WriterConfig.Transformation` says: COMPACT (the default without
 * ResultWriter) keeps each succeeded child's output, NONE the whole record, FLATTEN spreads outputs
 * that are arrays. A child that did not succeed always shows as its record (as with NONE), as AWS documents.
 */
export function transformedResults(results: readonly ExecutionResult[], transformation: WriterConfig['Transformation']): JsonValue[] {
  const values: JsonValue[] = [];
  for (const result of results) {
    if (result.status !== 'SUCCEEDED' || transformation === 'NONE') {
      values.push(executionRecord(result));
      continue;
    }
    const output = JSON.parse(result.output ?? 'null') as JsonValue;
    if (transformation === 'FLATTEN' && Array.isArray(output)) values.push(...output);
    else values.push(output);
  }
  return values;
}

/** What ResultWriter wrote and the Map state's result: `{MapRunArn, ResultWriterDetails: {Bucket, Key}}`. */
export interface WrittenResults {
  output: JsonObject;
  objects: Array<{ bucket: string; key: string; body: string }>;
}

/**
 * Writes a Map Run's results as ResultWriter does (`arn:aws:states:::s3:putObject` with Bucket and Prefix):
 * under `<Prefix>/<map run id>/` one `SUCCEEDED_0.json` and one `FAILED_0.json` (only when there are such
 * children; AWS splits large runs over several numbered files, which this does not: UNCONFIRMED where
 * AWS splits), and `manifest.json` listing them: `{DestinationBucket, MapRunArn, ResultFiles: {FAILED,
 * PENDING, SUCCEEDED}}` with each file's Key and Size. The export's default transformation is NONE; with
 * `OutputType: JSONL` a file holds one record a line. Children that timed out or were aborted go with the
 * failed ones (UNCONFIRMED: AWS may keep separate files for them).
 *
 * @example
 * writeResults('arn:aws:states:…:mapRun:m/l:1', { Bucket: 'out', Prefix: 'runs' }, undefined, results).output;
 * // { MapRunArn: 'arn:…', ResultWriterDetails: { Bucket: 'out', Key: 'runs/1/manifest.json' } }
 */
export function writeResults(
  mapRunArn: string,
  parameters: JsonValue,
  writerConfig: WriterConfig | undefined,
  results: readonly ExecutionResult[],
): WrittenResults {
  const bucket = isJsonObject(parameters) ? parameters['Bucket'] : undefined;
  const prefixValue = isJsonObject(parameters) ? (parameters['Prefix'] ?? '') : '';
  if (typeof bucket !== 'string' || bucket === '' || typeof prefixValue !== 'string') {
    throw new TerminalFailure(
      StatesErrorName.ResultWriterFailed,
      `The ResultWriter needs a string Bucket and Prefix, got ${toJsonText(parameters)}`,
    );
  }
  const prefix = prefixValue === '' || prefixValue.endsWith('/') ? prefixValue : `${prefixValue}/`;
  const runId = mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1);
  const transformation = writerConfig?.Transformation ?? 'NONE';
  const objects: WrittenResults['objects'] = [];
  const resultFiles: Record<'FAILED' | 'PENDING' | 'SUCCEEDED', JsonValue[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  const groups = {
    SUCCEEDED: results.filter((result) => result.status === 'SUCCEEDED'),
    FAILED: results.filter((result) => result.status !== 'SUCCEEDED'),
  };
  for (const status of ['SUCCEEDED', 'FAILED'] as const) {
    const group = groups[status];
    if (group.length === 0) continue;
    const values = transformedResults(group, transformation);
    const body = writerConfig?.OutputType === 'JSONL' ? values.map((value) => toJsonText(value)).join('\n') : toJsonText(values);
    const key = `${prefix}${runId}/${status}_0.json`;
    objects.push({ bucket, key, body });
    resultFiles[status].push({ Key: key, Size: Buffer.byteLength(body) });
  }
  const manifestKey = `${prefix}${runId}/manifest.json`;
  const manifest = { DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: resultFiles };
  objects.push({ bucket, key: manifestKey, body: toJsonText(manifest) });
  return { output: { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } }, objects };
}
