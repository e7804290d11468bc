import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { InvalidInputError } from '../errors.js';
import type { LoadContext } from './loadContext.js';
import type { RawS3Object } from './rawScenarioFile.js';
import type { S3ObjectSpec } from './types.js';

type Path = (string | number)[];

/** `s3://bucket/key`, the form a `s3Objects:` key takes (the bucket without slashes, a non-empty key). */
const S3_URI = /^s3:\/\/[^/]+\/.+$/;

/**
 * Reads an `s3Objects:` mapping (of a state machine or a scenario): each key an `s3://bucket/key`, each
 * entry `file:` (read now, relative to the scenario file) or `content:` (a string as it is, any other
 * value as its JSON text). A problem is one line at the entry: a key not in that form, both or neither
 * of `file:`/`content:`, a file that does not exist.
 *
 * @example
 * ```ts
 * await loadS3Objects(context, ['stateMachines', 'orders', 's3Objects'], { 's3://orders/today.csv': { file: './items.csv' } });
 * // { 's3://orders/today.csv': { body: 'id,amount\n1,10\n', file: '/abs/items.csv', at } }
 * ```
 */
export async function loadS3Objects(
  context: LoadContext,
  path: Path,
  raw: Readonly<Record<string, RawS3Object>>,
): Promise<Record<string, S3ObjectSpec>> {
  const objects: Record<string, S3ObjectSpec> = {};
  for (const [key, entry] of Object.entries(raw)) {
    const entryPath = [...path, key];
    const at = context.at(entryPath, 'key');
    if (!S3_URI.test(key))
      throw new InvalidInputError(
        `${JSON.stringify(key)} is not an S3 object; write it as s3://bucket/key, e.g. "s3://orders/today.csv"`,
        at,
      );
    if (entry.file !== undefined && entry.content !== undefined)
      throw new InvalidInputError(
        'an S3 object has one source, but this one has both file: and content:; keep one',
        context.at([...entryPath, 'content'], 'key'),
      );
    const spec: S3ObjectSpec =
      entry.file !== undefined
        ? await readObjectFile(context, [...entryPath, 'file'], entry.file, at)
        : { body: typeof entry.content === 'string' ? entry.content : JSON.stringify(entry.content ?? null), at };
    Object.defineProperty(objects, key, { value: spec, enumerable: true, writable: true, configurable: true });
  }
  return objects;
}

async function readObjectFile(context: LoadContext, path: Path, value: string, at: S3ObjectSpec['at']): Promise<S3ObjectSpec> {
  const file = isAbsolute(value) ? value : resolve(context.dir, value);
  try {
    return { body: await readFile(file, 'utf8'), file, at };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot be read (${code ?? 'error'})`;
    throw new InvalidInputError(
      `S3 object file ${context.display(file)} ${problem}; create it or fix the path (paths are relative to the scenario file), or give the object inline with content:`,
      context.at(path),
      { cause: error },
    );
  }
}
