import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { runExecution } from '../../../src/engine/index.js';
import { ACCOUNT, FUNCTION_ARN, MACHINE_ARN } from './fakeAws.js';

/**
 * A history in AWS's exact shape for the fake's checkout machine, for tests that compare what the AWS target
 * read with what the local engine writes (FakeAws's own histories carry only the fields the target reads).
 * The function fails with `errorName` on every attempt, or succeeds with `{"charged":true}`.
 *
 * @example
 * ```ts
 * const events = await awsShapedHistory(definition, '{"order":1}', 'PaymentError');
 * ```
 */
export async function awsShapedHistory(definition: unknown, inputText: string, errorName: string | undefined): Promise<HistoryEvent[]> {
  const result = await runExecution({
    definition,
    inputText,
    stateMachineArn: MACHINE_ARN,
    roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
    startTime: new Date(Date.UTC(2026, 0, 1)),
    functions: (ref) =>
      ref === FUNCTION_ARN
        ? {
            name: 'charge',
            arn: FUNCTION_ARN,
            timeoutSeconds: 3,
            invoke: async () => {
              if (errorName === undefined) return { charged: true };
              // As the injector raises it: no stack frames, the stack is the error's first line.
              throw Object.assign(new Error('injected'), { name: errorName, stack: `${errorName}: injected` });
            },
          }
        : undefined,
  });
  return result.events;
}
