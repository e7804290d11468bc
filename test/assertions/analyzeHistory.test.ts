import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { analyzeHistory, checkExpectations, formatTimeline } from '../../src/assertions/index.js';
import type { StateVisit } from '../../src/assertions/index.js';
import { HistoryBuilder, downloadExoplanetsHistory } from './historyBuilder.js';
import { loadRecordedHistory, recordedCaseNames, shuffled } from './recordedHistory.js';

function visitOf(visits: StateVisit[], name: string, visit = 1): StateVisit {
  const found = visits.find((candidate) => candidate.name === name && candidate.visit === visit);
  if (!found) throw new Error(`no visit ${visit} of ${name} in [${visits.map((v) => `${v.name}#${v.visit}`).join(', ')}]`);
  return found;
}

describe('Function: analyzeHistory', () => {
  describe('recorded AWS histories', () => {
    it('reads 4 failed attempts with their waits, then the catch → HandleError (legacy Lambda ARN)', () => {
      const events = loadRecordedHistory('retry-legacy-lambda-defaults-then-catch', { gapsBefore: { 6: 1, 9: 2, 12: 4 } });
      const analysis = analyzeHistory(events);

      expect(analysis.status).toBe('SUCCEEDED');
      expect(analysis.error).toBeUndefined();
      const task = visitOf(analysis.visits, 'InvokeLambdaWithRetry');
      expect(task.enteredEventType).toBe('TaskStateEntered');
      expect(task.enteredEventId).toBe(2);
      expect(task.attempts.map((attempt) => attempt.scheduledEventId)).toEqual([3, 6, 9, 12]);
      expect(task.attempts.map((attempt) => attempt.scheduledEventType)).toEqual(Array(4).fill('LambdaFunctionScheduled'));
      expect(task.attempts.map((attempt) => attempt.result)).toEqual(['failed', 'failed', 'failed', 'failed']);
      expect(task.attempts.map((attempt) => attempt.endedEventId)).toEqual([5, 8, 11, 14]);
      expect(task.attempts.map((attempt) => attempt.error)).toEqual(['Exception', 'Exception', 'Exception', 'Exception']);
      expect(JSON.parse(task.attempts[0]?.cause ?? '')).toMatchObject({
        errorType: 'Exception',
        errorMessage: 'Some exception was raised.',
      });
      expect(task.backoffIntervals).toEqual([1, 2, 4]);
      expect(task.outcome).toBe('caught');
      expect(task.catchDestination).toBe('HandleError');
      expect(task.error).toBe('Exception');
      expect(task.input).toEqual({ Value1: 'HelloWorld!', Value2: null });
      expect(task.output).toMatchObject({ Error: 'Exception' });
      expect(task.exitedAt).toBeInstanceOf(Date);

      const handler = visitOf(analysis.visits, 'HandleError');
      expect(handler.attempts).toEqual([]);
      expect(handler.outcome).toBe('succeeded');
      expect(handler.enclosingState).toBeUndefined();
      expect(analysis.output).toMatchObject({ Error: 'Exception' });
      expect(analysis.visits.map((visit) => visit.name)).toEqual(['InvokeLambdaWithRetry', 'HandleError']);
    });

    it('orders events by id, not by array position', () => {
      const events = loadRecordedHistory('retry-legacy-lambda-defaults-then-catch', { gapsBefore: { 6: 1, 9: 2, 12: 4 } });
      expect(analyzeHistory(shuffled(events))).toEqual(analyzeHistory(events));
      expect(shuffled(events).map((event) => event.id)).not.toEqual(events.map((event) => event.id));
    });

    it('keeps the first copy of an event delivered twice, in order or after later events', () => {
      const events = loadRecordedHistory('retry-legacy-lambda-defaults-then-catch', { gapsBefore: { 6: 1, 9: 2, 12: 4 } });
      const expected = analyzeHistory(events);
      const altered = (event: HistoryEvent): HistoryEvent => ({ ...event, type: 'ExecutionStarted', timestamp: new Date(0) });
      const repeatedAtOnce = events.flatMap((event, index) => (index === 4 ? [event, altered(event)] : [event]));
      const repeatedLater = [...events, altered(events[4] as HistoryEvent), altered(events[0] as HistoryEvent)];
      expect(analyzeHistory(repeatedAtOnce)).toEqual(expected);
      expect(analyzeHistory(repeatedLater)).toEqual(expected);
    });

    it('reads TaskScheduled/TaskFailed attempts of the optimized lambda:invoke integration', () => {
      const events = loadRecordedHistory('retry-service-lambda-context-retrycount-then-catch', { gapsBefore: { 6: 1, 9: 2, 12: 4 } });
      const task = visitOf(analyzeHistory(events).visits, 'InvokeLambdaWithRetry');
      expect(task.attempts.map((attempt) => `${attempt.scheduledEventType} ${attempt.scheduledEventId}`)).toEqual([
        'TaskScheduled 3',
        'TaskScheduled 6',
        'TaskScheduled 9',
        'TaskScheduled 12',
      ]);
      expect(task.attempts.every((attempt) => attempt.endedEventType === 'TaskFailed')).toBe(true);
      expect(task.backoffIntervals).toEqual([1, 2, 4]);
      expect(task.catchDestination).toBe('HandleError');
    });

    it('reports a TaskTimedOut attempt as timedOut with States.Timeout and no cause', () => {
      const analysis = analyzeHistory(loadRecordedHistory('timeout-service-lambda-caught', { gapsBefore: { 5: 5 } }));
      const task = visitOf(analysis.visits, 'Start');
      expect(task.attempts).toHaveLength(1);
      expect(task.attempts[0]).toMatchObject({ result: 'timedOut', error: 'States.Timeout', endedEventType: 'TaskTimedOut' });
      expect(task.attempts[0]?.cause).toBeUndefined();
      expect(task.outcome).toBe('caught');
      expect(task.catchDestination).toBe('EndWithHandler');
      expect(task.backoffIntervals).toEqual([]);
    });

    it('reports an uncaught error as failed, with the ExecutionFailed error', () => {
      const analysis = analyzeHistory(loadRecordedHistory('legacy-lambda-error-not-matched-uncaught'));
      expect(analysis.status).toBe('FAILED');
      expect(analysis.error).toBe('Exception');
      expect(JSON.parse(analysis.cause ?? '')).toMatchObject({ errorType: 'Exception' });
      const task = visitOf(analysis.visits, 'Start');
      expect(task.outcome).toBe('failed');
      expect(task.error).toBe('Exception');
      expect(task.catchDestination).toBeUndefined();
      expect(task.aborted).toBeUndefined();
      expect(task.exitedAt).toBeUndefined();
    });

    it('reports States.Runtime after a successful attempt as a failed visit (the catcher cannot fire)', () => {
      const analysis = analyzeHistory(loadRecordedHistory('states-runtime-not-caught'));
      const task = visitOf(analysis.visits, 'RaiseRuntime');
      expect(task.attempts.map((attempt) => attempt.result)).toEqual(['succeeded']);
      expect(task.outcome).toBe('failed');
      expect(task.error).toBe('States.Runtime');
      expect(analysis.status).toBe('FAILED');
      expect(analysis.error).toBe('States.Runtime');
    });

    it('counts a Map state run (MapStateStarted) as an attempt and keeps nested Fail states out of it', () => {
      // Each run's iteration fails at once; the retrier waits 2 s, then 4 s.
      const events = loadRecordedHistory('retry-map-state', { gapsBefore: { 9: 2, 13: 4 } });
      const analysis = analyzeHistory(events);
      const map = visitOf(analysis.visits, 'MapState');
      expect(map.enteredEventType).toBe('MapStateEntered');
      expect(map.attempts.map((attempt) => `${attempt.scheduledEventType} ${attempt.scheduledEventId}`)).toEqual([
        'MapStateStarted 5',
        'MapStateStarted 9',
        'MapStateStarted 13',
      ]);
      expect(map.attempts.map((attempt) => attempt.result)).toEqual(['failed', 'failed', 'failed']);
      // Retried runs have no MapStateFailed; the last one does.
      expect(map.attempts.map((attempt) => attempt.endedEventType)).toEqual([undefined, undefined, 'MapStateFailed']);
      // The Fail state's error is not in the history; the final one is, from ExecutionFailed.
      expect(map.attempts.map((attempt) => attempt.error)).toEqual([undefined, undefined, 'HandleItemFailError']);
      expect(map.backoffIntervals).toEqual([2, 4]);
      expect(map.outcome).toBe('failed');
      expect(map.error).toBe('HandleItemFailError');

      const nested = analysis.visits.filter((visit) => visit.name === 'HandleItemFail');
      expect(nested.map((visit) => visit.visit)).toEqual([1, 2, 3]);
      expect(nested.map((visit) => visit.enclosingState)).toEqual([
        { name: 'MapState', visit: 1, attempt: 1, iterationIndex: 0 },
        { name: 'MapState', visit: 1, attempt: 2, iterationIndex: 0 },
        { name: 'MapState', visit: 1, attempt: 3, iterationIndex: 0 },
      ]);
      expect(nested.every((visit) => visit.outcome === 'failed' && visit.attempts.length === 0)).toBe(true);
      expect(nested[0]?.input).toBe(1);
      expect(visitOf(analysis.visits, 'StartState').outcome).toBe('succeeded');
    });

    it('counts each Map run when the matching retrier is not the first one', () => {
      const map = visitOf(analyzeHistory(loadRecordedHistory('retry-map-state-multiple-retriers')).visits, 'MapState');
      expect(map.attempts.map((attempt) => attempt.scheduledEventId)).toEqual([5, 9, 13, 17]);
      expect(map.backoffIntervals).toHaveLength(3);
    });

    it('counts Parallel state runs that are retried without a ParallelStateFailed in between', () => {
      const events = loadRecordedHistory('retry-parallel-state', { gapsBefore: { 5: 1, 7: 2 } });
      const analysis = analyzeHistory(events);
      const parallel = visitOf(analysis.visits, 'ParallelState');
      expect(parallel.attempts.map((attempt) => `${attempt.scheduledEventType} ${attempt.scheduledEventId}`)).toEqual([
        'ParallelStateStarted 3',
        'ParallelStateStarted 5',
        'ParallelStateStarted 7',
      ]);
      expect(parallel.attempts.at(-1)).toMatchObject({ result: 'failed', endedEventType: 'ParallelStateFailed', error: 'FailureType' });
      // Measured from the branch's FailStateEntered (the failure) to the next ParallelStateStarted.
      expect(parallel.backoffIntervals).toEqual([1, 2]);
      expect(parallel.outcome).toBe('failed');
      const branches = analysis.visits.filter((visit) => visit.name === 'Branch1');
      expect(branches.map((visit) => visit.enclosingState)).toEqual([
        { name: 'ParallelState', visit: 1, attempt: 1 },
        { name: 'ParallelState', visit: 1, attempt: 2 },
        { name: 'ParallelState', visit: 1, attempt: 3 },
      ]);
    });

    it('keeps TaskSubmitted inside the attempt it belongs to (callback pattern)', () => {
      const task = visitOf(analyzeHistory(loadRecordedHistory('heartbeat-timeout-sqs-callback-uncaught')).visits, 'SendMessageWithWait');
      expect(task.attempts).toHaveLength(1);
      expect(task.attempts[0]).toMatchObject({ result: 'timedOut', error: 'States.Timeout' });
      expect(task.outcome).toBe('failed');
    });

    it("without state payloads, still takes a caught Parallel run's error from its output when the history names none", () => {
      const history = new HistoryBuilder();
      history.entered('Fan out', 'ParallelStateEntered');
      history.add('ParallelStateStarted');
      history.add('ParallelStateFailed');
      history.exited('Fan out', 'ParallelStateExited', { Error: 'States.BranchFailed', Cause: 'a branch failed' });
      history.entered('Recover', 'PassStateEntered');
      history.exited('Recover', 'PassStateExited');
      history.succeeded();
      for (const statePayloads of [true, false]) {
        const parallel = visitOf(analyzeHistory(history.build(), { statePayloads }).visits, 'Fan out');
        expect(parallel).toMatchObject({
          outcome: 'caught',
          catchDestination: 'Recover',
          error: 'States.BranchFailed',
          cause: 'a branch failed',
        });
        expect('output' in parallel).toBe(statePayloads);
      }
    });

    it('reads a catcher with ResultPath and with JSONata Output', () => {
      const resultPath = visitOf(
        analyzeHistory(loadRecordedHistory('aws-sdk-error-caught-by-states-taskfailed-resultpath')).visits,
        'CreateSecret',
      );
      expect(resultPath).toMatchObject({ outcome: 'caught', catchDestination: 'TaskFailedHandler', error: 'S3.NoSuchBucketException' });
      const jsonata = visitOf(analyzeHistory(loadRecordedHistory('retry-jsonata-service-lambda-then-catch-output')).visits, 'Task');
      expect(jsonata).toMatchObject({ outcome: 'caught', catchDestination: 'Fallback', error: 'Exception' });
      expect(jsonata.attempts).toHaveLength(2);
    });

    it.each(recordedCaseNames())(
      "analyses %s the same without state payloads, less the visits' input, output and variables",
      (caseName) => {
        const events = loadRecordedHistory(caseName);
        const full = analyzeHistory(events);
        const lean = analyzeHistory(events, { statePayloads: false });
        const withoutPayloads = full.visits.map(({ input: _input, output: _output, assignedVariables: _variables, ...rest }) => rest);
        expect(lean).toEqual({ ...full, visits: withoutPayloads });
        expect(lean.visits.some((visit) => 'input' in visit || 'output' in visit || 'assignedVariables' in visit)).toBe(false);
        if (full.output !== undefined) expect(lean.output).toEqual(full.output);
      },
    );

    it.each(recordedCaseNames())('analyses %s without losing an event-backed attempt', (caseName) => {
      const events = loadRecordedHistory(caseName);
      const analysis = analyzeHistory(events);
      const scheduled = events.filter((event) =>
        ['LambdaFunctionScheduled', 'TaskScheduled', 'MapStateStarted', 'ParallelStateStarted'].includes(event.type ?? ''),
      ).length;
      expect(analysis.visits.reduce((total, visit) => total + visit.attempts.length, 0)).toBe(scheduled);
      expect(analysis.status).not.toBe('RUNNING');
      expect(analysis.visits.every((visit) => visit.outcome !== 'running')).toBe(true);
    });
  });

  describe('nested states', () => {
    it('attributes Task attempts inside Map iterations to the nested Task, not to the Map state', () => {
      const history = new HistoryBuilder({ items: [1, 2] });
      history.entered('Process', 'MapStateEntered');
      const mapStarted = history.add('MapStateStarted', { mapStateStartedEventDetails: { length: 2 } });
      const iteration0 = history.add('MapIterationStarted', { mapIterationStartedEventDetails: { name: 'Process', index: 0 } }, mapStarted);
      const iteration1 = history.add('MapIterationStarted', { mapIterationStartedEventDetails: { name: 'Process', index: 1 } }, mapStarted);
      // The two iterations interleave; previousEventId tells them apart.
      const entered0 = history.entered('Fetch', 'TaskStateEntered', 1, iteration0);
      const entered1 = history.entered('Fetch', 'TaskStateEntered', 2, iteration1);
      const failed0 = history.taskAttempt({ error: 'HTTPError' }, entered0);
      const succeeded1 = history.taskAttempt({ output: 'ok' }, entered1);
      history.wait(3);
      const retried0 = history.taskAttempt({ output: 'ok' }, failed0);
      const exited1 = history.exited('Fetch', 'TaskStateExited', 'ok', succeeded1);
      history.add('MapIterationSucceeded', { mapIterationSucceededEventDetails: { name: 'Process', index: 1 } }, exited1);
      const exited0 = history.exited('Fetch', 'TaskStateExited', 'ok', retried0);
      history.add('MapIterationSucceeded', { mapIterationSucceededEventDetails: { name: 'Process', index: 0 } }, exited0);
      history.add('MapStateSucceeded');
      history.exited('Process', 'MapStateExited', ['ok', 'ok']);
      history.succeeded(['ok', 'ok']);

      const analysis = analyzeHistory(history.build());
      const map = visitOf(analysis.visits, 'Process');
      expect(map.attempts).toHaveLength(1);
      expect(map.attempts[0]).toMatchObject({ result: 'succeeded', endedEventType: 'MapStateSucceeded' });
      expect(map.outcome).toBe('succeeded');
      expect(map.output).toEqual(['ok', 'ok']);

      const first = visitOf(analysis.visits, 'Fetch', 1);
      const second = visitOf(analysis.visits, 'Fetch', 2);
      expect(first.enclosingState).toEqual({ name: 'Process', visit: 1, attempt: 1, iterationIndex: 0 });
      expect(second.enclosingState).toEqual({ name: 'Process', visit: 1, attempt: 1, iterationIndex: 1 });
      expect(first.attempts.map((attempt) => attempt.result)).toEqual(['failed', 'succeeded']);
      expect(first.backoffIntervals).toEqual([3]);
      expect(second.attempts.map((attempt) => attempt.result)).toEqual(['succeeded']);
      expect([first.outcome, second.outcome]).toEqual(['succeeded', 'succeeded']);
    });

    it('gives a failed Map run the error that left its nested Task, and reports the catch', () => {
      const history = new HistoryBuilder();
      history.entered('Process', 'MapStateEntered');
      const run = history.add('MapStateStarted', { mapStateStartedEventDetails: { length: 1 } });
      history.add('MapIterationStarted', { mapIterationStartedEventDetails: { name: 'Process', index: 0 } }, run);
      history.entered('Fetch');
      history.taskAttempt({ error: 'Lambda.TooManyRequestsException', cause: 'Rate exceeded' });
      history.add('MapIterationFailed', { mapIterationFailedEventDetails: { name: 'Process', index: 0 } });
      history.add('MapStateFailed');
      history.exited('Process', 'MapStateExited', { Error: 'Lambda.TooManyRequestsException', Cause: 'Rate exceeded' });
      history.entered('Notify', 'PassStateEntered');
      history.exited('Notify', 'PassStateExited');
      history.succeeded();

      const analysis = analyzeHistory(history.build());
      const map = visitOf(analysis.visits, 'Process');
      expect(map.attempts).toHaveLength(1);
      expect(map.attempts[0]).toMatchObject({ result: 'failed', error: 'Lambda.TooManyRequestsException', cause: 'Rate exceeded' });
      expect(map).toMatchObject({ outcome: 'caught', catchDestination: 'Notify', error: 'Lambda.TooManyRequestsException' });
      expect(visitOf(analysis.visits, 'Fetch')).toMatchObject({ outcome: 'failed', error: 'Lambda.TooManyRequestsException' });
      expect(visitOf(analysis.visits, 'Notify').enclosingState).toBeUndefined();
    });

    it('reports the sibling branch stopped by a failing Parallel branch as aborted', () => {
      const history = new HistoryBuilder();
      history.entered('FanOut', 'ParallelStateEntered');
      const run = history.add('ParallelStateStarted');
      const slow = history.entered('Slow', 'WaitStateEntered', {}, run);
      const fast = history.entered('Fast', 'TaskStateEntered', {}, run);
      history.taskAttempt({ error: 'HTTPError' }, fast);
      history.add('ParallelStateFailed');
      history.failed('HTTPError');
      expect(slow).toBeGreaterThan(0);

      const analysis = analyzeHistory(history.build());
      expect(visitOf(analysis.visits, 'FanOut')).toMatchObject({ outcome: 'failed', error: 'HTTPError' });
      expect(visitOf(analysis.visits, 'FanOut').attempts[0]).toMatchObject({ result: 'failed', error: 'HTTPError' });
      expect(visitOf(analysis.visits, 'Fast')).toMatchObject({ outcome: 'failed', error: 'HTTPError' });
      expect(visitOf(analysis.visits, 'Fast').aborted).toBeUndefined();
      expect(visitOf(analysis.visits, 'Slow')).toMatchObject({ outcome: 'failed', aborted: true });
    });

    it('gives a LambdaFunctionScheduleFailed to its own branch, not to the Task running in the other branch', () => {
      const history = new HistoryBuilder();
      history.entered('FanOut', 'ParallelStateEntered');
      const run = history.add('ParallelStateStarted');
      const enteredA = history.entered('Resize', 'TaskStateEntered', {}, run);
      const enteredB = history.entered('Archive', 'TaskStateEntered', {}, run);
      history.add('LambdaFunctionScheduled', {}, enteredB);
      history.add('LambdaFunctionStarted');
      history.add(
        'LambdaFunctionScheduleFailed',
        { lambdaFunctionScheduleFailedEventDetails: { error: 'Lambda.ResourceNotFoundException', cause: 'Function not found' } },
        enteredA,
      );

      const analysis = analyzeHistory(history.build());
      expect(visitOf(analysis.visits, 'Resize').attempts).toEqual([
        expect.objectContaining({
          result: 'failed',
          error: 'Lambda.ResourceNotFoundException',
          scheduledEventType: 'LambdaFunctionScheduleFailed',
        }),
      ]);
      expect(visitOf(analysis.visits, 'Archive').attempts.map((attempt) => attempt.result)).toEqual(['running']);
    });

    it('sends the outer Parallel retry to the outer state when an inner Parallel has finished failing', () => {
      const history = new HistoryBuilder();
      history.entered('Outer', 'ParallelStateEntered');
      const outerRun1 = history.add('ParallelStateStarted');
      history.entered('Inner', 'ParallelStateEntered', {}, outerRun1);
      const innerRun = history.add('ParallelStateStarted');
      history.entered('Boom', 'FailStateEntered', {}, innerRun);
      history.add('ParallelStateFailed');
      history.wait(5);
      history.add('ParallelStateStarted');
      history.add('ParallelStateSucceeded');
      history.exited('Outer', 'ParallelStateExited', []);
      history.succeeded([]);

      const analysis = analyzeHistory(history.build());
      expect(visitOf(analysis.visits, 'Outer').attempts.map((attempt) => attempt.result)).toEqual(['failed', 'succeeded']);
      expect(visitOf(analysis.visits, 'Outer').backoffIntervals).toEqual([5]);
      expect(visitOf(analysis.visits, 'Inner').attempts.map((attempt) => attempt.result)).toEqual(['failed']);
      expect(visitOf(analysis.visits, 'Inner').outcome).toBe('failed');
    });
  });

  describe('execution status', () => {
    it.each([
      ['ExecutionTimedOut', 'TIMED_OUT', 'executionTimedOutEventDetails'],
      ['ExecutionAborted', 'ABORTED', 'executionAbortedEventDetails'],
    ])('maps %s to status %s', (type, status, detailsKey) => {
      const history = new HistoryBuilder();
      history.entered('Wait for approval', 'TaskStateEntered');
      history.add('TaskScheduled', { taskScheduledEventDetails: { resourceType: 'sqs', resource: 'sendMessage.waitForTaskToken' } });
      history.add('TaskStarted');
      history.add(type, { [detailsKey]: { error: 'States.Timeout' } });
      const analysis = analyzeHistory(history.build());
      expect(analysis.status).toBe(status);
      const visit = visitOf(analysis.visits, 'Wait for approval');
      expect(visit.outcome).toBe('failed');
      expect(visit.attempts[0]?.result).toBe('running');
      expect(visit.aborted).toBe(status === 'ABORTED' ? true : undefined);
    });

    it('is RUNNING while the history has no terminal event', () => {
      const history = new HistoryBuilder();
      history.entered('Download Exoplanets');
      history.add('TaskScheduled');
      const analysis = analyzeHistory(history.build());
      expect(analysis.status).toBe('RUNNING');
      expect(visitOf(analysis.visits, 'Download Exoplanets')).toMatchObject({ outcome: 'running' });
      expect(visitOf(analysis.visits, 'Download Exoplanets').attempts[0]?.result).toBe('running');
    });

    it('returns to RUNNING after ExecutionRedriven', () => {
      const history = new HistoryBuilder();
      history.entered('Download Exoplanets');
      history.taskAttempt({ error: 'HTTPError' });
      history.failed('HTTPError');
      history.add('ExecutionRedriven', { executionRedrivenEventDetails: { redriveCount: 1 } });
      expect(analyzeHistory(history.build())).toMatchObject({ status: 'RUNNING' });
    });
  });

  describe('incomplete histories (Express logs)', () => {
    it('still counts attempts when a failure event is missing, and reports the unknown wait as NaN', () => {
      const events = loadRecordedHistory('retry-legacy-lambda-defaults-then-catch', { gapsBefore: { 6: 1, 9: 2, 12: 4 } });
      const task = visitOf(analyzeHistory(events.filter((event) => event.id !== 8)).visits, 'InvokeLambdaWithRetry');
      expect(task.attempts).toHaveLength(4);
      expect(task.attempts[1]).toMatchObject({ result: 'failed' });
      expect(task.attempts[1]?.error).toBeUndefined();
      expect(task.backoffIntervals[0]).toBe(1);
      expect(task.backoffIntervals[1]).toBeNaN();
      expect(task.backoffIntervals[2]).toBe(4);
      expect(task.catchDestination).toBe('HandleError');
    });

    it('starts an attempt from a failure event whose …Scheduled event is missing', () => {
      const events = loadRecordedHistory('legacy-lambda-error-not-matched-uncaught').filter((event) => event.id !== 3 && event.id !== 4);
      const task = visitOf(analyzeHistory(events).visits, 'Start');
      expect(task.attempts).toEqual([expect.objectContaining({ scheduledEventId: 5, result: 'failed', error: 'Exception' })]);
    });

    it('links the catch destination when the StateExited event is missing', () => {
      const events = loadRecordedHistory('retry-legacy-lambda-defaults-then-catch').filter((event) => event.id !== 15);
      const task = visitOf(analyzeHistory(events).visits, 'InvokeLambdaWithRetry');
      expect(task.attempts).toHaveLength(4);
      expect(task.outcome).toBe('caught');
      expect(task.catchDestination).toBe('HandleError');
      expect(task.exitedAt).toBeUndefined();
    });

    it('reports only the execution when the log holds just the terminal event', () => {
      const analysis = analyzeHistory([
        {
          id: 18,
          previousEventId: 17,
          type: 'ExecutionFailed',
          timestamp: new Date(),
          executionFailedEventDetails: { error: 'HTTPError' },
        },
      ]);
      expect(analysis).toEqual({
        status: 'FAILED',
        error: 'HTTPError',
        visits: [],
        missingEventIds: Array.from({ length: 17 }, (_, index) => index + 1),
      });
    });

    it('lists the ids missing below the highest id, and nothing for a complete history', () => {
      const events = loadRecordedHistory('retry-legacy-lambda-defaults-then-catch');
      expect(analyzeHistory(events).missingEventIds).toBeUndefined();
      expect(analyzeHistory(events.filter((event) => event.id !== 8 && event.id !== 9 && event.id !== 12)).missingEventIds).toEqual([
        8, 9, 12,
      ]);
      // Events after the last one present cannot be told missing.
      expect(analyzeHistory(events.slice(0, 10)).missingEventIds).toBeUndefined();
    });

    it('accepts CloudWatch Logs shapes: string ids, epoch-millisecond timestamps, `details`', () => {
      const logEvents = [
        { id: '1', previous_event_id: '0', type: 'ExecutionStarted', event_timestamp: '1700000000000', details: { input: '{}' } },
        {
          id: '2',
          previous_event_id: '0',
          type: 'TaskStateEntered',
          event_timestamp: '1700000000010',
          details: { name: 'Download', input: '{}' },
        },
        { id: '3', previous_event_id: '2', type: 'TaskScheduled', event_timestamp: '1700000000020', details: {} },
        { id: '5', previous_event_id: '4', type: 'TaskFailed', event_timestamp: '1700000000100', details: { error: 'HTTPError' } },
        { id: '6', previous_event_id: '5', type: 'TaskScheduled', event_timestamp: '1700000002100', details: {} },
      ];
      const task = visitOf(analyzeHistory(logEvents as unknown as HistoryEvent[]).visits, 'Download');
      expect(task.attempts.map((attempt) => attempt.result)).toEqual(['failed', 'running']);
      expect(task.backoffIntervals).toEqual([2]);
    });

    it('never throws, whatever the events look like', () => {
      const eventTypes = [
        'ExecutionStarted',
        'ExecutionSucceeded',
        'ExecutionFailed',
        'ExecutionTimedOut',
        'ExecutionAborted',
        'ExecutionRedriven',
        'TaskStateEntered',
        'TaskStateExited',
        'TaskStateAborted',
        'PassStateEntered',
        'PassStateExited',
        'FailStateEntered',
        'WaitStateEntered',
        'WaitStateAborted',
        'MapStateEntered',
        'MapStateExited',
        'MapStateStarted',
        'MapStateSucceeded',
        'MapStateFailed',
        'MapStateAborted',
        'MapIterationStarted',
        'MapIterationSucceeded',
        'MapIterationFailed',
        'MapIterationAborted',
        'MapRunStarted',
        'MapRunFailed',
        'MapRunSucceeded',
        'MapRunAborted',
        'ParallelStateEntered',
        'ParallelStateExited',
        'ParallelStateStarted',
        'ParallelStateSucceeded',
        'ParallelStateFailed',
        'ParallelStateAborted',
        'TaskScheduled',
        'TaskStarted',
        'TaskSubmitted',
        'TaskSucceeded',
        'TaskFailed',
        'TaskTimedOut',
        'TaskStartFailed',
        'TaskSubmitFailed',
        'LambdaFunctionScheduled',
        'LambdaFunctionStarted',
        'LambdaFunctionSucceeded',
        'LambdaFunctionFailed',
        'LambdaFunctionTimedOut',
        'LambdaFunctionScheduleFailed',
        'EvaluationFailed',
        'SomethingNew',
        'toString',
        'constructor',
        '__proto__',
      ];
      const anyValue = fc.oneof(
        fc.string(),
        fc.integer(),
        fc.constant(null),
        fc.constant(undefined),
        fc.object(),
        fc.date({ noInvalidDate: false }),
      );
      const details = fc.record(
        {
          name: fc.oneof(fc.constantFrom('A', 'B', 'Map', 'Par'), anyValue),
          input: anyValue,
          output: anyValue,
          error: fc.oneof(fc.constantFrom('HTTPError', 'States.Timeout'), anyValue),
          cause: anyValue,
          index: fc.oneof(fc.nat(3), anyValue),
          state: anyValue,
        },
        { requiredKeys: [] },
      );
      const event = fc.record(
        {
          id: fc.oneof(fc.nat(40), fc.constant(undefined), fc.string(), fc.double()),
          previousEventId: fc.oneof(fc.nat(40), fc.constant(undefined), fc.string()),
          type: fc.oneof(fc.constantFrom(...eventTypes), anyValue),
          timestamp: fc.oneof(fc.date({ noInvalidDate: false }), fc.integer(), fc.string(), fc.constant(undefined)),
          someEventDetails: fc.oneof(details, anyValue),
        },
        { requiredKeys: [] },
      );
      const eventList = fc.array(fc.oneof(event, anyValue), { maxLength: 40 });
      fc.assert(
        fc.property(eventList, (events) => {
          const analysis = analyzeHistory(events as unknown as HistoryEvent[]);
          expect(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']).toContain(analysis.status);
          for (const visit of analysis.visits) {
            expect(typeof formatTimeline(visit)).toBe('string');
            expect(visit.backoffIntervals).toHaveLength(Math.max(0, visit.attempts.length - 1));
          }
          const at = { file: 'fuzz.yaml', line: 1, column: 1 };
          const states = Object.fromEntries(
            ['A', 'B', 'Map', 'Par'].map((name) => [
              name,
              { attempts: 2, backoff: [1, { min: 0, max: 2 }], errors: ['HTTPError'], caughtBy: null, outcome: 'caught' as const, at },
            ]),
          );
          expect(Array.isArray(checkExpectations(analysis, { status: 'SUCCEEDED', output: {}, states, at }))).toBe(true);
        }),
        { numRuns: 500 },
      );
    });
  });

  it('reads the hand-built Download Exoplanets history the same with legacy Lambda events', () => {
    const task = visitOf(analyzeHistory(downloadExoplanetsHistory([10, 20, 40], 'lambda')).visits, 'Download Exoplanets');
    expect(task.backoffIntervals).toEqual([10, 20, 40]);
    expect(task.attempts.map((attempt) => attempt.scheduledEventType)).toEqual(Array(4).fill('LambdaFunctionScheduled'));
  });
});
