import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidInputError } from '../errors.js';
import { firstLine } from '../sources/loadErrors.js';
import type { Located } from './types.js';

/**
 * Local handlers: finding the file a `handler:` names and making sure its export is a function
 * before any scenario runs.
 */

/** How long a handler module may take to import (its top-level code runs) before giving up. */
export const DEFAULT_IMPORT_TIMEOUT_MS = 10_000;

export interface HandlerLocation {
  /** Absolute path of the module. */
  file: string;
  exportName: string;
}

const EXTENSIONS = ['.mjs', '.js', '.cjs'];

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Resolves `path/to/file.mjs#exportName` (export default `handler`) against `baseDir`. A path
 * without an extension is tried with `.mjs`, `.js` and `.cjs`; SAM's `path/file.export` form is
 * accepted too. Throws at `at` when no file fits.
 */
export function resolveHandler(text: string, baseDir: string, at: Located, display: (file: string) => string): HandlerLocation {
  const hash = text.lastIndexOf('#');
  const pathPart = (hash < 0 ? text : text.slice(0, hash)).trim();
  const exportName = hash < 0 ? 'handler' : text.slice(hash + 1).trim() || 'handler';
  if (pathPart === '')
    throw new InvalidInputError(`handler ${JSON.stringify(text)} names no file; write it as path/to/file.mjs#exportName`, at);
  if (!/^[A-Za-z_$][\w$]*$/.test(exportName)) {
    throw new InvalidInputError(
      `handler export ${JSON.stringify(exportName)} is not a JavaScript name; write the handler as path/to/file.mjs#exportName`,
      at,
    );
  }
  const base = isAbsolute(pathPart) ? pathPart : resolve(baseDir, pathPart);
  if (isFile(base)) return { file: base, exportName };
  for (const extension of EXTENSIONS) {
    if (isFile(base + extension)) return { file: base + extension, exportName };
  }
  const dot = pathPart.lastIndexOf('.');
  if (hash < 0 && dot > 0) {
    // SAM's Handler form: `app.handler` means the `handler` export of `app.mjs|js|cjs`.
    const moduleBase = resolve(baseDir, pathPart.slice(0, dot));
    const samExport = pathPart.slice(dot + 1);
    for (const extension of EXTENSIONS) {
      if (/^[A-Za-z_$][\w$]*$/.test(samExport) && isFile(moduleBase + extension))
        return { file: moduleBase + extension, exportName: samExport };
    }
  }
  throw new InvalidInputError(`handler file ${display(base)} does not exist; handler paths are relative to the scenario file`, at);
}

/**
 * Imports the module and checks that the export is a function. The module's top-level code runs
 * here, so a failing import is reported before any scenario starts; an import that does not settle
 * within `timeoutMs` is reported too, and so is one whose top-level await nothing can ever settle
 * (the process would otherwise end with Node's "unsettled top-level await", exit code 13, and no word
 * of which file).
 */
export async function assertHandlerExport(
  location: HandlerLocation,
  at: Located,
  display: (file: string) => string,
  timeoutMs = DEFAULT_IMPORT_TIMEOUT_MS,
): Promise<void> {
  const shown = display(location.file);
  let timer: NodeJS.Timeout | undefined;
  let onBeforeExit: (() => void) | undefined;
  const timedOut = new Promise<'timeout'>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout('timeout'), timeoutMs);
    timer.unref();
  });
  // The event loop runs dry while the import is pending: nothing is left that could settle it.
  const stalled = new Promise<'stalled'>((resolveStalled) => {
    onBeforeExit = () => resolveStalled('stalled');
    process.once('beforeExit', onBeforeExit);
  });
  let module: Record<string, unknown>;
  try {
    const imported = await Promise.race([import(pathToFileURL(location.file).href) as Promise<Record<string, unknown>>, timedOut, stalled]);
    if (imported === 'timeout') {
      throw new InvalidInputError(
        `importing handler ${shown} did not finish within ${timeoutMs / 1000} s (does its top-level code wait on something?)`,
        at,
      );
    }
    if (imported === 'stalled') {
      throw new InvalidInputError(
        `importing handler ${shown} can never finish: its top-level await waits on a promise nothing will settle; export the handler without waiting at the top level, or await something that ends`,
        at,
      );
    }
    module = imported;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(`importing handler ${shown} failed: ${firstLine(message) || 'it threw'}`, at, { cause: error });
  } finally {
    clearTimeout(timer);
    if (onBeforeExit !== undefined) process.off('beforeExit', onBeforeExit);
  }
  const exported = module[location.exportName];
  if (exported === undefined) {
    const functions = Object.keys(module).filter((name) => typeof module[name] === 'function' && name !== 'default');
    const hint = functions.length > 0 ? `; its function exports: ${functions.slice(0, 8).join(', ')}` : '';
    throw new InvalidInputError(`handler ${shown} has no export "${location.exportName}"${hint}`, at);
  }
  if (typeof exported !== 'function') {
    throw new InvalidInputError(
      `handler ${shown} exports "${location.exportName}" as ${exported === null ? 'null' : typeof exported}, not a function`,
      at,
    );
  }
}
