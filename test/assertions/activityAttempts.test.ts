import { describe, expect, it } from '@jest/globals';
import { analyzeHistory } from '../../src/assertions/index.js';
import { HistoryBuilder } from './historyBuilder.js';

const resource = 'arn:aws:states:us-east-1:123456789012:activity:review';

/** Activity attempts as the engine writes them (and LocalStack's AWS-validated snapshots show). */
function activityHistory() {
  const history = new HistoryBuilder();
  history.entered('Review');
  history.add('ActivityScheduled', { activityScheduledEventDetails: { resource, input: '{}', inputDetails: { truncated: false } } });
  history.wait(2).add('ActivityStarted', { activityStartedEventDetails: { workerName: 'w1' } });
  history.wait(1).add('ActivityFailed', { activityFailedEventDetails: { error: 'Review.Busy', cause: 'queue full' } });
  history.wait(3).add('ActivityScheduled', { activityScheduledEventDetails: { resource, input: '{}', timeoutInSeconds: 30 } });
  history.wait(30).add('ActivityTimedOut', { activityTimedOutEventDetails: { error: 'States.Timeout' } });
  history.wait(6).add('ActivityScheduleFailed', { activityScheduleFailedEventDetails: { error: 'Review.Gone', cause: 'no activity' } });
  history.exited('Review', 'TaskStateExited', { Error: 'Review.Gone', Cause: 'no activity' });
  history.entered('Park', 'PassStateEntered', {}, history.lastId);
  history.exited('Park', 'PassStateExited');
  history.add('ExecutionSucceeded', { executionSucceededEventDetails: { output: '{}' } });
  return history.build();
}

describe('Function: analyzeHistory, activity Tasks', () => {
  it('counts ActivityScheduled … ActivityFailed / ActivityTimedOut / ActivityScheduleFailed as attempts, with their backoff and errors', () => {
    const review = analyzeHistory(activityHistory()).visits.find((visit) => visit.name === 'Review');
    expect(review?.attempts.map((attempt) => [attempt.scheduledEventType, attempt.result, attempt.error, attempt.endedEventType])).toEqual([
      ['ActivityScheduled', 'failed', 'Review.Busy', 'ActivityFailed'],
      ['ActivityScheduled', 'timedOut', 'States.Timeout', 'ActivityTimedOut'],
      ['ActivityScheduleFailed', 'failed', 'Review.Gone', 'ActivityScheduleFailed'],
    ]);
    expect(review?.attempts[0]?.cause).toBe('queue full');
    expect(review?.backoffIntervals).toEqual([3, 6]);
    expect(review?.catchDestination).toBe('Park');
  });
});
