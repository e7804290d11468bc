import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { TargetError } from '../../../errors.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { callAws } from '../clients/callAws.js';
import { failedCall } from '../clients/describeAwsError.js';

/**
 * Stops our own execution; never aborted by the run's signal, since it is part of cleaning up. When it
 * fails, the error gives the command that stops it by hand.
 */
export async function stopExecution(context: AwsCallContext, executionArn: string, why: string): Promise<void> {
  try {
    await callAws(
      () => context.clients.sfn.send(new StopExecutionCommand({ executionArn, error: 'sfn-chaos.Stopped', cause: why })),
      context.retry,
      undefined,
      {
        pacer: context.pacers.StopExecution,
      },
    );
  } catch (error) {
    if ((error as Error).name !== 'ExecutionDoesNotExist') {
      throw new TargetError(
        failedCall(
          'StopExecution',
          `execution ${executionArn}`,
          error,
          `it may still be running; stop it: aws stepfunctions stop-execution --execution-arn ${executionArn}`,
        ),
        { cause: error },
      );
    }
  }
}
