import { describe, expect, it } from '@jest/globals';
import { ExitCode, InvalidInputError, formatLocated } from '../src/errors.js';

describe('InvalidInputError', () => {
  it('names the file, line and column before the detail', () => {
    const error = new InvalidInputError('unknown key "rat"; did you mean "rate"?', { file: 'scenarios.yaml', line: 7, column: 5 });
    expect(error.message).toBe('scenarios.yaml:7:5: unknown key "rat"; did you mean "rate"?');
    expect(error.exitCode).toBe(ExitCode.InvalidInput);
  });
  it('omits what it does not know', () => {
    expect(formatLocated('missing', { file: 'a.json' })).toBe('a.json: missing');
  });
});
