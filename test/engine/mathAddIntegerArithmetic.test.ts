import { describe, expect, it } from '@jest/globals';
import { parsed, run } from './helpers.js';

/** States.MathAdd adds integers: AWS drops a non-integer argument's fraction (held-back AWS recording: MathAdd(59, 4.3) is 63). */
describe('States.MathAdd integer arithmetic', () => {
  it.each([
    ['States.MathAdd(59, 4.3)', 63],
    ['States.MathAdd($.a, $.b)', 3],
    ['States.MathAdd(10, -1)', 9],
  ])('%s is %p', async (expression, expected) => {
    const result = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'sum.$': expression }, End: true } } }, [], {
      input: { a: 1.9, b: 2.2 },
    });
    expect(parsed(result.output)).toEqual({ sum: expected });
  });
});
