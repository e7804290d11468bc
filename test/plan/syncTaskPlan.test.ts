import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { buildRetryPlan } from '../../src/plan/buildRetryPlan.js';
import { resolvePlanExpectations } from '../../src/plan/resolvePlanExpectations.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { removeWorkspaces, workspace } from '../scenarios/workspace.js';

afterAll(removeWorkspaces);

function machine(resource: string, task: Record<string, unknown>): unknown {
  return {
    StartAt: 'Work',
    States: {
      Work: {
        Type: 'Task',
        Resource: resource,
        Parameters: { StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:child' },
        End: true,
        ...task,
      },
      Recover: { Type: 'Pass', End: true },
    },
  };
}

function rowsOf(definition: unknown) {
  return buildRetryPlan(definition).states.find((state) => state.name === 'Work')?.errors ?? [];
}

describe('chaos plan on .sync Tasks', () => {
  it('gives a startExecution.sync Task a States.TaskFailed row, the error any failed child reaches it with, even with no rules', () => {
    const rows = rowsOf(machine('arn:aws:states:::states:startExecution.sync:2', {}));
    expect(rows.map((row) => row.errorName)).toEqual(['States.TaskFailed', 'States.ALL']);
    expect(rows[0]?.notes.join(' ')).toMatch(
      /failed, timed out or was aborted: AWS reports any of these to this Task as States\.TaskFailed/,
    );
  });

  it('plans the Retry and Catch paths of States.TaskFailed and States.Timeout, and says a child error name never matches', () => {
    const rows = rowsOf(
      machine('arn:aws:states:::states:startExecution.sync', {
        TimeoutSeconds: 60,
        Retry: [
          { ErrorEquals: ['PaymentDeclined'], MaxAttempts: 5 },
          { ErrorEquals: ['States.Timeout'], IntervalSeconds: 3, MaxAttempts: 1 },
          { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 5, MaxAttempts: 2, BackoffRate: 2 },
        ],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
      }),
    );
    expect(rows.map((row) => row.errorName)).toEqual(['PaymentDeclined', 'States.Timeout', 'States.TaskFailed', 'States.ALL']);
    expect(rows[0]?.notes.join(' ')).toMatch(/PaymentDeclined matches only an error of the StartExecution call itself/);
    expect(rows[1]).toMatchObject({ attempts: 2, backoff: [3], catchDestination: 'Recover' });
    expect(rows[1]?.notes.join(' ')).toMatch(/the child's own timeout reaches this Task as States\.TaskFailed/);
    expect(rows[2]).toMatchObject({ attempts: 3, backoff: [5, 10], catchDestination: 'Recover' });
  });

  it('gives a job .sync Task a States.TaskFailed row; a fire-and-forget startExecution gets none', () => {
    const job = rowsOf(machine('arn:aws:states:::ecs:runTask.sync', {}));
    expect(job.map((row) => row.errorName)).toEqual(['States.TaskFailed', 'States.ALL']);
    expect(job[0]?.notes.join(' ')).toMatch(/unless its stand-in names another error/);
    expect(rowsOf(machine('arn:aws:states:::states:startExecution', {})).map((row) => row.errorName)).toEqual(['States.ALL']);
  });
});

function scenarioFile(definition: unknown, functions: string, extra: string[], states: string, faults = '[]'): string {
  return workspace({
    'sm.asl.json': JSON.stringify(definition),
    'fn.mjs': 'export const handler = async () => ({ ok: true });\n',
    'scenarios.yaml': [
      'stateMachines:',
      '  sm:',
      '    definition: sm.asl.json',
      '    functions:',
      `      ${functions}`,
      ...extra,
      'scenarios:',
      '  - name: planned',
      `    faults: ${faults}`,
      '    expect:',
      '      states:',
      `        ${states}`,
      '',
    ].join('\n'),
  });
}

async function expectationOf(dir: string) {
  const file = resolvePlanExpectations(await loadScenarioFile(join(dir, 'scenarios.yaml'), { cwd: dir }));
  return file.scenarios[0]?.expect.states?.['Work'];
}

const fn = 'fn: { arn: "arn:aws:lambda:us-east-1:123456789012:function:fn", handler: fn.mjs#handler }';
const retried = {
  Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 1 }],
  Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recover' }],
};

describe('fromPlan on .sync and async Tasks', () => {
  it('fromPlan: States.TaskFailed is a planned error of a startExecution.sync Task whose rules do not name it', async () => {
    const dir = scenarioFile(
      machine('arn:aws:states:::states:startExecution.sync', retried),
      fn,
      [],
      'Work: { fromPlan: States.TaskFailed }',
    );
    expect(await expectationOf(dir)).toMatchObject({ attempts: 3, backoff: [2, 2], caughtBy: 'Recover', outcome: 'caught' });
  });

  it("fromPlan: true on a job .sync Task follows its failing job stand-in's error", async () => {
    const definition = machine('arn:aws:states:::ecs:runTask.sync', {
      Retry: [{ ErrorEquals: ['ECS.Stopped'], IntervalSeconds: 1, MaxAttempts: 1 }],
      Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Recover' }],
    });
    const dir = scenarioFile(
      definition,
      fn,
      ['    services:', '      ecs:runTask: { job: { seconds: 5, error: ECS.Stopped } }'],
      'Work: { fromPlan: true }',
    );
    expect(await expectationOf(dir)).toMatchObject({
      attempts: 2,
      backoff: [1],
      caughtBy: 'Recover',
      outcome: 'caught',
      fromPlan: { errorName: 'ECS.Stopped' },
    });
  });

  it("fromPlan: true on an InvocationType: Event Task predicts no Retry or Catch: the function's faults never fail the state", async () => {
    const definition = {
      StartAt: 'Work',
      States: {
        Work: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:fn', InvocationType: 'Event' },
          End: true,
          ...retried,
        },
        Recover: { Type: 'Pass', End: true },
      },
    };
    const dir = scenarioFile(definition, fn, [], 'Work: { fromPlan: true }', '[{ function: fn, error: HTTPError }]');
    expect(await expectationOf(dir)).toMatchObject({
      attempts: 1,
      backoff: [],
      caughtBy: null,
      outcome: 'succeeded',
      fromPlan: { errorName: 'HTTPError' },
    });
  });
});
