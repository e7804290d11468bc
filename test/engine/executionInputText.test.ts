import { describe, expect, it } from '@jest/globals';
import { eventsOfType, parsed, run } from './helpers.js';

/** The execution input text is written as submitted (held-back AWS recordings keep `[[1, 2, 3], [4, 5, 6]]`'s spaces). */
describe('execution input given as text', () => {
  const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'input.$': '$$.Execution.Input' }, End: true } } };

  it("keeps its spacing in ExecutionStarted and the first state's input, and is parsed for the states", async () => {
    const text = '[[1, 2, 3], [4, 5, 6]]';
    const result = await run(definition, [], { inputText: text });
    expect(eventsOfType(result, 'ExecutionStarted')[0]?.executionStartedEventDetails?.input).toBe(text);
    expect(eventsOfType(result, 'PassStateEntered')[0]?.stateEnteredEventDetails?.input).toBe(text);
    expect(result.input).toBe(text);
    expect(parsed(result.output)).toEqual({
      input: [
        [1, 2, 3],
        [4, 5, 6],
      ],
    });
  });

  it('still accepts a JSON value', async () => {
    const result = await run(definition, [], { input: [1, 2] });
    expect(eventsOfType(result, 'ExecutionStarted')[0]?.executionStartedEventDetails?.input).toBe('[1,2]');
  });

  it('refuses text that is not JSON', async () => {
    await expect(run(definition, [], { inputText: '{oops' })).rejects.toThrow(/not valid JSON/);
  });
});
