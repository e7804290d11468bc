import { DescribeExecutionCommand, type DescribeExecutionCommandOutput } from '@aws-sdk/client-sfn';
import pRetry from 'p-retry';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { callAws } from '../clients/callAws.js';

/** DescribeExecution polling: first wait and longest wait in ms (default 250 and 1 000). */
export interface PollOptions {
  minMs?: number;
  maxMs?: number;
}

/** What {@link waitForExecution} throws when the deadline passed with the execution still running. */
export class StillRunning extends Error {
  constructor() {
    super('execution still running');
    this.name = 'StillRunning';
  }
}

/** Polls DescribeExecution with growing waits (quota: 10-15 refills per second per account, shared). */
export function waitForExecution(
  context: AwsCallContext,
  executionArn: string,
  deadlineMs: number,
  poll: PollOptions | undefined,
  signal?: AbortSignal,
): Promise<DescribeExecutionCommandOutput> {
  return pRetry(
    async () => {
      const described = await callAws(
        () => context.clients.sfn.send(new DescribeExecutionCommand({ executionArn }), signal ? { abortSignal: signal } : {}),
        context.retry,
        signal,
        { pacer: context.pacers.DescribeExecution },
      );
      if (described.status === 'RUNNING' || described.status === 'PENDING_REDRIVE') throw new StillRunning();
      return described;
    },
    {
      retries: Number.POSITIVE_INFINITY,
      minTimeout: poll?.minMs ?? 250,
      maxTimeout: poll?.maxMs ?? 1000,
      factor: 1.5,
      randomize: false,
      shouldRetry: ({ error }) => error instanceof StillRunning && Date.now() < deadlineMs,
      ...(signal ? { signal } : {}),
    },
  );
}
