import { describe, expect, it } from '@jest/globals';
import { analyzeHistory, checkExpectations } from '../../src/assertions/index.js';
import { runExecution } from '../../src/engine/index.js';
import type { ExecutionExpectation, StateExpectation } from '../../src/scenarios/types.js';
import { HistoryBuilder, downloadExoplanetsHistory } from './historyBuilder.js';
import { loadRecordedHistory } from './recordedHistory.js';

const at = { file: 'scenarios.yaml', line: 12, column: 7 };

function expectation(
  states: Record<string, Omit<StateExpectation, 'at'>>,
  execution: Omit<ExecutionExpectation, 'at' | 'states'> = {},
): ExecutionExpectation {
  return {
    ...execution,
    states: Object.fromEntries(Object.entries(states).map(([name, state]) => [name, { ...state, at }])),
    at,
  };
}

const download = 'states["Download Exoplanets"]';

function visitAttempts(analysis: ReturnType<typeof analyzeHistory>): number {
  return analysis.visits.find((visit) => visit.name === 'Download Exoplanets')?.attempts.length ?? 0;
}

describe('Function: checkExpectations', () => {
  describe('backoff', () => {
    const analysis = analyzeHistory(downloadExoplanetsHistory([10, 20, 40]));

    it('passes when the waits are 10, 20 and 40 s', () => {
      expect(checkExpectations(analysis, expectation({ 'Download Exoplanets': { backoff: [10, 20, 40] } }))).toEqual([]);
    });

    it('names the one wait that differs', () => {
      const failures = checkExpectations(analysis, expectation({ 'Download Exoplanets': { backoff: [10, 20, 30] } }));
      expect(failures).toEqual([
        {
          path: `${download}.backoff[2]`,
          expected: 30,
          actual: 40,
          message: `${download}: expected a wait of 30s (±1s) before attempt 4, saw 40s (TaskFailed id 11 → TaskScheduled id 12)`,
        },
      ]);
    });

    it('uses the state tolerance, then the default tolerance, then 1 s', () => {
      const late = analyzeHistory(downloadExoplanetsHistory([10, 20, 40.5]));
      const backoff = [10, 20, 40];
      expect(checkExpectations(late, expectation({ 'Download Exoplanets': { backoff } }))).toEqual([]);
      expect(checkExpectations(late, expectation({ 'Download Exoplanets': { backoff } }), { defaultTolerance: 0.001 })).toHaveLength(1);
      expect(
        checkExpectations(late, expectation({ 'Download Exoplanets': { backoff, tolerance: 0.5 } }), { defaultTolerance: 0.001 }),
      ).toEqual([]);
      expect(checkExpectations(late, expectation({ 'Download Exoplanets': { backoff, tolerance: 0.2 } }))).toMatchObject([
        { path: `${download}.backoff[2]`, actual: 40.5 },
      ]);
    });

    it('checks jitter bounds, widened by the tolerance', () => {
      const jittered = analyzeHistory(downloadExoplanetsHistory([0.4, 3.9, 0]));
      const bounds = [{ min: 0, max: 1 }, { min: 0, max: 2 }, { max: 4 }];
      const failures = checkExpectations(jittered, expectation({ 'Download Exoplanets': { backoff: bounds, tolerance: 0.001 } }));
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatchObject({ path: `${download}.backoff[1]`, expected: { min: 0, max: 2 }, actual: 3.9 });
      expect(failures[0]?.message).toBe(
        `${download}: expected a wait of between 0s and 2s (±0.001s) before attempt 3, saw 3.9s (TaskFailed id 8 → TaskScheduled id 9)`,
      );
      expect(checkExpectations(jittered, expectation({ 'Download Exoplanets': { backoff: [{ min: 1 }] } }))).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: `${download}.backoff` })]),
      );
    });

    it('reports a missing or extra wait once, at the backoff path', () => {
      const failures = checkExpectations(analysis, expectation({ 'Download Exoplanets': { backoff: [10, 20, 40, 80] } }));
      expect(failures).toEqual([
        {
          path: `${download}.backoff`,
          expected: [10, 20, 40, 80],
          actual: [10, 20, 40],
          message: `${download}: expected 4 waits between attempts, saw 3 (10s, 20s, 40s) across 4 attempts`,
        },
      ]);
    });

    it('says when a wait cannot be measured because the failure event has no timestamp', () => {
      const events = downloadExoplanetsHistory([10, 20, 40]).map((event) => (event.id === 8 ? { ...event, timestamp: undefined } : event));
      const failures = checkExpectations(analyzeHistory(events), expectation({ 'Download Exoplanets': { backoff: [10, 20, 40] } }));
      expect(failures).toHaveLength(1);
      expect(failures[0]?.path).toBe(`${download}.backoff[1]`);
      expect(failures[0]?.message).toContain('lacks the failure event or timestamps of attempt 2');
    });
  });

  describe('attempts and errors', () => {
    const threeAttempts = analyzeHistory(downloadExoplanetsHistory([10, 20]));

    it('names the …Scheduled events it counted', () => {
      expect(checkExpectations(threeAttempts, expectation({ 'Download Exoplanets': { attempts: 4 } }))).toEqual([
        {
          path: `${download}.attempts`,
          expected: 4,
          actual: 3,
          message: `${download}: expected 4 attempts, saw 3 (TaskScheduled ids 3, 6, 9)`,
        },
      ]);
      expect(checkExpectations(threeAttempts, expectation({ 'Download Exoplanets': { attempts: 3 } }))).toEqual([]);
    });

    it('compares the error of each failed attempt, in order', () => {
      const failures = checkExpectations(
        threeAttempts,
        expectation({ 'Download Exoplanets': { errors: ['HTTPError', 'Lambda.TooManyRequestsException', 'HTTPError'] } }),
      );
      expect(failures).toEqual([
        {
          path: `${download}.errors[1]`,
          expected: 'Lambda.TooManyRequestsException',
          actual: 'HTTPError',
          message: `${download}: expected attempt 2 to fail with Lambda.TooManyRequestsException, saw HTTPError (TaskFailed id 8)`,
        },
      ]);
    });

    it('reports a different number of failed attempts once', () => {
      const failures = checkExpectations(threeAttempts, expectation({ 'Download Exoplanets': { errors: ['HTTPError', 'HTTPError'] } }));
      expect(failures).toEqual([
        expect.objectContaining({
          path: `${download}.errors`,
          message: `${download}: expected 2 failed attempts (HTTPError, HTTPError), saw 3 (HTTPError, HTTPError, HTTPError) of 3 attempts`,
        }),
      ]);
    });

    it('counts timed-out attempts as failed ones (States.Timeout)', () => {
      const analysis = analyzeHistory(loadRecordedHistory('timeout-service-lambda-caught'));
      expect(
        checkExpectations(analysis, expectation({ Start: { attempts: 1, errors: ['States.Timeout'], caughtBy: 'EndWithHandler' } })),
      ).toEqual([]);
    });

    it('says when the history does not record a Map run error', () => {
      const analysis = analyzeHistory(loadRecordedHistory('retry-map-state'));
      const failures = checkExpectations(
        analysis,
        expectation({ MapState: { attempts: 3, errors: Array(3).fill('HandleItemFailError') } }),
      );
      expect(failures.map((failure) => failure.path)).toEqual(['states["MapState"].errors[0]', 'states["MapState"].errors[1]']);
      expect(failures[0]?.message).toBe(
        'states["MapState"]: expected attempt 1 to fail with HandleItemFailError, but the history does not record its error (attempt started by MapStateStarted id 5)',
      );
    });
  });

  describe('catch and outcome', () => {
    const caught = analyzeHistory(loadRecordedHistory('retry-legacy-lambda-defaults-then-catch'));
    const uncaught = analyzeHistory(loadRecordedHistory('legacy-lambda-error-not-matched-uncaught'));

    it('passes a full expectation on a recorded retry-then-catch history', () => {
      const failures = checkExpectations(
        caught,
        expectation(
          {
            InvokeLambdaWithRetry: {
              attempts: 4,
              errors: Array(4).fill('Exception'),
              caughtBy: 'HandleError',
              outcome: 'caught',
              entered: true,
            },
            HandleError: { outcome: 'succeeded', caughtBy: null },
          },
          { status: 'SUCCEEDED' },
        ),
      );
      expect(failures).toEqual([]);
    });

    it('sees a JSONata evaluation error caught before any attempt, from the EvaluationFailed event', async () => {
      const result = await runExecution({
        definition: {
          QueryLanguage: 'JSONata',
          StartAt: 'Push',
          States: {
            Push: {
              Type: 'Task',
              Resource: 'arn:aws:states:::lambda:invoke',
              Arguments: { FunctionName: 'push', Payload: { location: '{% $states.input.pushLocation %}' } },
              Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Report' }],
              End: true,
            },
            Report: { Type: 'Pass', End: true },
          },
        },
        input: {},
        functions: () => undefined,
      });
      const analysis = analyzeHistory(result.events);
      expect(
        checkExpectations(analysis, expectation({ Push: { attempts: 0, caughtBy: 'Report', outcome: 'caught' } }, { status: 'SUCCEEDED' })),
      ).toEqual([]);
      expect(checkExpectations(analysis, expectation({ Push: { caughtBy: null } }))[0]?.message).toBe(
        'states["Push"]: expected no catcher to fire, but States.QueryEvaluationError was caught → Report',
      );
    });

    it('fails caughtBy when the catcher went elsewhere', () => {
      expect(checkExpectations(caught, expectation({ InvokeLambdaWithRetry: { caughtBy: 'Retry later' } }))).toEqual([
        {
          path: 'states["InvokeLambdaWithRetry"].caughtBy',
          expected: 'Retry later',
          actual: 'HandleError',
          message: 'states["InvokeLambdaWithRetry"]: expected the catcher to go to Retry later, saw Exception caught → HandleError',
        },
      ]);
    });

    it('fails caughtBy: null when a catcher fired', () => {
      expect(checkExpectations(caught, expectation({ InvokeLambdaWithRetry: { caughtBy: null } }))).toEqual([
        expect.objectContaining({
          path: 'states["InvokeLambdaWithRetry"].caughtBy',
          expected: null,
          actual: 'HandleError',
          message: 'states["InvokeLambdaWithRetry"]: expected no catcher to fire, but Exception was caught → HandleError',
        }),
      ]);
    });

    it('fails caughtBy and outcome when the error left the state', () => {
      const failures = checkExpectations(uncaught, expectation({ Start: { caughtBy: 'HandleError', outcome: 'caught' } }));
      expect(failures).toEqual([
        {
          path: 'states["Start"].caughtBy',
          expected: 'HandleError',
          actual: null,
          message:
            'states["Start"]: expected a catcher to send the error to HandleError, but Exception left the state uncaught (execution FAILED)',
        },
        {
          path: 'states["Start"].outcome',
          expected: 'caught',
          actual: 'failed',
          message: 'states["Start"]: expected outcome caught, saw failed: Exception left the state uncaught (execution FAILED)',
        },
      ]);
      expect(checkExpectations(uncaught, expectation({ Start: { caughtBy: null, outcome: 'failed' } }))).toEqual([]);
    });

    it('reports States.Runtime as an uncaught failure even though the attempt succeeded', () => {
      const analysis = analyzeHistory(loadRecordedHistory('states-runtime-not-caught'));
      const failures = checkExpectations(
        analysis,
        expectation({ RaiseRuntime: { outcome: 'caught' } }, { status: 'FAILED', error: 'States.Runtime' }),
      );
      expect(failures).toEqual([
        expect.objectContaining({
          path: 'states["RaiseRuntime"].outcome',
          message: 'states["RaiseRuntime"]: expected outcome caught, saw failed: States.Runtime left the state uncaught (execution FAILED)',
        }),
      ]);
    });
  });

  describe('entered and visit', () => {
    const analysis = analyzeHistory(downloadExoplanetsHistory());

    it('gives a single failure for a state that was never entered', () => {
      const failures = checkExpectations(
        analysis,
        expectation({
          'Download Exoplanet': { attempts: 4, backoff: [10, 20, 40], errors: ['HTTPError'], caughtBy: 'ErrorState', outcome: 'caught' },
        }),
      );
      expect(failures).toEqual([
        {
          path: 'states["Download Exoplanet"]',
          expected: true,
          actual: false,
          message:
            'states["Download Exoplanet"]: never entered (no …StateEntered event named "Download Exoplanet"); states entered: "Download Exoplanets", "ErrorState"',
        },
      ]);
    });

    it('checks entered: false both ways', () => {
      expect(checkExpectations(analysis, expectation({ Celebrate: { entered: false } }))).toEqual([]);
      expect(checkExpectations(analysis, expectation({ ErrorState: { entered: false, outcome: 'succeeded' } }))).toEqual([
        {
          path: 'states["ErrorState"].entered',
          expected: false,
          actual: true,
          message: 'states["ErrorState"]: expected never to be entered, but it was entered 1 time (PassStateEntered id 16)',
        },
      ]);
      expect(checkExpectations(analysis, expectation({ Celebrate: { entered: true } }))[0]?.path).toBe('states["Celebrate"].entered');
    });

    it('selects the visit and gives one failure when it does not exist', () => {
      expect(checkExpectations(analysis, expectation({ 'Download Exoplanets': { visit: 2, attempts: 4 } }))).toEqual([
        {
          path: `${download}.visit`,
          expected: 2,
          actual: 1,
          message: `${download}: expected a visit 2, but the state was entered only 1 time (TaskStateEntered id 2)`,
        },
      ]);
    });

    it('reads the requested visit of a state entered several times', () => {
      const history = new HistoryBuilder();
      history.entered('Poll');
      history.taskAttempt({ output: { done: false } });
      history.exited('Poll');
      history.entered('Poll');
      history.taskAttempt({ error: 'HTTPError' });
      history.wait(2);
      history.taskAttempt({ output: { done: true } });
      history.exited('Poll');
      history.succeeded();
      const loop = analyzeHistory(history.build());
      expect(checkExpectations(loop, expectation({ Poll: { visit: 2, attempts: 2, backoff: [2], outcome: 'succeeded' } }))).toEqual([]);
      expect(checkExpectations(loop, expectation({ Poll: { visit: 2, attempts: 3 } }))[0]?.message).toBe(
        'states["Poll"] (visit 2): expected 3 attempts, saw 2 (TaskScheduled ids 8, 11)',
      );
    });
  });

  describe('execution', () => {
    it('compares status, error, cause and output', () => {
      const analysis = analyzeHistory(loadRecordedHistory('legacy-lambda-error-not-matched-uncaught'));
      expect(checkExpectations(analysis, { status: 'SUCCEEDED', output: { ok: true }, at })).toEqual([
        {
          path: 'status',
          expected: 'SUCCEEDED',
          actual: 'FAILED',
          message: 'execution: expected status SUCCEEDED, saw FAILED with Exception',
        },
        {
          path: 'output',
          expected: { ok: true },
          actual: undefined,
          message: 'execution: expected output {"ok":true}, saw no output (FAILED with Exception)',
        },
      ]);
      expect(checkExpectations(analysis, { status: 'FAILED', error: 'HTTPError', at })).toEqual([
        { path: 'error', expected: 'HTTPError', actual: 'Exception', message: 'execution: expected error HTTPError, saw Exception' },
      ]);
    });

    it('compares a JSON cause parsed, so spacing does not matter', () => {
      const analysis = analyzeHistory(loadRecordedHistory('legacy-lambda-error-not-matched-uncaught'));
      const parsed = JSON.parse(analysis.cause ?? '') as Record<string, unknown>;
      const respaced = JSON.stringify(parsed, null, 2);
      expect(checkExpectations(analysis, { cause: respaced, at })).toEqual([]);
      expect(checkExpectations(analysis, { cause: JSON.stringify({ ...parsed, errorMessage: 'other' }), at })).toHaveLength(1);
    });

    it('deep-compares the output regardless of key order', () => {
      const history = new HistoryBuilder();
      history.succeeded({ planets: ['Kepler-22b'], count: 1 });
      const analysis = analyzeHistory(history.build());
      expect(checkExpectations(analysis, { status: 'SUCCEEDED', output: { count: 1, planets: ['Kepler-22b'] }, at })).toEqual([]);
      expect(checkExpectations(analysis, { output: { count: 2, planets: ['Kepler-22b'] }, at })).toMatchObject([{ path: 'output' }]);
    });

    it('ignores the source locations', () => {
      const analysis = analyzeHistory(downloadExoplanetsHistory());
      const elsewhere = { file: 'other.yaml', line: 99, column: 1 };
      expect(
        checkExpectations(analysis, {
          status: 'SUCCEEDED',
          states: { ErrorState: { outcome: 'succeeded', at: elsewhere } },
          at: elsewhere,
        }),
      ).toEqual([]);
    });

    it('explains a RUNNING execution', () => {
      const history = new HistoryBuilder();
      history.entered('Download Exoplanets');
      expect(checkExpectations(analyzeHistory(history.build()), { status: 'SUCCEEDED', at })[0]?.message).toBe(
        'execution: expected status SUCCEEDED, saw RUNNING (the history has no ExecutionSucceeded/Failed/TimedOut/Aborted event)',
      );
    });
  });

  describe("incomplete histories (events missing, as from an Express execution's CloudWatch Logs)", () => {
    // Attempt 2 (TaskScheduled id 6, TaskStarted id 7, TaskFailed id 8) never arrived.
    const events = downloadExoplanetsHistory([10, 20, 40]).filter((event) => event.id === undefined || event.id < 6 || event.id > 8);
    const analysis = analyzeHistory(events);

    it('reports each state expectation as not checkable, naming the missing ids, instead of judging invented numbers', () => {
      const failures = checkExpectations(
        analysis,
        expectation({ 'Download Exoplanets': { attempts: 4, backoff: [10, 20, 40], caughtBy: 'ErrorState' } }),
      );
      expect(failures).toEqual([
        {
          path: download,
          expected: { attempts: 4, backoff: [10, 20, 40], caughtBy: 'ErrorState' },
          actual: { missingEventIds: [6, 7, 8] },
          message: `${download}: not checkable, the history is incomplete (missing event ids 6-8), so what the state did is unknown; run the scenario again`,
          notCheckable: true,
        },
      ]);
      // Judged on the events present, the attempts would be 3 and one wait 30 s: neither is reported.
      expect(visitAttempts(analysis)).toBe(3);
    });

    it('does not pass expectations it cannot check, an unentered state included', () => {
      const failures = checkExpectations(analysis, expectation({ 'Download Exoplanets': { attempts: 3 }, ErrorState: { entered: false } }));
      expect(failures.map((failure) => failure.path)).toEqual([download, 'states["ErrorState"]']);
      expect(failures.every((failure) => failure.message.includes('not checkable'))).toBe(true);
    });

    it('still checks status, error and output, which come from the terminal event', () => {
      expect(checkExpectations(analysis, expectation({}, { status: analysis.status }))).toEqual([]);
      expect(checkExpectations(analysis, expectation({}, { status: 'TIMED_OUT' }))).toEqual([
        expect.objectContaining({ path: 'status', expected: 'TIMED_OUT' }),
      ]);
    });

    it('lists long gaps as runs of ids', () => {
      const sparse = analyzeHistory(downloadExoplanetsHistory([10, 20, 40]).filter((event) => ![2, 3, 4, 9].includes(event.id ?? 0)));
      expect(checkExpectations(sparse, expectation({ 'Download Exoplanets': { attempts: 4 } }))[0]?.message).toContain(
        '(missing event ids 2-4, 9)',
      );
    });
  });
});
