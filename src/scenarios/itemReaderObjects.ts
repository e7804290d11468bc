import { collectStates } from '../sources/loadDefinition.js';

/**
 * The S3 objects the Distributed Map states of a definition read with their ItemReader, as far as the
 * definition says them literally (a `Bucket.$`/`Key.$` path or a JSONata expression is only known at run time).
 */

/** One Distributed Map's ItemReader source. */
export interface ItemReaderSource {
  /** The Map state's name. */
  stateName: string;
  /** `s3:getObject` or `s3:listObjectsV2` (the Resource without `arn:aws:states:::`). */
  action: string;
  /** `s3://bucket/key` for `s3:getObject`, `s3://bucket/prefix` for `s3:listObjectsV2`; absent when Bucket or Key/Prefix is not a literal. */
  uri?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A literal string field of an ItemReader's Parameters (JSONPath) or Arguments (JSONata), else undefined. */
function literal(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (typeof value !== 'string' || fields[`${name}.$`] !== undefined) return undefined;
  return /^\{%[\s\S]*%\}$/.test(value.trim()) ? undefined : value;
}

/**
 * Every Distributed Map with an S3 ItemReader, nested ones included.
 *
 * @example
 * ```ts
 * itemReaderSourcesOf(definition);
 * // [{ stateName: 'Process orders', action: 's3:getObject', uri: 's3://orders/today.csv' }]
 * ```
 */
export function itemReaderSourcesOf(definition: unknown): ItemReaderSource[] {
  const sources: ItemReaderSource[] = [];
  for (const { name, state } of collectStates(definition)) {
    const reader = state['ItemReader'];
    if (state['Type'] !== 'Map' || !isRecord(reader) || typeof reader['Resource'] !== 'string') continue;
    const action = reader['Resource'].replace(/^arn:[^:]+:states:::/, '');
    if (!action.startsWith('s3:')) continue;
    const fields = isRecord(reader['Parameters']) ? reader['Parameters'] : isRecord(reader['Arguments']) ? reader['Arguments'] : {};
    const bucket = literal(fields, 'Bucket');
    const key =
      action === 's3:listObjectsV2'
        ? (literal(fields, 'Prefix') ?? (fields['Prefix'] === undefined ? '' : undefined))
        : literal(fields, 'Key');
    sources.push({ stateName: name, action, ...(bucket === undefined || key === undefined ? {} : { uri: `s3://${bucket}/${key}` }) });
  }
  return sources;
}
