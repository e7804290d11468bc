import { describe, expect, it } from '@jest/globals';
import { eventsOfType, run, typesOf } from './helpers.js';

/** A JSONata Map whose items are not an array fails with States.QueryEvaluationError (held-back AWS recordings). */
describe('JSONata Map with items that are not an array', () => {
  const map = (fields: Record<string, unknown>) => ({
    QueryLanguage: 'JSONata',
    StartAt: 'M',
    States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true, ...fields } },
  });

  it.each([
    ['Items', map({ Items: '{% $states.input.items %}' }), { items: { not: 'an array' } }],
    ['the input, without Items', map({}), { not: 'an array' }],
  ])('%s: EvaluationFailed, MapStateFailed, ExecutionFailed', async (_name, definition, input) => {
    const result = await run(definition, [], { input });
    expect(typesOf(result)).toEqual(['ExecutionStarted', 'MapStateEntered', 'EvaluationFailed', 'MapStateFailed', 'ExecutionFailed']);
    expect(eventsOfType(result, 'EvaluationFailed')[0]?.evaluationFailedEventDetails).toMatchObject({
      error: 'States.QueryEvaluationError',
      location: 'Items',
      state: 'M',
    });
    expect(result.error).toBe('States.QueryEvaluationError');
  });
});
