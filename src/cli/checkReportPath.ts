import { constants } from 'node:fs';
import { access, mkdir, open, stat, unlink } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { InvalidInputError } from '../errors.js';

/**
 * Makes sure a report can be written where `--out` says, before any scenario runs: a run of AWS
 * scenarios takes minutes, and its results must not be lost to a typo in `--out`. `shown` is the path
 * as the user gave it (messages use it), `path` the absolute path the reporter writes. Missing parent
 * directories are created, as the reporter would create them; an existing report file is left as it is.
 *
 * @example
 * ```ts
 * await checkReportPath('json', 'results/run.json', resolve('results/run.json'));
 * // throws InvalidInputError "cannot write the json report to results/run.json: results is a file, not a directory; …"
 * ```
 */
export async function checkReportPath(reporter: string, shown: string, path: string, cwd: string = process.cwd()): Promise<void> {
  const refuse = (reason: string, cause?: unknown): never => {
    throw new InvalidInputError(
      `cannot write the ${reporter} report to ${shown}: ${reason}; choose another --out`,
      undefined,
      cause === undefined ? undefined : { cause },
    );
  };
  const existing = await statOrUndefined(path);
  if (existing?.isDirectory()) refuse('it is a directory');
  if (existing) {
    // Opening for writing without truncating proves the file can be replaced and changes nothing.
    await open(path, 'r+').then(
      (handle) => handle.close(),
      (error: unknown) => refuse(reasonOf(error), error),
    );
    return;
  }
  const ancestor = await nearestExisting(dirname(path));
  const ancestorShown = isAbsolute(shown) ? ancestor.path : relative(cwd, ancestor.path) || '.';
  if (!ancestor.isDirectory) refuse(`${ancestorShown} is a file, not a directory`);
  await access(ancestor.path, constants.W_OK).catch((error: unknown) => refuse(`${ancestorShown} is ${reasonOf(error)}`, error));
  await mkdir(dirname(path), { recursive: true }).catch((error: unknown) => refuse(reasonOf(error), error));
  // A probe file, removed at once: access() says yes to root even where nothing can be created.
  const handle = await open(path, 'wx').catch((error: unknown) => refuse(reasonOf(error), error));
  await handle.close();
  await unlink(path);
}

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw error;
  }
}

/** The closest ancestor of `path` (itself included) that exists, and whether it is a directory. */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  let current = resolve(path);
  for (;;) {
    const found = await statOrUndefined(current);
    if (found) return { path: current, isDirectory: found.isDirectory() };
    const parent = dirname(current);
    if (parent === current) return { path: current, isDirectory: true };
    current = parent;
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'not writable (permission denied)';
  if (code === 'EROFS') return 'on a read-only file system';
  if (code === 'EISDIR') return 'it is a directory';
  if (code === 'ENOTDIR') return 'a part of the path is a file, not a directory';
  if (code === 'ENOENT') return 'it cannot be created there';
  return `it cannot be written (${code ?? (error as Error).message})`;
}
