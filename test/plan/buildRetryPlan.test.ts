import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRetryPlan } from '../../src/plan/buildRetryPlan.js';
import { failingStatesOf } from '../../src/plan/failingStates.js';
import { loadPlanDefinition } from '../../src/plan/loadPlanDefinition.js';
import { simulateStateVisit } from '../../src/plan/simulateStateVisit.js';
import type { StatePlan } from '../../src/plan/types.js';

const root = process.cwd();
const recorded = (name: string): unknown =>
  JSON.parse(readFileSync(join(root, 'test/fixtures/aws-recorded', name, 'definition.json'), 'utf8'));

function rowsOf(states: StatePlan[], name: string) {
  const state = states.find((candidate) => candidate.name === name);
  if (!state) throw new Error(`no plan for ${name}`);
  return Object.fromEntries(state.errors.map((row) => [row.errorName, row]));
}

function task(fields: Record<string, unknown>): unknown {
  return {
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true, ...fields },
      Done: { Type: 'Pass', End: true },
    },
  };
}

describe('Function: buildRetryPlan', () => {
  it('predicts the asteroids workflow from its template: 4 attempts, 10/20/40 s, then ErrorState', async () => {
    const { definition } = await loadPlanDefinition({
      templateFile: 'examples/asteroids/template.yaml',
      resource: 'GetAsteroidsDataStepFunction',
    });
    const rows = rowsOf(buildRetryPlan(definition).states, 'Download Exoplanets');
    expect(rows['HTTPError']).toMatchObject({
      attempts: 4,
      retrierIndex: 0,
      backoff: [10, 20, 40],
      worstCaseRetryWaitSeconds: 70,
      catcherIndex: 1,
      catchDestination: 'ErrorState',
    });
    expect(rows['GeneralError']).toMatchObject({ attempts: 1, backoff: [], catcherIndex: 0, catchDestination: 'ErrorState' });
    expect(rows['States.ALL']).toMatchObject({ attempts: 1, catchDestination: 'ErrorState', label: 'States.ALL (any other error)' });
    expect(Object.keys(rows)).toEqual(['HTTPError', 'GeneralError', 'States.ALL']);
  });

  it('gives jitter bounds after the MaxDelaySeconds cap (recorded retry-all-fields-jitter-full)', () => {
    const rows = rowsOf(buildRetryPlan(recorded('retry-all-fields-jitter-full-uncaught')).states, 'LambdaTask');
    // Interval 3, rate 2, cap 5: 3, then 6 capped to 5; FULL jitter draws from [0, capped].
    expect(rows['States.ALL']).toMatchObject({
      attempts: 3,
      backoff: [
        { min: 0, max: 3 },
        { min: 0, max: 5 },
      ],
      worstCaseRetryWaitSeconds: 8,
      catchDestination: null,
      uncaughtEffect: 'fails the execution',
    });
  });

  it('caps without jitter (AWS example 2: 3, 5, 5)', () => {
    const rows = rowsOf(
      buildRetryPlan(task({ Retry: [{ ErrorEquals: ['X'], IntervalSeconds: 3, BackoffRate: 2, MaxDelaySeconds: 5, MaxAttempts: 3 }] }))
        .states,
      'T',
    );
    expect(rows['X']).toMatchObject({ attempts: 4, backoff: [3, 5, 5], worstCaseRetryWaitSeconds: 13 });
  });

  it('lets the first matching retrier decide alone: an exhausted MaxAttempts 0 does not fall through to States.ALL', () => {
    const rows = rowsOf(
      buildRetryPlan(
        task({
          Retry: [
            { ErrorEquals: ['States.Timeout'], MaxAttempts: 0 },
            { ErrorEquals: ['States.ALL'], IntervalSeconds: 1 },
          ],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
        }),
      ).states,
      'T',
    );
    expect(rows['States.Timeout']).toMatchObject({ attempts: 1, retrierIndex: 0, backoff: [], catchDestination: 'Done' });
    expect(rows['States.ALL']).toMatchObject({ attempts: 4, retrierIndex: 1, backoff: [1, 2, 4] });
  });

  it('adds a States.Timeout row when States.TaskFailed treats it unlike other errors', () => {
    const rows = rowsOf(buildRetryPlan(task({ Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 2 }] })).states, 'T');
    expect(rows['States.Timeout']).toMatchObject({ attempts: 1, retrierIndex: null });
    expect(rows['States.TaskFailed']).toMatchObject({ attempts: 3, retrierIndex: 0 });
    expect(rows['States.ALL']).toMatchObject({ attempts: 3 });
  });

  it('leaves States.Timeout out when it is handled like any other error', () => {
    const plan = buildRetryPlan(task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }] }));
    expect(plan.states[0]?.errors.map((row) => row.errorName)).toEqual(['States.ALL']);
  });

  it('covers nested states and says that their uncaught errors fail the branch or iteration', () => {
    const inner = {
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } },
    };
    const definition = {
      StartAt: 'Fan out',
      States: {
        'Fan out': { Type: 'Parallel', Branches: [inner], Next: 'Each' },
        Each: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: { ...inner.States.Work } } }, End: true },
      },
    };
    const states = buildRetryPlan(definition).states;
    expect(states.map((state) => [state.name, state.enclosingState])).toEqual([
      ['Fan out', undefined],
      ['Work', 'Fan out'],
      ['Each', undefined],
      ['Item', 'Each'],
    ]);
    expect(rowsOf(states, 'Work')['States.ALL']?.uncaughtEffect).toBe('fails its Parallel branch');
    expect(rowsOf(states, 'Item')['States.ALL']?.uncaughtEffect).toBe('fails its Map iteration');
    const map = buildRetryPlan(recorded('retry-map-state-multiple-retriers')).states;
    // "State.ALL" is a literal name, not the wildcard: HandleItemFailError reaches the third retrier.
    expect(rowsOf(map, 'MapState')['HandleItemFailError']).toMatchObject({ attempts: 4, retrierIndex: 2 });
  });

  it('plans a retrier with a huge MaxAttempts without listing every wait', () => {
    const rows = rowsOf(buildRetryPlan(task({ Retry: [{ ErrorEquals: ['X'], MaxAttempts: 99999999, MaxDelaySeconds: 10 }] })).states, 'T');
    expect(rows['X']?.attempts).toBe(100000000);
    expect(rows['X']?.waitsTruncated).toBe(true);
    expect(rows['X']?.backoff).toHaveLength(50);
    // 1 + 2 + 4 + 8, then 10 s for each of the remaining 99999995 retries.
    expect(rows['X']?.worstCaseRetryWaitSeconds).toBe(15 + 10 * 99999995);
  });

  it('finds the catcher after the last of more retries than it lists', () => {
    const rows = rowsOf(
      buildRetryPlan(
        task({
          Retry: [{ ErrorEquals: ['X'], MaxAttempts: 99999999 }],
          Catch: [
            { ErrorEquals: ['Y'], Next: 'T' },
            { ErrorEquals: ['X'], Next: 'Done' },
          ],
        }),
      ).states,
      'T',
    );
    expect(rows['X']).toMatchObject({
      attempts: 100000000,
      waitsTruncated: true,
      retrierIndex: 0,
      catcherIndex: 1,
      catchDestination: 'Done',
    });
  });
});

describe('Function: simulateStateVisit', () => {
  it('keeps a counter and a backoff exponent per retrier (the AWS ErrorA, ErrorB, ErrorC, ErrorB example)', () => {
    const [state] = failingStatesOf(
      task({
        Retry: [
          { ErrorEquals: ['ErrorA', 'ErrorB'], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 2 },
          { ErrorEquals: ['ErrorC'], IntervalSeconds: 5 },
        ],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }],
      }),
    );
    if (!state) throw new Error('no state');
    const errors = ['ErrorA', 'ErrorB', 'ErrorC', 'ErrorB'];
    expect(simulateStateVisit(state, (attempt) => errors[attempt - 1])).toEqual({
      attempts: 4,
      backoff: [1, 2, 5],
      outcome: 'caught',
      caughtBy: 'Done',
    });
  });

  it('succeeds on the first attempt the error lets through', () => {
    const [state] = failingStatesOf(task({ Retry: [{ ErrorEquals: ['X'], IntervalSeconds: 10 }] }));
    if (!state) throw new Error('no state');
    expect(simulateStateVisit(state, (attempt) => (attempt <= 2 ? 'X' : undefined))).toEqual({
      attempts: 3,
      backoff: [10, 20],
      outcome: 'succeeded',
      caughtBy: null,
    });
  });
});
