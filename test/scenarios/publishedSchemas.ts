import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, where `schemas/` is published from. */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The text of a published schema file as the source object gives it. */
export function schemaFileText(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/**
 * The published `schemas/<name>` file and the text its source object gives. With `UPDATE_SCHEMAS=1`
 * the file is rewritten from the source first, so the two are equal again: the source in `src/` stays
 * the only place a schema is edited.
 */
export function readPublishedSchema(name: string, schema: unknown): { published: string; generated: string } {
  const path = join(packageRoot, 'schemas', name);
  const generated = schemaFileText(schema);
  if (process.env['UPDATE_SCHEMAS'] === '1') writeFileSync(path, generated);
  return { published: readFileSync(path, 'utf8'), generated };
}
