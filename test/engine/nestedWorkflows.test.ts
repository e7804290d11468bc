import { describe, expect, it } from '@jest/globals';
import type { LocalFunction, LocalStateMachine } from '../../src/engine/index.js';
import { parseFunctionRef } from '../../src/engine/index.js';
import { arnOf, eventsOfType, localFunction, namedError, parsed, run, typesOf } from './helpers.js';

const childArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:child';

function childMachine(functions: readonly LocalFunction[], definition?: unknown): LocalStateMachine {
  return {
    stateMachineArn: childArn,
    definition: definition ?? {
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: arnOf('work'), End: true } },
    },
    functions: (ref) => functions.find((fn) => fn.name === parseFunctionRef(ref)?.name),
  };
}

function parent(resource: string, task: Record<string, unknown> = {}, extraStates: Record<string, unknown> = {}): unknown {
  return {
    StartAt: 'Start child',
    States: {
      'Start child': {
        Type: 'Task',
        Resource: resource,
        Parameters: {
          StateMachineArn: childArn,
          Name: 'child-run',
          Input: { 'order.$': '$.order', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' },
        },
        End: true,
        ...task,
      },
      ...extraStates,
    },
  };
}

const resolver = (machine: LocalStateMachine) => (ref: string) =>
  ref === machine.stateMachineArn || ref === 'child' ? machine : undefined;

describe('states:startExecution', () => {
  it('.sync waits for the child and returns its DescribeExecution with Input and Output as JSON text', async () => {
    const work = localFunction(
      'work',
      async (event, context) => {
        await context.sfnChaos.sleep(5_000);
        return { done: (event as { order: number }).order };
      },
      { timeoutSeconds: 900 },
    );
    const machine = childMachine([work]);
    const result = await run(parent('arn:aws:states:::states:startExecution.sync'), [], {
      input: { order: 7 },
      stateMachines: resolver(machine),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const [submitted] = eventsOfType(result, 'TaskSubmitted');
    expect(submitted?.taskSubmittedEventDetails?.resourceType).toBe('states');
    expect(submitted?.taskSubmittedEventDetails?.resource).toBe('startExecution.sync');
    const childExecutionArn = 'arn:aws:states:us-east-1:123456789012:execution:child:child-run';
    expect(parsed(submitted?.taskSubmittedEventDetails?.output)).toEqual({
      ExecutionArn: childExecutionArn,
      StartDate: result.startDate.getTime(),
    });
    const output = parsed(result.output) as Record<string, unknown>;
    expect(Object.keys(output)).toEqual([
      'ExecutionArn',
      'Input',
      'InputDetails',
      'Name',
      'Output',
      'OutputDetails',
      'RedriveCount',
      'RedriveStatus',
      'RedriveStatusReason',
      'StartDate',
      'StateMachineArn',
      'Status',
      'StopDate',
    ]);
    expect(output['Output']).toBe('{"done":7}');
    expect(JSON.parse(output['Input'] as string)).toEqual({ order: 7, AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: result.executionArn });
    expect(output['StopDate']).toBe(result.startDate.getTime() + 5_000);
    expect(result.stopDate.getTime()).toBe(result.startDate.getTime() + 5_000);
    // The child's own history, on the same virtual clock.
    const [child] = result.childExecutions ?? [];
    expect(child?.executionArn).toBe(childExecutionArn);
    expect(child?.status).toBe('SUCCEEDED');
    expect(typesOf(child as NonNullable<typeof child>)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('.sync:2 returns Input and Output as JSON values', async () => {
    const machine = childMachine([localFunction('work', () => ({ ok: true }))]);
    const result = await run(parent('arn:aws:states:::states:startExecution.sync:2'), [], {
      input: { order: 1 },
      stateMachines: resolver(machine),
    });
    const output = parsed(result.output) as Record<string, unknown>;
    expect(output['Output']).toEqual({ ok: true });
    expect(output['Status']).toBe('SUCCEEDED');
  });

  it('a failed child fails the Task with States.TaskFailed and its DescribeExecution as cause, which Catch handles', async () => {
    const machine = childMachine([
      localFunction('work', () => {
        throw namedError('PaymentDeclined', 'card refused');
      }),
    ]);
    const result = await run(
      parent(
        'arn:aws:states:::states:startExecution.sync:2',
        {
          Catch: [
            { ErrorEquals: ['PaymentDeclined'], Next: 'ByName' },
            { ErrorEquals: ['States.TaskFailed'], Next: 'Recover' },
          ],
        },
        {
          ByName: { Type: 'Fail', Error: 'Wrong' },
          Recover: { Type: 'Pass', End: true },
        },
      ),
      [],
      { input: { order: 1 }, stateMachines: resolver(machine) },
    );
    expect(result.status).toBe('SUCCEEDED');
    const [failed] = eventsOfType(result, 'TaskFailed');
    expect(failed?.taskFailedEventDetails?.error).toBe('States.TaskFailed');
    const cause = JSON.parse(failed?.taskFailedEventDetails?.cause ?? '{}') as Record<string, unknown>;
    expect(Object.keys(cause)).toEqual([
      'Cause',
      'Error',
      'ExecutionArn',
      'Input',
      'InputDetails',
      'Name',
      'RedriveCount',
      'RedriveStatus',
      'StartDate',
      'StateMachineArn',
      'Status',
      'StopDate',
    ]);
    expect(cause['Error']).toBe('PaymentDeclined');
    expect(cause['Status']).toBe('FAILED');
    expect(result.childExecutions?.[0]?.status).toBe('FAILED');
  });

  it('a retried .sync Task starts a new child per attempt', async () => {
    let calls = 0;
    const machine = childMachine([
      localFunction('work', () => {
        calls += 1;
        if (calls < 3) throw namedError('Flaky');
        return { calls };
      }),
    ]);
    const definition = parent('arn:aws:states:::states:startExecution.sync:2', {
      Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3 }],
    });
    (definition as { States: Record<string, { Parameters: Record<string, unknown> }> }).States['Start child']!.Parameters = {
      StateMachineArn: childArn,
    };
    const result = await run(definition, [], { stateMachines: resolver(machine) });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.childExecutions?.map((child) => child.status)).toEqual(['FAILED', 'FAILED', 'SUCCEEDED']);
    expect(eventsOfType(result, 'TaskScheduled')).toHaveLength(3);
  });

  it('fire and forget returns ExecutionArn and StartDate; the child runs on after the parent ends', async () => {
    const work = localFunction(
      'work',
      async (_event, context) => {
        await context.sfnChaos.sleep(60_000);
        return 1;
      },
      { timeoutSeconds: 900 },
    );
    const machine = childMachine([work]);
    const result = await run(parent('arn:aws:states:::states:startExecution'), [], {
      input: { order: 1 },
      stateMachines: resolver(machine),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(Object.keys(parsed(result.output) as object)).toEqual(['ExecutionArn', 'StartDate']);
    expect(typesOf(result)).not.toContain('TaskSubmitted');
    const [child] = result.childExecutions ?? [];
    expect(child?.status).toBe('SUCCEEDED');
    expect(child?.stopDate.getTime()).toBe(result.startDate.getTime() + 60_000);
    expect(result.stopDate.getTime()).toBe(result.startDate.getTime());
  });

  it('.waitForTaskToken: the child answers the parent task token', async () => {
    const work = localFunction(
      'work',
      async (event, context) => {
        await context.sfnChaos.sleep(3_000);
        await context.sfnChaos.sendTaskSuccess((event as { token: string }).token, { approved: true });
        return 'sent';
      },
      { timeoutSeconds: 900 },
    );
    const machine = childMachine([work]);
    const definition = parent('arn:aws:states:::states:startExecution.waitForTaskToken');
    (definition as { States: Record<string, { Parameters: Record<string, unknown> }> }).States['Start child']!.Parameters = {
      StateMachineArn: childArn,
      Input: { 'token.$': '$$.Task.Token' },
    };
    const result = await run(definition, [], { stateMachines: resolver(machine) });
    expect(result.status).toBe('SUCCEEDED');
    expect(parsed(result.output)).toEqual({ approved: true });
    expect(typesOf(result)).toContain('TaskSubmitted');
  });

  it('a state timeout on the .sync Task stops the child (ExecutionAborted)', async () => {
    const work = localFunction(
      'work',
      async (_event, context) => {
        await context.sfnChaos.sleep(100_000);
        return 1;
      },
      { timeoutSeconds: 900 },
    );
    const machine = childMachine([work]);
    const result = await run(parent('arn:aws:states:::states:startExecution.sync', { TimeoutSeconds: 10 }), [], {
      input: { order: 1 },
      stateMachines: resolver(machine),
    });
    expect(result.cause).toBeUndefined();
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.Timeout');
    expect(typesOf(result)).toContain('TaskTimedOut');
    const [child] = result.childExecutions ?? [];
    expect(child?.status).toBe('ABORTED');
    expect(typesOf(child as NonNullable<typeof child>).at(-1)).toBe('ExecutionAborted');
  });
});

describe('run-a-job (.sync) stand-ins', () => {
  const jobTask = (resource: string, task: Record<string, unknown> = {}): unknown => ({
    StartAt: 'Job',
    States: { Job: { Type: 'Task', Resource: resource, Parameters: { Cluster: 'c' }, End: true, ...task } },
  });

  it('ecs:runTask.sync runs for the stand-in seconds and succeeds with its output', async () => {
    const result = await run(jobTask('arn:aws:states:::ecs:runTask.sync'), [], {
      services: () => ({
        kind: 'job',
        seconds: 120,
        response: { Tasks: [{ TaskArn: 't' }] },
        ending: { kind: 'succeeded', output: { LastStatus: 'STOPPED' } },
      }),
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    expect(parsed(result.output)).toEqual({ LastStatus: 'STOPPED' });
    expect(result.stopDate.getTime() - result.startDate.getTime()).toBe(120_000);
  });

  it('a failed job fails the Task with States.TaskFailed unless the stand-in names another error', async () => {
    const result = await run(jobTask('arn:aws:states:::batch:submitJob.sync'), [], {
      services: () => ({ kind: 'job', seconds: 30, ending: { kind: 'failed', cause: 'Essential container in task exited' } }),
    });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.TaskFailed');
    expect(result.cause).toBe('Essential container in task exited');
  });

  it('TimeoutSeconds shorter than the job ends the Task with TaskTimedOut', async () => {
    const result = await run(jobTask('arn:aws:states:::glue:startJobRun.sync', { TimeoutSeconds: 10 }), [], {
      services: () => ({ kind: 'job', seconds: 30, ending: { kind: 'succeeded', output: {} } }),
    });
    expect(result.error).toBe('States.Timeout');
    expect(typesOf(result)).toContain('TaskTimedOut');
  });
});
