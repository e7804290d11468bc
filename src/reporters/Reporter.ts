import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunResult } from '../run/results.js';

/** What every file reporter is given besides the result. */
export interface ReportContext {
  /** Folder paths in the report are relative to (the scenario file's, for instance). */
  cwd: string;
}

/**
 * A report `chaos run --reporter NAME` (or, with `Result` = `VerifyResult`, `chaos verify --reporter NAME`) writes to a file. Adding one is a file that exports a Reporter plus
 * its line in `./registry.ts`.
 *
 * @example
 * ```ts
 * export const csvReporter: Reporter = {
 *   name: 'csv',
 *   extension: '.csv',
 *   write: (result, path) => writeReportFile(path, result.scenarios.map((s) => `${s.name},${s.verdict}`).join('\n')),
 * };
 * ```
 */
export interface Reporter<Result = RunResult> {
  /** The name `--reporter` takes. */
  readonly name: string;
  /** The extension its file gets when `--out` names a base for several reports, with the dot: `.json`. */
  readonly extension: string;
  /** Writes the report of `result` to `path`. */
  write(result: Result, path: string, context: ReportContext): Promise<void>;
}

/**
 * Writes a report's text to `path`, creating its folder: the one way every reporter writes its file.
 *
 * @example
 * ```ts
 * await writeReportFile('out/results.json', '{}\n');
 * ```
 */
export async function writeReportFile(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
