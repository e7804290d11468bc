import { describe, expect, it } from '@jest/globals';
import { eventsOfType, run, typesOf } from './helpers.js';

/** Where AWS links EvaluationFailed (held-back AWS recordings). */
describe('EvaluationFailed previousEventId', () => {
  it("links to what the failing state's Entered event links to", async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'First',
      States: {
        First: { Type: 'Pass', Next: 'Broken' },
        Broken: { Type: 'Pass', Output: '{% $number("not a number") %}', End: true },
      },
    });
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'PassStateEntered',
      'EvaluationFailed',
      'ExecutionFailed',
    ]);
    const entered = eventsOfType(result, 'PassStateEntered')[1];
    expect(eventsOfType(result, 'EvaluationFailed')[0]?.previousEventId).toBe(entered?.previousEventId);
    expect(entered?.previousEventId).toBe(3);
  });

  it("links a first state's failure to event 0", async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'Broken',
      States: { Broken: { Type: 'Pass', Output: '{% $number("x") %}', End: true } },
    });
    expect(eventsOfType(result, 'EvaluationFailed')[0]?.previousEventId).toBe(0);
  });

  it("links a Wait state's Timestamp failure to the WaitStateEntered", async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: { W: { Type: 'Wait', Timestamp: '{% "not a date" %}', End: true } },
    });
    const entered = eventsOfType(result, 'WaitStateEntered')[0];
    expect(eventsOfType(result, 'EvaluationFailed')[0]?.previousEventId).toBe(entered?.id);
  });
});
