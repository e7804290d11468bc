import { ACCOUNT, type FakeAws, type FakeExecution } from './fakeAws.js';

/**
 * Turns every Standard execution of a {@link FakeAws} into one `.waitForTaskToken` Task, "Wait for
 * approval", as Step Functions records it: TaskStateEntered, TaskScheduled (the SQS message body carries the
 * task token, as `"TaskToken.$": "$$.Task.Token"` puts it there), TaskStarted, TaskSubmitted. It stays
 * RUNNING until SendTaskSuccess or SendTaskFailure with that token arrives; SendTaskHeartbeat is counted.
 */
export interface FakeCallbackLog {
  /** Every SendTask* call that reached the fake: its operation, body and the ms since the task was scheduled. */
  calls: { operation: string; body: Record<string, unknown>; sinceScheduledMs: number }[];
}

export const CALLBACK_STATE = 'Wait for approval';

export function installCallbackExecutions(fake: FakeAws): FakeCallbackLog {
  const log: FakeCallbackLog = { calls: [] };
  const byToken = new Map<string, { execution: FakeExecution; scheduledAtMs: number }>();
  fake.onStart = (execution) => {
    const token = `AQB-token-${execution.name}`;
    const scheduledAtMs = Date.now();
    const events: Record<string, unknown>[] = [];
    const add = (type: string, extra: Record<string, unknown> = {}): void => {
      events.push({ id: events.length + 1, previousEventId: events.length, type, timestamp: new Date(scheduledAtMs), ...extra });
    };
    add('ExecutionStarted', { executionStartedEventDetails: { input: execution.input, roleArn: `arn:aws:iam::${ACCOUNT}:role/r` } });
    add('TaskStateEntered', { stateEnteredEventDetails: { name: CALLBACK_STATE, input: execution.input } });
    const parameters = {
      QueueUrl: 'https://sqs.us-east-1.amazonaws.com/111111111111/approvals',
      MessageBody: { order: JSON.parse(execution.input), TaskToken: token },
    };
    add('TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: 'sqs',
        resource: 'sendMessage.waitForTaskToken',
        region: 'us-east-1',
        parameters: JSON.stringify(parameters),
        heartbeatInSeconds: 1,
      },
    });
    add('TaskStarted', { taskStartedEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken' } });
    add('TaskSubmitted', {
      taskSubmittedEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken', output: '{"MessageId":"m-1"}' },
    });
    execution.events = events;
    execution.describesLeft = Number.POSITIVE_INFINITY;
    byToken.set(token, { execution, scheduledAtMs });
  };
  fake.onOtherOperation = (operation, body) => {
    if (!operation.startsWith('SendTask')) return undefined;
    const waiting = byToken.get(String(body['taskToken']));
    if (waiting) log.calls.push({ operation, body, sinceScheduledMs: Date.now() - waiting.scheduledAtMs });
    if (waiting?.execution.status !== 'RUNNING')
      return [400, { __type: waiting ? 'TaskTimedOut' : 'InvalidToken', message: 'Task Timed Out' }];
    const { execution } = waiting;
    const add = (type: string, extra: Record<string, unknown>): void => {
      execution.events.push({
        id: execution.events.length + 1,
        previousEventId: execution.events.length,
        type,
        timestamp: new Date(),
        ...extra,
      });
    };
    const task = { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken' };
    if (operation === 'SendTaskSuccess') {
      const output = String(body['output']);
      add('TaskSucceeded', { taskSucceededEventDetails: { ...task, output } });
      add('TaskStateExited', { stateExitedEventDetails: { name: CALLBACK_STATE, output } });
      add('ExecutionSucceeded', { executionSucceededEventDetails: { output } });
      execution.status = 'SUCCEEDED';
    } else if (operation === 'SendTaskFailure') {
      const details = { error: String(body['error']), ...(body['cause'] === undefined ? {} : { cause: String(body['cause']) }) };
      add('TaskFailed', { taskFailedEventDetails: { ...task, ...details } });
      add('ExecutionFailed', { executionFailedEventDetails: details });
      execution.status = 'FAILED';
    }
    return [200, {}];
  };
  return log;
}
