import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { createRequire, isBuiltin } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as source from '../../src/injectors/index.js';

/**
 * The built entries of the injector (`npm run build` first; ES module and CommonJS) are each one bundled file
 * (scripts/bundleInjector.mjs): loading one loads no other module of sfn-chaos, so a Lambda function's cold
 * start pays Node's module loader once. The main package's keep dist/errors.js (dist/cjs/errors.js), shared with `sfn-chaos`.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const entries = [
  { entry: 'dist/injectors/index.js', relativeImports: ['../errors.js'] },
  { entry: 'packages/injector/dist/injectors/index.js', relativeImports: [] },
  { entry: 'dist/cjs/injectors/index.js', relativeImports: ['../errors.js'] },
  { entry: 'packages/injector/dist/cjs/injectors/index.js', relativeImports: [] },
];

/** The modules a built entry loads by name: its static imports (ES module) or its `require("…")` calls (CommonJS). */
function staticImportsOf(code: string): string[] {
  const imports = [...code.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)";?$|^import\s+"([^"]+)";?$/gm)];
  const requires = [...code.matchAll(/\brequire\("([^"]+)"\)/g)];
  return [...imports, ...requires].map((match) => match[1] ?? match[2] ?? '');
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
    const built = entry.includes('/cjs/')
      ? (createRequire(import.meta.url)(resolve(root, entry)) as Record<string, unknown>)
      : ((await import(pathToFileURL(resolve(root, entry)).href)) as Record<string, unknown>);
    expect(Object.keys(built).sort()).toEqual(Object.keys(source).sort());
  });
});
