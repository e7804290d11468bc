import { describe, expect, it } from '@jest/globals';
import { LintCode } from '../../src/plan/constants.js';
import { lintDefinition } from '../../src/plan/lintDefinition.js';

describe('chaos plan on lambda:invoke with InvocationType: Event', () => {
  it("says the function's errors go to Lambda's async retries, never to the state's Retry or Catch", () => {
    const definition = {
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'f', InvocationType: 'Event' },
          Retry: [{ ErrorEquals: ['States.ALL'] }],
          End: true,
        },
      },
    };
    const [lint] = lintDefinition(definition).filter((candidate) => candidate.code === LintCode.AsyncLambdaInvoke);
    expect(lint?.message).toMatch(/go to Lambda's async retries, never to this state's Retry or Catch/);
  });
});
