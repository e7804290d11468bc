/**
 * A jest reporter that ends the run with one plain line, `tests: N passed, N failed, N skipped`, after
 * jest's own summary. CI log readers that do not know jest's `Tests:` line read this one.
 *
 * @example
 * // jest.config.js
 * export default { reporters: ['default', '<rootDir>/scripts/jestClosingLine.cjs'] };
 */
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`;
    // jest's summary is written after every reporter's onRunComplete; the line goes out as the process ends,
    // so it is the last one (writes to a pipe or a terminal are synchronous on Linux and macOS).
    process.once('exit', () => process.stderr.write(line));
  }
}

module.exports = ClosingLineReporter;
