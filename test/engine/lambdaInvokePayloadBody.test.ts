import { describe, expect, it } from '@jest/globals';
import { localFunction, run } from './helpers.js';

/** How lambda:invoke's Payload reaches the function (held-back AWS recordings). */
describe('lambda:invoke Payload as the request body', () => {
  const received: unknown[] = [];
  const echo = localFunction('echo', (event) => {
    received.push(event);
    return null;
  });
  const invoke = (parameters: Record<string, unknown>, queryLanguage = 'JSONPath') => ({
    QueryLanguage: queryLanguage,
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        [queryLanguage === 'JSONata' ? 'Arguments' : 'Parameters']: { FunctionName: 'echo', ...parameters },
        End: true,
      },
    },
  });

  it('sends "Payload": null as {}', async () => {
    received.length = 0;
    await run(invoke({ Payload: null }), [echo]);
    expect(received).toEqual([{}]);
  });

  it.each([
    ['"HelloWorld"', 'HelloWorld'],
    ['0', 0],
    ['true', true],
    ['[]', []],
  ])('sends the string Payload %s as the raw body', async (text, expected) => {
    received.length = 0;
    await run(invoke({ Payload: text }), [echo]);
    await run(invoke({ Payload: text }, 'JSONata'), [echo]);
    expect(received).toEqual([expected, expected]);
  });
});
