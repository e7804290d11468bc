// An async Lambda handler behind the injector. Deployed as is, it injects nothing until a config is
// armed from outside: SFN_CHAOS_SSM_PARAMETER (an SSM parameter holding the JSON config),
// SFN_CHAOS_CONFIG (the JSON inline), or an `sfnChaos` key in the payload of one execution.
import { withChaos } from 'sfn-chaos/injector';

export const handler = withChaos(async (event) => {
  // Your code. With "RetryCount.$": "$$.State.RetryCount" in the Task state's Payload, `attempts`
  // faults know which attempt this is.
  return { orderId: event.orderId, charged: event.amount };
});
