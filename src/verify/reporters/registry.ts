import type { Reporter } from '../../reporters/Reporter.js';
import type { VerifyResult } from '../types.js';
import { verifyJsonReporter } from './verifyJsonReport.js';
import { verifyJunitReporter } from './verifyJunitReport.js';

/**
 * The reports `chaos verify --reporter` can write to files, in the pattern of src/reporters/registry.ts:
 * one file exporting a `Reporter<VerifyResult>` plus its line here.
 *
 * @example
 * ```ts
 * verifyReporters.map((reporter) => reporter.name); // ['json', 'junit']
 * ```
 */
export const verifyReporters: readonly Reporter<VerifyResult>[] = [verifyJsonReporter, verifyJunitReporter];

/**
 * The verify reporter `--reporter NAME` means, or undefined.
 *
 * @example
 * ```ts
 * verifyReporterNamed('junit')?.extension; // '.xml'
 * ```
 */
export function verifyReporterNamed(name: string): Reporter<VerifyResult> | undefined {
  return verifyReporters.find((reporter) => reporter.name === name);
}
