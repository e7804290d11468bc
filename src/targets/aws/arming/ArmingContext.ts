import type { AwsClients } from '../clients/awsClients.js';
import type { AwsRetryPolicy } from '../clients/callAws.js';
import type { LambdaAndSsmContext } from '../clients/lambdaAndSsmCalls.js';

/** How {@link FunctionArming} calls Lambda and SSM and waits for changes to take effect. */
export interface FunctionArmingOptions {
  retry: AwsRetryPolicy;
  /** Wait between two GetFunctionConfiguration reads while an update is in progress; default 500 ms. */
  updatePollMs: number;
  /** How long after an SSM change a new value is sure to be in use; default the function's TTL plus 1 s. */
  ssmPropagationMs?: number;
  /** The run's shared pacers: every Lambda and SSM call takes a token first. Absent: the calls are not paced. */
  pacers?: LambdaAndSsmContext['pacers'];
}

/** What every arming step needs: the clients and the {@link FunctionArmingOptions}. */
export interface ArmingContext extends FunctionArmingOptions {
  clients: AwsClients;
}
