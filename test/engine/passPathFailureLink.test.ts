import { describe, expect, it } from '@jest/globals';
import { eventsOfType, run } from './helpers.js';

/** A Pass state's JSONPath field failure links ExecutionFailed to the PassStateEntered (held-back AWS recordings). */
describe('ExecutionFailed link of a Pass state path failure', () => {
  it.each([
    ['InputPath', { InputPath: '$.missing' }],
    ['a .$ parameter', { Parameters: { 'value.$': '$.missing' } }],
  ])('%s failure links to PassStateEntered', async (_name, fields) => {
    const result = await run({ StartAt: 'P', States: { P: { Type: 'Pass', End: true, ...fields } } }, [], { input: { a: 1 } });
    expect(result.error).toBe('States.Runtime');
    const entered = eventsOfType(result, 'PassStateEntered')[0];
    expect(eventsOfType(result, 'ExecutionFailed')[0]?.previousEventId).toBe(entered?.id);
  });
});
