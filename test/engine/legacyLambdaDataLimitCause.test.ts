import { describe, expect, it } from '@jest/globals';
import { arnOf, eventsOfType, localFunction, run, singleTask } from './helpers.js';

/** A legacy Lambda-ARN Task's oversized result names the function ARN in its cause (held-back AWS recording). */
describe('States.DataLimitExceeded cause of a legacy Lambda-ARN task', () => {
  it('names the function ARN', async () => {
    const result = await run(singleTask('big'), [localFunction('big', () => 'x'.repeat(300_000))]);
    const failed = eventsOfType(result, 'LambdaFunctionFailed')[0]?.lambdaFunctionFailedEventDetails;
    expect(failed?.error).toBe('States.DataLimitExceeded');
    expect(failed?.cause).toBe(
      `The state/task '${arnOf('big')}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    );
  });
});
