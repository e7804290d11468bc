import { createRequire } from 'node:module';
import type { Builder } from 'junit-report-builder';

let builder: Builder | undefined;

/**
 * junit-report-builder, loaded the first time a JUnit report is built (a run without `--reporter junit`
 * never loads it). The package is CommonJS (`module.exports = builder`) while its types declare an ES
 * default export; `require` gives the builder itself.
 *
 * @example
 * ```ts
 * const xml = junitBuilder().newBuilder().testSuite().name('scenarios.yaml').build();
 * ```
 */
export function junitBuilder(): Builder {
  builder ??= createRequire(import.meta.url)('junit-report-builder') as Builder;
  return builder;
}
