import { describe, expect, it } from '@jest/globals';
import { eventsOfType, localFunction, parsed, run, singleInvokeTask } from './helpers.js';

/** Context object fields as AWS shows them, and an empty Assign (held-back AWS recordings). */
describe('context object RedriveCount and RetryCount, and an empty Assign', () => {
  it('has $$.Execution.RedriveCount 0, and no $$.State.RetryCount outside Task states', async () => {
    const result = await run({
      StartAt: 'P',
      States: { P: { Type: 'Pass', Parameters: { 'execution.$': '$$.Execution', 'state.$': '$$.State' }, End: true } },
    });
    const output = parsed(result.output) as { execution: Record<string, unknown>; state: Record<string, unknown> };
    expect(output.execution['RedriveCount']).toBe(0);
    expect(output.state).not.toHaveProperty('RetryCount');
  });

  it('has $$.State.RetryCount in Task states', async () => {
    const task = singleInvokeTask('f', { Parameters: { FunctionName: 'f', Payload: { 'retry.$': '$$.State.RetryCount' } } });
    const result = await run(task, [localFunction('f', (event) => event)]);
    expect(result.status).toBe('SUCCEEDED');
    expect((parsed(result.output) as { Payload: unknown }).Payload).toEqual({ retry: 0 });
  });

  it('writes no assignedVariables for "Assign": {}', async () => {
    const result = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Assign: {}, End: true } } });
    const details = eventsOfType(result, 'PassStateExited')[0]?.stateExitedEventDetails;
    expect(details).toBeDefined();
    expect(details).not.toHaveProperty('assignedVariables');
    expect(details).not.toHaveProperty('assignedVariablesDetails');
  });
});
