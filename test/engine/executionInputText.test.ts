import { describe, expect, it } from '@jest/globals';
import { arnOf, eventsOfType, localFunction, parsed, run } from './helpers.js';

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

/** States that pass their input on unchanged reuse its text, except the submitted execution input's, which may not be compact. */
describe('input text passed on by Pass, Choice and Succeed states', () => {
  const definition = {
    StartAt: 'First',
    States: {
      First: { Type: 'Pass', Next: 'Second' },
      Second: { Type: 'Pass', Next: 'Pick' },
      Pick: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: 1, Next: 'Done' }] },
      Done: { Type: 'Succeed' },
    },
  };

  it('writes compact JSON text in every …StateExited event and the execution output', async () => {
    const result = await run(definition, [], { inputText: '{ "a" : 1 }' });
    const exited = ['PassStateExited', 'ChoiceStateExited', 'SucceedStateExited'].flatMap((type) =>
      eventsOfType(result, type).map((event) => event.stateExitedEventDetails?.output),
    );
    expect(exited).toEqual(['{"a":1}', '{"a":1}', '{"a":1}', '{"a":1}']);
    expect(eventsOfType(result, 'PassStateEntered')[1]?.stateEnteredEventDetails?.input).toBe('{"a":1}');
    expect(result.output).toBe('{"a":1}');
  });
});

/** A Task whose effective input is its state input sends the input's known text on, except the submitted execution input's. */
describe('input text passed on to a Task', () => {
  const functionArn = arnOf('echo');
  const definition = {
    StartAt: 'First',
    States: {
      First: { Type: 'Task', Resource: functionArn, Next: 'Second' },
      Second: { Type: 'Task', Resource: functionArn, End: true },
    },
  };
  const echo = localFunction('echo', (event) => event);

  it('schedules the first Task with compact JSON text although the submitted input is spaced', async () => {
    const result = await run(definition, [echo], { inputText: '{ "a" : [1, 2] }' });
    expect(eventsOfType(result, 'TaskStateEntered')[0]?.stateEnteredEventDetails?.input).toBe('{ "a" : [1, 2] }');
    const scheduled = eventsOfType(result, 'LambdaFunctionScheduled').map((event) => event.lambdaFunctionScheduledEventDetails?.input);
    expect(scheduled).toEqual(['{"a":[1,2]}', '{"a":[1,2]}']);
    expect(result.output).toBe('{"a":[1,2]}');
  });
});
