import { describe, expect, it } from '@jest/globals';
import { eventsOfType, run } from './helpers.js';

/** A JSONata Map's MaxConcurrency and ToleratedFailure… may be expressions, evaluated when the state runs. */
describe("JSONata expressions in a Map state's MaxConcurrency and ToleratedFailure fields", () => {
  const map = (fields: Record<string, unknown>) => ({
    QueryLanguage: 'JSONata',
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        Items: '{% $states.input.items %}',
        ItemProcessor: {
          StartAt: 'Check',
          States: {
            Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input < 0 %}', Next: 'Bad' }], Default: 'Wait' },
            Wait: { Type: 'Wait', Seconds: 10, End: true },
            Bad: { Type: 'Fail', Error: 'Negative' },
          },
        },
        End: true,
        ...fields,
      },
    },
  });

  it('runs MaxConcurrency as an expression', async () => {
    const result = await run(map({ MaxConcurrency: '{% $states.input.limit %}' }), [], { input: { items: [1, 2, 3, 4], limit: 2 } });
    expect(result.status).toBe('SUCCEEDED');
    // Two at a time, 10 s each: the last iteration ends at 20 s.
    expect((result.stopDate.getTime() - result.startDate.getTime()) / 1000).toBe(20);
  });

  it('runs ToleratedFailureCount and ToleratedFailurePercentage as expressions', async () => {
    const count = await run(map({ ToleratedFailureCount: '{% $states.input.tolerated %}' }), [], {
      input: { items: [1, -1, 2], tolerated: 1 },
    });
    expect(count.status).toBe('SUCCEEDED');
    const percentage = await run(map({ ToleratedFailurePercentage: '{% 10 * 1 %}' }), [], { input: { items: [1, -1, 2] } });
    expect(percentage.status).toBe('FAILED');
    expect(percentage.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(eventsOfType(percentage, 'MapStateFailed')).toHaveLength(1);
  });
});
