import { TestStateCommand, type TestStateInput, type TestStateOutput } from '@aws-sdk/client-sfn';
import { callAws, type AwsRetryPolicy } from '../targets/aws/clients/callAws.js';
import type { Pacer } from '../targets/aws/clients/Pacer.js';

/** What one TestState call needs: a client that sends it, the retry policy and TestState's pacer. */
export interface TestStateContext {
  sfn: { send(command: TestStateCommand): Promise<TestStateOutput> };
  retry: AwsRetryPolicy;
  pacer: Pick<Pacer, 'take'>;
  /** Sent with every call when given (`--role-arn`). */
  roleArn?: string;
}

/**
 * Sends one TestState call through `callAws`: paced by TestState's own pacer (1 call per second, its
 * quota) and retried after throttling, a 5xx or a broken connection. A mocked TestState changes nothing,
 * so sending it again is safe.
 *
 * @example
 * ```ts
 * const answer = await sendTestState({ sfn, retry: DEFAULT_AWS_RETRY_POLICY, pacer: pacers.TestState }, check.request);
 * ```
 */
export function sendTestState(context: TestStateContext, request: TestStateInput, signal?: AbortSignal): Promise<TestStateOutput> {
  const input: TestStateInput = { ...request, ...(context.roleArn !== undefined ? { roleArn: context.roleArn } : {}) };
  return callAws(() => context.sfn.send(new TestStateCommand(input)), context.retry, signal, { pacer: context.pacer });
}
