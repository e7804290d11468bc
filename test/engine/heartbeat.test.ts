import { describe, expect, it } from '@jest/globals';
import { findDefinitionIssues } from '../../src/engine/index.js';
import { eventsOfType, offsetsOf, run, typesOf } from './helpers.js';

function sqsCallback(fields: Record<string, unknown>): unknown {
  return {
    StartAt: 'Wait for worker',
    States: {
      'Wait for worker': {
        Type: 'Task',
        Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
        Parameters: { QueueUrl: 'q', MessageBody: { 'Token.$': '$$.Task.Token' } },
        End: true,
        ...fields,
      },
    },
  };
}

const queue = { services: () => ({ kind: 'response' as const, response: { MessageId: 'm' } }) };

describe('HeartbeatSeconds', () => {
  it('is recorded on TaskScheduled and times the task out with States.Timeout when no heartbeat comes', async () => {
    const result = await run(sqsCallback({ HeartbeatSeconds: 5, TimeoutSeconds: 600 }), [], queue);
    expect(eventsOfType(result, 'TaskScheduled')[0]?.taskScheduledEventDetails).toMatchObject({
      heartbeatInSeconds: 5,
      timeoutInSeconds: 600,
    });
    expect(typesOf(result).slice(-3)).toEqual(['TaskSubmitted', 'TaskTimedOut', 'ExecutionFailed']);
    expect(offsetsOf(result, 'TaskTimedOut')).toEqual([5]);
    // Recorded on AWS as States.Timeout, not States.HeartbeatTimeout.
    expect(result.error).toBe('States.Timeout');
  });

  it('starts again with every heartbeat, until the answer comes', async () => {
    const result = await run(sqsCallback({ HeartbeatSeconds: 10, TimeoutSeconds: 600 }), [], {
      ...queue,
      callbacks: () => ({ heartbeatEverySeconds: 8, afterSeconds: 100, answer: { kind: 'success', output: 'finished' } }),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(offsetsOf(result, 'TaskSucceeded')).toEqual([100]);
  });

  it('keeps the task alive only until TimeoutSeconds, heartbeats or not', async () => {
    const result = await run(sqsCallback({ HeartbeatSeconds: 10, TimeoutSeconds: 60 }), [], {
      ...queue,
      callbacks: () => ({ heartbeatEverySeconds: 8 }),
    });
    expect(result.error).toBe('States.Timeout');
    expect(offsetsOf(result, 'TaskTimedOut')).toEqual([60]);
  });

  it('times out when heartbeats come less often than HeartbeatSeconds', async () => {
    const result = await run(sqsCallback({ HeartbeatSeconds: 10, TimeoutSeconds: 600 }), [], {
      ...queue,
      callbacks: () => ({ heartbeatEverySeconds: 12, afterSeconds: 100, answer: { kind: 'success', output: 1 } }),
    });
    expect(offsetsOf(result, 'TaskTimedOut')).toEqual([10]);
  });

  it('reads HeartbeatSecondsPath from the input and refuses a value not below TimeoutSeconds', async () => {
    const ok = await run(sqsCallback({ HeartbeatSecondsPath: '$.beat', TimeoutSeconds: 60 }), [], { ...queue, input: { beat: 7 } });
    expect(eventsOfType(ok, 'TaskScheduled')[0]?.taskScheduledEventDetails?.heartbeatInSeconds).toBe(7);
    expect(offsetsOf(ok, 'TaskTimedOut')).toEqual([7]);
    const tooLong = await run(sqsCallback({ HeartbeatSecondsPath: '$.beat', TimeoutSeconds: 60 }), [], { ...queue, input: { beat: 60 } });
    expect(tooLong.error).toBe('States.Runtime');
    expect(tooLong.cause).toContain('HeartbeatSeconds 60 must be smaller than the TimeoutSeconds 60');
  });

  it('is checked before running', () => {
    const messages = (fields: Record<string, unknown>): string[] =>
      findDefinitionIssues(sqsCallback(fields)).map((issue) => `${issue.path}: ${issue.message}`);
    expect(messages({ HeartbeatSeconds: 60, TimeoutSeconds: 60 })).toEqual([
      'States["Wait for worker"].HeartbeatSeconds: HeartbeatSeconds (60) must be smaller than TimeoutSeconds (60)',
    ]);
    expect(messages({ HeartbeatSeconds: 0 })).toEqual([
      'States["Wait for worker"].HeartbeatSeconds: HeartbeatSeconds must be an integer from 1 to 99999999, not 0',
    ]);
    expect(messages({ HeartbeatSeconds: 5, HeartbeatSecondsPath: '$.beat' })).toEqual([
      'States["Wait for worker"].HeartbeatSecondsPath: HeartbeatSeconds and HeartbeatSecondsPath cannot be used together',
    ]);
    expect(messages({ HeartbeatSeconds: 5, TimeoutSeconds: 10 })).toEqual([]);
    const onLambda = findDefinitionIssues({
      StartAt: 'A',
      States: { A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:f', HeartbeatSeconds: 5, End: true } },
    });
    expect(onLambda.map((issue) => issue.message)).toEqual([
      'HeartbeatSeconds on a task without .waitForTaskToken is not supported by the local engine yet',
    ]);
  });
});
