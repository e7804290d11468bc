import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { callAws } from '../clients/callAws.js';
import { describeAwsError, failedCall } from '../clients/describeAwsError.js';
import { stopExecution } from './stopExecution.js';

/**
 * After a StartExecution of a Standard execution whose answer never came (interrupted, or retries run out
 * after an attempt that may have taken effect): looks the execution up by the ARN its name gives
 * (DescribeExecution) and stops it when it is running. Neither call is aborted by the run's signal, since
 * this is cleaning up. Returns what was found and done, for the scenario's error; when the lookup or the
 * stop fails, the sentence gives the exact command that stops it by hand.
 */
export async function stopUnconfirmedStart(context: AwsCallContext, executionArn: string, why: string): Promise<string> {
  const byHand = `if it is running, stop it: aws stepfunctions stop-execution --execution-arn ${executionArn}`;
  let status: string | undefined;
  try {
    const described = await callAws(
      () => context.clients.sfn.send(new DescribeExecutionCommand({ executionArn })),
      context.retry,
      undefined,
      {
        pacer: context.pacers.DescribeExecution,
      },
    );
    status = described.status;
  } catch (error) {
    if ((error as Error).name === 'ExecutionDoesNotExist')
      return `execution ${executionArn} does not exist (DescribeExecution), so nothing started`;
    return `looking it up failed too (${failedCall('DescribeExecution', `execution ${executionArn}`, error)}); ${byHand}`;
  }
  if (status !== 'RUNNING')
    return `execution ${executionArn} had started and is ${status ?? 'in an unknown status'} (DescribeExecution), so nothing was stopped`;
  try {
    await stopExecution(context, executionArn, why);
  } catch (error) {
    return `execution ${executionArn} had started, and ${describeAwsError(error)}`;
  }
  return `execution ${executionArn} had started and was stopped (StopExecution)`;
}
