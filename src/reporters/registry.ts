import { htmlReporter } from './htmlReport.js';
import { jsonReporter } from './jsonReport.js';
import { junitReporter } from './junitReport.js';
import type { Reporter } from './Reporter.js';

/**
 * The reports `chaos run --reporter` can write to files, in the order `--reporter` lists them. The console
 * report is always printed and is not one of them. A new reporter is one file exporting a {@link Reporter}
 * plus its line here.
 *
 * @example
 * ```ts
 * fileReporters.map((reporter) => reporter.name); // ['json', 'junit', 'html']
 * ```
 */
export const fileReporters: readonly Reporter[] = [jsonReporter, junitReporter, htmlReporter];

/**
 * The file reporter `--reporter NAME` means, or undefined.
 *
 * @example
 * ```ts
 * fileReporterNamed('junit')?.extension; // '.xml'
 * ```
 */
export function fileReporterNamed(name: string): Reporter | undefined {
  return fileReporters.find((reporter) => reporter.name === name);
}
