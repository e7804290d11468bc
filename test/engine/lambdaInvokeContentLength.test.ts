import { describe, expect, it } from '@jest/globals';
import { eventsOfType, localFunction, parsed, run, singleInvokeTask } from './helpers.js';

type InvokeResult = { SdkHttpMetadata: { AllHttpHeaders: Record<string, string[]>; HttpHeaders: Record<string, string> } };

/** lambda:invoke's Content-Length is the byte length of the function's own response text (held-back AWS recordings). */
describe('lambda:invoke Content-Length', () => {
  const response = { greeting: 'Hello', values: [1, 2] };

  it.each([
    ['python', '{"greeting": "Hello", "values": [1, 2]}'],
    ['nodejs', '{"greeting":"Hello","values":[1,2]}'],
  ] as const)("counts the %s runtime's response text, in every event that carries the output", async (runtime, text) => {
    const result = await run(singleInvokeTask('f'), [localFunction('f', () => response, { runtime })]);
    const expected = String(Buffer.byteLength(text));
    const outputs = [
      eventsOfType(result, 'TaskSucceeded')[0]?.taskSucceededEventDetails?.output,
      eventsOfType(result, 'TaskStateExited')[0]?.stateExitedEventDetails?.output,
      result.output,
    ];
    for (const output of outputs) {
      const metadata = (parsed(output) as InvokeResult).SdkHttpMetadata;
      expect(metadata.HttpHeaders['Content-Length']).toBe(expected);
      expect(metadata.AllHttpHeaders['Content-Length']).toEqual([expected]);
    }
  });
});
