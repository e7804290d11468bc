/**
 * Workload (b): an inline Map over 1,000 items whose Task fails once per item with a retriable
 * error and succeeds on the retry, 2 s later. 2,000 Lambda invocations and 1,000 retry waits per
 * execution: the part of an engine that schedules many concurrent iterations and timers.
 */

export const ITEM_COUNT = 1000;
/** Set explicitly: AWS runs an inline Map up to 40 iterations at a time, and so does the peer when it is 0. */
export const MAX_CONCURRENCY = 40;
export const RETRY_INTERVAL_SECONDS = 2;

const functionArn = 'arn:aws:lambda:us-east-1:123456789012:function:process-item';

/** @returns {import('./types.mjs').Workload} */
export function createMapWithRetriesWorkload() {
  const items = Array.from({ length: ITEM_COUNT }, (_, index) => ({ id: `item-${index}`, value: index }));
  return {
    id: 'map-1000',
    title: `inline Map over ${ITEM_COUNT} items, MaxConcurrency ${MAX_CONCURRENCY}: each item's Task fails once with ItemBusyError, retried after ${RETRY_INTERVAL_SECONDS} s`,
    definition: {
      Comment: 'Processes every item; a busy item is retried.',
      StartAt: 'Process items',
      States: {
        'Process items': {
          Type: 'Map',
          ItemsPath: '$.items',
          MaxConcurrency: MAX_CONCURRENCY,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Process item',
            States: {
              'Process item': {
                Type: 'Task',
                Resource: functionArn,
                Retry: [{ ErrorEquals: ['ItemBusyError'], IntervalSeconds: RETRY_INTERVAL_SECONDS, MaxAttempts: 3, BackoffRate: 2 }],
                End: true,
              },
            },
          },
          End: true,
        },
      },
    },
    input: { items },
    functions: [
      {
        key: 'processItem',
        name: 'process-item',
        arn: functionArn,
        timeoutSeconds: 3,
        handler: async (event) => ({ id: event.id, square: event.value * event.value }),
        faults: [{ kind: 'error', errorName: 'ItemBusyError', message: 'item is locked, try again', attempts: [1] }],
      },
    ],
    taskFunctions: { 'Process item': 'processItem' },
    attemptKeyOf: (stateName, event) => `${stateName}/${event.id}`,
    comparableOutput: (output) => output,
    expected: {
      status: 'SUCCEEDED',
      output: items.map((item) => ({ id: item.id, square: item.value * item.value })),
      counts: { processItem: { invocations: 2 * ITEM_COUNT, injectedFaults: ITEM_COUNT } },
      virtualSeconds: undefined,
    },
  };
}
