import { describe, expect, it } from '@jest/globals';
import { findDefinitionIssues, formatDefinitionIssue } from '../../src/engine/index.js';
import { arnOf, eventsOfType, failingThenSucceeding, localFunction, namedError, offsetsOf, parsed, run, typesOf } from './helpers.js';

const pass = (result: unknown) => ({ Type: 'Pass', Result: result, End: true });
const wait = (seconds: number, result: unknown) => ({
  StartAt: 'Wait',
  States: { Wait: { Type: 'Wait', Seconds: seconds, Next: 'Done' }, Done: pass(result) },
});
const task = (functionName: string, fields: Record<string, unknown> = {}) => ({
  Type: 'Task',
  Resource: arnOf(functionName),
  End: true,
  ...fields,
});

function parallel(branches: unknown[], fields: Record<string, unknown> = {}, extraStates: Record<string, unknown> = {}): unknown {
  return { StartAt: 'Fan out', States: { 'Fan out': { Type: 'Parallel', Branches: branches, End: true, ...fields }, ...extraStates } };
}

describe('Parallel: concurrent branches on the virtual clock', () => {
  it('runs branches at the same time: a 10 s and a 5 s branch finish together at 10 s, outputs in branch order', async () => {
    const result = await run(parallel([wait(10, 'slow'), wait(5, 'fast')]));
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual(['slow', 'fast']);
    expect(offsetsOf(result, 'WaitStateExited')).toEqual([5, 10]);
    expect(offsetsOf(result, 'ParallelStateExited')).toEqual([10]);
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBe(10_000);
  });

  it('writes the Parallel events around the branch events and links each branch to ParallelStateStarted', async () => {
    const result = await run(
      parallel([
        { StartAt: 'A', States: { A: pass(1) } },
        { StartAt: 'B', States: { B: pass(2) } },
      ]),
    );
    const types = typesOf(result);
    expect(types.slice(0, 3)).toEqual(['ExecutionStarted', 'ParallelStateEntered', 'ParallelStateStarted']);
    expect(types.slice(-3)).toEqual(['ParallelStateSucceeded', 'ParallelStateExited', 'ExecutionSucceeded']);
    const started = eventsOfType(result, 'ParallelStateStarted')[0];
    const entered = eventsOfType(result, 'PassStateEntered');
    expect(entered.map((event) => event.previousEventId)).toEqual([started?.id, started?.id]);
    // Within a branch, each event links to the branch's own previous event, not to the last one written.
    for (const exited of eventsOfType(result, 'PassStateExited')) {
      const name = exited.stateExitedEventDetails?.name;
      expect(entered.find((event) => event.stateEnteredEventDetails?.name === name)?.id).toBe(exited.previousEventId);
    }
    const lastBranchEvent = eventsOfType(result, 'PassStateExited').at(-1);
    expect(eventsOfType(result, 'ParallelStateSucceeded')[0]?.previousEventId).toBe(lastBranchEvent?.id);
    expect(eventsOfType(result, 'ParallelStateExited')[0]?.previousEventId).toBe(lastBranchEvent?.id);
  });

  it('applies Parameters to the branch input and ResultSelector, ResultPath and OutputPath to the array of outputs', async () => {
    const result = await run(
      parallel(
        [
          { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
          { StartAt: 'B', States: { B: pass('b') } },
        ],
        {
          Parameters: { 'id.$': '$.orderId' },
          ResultSelector: { 'first.$': '$[0]', 'second.$': '$[1]' },
          ResultPath: '$.branches',
          OutputPath: '$.branches',
        },
      ),
      [],
      { input: { orderId: 7 } },
    );
    expect(parsed(result.output)).toEqual({ first: { id: 7 }, second: 'b' });
  });
});

describe('Parallel: a failing branch', () => {
  it('fails the state with the branch error and aborts the other branches', async () => {
    const later = Object.assign(
      async () => {
        later.calls += 1;
        return 'too late';
      },
      { calls: 0 },
    );
    const result = await run(
      parallel([
        { StartAt: 'Break', States: { Break: task('broken') } },
        { StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 30, Next: 'Later' }, Later: task('later') } },
      ]),
      [localFunction('broken', async () => Promise.reject(namedError('HTTPError'))), localFunction('later', later)],
    );
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('HTTPError');
    expect(later.calls).toBe(0);
    expect(typesOf(result)).not.toContain('WaitStateExited');
    expect(typesOf(result).slice(-2)).toEqual(['ParallelStateFailed', 'ExecutionFailed']);
    // The failure happens at once: nothing waits for the aborted branch's 30 s.
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBe(0);
    const failure = eventsOfType(result, 'LambdaFunctionFailed')[0];
    expect(eventsOfType(result, 'ParallelStateFailed')[0]?.previousEventId).toBe(failure?.id);
  });

  it('retries the whole state: every branch runs again after the backoff, under one ParallelStateEntered', async () => {
    const flaky = failingThenSucceeding(['HTTPError'], 'fixed');
    const steady = Object.assign(
      async () => {
        steady.calls += 1;
        return 'steady';
      },
      { calls: 0 },
    );
    const result = await run(
      parallel(
        [
          { StartAt: 'Flaky', States: { Flaky: task('flaky') } },
          { StartAt: 'Steady', States: { Steady: task('steady') } },
        ],
        {
          Retry: [{ ErrorEquals: ['HTTPError'], IntervalSeconds: 3, MaxAttempts: 1 }],
        },
      ),
      [localFunction('flaky', flaky), localFunction('steady', steady)],
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual(['fixed', 'steady']);
    expect(eventsOfType(result, 'ParallelStateEntered')).toHaveLength(1);
    expect(offsetsOf(result, 'ParallelStateStarted')).toEqual([0, 3]);
    expect(flaky.calls).toBe(2);
    expect(typesOf(result)).not.toContain('ParallelStateFailed');
    // The retry's ParallelStateStarted links to the failing branch's last event.
    const failure = eventsOfType(result, 'LambdaFunctionFailed')[0];
    expect(eventsOfType(result, 'ParallelStateStarted')[1]?.previousEventId).toBe(failure?.id);
  });

  it('catches a branch failure with the Parallel Catch: error output at the catcher ResultPath, then the next state', async () => {
    const result = await run(
      parallel(
        [{ StartAt: 'Break', States: { Break: { Type: 'Fail', Error: 'OrderRejected', Cause: 'no stock' } } }],
        { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover', ResultPath: '$.error' }] },
        { Recover: { Type: 'Pass', End: true } },
      ),
      [],
      { input: { orderId: 7 } },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ orderId: 7, error: { Error: 'OrderRejected', Cause: 'no stock' } });
    const failed = eventsOfType(result, 'ParallelStateFailed')[0];
    const exited = eventsOfType(result, 'ParallelStateExited')[0];
    expect(exited?.previousEventId).toBe(failed?.id);
    expect(typesOf(result).slice(-5)).toEqual([
      'ParallelStateFailed',
      'ParallelStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('gives a Task inside a branch its own retry counter, as $$.State.RetryCount and in the handler context', async () => {
    const seen: number[] = [];
    const handler = failingThenSucceeding(['HTTPError', 'HTTPError'], 'done');
    const result = await run(
      parallel([
        {
          StartAt: 'Work',
          States: {
            Work: task('flaky', {
              Parameters: { 'retry.$': '$$.State.RetryCount' },
              Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }],
            }),
          },
        },
      ]),
      [
        localFunction('flaky', async (event, context) => {
          seen.push(context.sfnChaos.retryCount);
          expect(event).toEqual({ retry: context.sfnChaos.retryCount });
          return handler(event, context);
        }),
      ],
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(seen).toEqual([0, 1, 2]);
    // Backoff inside the branch: 1 s then 2 s.
    expect(offsetsOf(result, 'LambdaFunctionScheduled')).toEqual([0, 1, 3]);
  });
});

describe('Parallel: definition checks', () => {
  it('reports problems inside a branch with the branch path, and refuses a Next that leaves the branch', () => {
    const issues = findDefinitionIssues(parallel([{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Fan out' } } }])).map(
      formatDefinitionIssue,
    );
    expect(issues).toContain(
      'States["Fan out"].Branches[0].States["A"].Next: Missing \'Next\' target: "Fan out" is not a state of this machine (MISSING_TRANSITION_TARGET)',
    );
  });

  it('needs at least one branch', () => {
    expect(findDefinitionIssues(parallel([])).map(formatDefinitionIssue)).toContain(
      'States["Fan out"].Branches: Branches must be a non-empty array of state machines',
    );
  });
});
