import { describe, expect, it } from '@jest/globals';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { FaultLedgerEntry } from '../../src/injectors/ledger.js';
import { errorNamesRaisedBy, failedAttemptsOf, functionNameOf, matchFaultLedger } from '../../src/targets/matchFaultLedger.js';
import { filterPatternFor } from '../../src/targets/aws/results/readFaultLedger.js';

const REQUEST = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];

/**
 * A Task on the optimized Lambda integration (`TaskScheduled` with `FunctionName` in its parameters, as a
 * JSON string like GetExecutionHistory returns it), failing once per entry of `failures`, then succeeding.
 */
function taskHistory(functionName: string, failures: { error: string; cause: string; timedOut?: boolean }[]): HistoryEvent[] {
  const events: Record<string, unknown>[] = [];
  const add = (type: string, extra: Record<string, unknown> = {}): void => {
    events.push({
      id: events.length + 1,
      previousEventId: events.length,
      type,
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, events.length)),
      ...extra,
    });
  };
  add('ExecutionStarted', { executionStartedEventDetails: { input: '{}' } });
  add('TaskStateEntered', { stateEnteredEventDetails: { name: 'Charge', input: '{}' } });
  const schedule = (): void => {
    add('TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource: 'invoke',
        region: 'us-east-1',
        parameters: JSON.stringify({ FunctionName: functionName, Payload: {} }),
      },
    });
    add('TaskStarted', { taskStartedEventDetails: { resourceType: 'lambda', resource: 'invoke' } });
  };
  for (const failure of failures) {
    schedule();
    add(failure.timedOut ? 'TaskTimedOut' : 'TaskFailed', {
      [failure.timedOut ? 'taskTimedOutEventDetails' : 'taskFailedEventDetails']: {
        resourceType: 'lambda',
        resource: 'invoke',
        error: failure.error,
        cause: failure.cause,
      },
    });
  }
  schedule();
  add('TaskSucceeded', { taskSucceededEventDetails: { resourceType: 'lambda', resource: 'invoke', output: '{}' } });
  add('TaskStateExited', { stateExitedEventDetails: { name: 'Charge', output: '{}' } });
  add('ExecutionSucceeded', { executionSucceededEventDetails: { output: '{}' } });
  return events as unknown as HistoryEvent[];
}

function line(overrides: Partial<FaultLedgerEntry>): FaultLedgerEntry {
  return {
    sfnChaos: 'fault-injected',
    configSource: 'env',
    faultId: 'error-0',
    kind: 'error',
    errorName: 'PaymentError',
    errorMessage: 'injected',
    delayMs: null,
    trigger: 'attempts',
    attempt: null,
    runId: 'run1',
    scenarioId: 'scenario',
    functionName: 'charge',
    awsRequestId: null,
    executionArn: null,
    stateName: null,
    timestamp: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

const lambdaCause = (requestId?: string): string =>
  JSON.stringify({ errorType: 'PaymentError', errorMessage: 'x', ...(requestId ? { requestId } : {}), trace: [] });

describe('Function: failedAttemptsOf', () => {
  it('names the function of the Lambda integration from a full ARN with alias, and reads request ids from JSON causes and timeout messages', () => {
    const events = taskHistory('arn:aws:lambda:us-east-1:111111111111:function:charge:live', [
      { error: 'PaymentError', cause: lambdaCause(REQUEST[0]) },
      {
        error: 'Sandbox.Timedout',
        cause: `{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: ${REQUEST[1]} Error: Task timed out after 1.00 seconds"}`,
      },
      { error: 'States.Timeout', cause: '', timedOut: true },
    ]);
    expect(
      failedAttemptsOf(events).map((attempt) => [
        attempt.attempt,
        attempt.functionName,
        attempt.error,
        attempt.awsRequestId,
        attempt.failureEventType,
      ]),
    ).toEqual([
      [1, 'charge', 'PaymentError', REQUEST[0], 'TaskFailed'],
      [2, 'charge', 'Sandbox.Timedout', REQUEST[1], 'TaskFailed'],
      [3, 'charge', 'States.Timeout', null, 'TaskTimedOut'],
    ]);
  });
});

describe('Function: matchFaultLedger', () => {
  it('matches by request id whatever order the lines come in, and leaves a real failure not injected', () => {
    const events = taskHistory('charge', [
      { error: 'PaymentError', cause: lambdaCause(REQUEST[0]) },
      { error: 'PaymentError', cause: lambdaCause(REQUEST[1]) },
      { error: 'PaymentError', cause: lambdaCause(REQUEST[2]) },
    ]);
    const origins = matchFaultLedger(failedAttemptsOf(events), [
      line({ awsRequestId: REQUEST[2]!, timestamp: '2026-01-01T00:00:01.000Z' }),
      line({ awsRequestId: REQUEST[0]!, timestamp: '2026-01-01T00:00:03.000Z' }),
    ]);
    expect(origins.map((origin) => [origin.attempt, origin.injected, origin.matchedBy, origin.awsRequestId])).toEqual([
      [1, true, 'awsRequestId', REQUEST[0]],
      [2, false, null, REQUEST[1]],
      [3, true, 'awsRequestId', REQUEST[2]],
    ]);
  });

  it('matches by order when causes lack a request id, respecting the attempt, state, function and error a line knows', () => {
    const events = taskHistory('charge', [
      { error: 'PaymentError', cause: lambdaCause() },
      { error: 'HTTPError', cause: lambdaCause() },
      { error: 'PaymentError', cause: lambdaCause() },
    ]);
    const origins = matchFaultLedger(failedAttemptsOf(events), [
      line({ attempt: 3, faultId: 'third-attempt', timestamp: '2026-01-01T00:00:01.000Z' }),
      line({ functionName: 'refund', timestamp: '2026-01-01T00:00:02.000Z' }),
      line({ stateName: 'Elsewhere', timestamp: '2026-01-01T00:00:03.000Z' }),
      line({ kind: 'latency', errorName: null, delayMs: 100, timestamp: '2026-01-01T00:00:04.000Z' }),
      line({ faultId: 'any-attempt', timestamp: '2026-01-01T00:00:05.000Z' }),
    ]);
    expect(origins.map((origin) => [origin.attempt, origin.error, origin.injected, origin.matchedBy, origin.faultId])).toEqual([
      [1, 'PaymentError', true, 'order', 'any-attempt'],
      [2, 'HTTPError', false, null, null],
      [3, 'PaymentError', true, 'order', 'third-attempt'],
    ]);
  });

  it('does not give a line to an attempt whose cause names another request', () => {
    const events = taskHistory('charge', [{ error: 'PaymentError', cause: lambdaCause(REQUEST[0]) }]);
    const origins = matchFaultLedger(failedAttemptsOf(events), [line({ awsRequestId: REQUEST[1]! })]);
    expect(origins.map((origin) => origin.injected)).toEqual([false]);
  });

  it('ties a timeout fault to whichever timeout ended the attempt', () => {
    const events = taskHistory('charge', [
      { error: 'States.Timeout', cause: '', timedOut: true },
      { error: 'Sandbox.Timedout', cause: '{"errorType":"Sandbox.Timedout","errorMessage":"Task timed out"}' },
    ]);
    const timeout = { kind: 'timeout' as const, errorName: 'Sandbox.Timedout', faultId: 'timeout-0' };
    const origins = matchFaultLedger(failedAttemptsOf(events), [
      line({ ...timeout, timestamp: '2026-01-01T00:00:01.000Z' }),
      line({ ...timeout, timestamp: '2026-01-01T00:00:02.000Z' }),
    ]);
    expect(origins.map((origin) => [origin.error, origin.injected, origin.faultId])).toEqual([
      ['States.Timeout', true, 'timeout-0'],
      ['Sandbox.Timedout', true, 'timeout-0'],
    ]);
  });
  it('matches a line of a kind this version does not know (written by a newer injector) by its own error name', () => {
    const events = taskHistory('charge', [{ error: 'Runtime.ExitError', cause: lambdaCause(REQUEST[0]) }]);
    const newer = line({
      kind: 'crash' as FaultLedgerEntry['kind'],
      errorName: 'Runtime.ExitError',
      faultId: 'crash-0',
      awsRequestId: REQUEST[0]!,
    });
    const origins = matchFaultLedger(failedAttemptsOf(events), [newer]);
    expect(origins.map((origin) => [origin.error, origin.injected, origin.faultId])).toEqual([['Runtime.ExitError', true, 'crash-0']]);
  });
});

describe('Function: errorNamesRaisedBy', () => {
  it.each<[Parameters<typeof errorNamesRaisedBy>[0], string[]]>([
    [{ kind: 'error', errorName: 'HTTPError' }, ['HTTPError']],
    [{ kind: 'error' }, ['Error']],
    [{ kind: 'throttle' }, ['Lambda.TooManyRequestsException']],
    [{ kind: 'timeout' }, ['Sandbox.Timedout', 'States.Timeout', 'Lambda.Unknown']],
    [{ kind: 'latency' }, []],
  ])('%j raises %j', (rule, names) => {
    expect(errorNamesRaisedBy(rule)).toEqual(names);
  });
});

describe('Function: functionNameOf', () => {
  it.each([
    ['arn:aws:lambda:eu-west-1:111111111111:function:charge', 'charge'],
    ['arn:aws:lambda:eu-west-1:111111111111:function:charge:7', 'charge'],
    ['111111111111:function:charge', 'charge'],
    ['charge:live', 'charge'],
    ['charge', 'charge'],
  ])('%s is %s', (reference, name) => {
    expect(functionNameOf(reference)).toBe(name);
  });
});

describe('Function: filterPatternFor', () => {
  it('selects ledger lines of the run by two terms, and drops a run id a quoted term cannot hold', () => {
    expect(filterPatternFor('m1x2abc3f')).toBe('"fault-injected" "m1x2abc3f"');
    expect(filterPatternFor('run "7"')).toBe('"fault-injected"');
  });
});

describe('failures of task-token waits', () => {
  it('are marked as after submission, so nobody mistakes them for an invocation that failed', async () => {
    const { loadRecordedHistory } = await import('../assertions/recordedHistory.js');
    const callback = failedAttemptsOf(loadRecordedHistory('heartbeat-timeout-sqs-callback-uncaught'));
    expect(callback).toEqual([expect.objectContaining({ stateName: expect.any(String), error: 'States.Timeout', afterSubmission: true })]);
    expect(matchFaultLedger(callback, [])[0]).toMatchObject({ afterSubmission: true, injected: false });
    const invocation = failedAttemptsOf(loadRecordedHistory('service-lambda-error-not-matched-uncaught'));
    expect(invocation).toEqual([expect.objectContaining({ error: 'Exception', afterSubmission: false })]);
  });
});
