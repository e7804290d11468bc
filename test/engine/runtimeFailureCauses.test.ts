import { describe, expect, it } from '@jest/globals';
import { run } from './helpers.js';

const prefix = (state: string) => `An error occurred while executing the state '${state}' (entered at the event id #2). `;

/** `States.Runtime` causes in AWS's wording (held-back AWS recordings). */
describe('States.Runtime causes worded as AWS words them', () => {
  const wait = (fields: Record<string, unknown>) => ({ StartAt: 'W', States: { W: { Type: 'Wait', End: true, ...fields } } });

  it('SecondsPath selecting a negative value', async () => {
    const result = await run(wait({ SecondsPath: '$.input.waitSeconds' }), [], { input: { input: { waitSeconds: -1 } } });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(`${prefix('W')}The SecondsPath parameter references a negative value: $.input.waitSeconds == -1`);
  });

  it('SecondsPath selecting a value that is not a long', async () => {
    const result = await run(wait({ SecondsPath: '$.x' }), [], { input: { x: 1.5 } });
    expect(result.cause).toBe(`${prefix('W')}The SecondsPath parameter cannot be parsed as a long value: $.x == 1.5`);
  });

  it('TimestampPath selecting a string that is not an ISO-8601 offset date-time', async () => {
    const result = await run(wait({ TimestampPath: '$.TimestampValue' }), [], { input: { TimestampValue: '2016-12-05 21:29:29Z' } });
    expect(result.cause).toBe(
      `${prefix('W')}The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: $.TimestampValue == 2016-12-05 21:29:29Z`,
    );
  });

  it('ErrorPath that finds nothing', async () => {
    const result = await run({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$.ErrorX' } } }, [], { input: { Error: 'E' } });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toBe(
      `${prefix('F')}The JSONPath '$.ErrorX' specified for the field 'ErrorPath' could not be found in the input '{"Error":"E"}'`,
    );
  });
});
