// What a harness passes to StartExecution to scope faults to its own execution. The Task state must
// pass its input through ("Payload.$": "$" for arn:aws:states:::lambda:invoke, or no Parameters for a
// function-ARN Resource) and add the retry count:
//
//   "Parameters": { "Payload": { "orderId.$": "$.orderId", "amount.$": "$.amount",
//                                "sfnChaos.$": "$.sfnChaos", "RetryCount.$": "$$.State.RetryCount" } }
//
// The override arms two faults for this execution only; they expire after ten minutes even if the
// harness dies before it can clean up.
export function harnessInput(orderId, now = Date.now()) {
  return {
    orderId,
    amount: 42,
    sfnChaos: {
      runId: 'run-2026-11-30',
      scenarioId: 'charge-is-retried',
      expiresAt: new Date(now + 10 * 60_000).toISOString(),
      faults: [
        {
          id: 'gateway-down',
          kind: 'error',
          errorName: 'PaymentGatewayError',
          message: 'gateway returned 503',
          attempts: [1, 2],
          match: { '$.orderId': orderId },
        },
        { id: 'throttled', kind: 'throttle', attempts: [3], match: { '$.orderId': orderId } },
      ],
    },
  };
}
