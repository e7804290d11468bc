import { ACCOUNT, REGION, type FakeAws } from './fakeAws.js';

/** The counts DescribeMapRun answers with, and whether it refuses (AccessDenied) instead. */
export interface FakeMapRunOptions {
  executionCounts: { total: number; succeeded: number; failed: number; timedOut: number; aborted: number };
  itemCount: number;
  status: 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  accessDenied?: boolean;
}

/** The state name of the Distributed Map in the fake's histories. */
export const MAP_STATE = 'Each';

/**
 * Turns every Standard execution of a {@link FakeAws} into one Distributed Map run, as Step Functions records
 * it (MapStateEntered, MapStateStarted, MapRunStarted, MapRunSucceeded, MapStateSucceeded, MapStateExited),
 * and answers DescribeMapRun for its Map Run with the given counts. Returns the DescribeMapRun requests.
 */
export function installMapRunExecutions(fake: FakeAws, options: FakeMapRunOptions): Record<string, unknown>[] {
  const requests: Record<string, unknown>[] = [];
  fake.onStart = (execution) => {
    const mapRunArn = `arn:aws:states:${REGION}:${ACCOUNT}:mapRun:checkout/${MAP_STATE}:${execution.name}`;
    const at = new Date();
    const events: Record<string, unknown>[] = [];
    const add = (type: string, extra: Record<string, unknown> = {}): void => {
      events.push({ id: events.length + 1, previousEventId: events.length, type, timestamp: at, ...extra });
    };
    add('ExecutionStarted', { executionStartedEventDetails: { input: execution.input, roleArn: `arn:aws:iam::${ACCOUNT}:role/r` } });
    add('MapStateEntered', { stateEnteredEventDetails: { name: MAP_STATE, input: execution.input } });
    add('MapStateStarted', { mapStateStartedEventDetails: { length: 0 } });
    add('MapRunStarted', { mapRunStartedEventDetails: { mapRunArn } });
    add('MapRunSucceeded');
    add('MapStateSucceeded');
    add('MapStateExited', { stateExitedEventDetails: { name: MAP_STATE, output: '[]' } });
    add('ExecutionSucceeded', { executionSucceededEventDetails: { output: '[]' } });
    execution.events = events;
  };
  fake.onOtherOperation = (operation, body) => {
    if (operation !== 'DescribeMapRun') return undefined;
    requests.push(body);
    if (options.accessDenied)
      return [400, { __type: 'AccessDeniedException', message: 'not authorized to perform: states:DescribeMapRun' }];
    const counts = { ...options.executionCounts, pending: 0, running: 0, resultsWritten: 0, failuresNotRedrivable: 0, pendingRedrive: 0 };
    return [
      200,
      {
        mapRunArn: body['mapRunArn'],
        executionArn: 'arn:aws:states:us-east-1:111111111111:execution:checkout:x',
        status: options.status,
        startDate: 1700000000,
        stopDate: 1700000010,
        maxConcurrency: 0,
        toleratedFailurePercentage: 0,
        toleratedFailureCount: 0,
        itemCounts: { ...counts, total: options.itemCount },
        executionCounts: counts,
        redriveCount: 0,
      },
    ];
  };
  return requests;
}
