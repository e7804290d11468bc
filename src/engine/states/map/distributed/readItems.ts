import { StatesErrorName } from '../../../asl/errorNames.js';
import { TerminalFailure } from '../../../asl/failures.js';
import { isJsonObject, toJsonText, type JsonObject, type JsonValue } from '../../../data/json.js';
import type { ExecutionScope } from '../../../runtime/ExecutionScope.js';
import { csvItems } from './csvItems.js';
import type { ReaderConfig } from './distributedMapFields.js';

/** Where the ItemReader reads: its resource and its evaluated Parameters (JSONPath) or Arguments (JSONata). */
export interface ItemReaderCall {
  resource: string;
  parameters: JsonValue;
  config: ReaderConfig;
  /** MaxItems, already resolved from MaxItems or MaxItemsPath; absent: all items. */
  maxItems: number | undefined;
}

/** `States.ItemReaderFailed` with a cause naming what went wrong (the wording of each cause is UNCONFIRMED). */
function readerFailure(cause: string): TerminalFailure {
  return new TerminalFailure(StatesErrorName.ItemReaderFailed, cause);
}

/**
 * Reads a Distributed Map's items from the S3 stand-ins of the run (`s3Objects`, keyed by `s3://bucket/key`):
 *
 * - `arn:aws:states:::s3:getObject` with `ReaderConfig.InputType` JSON (the object is a JSON array), JSONL
 *   (one JSON value a line) or CSV (one object a row, every value a string; headers from the first row
 *   with `CSVHeaderLocation: FIRST_ROW`, or `CSVHeaders` with `GIVEN`);
 * - `arn:aws:states:::s3:listObjectsV2`: one item per object under `Prefix`, `{Etag, Key, LastModified, Size, StorageClass}`
 *   (the Etag, LastModified and StorageClass of a stand-in are made up: UNCONFIRMED beyond the field names).
 *
 * `MaxItems` keeps the first items. A missing object or one that does not parse fails with `States.ItemReaderFailed`.
 *
 * @example
 * readItems(scope, { resource: 'arn:aws:states:::s3:getObject', parameters: { Bucket: 'b', Key: 'k.json' },
 *   config: { InputType: 'JSON' }, maxItems: undefined }); // the array in s3://b/k.json
 */
export function readItems(scope: ExecutionScope, call: ItemReaderCall): JsonValue[] {
  const items = readAll(scope, call);
  return call.maxItems === undefined || call.maxItems === 0 ? items : items.slice(0, call.maxItems);
}

function readAll(scope: ExecutionScope, call: ItemReaderCall): JsonValue[] {
  const objects = scope.integrations.s3Objects;
  const parameters: JsonObject = isJsonObject(call.parameters) ? call.parameters : {};
  const bucket = parameters['Bucket'];
  if (typeof bucket !== 'string')
    throw readerFailure(`The ItemReader's Bucket must be a string, got ${toJsonText(parameters['Bucket'] ?? null)}`);
  const action = call.resource.replace(/^arn:[^:]+:states:::/, '');
  if (action === 's3:listObjectsV2') {
    const prefix = typeof parameters['Prefix'] === 'string' ? parameters['Prefix'] : '';
    const start = `s3://${bucket}/${prefix}`;
    return Object.keys(objects)
      .filter((uri) => uri.startsWith(start))
      .sort()
      .map((uri) => {
        const body = objects[uri] as string;
        return {
          Etag: '"00000000000000000000000000000000"',
          Key: uri.slice(`s3://${bucket}/`.length),
          LastModified: new Date(scope.startTime).toISOString(),
          Size: Buffer.byteLength(body),
          StorageClass: 'STANDARD',
        };
      });
  }
  const key = parameters['Key'];
  if (typeof key !== 'string') throw readerFailure(`The ItemReader's Key must be a string, got ${toJsonText(parameters['Key'] ?? null)}`);
  const uri = `s3://${bucket}/${key}`;
  const body = objects[uri];
  if (body === undefined) throw readerFailure(`The specified key does not exist (S3.NoSuchKey): ${uri}`);
  const inputType = call.config.InputType ?? 'JSON';
  switch (inputType) {
    case 'CSV':
      return csvItems(body, call.config.CSVHeaderLocation === 'GIVEN' ? (call.config.CSVHeaders ?? []) : undefined);
    case 'JSONL':
      return body
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line, index) => parseJson(line, `line ${index + 1} of ${uri}`));
    case 'JSON': {
      const value = parseJson(body, uri);
      if (!Array.isArray(value)) throw readerFailure(`${uri} must hold a JSON array, got ${toJsonText(value).slice(0, 80)}`);
      return value;
    }
    default:
      // Validation refuses MANIFEST before a run.
      throw readerFailure(`InputType ${inputType} cannot be read`);
  }
}

function parseJson(text: string, where: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw readerFailure(`${where} is not valid JSON`);
  }
}
