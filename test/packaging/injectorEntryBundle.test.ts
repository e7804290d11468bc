import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as source from '../../src/injectors/index.js';

/**
 * The built ES module entries of the injector (`npm run build` first) are each one bundled file
 * (scripts/bundleInjector.mjs): importing one loads no other module of sfn-chaos, so a Lambda function's cold
 * start pays Node's module loader once. The main package's keeps dist/errors.js, shared with `sfn-chaos`.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const entries = [
  { entry: 'dist/injectors/index.js', relativeImports: ['../errors.js'] },
  { entry: 'packages/injector/dist/injectors/index.js', relativeImports: [] },
];

function staticImportsOf(code: string): string[] {
  return [...code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)";?$|^import\s+"([^"]+)";?$/gm)].map(
    (match) => match[1] ?? match[2] ?? '',
  );
}

describe('the built injector entries', () => {
  it.each(entries)(
    '$entry imports no other file of sfn-chaos but $relativeImports, and nothing from node_modules',
    async ({ entry, relativeImports }) => {
      const imports = staticImportsOf(await readFile(resolve(root, entry), 'utf8'));
      expect(imports.filter((specifier) => specifier.startsWith('.'))).toEqual(relativeImports);
      expect(imports.filter((specifier) => !specifier.startsWith('.') && !isBuiltin(specifier))).toEqual([]);
    },
  );

  it.each(entries)('$entry has the exports of src/injectors/index.ts', async ({ entry }) => {
    const built = (await import(pathToFileURL(resolve(root, entry)).href)) as Record<string, unknown>;
    expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
  });
});
