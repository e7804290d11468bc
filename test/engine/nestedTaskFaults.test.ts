import { describe, expect, it } from '@jest/globals';
import type {
  LocalServiceFaultEffect,
  LocalServiceFaultResolver,
  LocalServiceResolver,
  LocalStateMachine,
  ServiceFaultCallRef,
} from '../../src/engine/index.js';
import { eventsOfType, offsetsOf, run, typesOf } from './helpers.js';

/** Faults that give `effect` on the listed attempts (1-based) of the named state, after `delayMs` on the virtual clock. */
function faults(
  stateName: string,
  effect: LocalServiceFaultEffect,
  attempts?: number[],
  delayMs = 0,
): LocalServiceFaultResolver & { calls: ServiceFaultCallRef[] } {
  const calls: ServiceFaultCallRef[] = [];
  const resolver: LocalServiceFaultResolver = (call) => {
    if (call.stateName !== stateName) return undefined;
    calls.push(call);
    return {
      async inject(_parameters, context) {
        if (delayMs > 0) await context.sfnChaos.sleep(delayMs);
        const attempt = context.sfnChaos.retryCount + 1;
        return attempts === undefined || attempts.includes(attempt) ? effect : { kind: 'none' };
      },
    };
  };
  return Object.assign(resolver, { calls });
}

const childArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:payment';
const answering: LocalServiceResolver = () => ({ kind: 'response', response: {} });

/** A child that records the payment in DynamoDB. */
function paymentMachine(serviceFaults?: LocalServiceFaultResolver): LocalStateMachine {
  return {
    stateMachineArn: childArn,
    definition: {
      StartAt: 'Record payment',
      States: {
        'Record payment': {
          Type: 'Task',
          Resource: 'arn:aws:states:::dynamodb:putItem',
          Parameters: { TableName: 'payments', Item: {} },
          End: true,
        },
      },
    },
    functions: () => undefined,
    services: answering,
    ...(serviceFaults === undefined ? {} : { serviceFaults }),
  };
}

function startChild(resource: string, task: Record<string, unknown> = {}): unknown {
  return {
    StartAt: 'Charge payment',
    States: {
      'Charge payment': { Type: 'Task', Resource: resource, Parameters: { StateMachineArn: childArn, Input: {} }, End: true, ...task },
    },
  };
}

describe('faults on nested workflows and jobs', () => {
  it('a throttle on states:startExecution.sync:2 fails the start call with StepFunctions.ExecutionLimitExceeded, starting no child', async () => {
    const serviceFaults = faults('Charge payment', { kind: 'throttle' }, [1]);
    const result = await run(
      startChild('arn:aws:states:::states:startExecution.sync:2', {
        Retry: [{ ErrorEquals: ['StepFunctions.ExecutionLimitExceeded'], IntervalSeconds: 2, MaxAttempts: 1 }],
      }),
      [],
      { serviceFaults, stateMachines: () => paymentMachine() },
    );
    expect(result.status).toBe('SUCCEEDED');
    expect(serviceFaults.calls[0]).toMatchObject({ serviceAction: 'states:startExecution', resourceType: 'states' });
    const [failed] = eventsOfType(result, 'TaskFailed');
    expect(failed?.taskFailedEventDetails?.error).toBe('StepFunctions.ExecutionLimitExceeded');
    expect(failed?.taskFailedEventDetails?.cause).toMatch(
      /^The maximum number of running executions has been reached\. .* \(Service: AWSStepFunctions; Status Code: 400; Error Code: ExecutionLimitExceeded; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    // The failed attempt submitted nothing: only the retry started a child.
    expect(typesOf(result).slice(0, 6)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
    ]);
    expect(result.childExecutions).toHaveLength(1);
  });

  it('an error fault on states:startExecution.waitForTaskToken gets the StepFunctions prefix', async () => {
    const result = await run(startChild('arn:aws:states:::states:startExecution.waitForTaskToken', { TimeoutSeconds: 60 }), [], {
      serviceFaults: faults('Charge payment', { kind: 'error', error: 'StateMachineDeleting', message: 'being deleted' }),
      stateMachines: () => paymentMachine(),
    });
    expect(result.error).toBe('StepFunctions.StateMachineDeleting');
    expect(eventsOfType(result, 'TaskSubmitted')).toHaveLength(0);
    expect(result.childExecutions).toBeUndefined();
  });

  it('an error fault on an ecs:runTask.sync job fails the start call with the name given; a latency delays TaskSubmitted', async () => {
    const definition = {
      StartAt: 'Run job',
      States: {
        'Run job': {
          Type: 'Task',
          Resource: 'arn:aws:states:::ecs:runTask.sync',
          Parameters: { Cluster: 'c' },
          Retry: [{ ErrorEquals: ['ECS.AccessDeniedException'], IntervalSeconds: 1, MaxAttempts: 1 }],
          End: true,
        },
      },
    };
    const services: LocalServiceResolver = () => ({
      kind: 'job',
      seconds: 10,
      response: { Tasks: [] },
      ending: { kind: 'succeeded', output: {} },
    });
    const failing = await run(definition, [], {
      services,
      serviceFaults: faults('Run job', { kind: 'error', error: 'ECS.AccessDeniedException', message: 'denied' }, [1]),
    });
    expect(failing.status).toBe('SUCCEEDED');
    expect(eventsOfType(failing, 'TaskFailed')[0]?.taskFailedEventDetails?.error).toBe('ECS.AccessDeniedException');
    expect(eventsOfType(failing, 'TaskSubmitted')).toHaveLength(1);

    const slow = await run(definition, [], { services, serviceFaults: faults('Run job', { kind: 'none' }, undefined, 4_000) });
    expect(offsetsOf(slow, 'TaskSubmitted')).toEqual([4]);
    expect(offsetsOf(slow, 'TaskSucceeded')).toEqual([14]);
  });

  it("a nested workflow's own faults fire in its child execution, not in the parent", async () => {
    const childFaults = faults('Record payment', { kind: 'throttle' });
    const result = await run(startChild('arn:aws:states:::states:startExecution.sync:2'), [], {
      stateMachines: () => paymentMachine(childFaults),
    });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.TaskFailed');
    const [child] = result.childExecutions ?? [];
    expect(eventsOfType(child as never, 'TaskFailed')[0]?.taskFailedEventDetails?.error).toBe(
      'DynamoDB.ProvisionedThroughputExceededException',
    );
    expect(childFaults.calls.map((call) => call.serviceAction)).toEqual(['dynamodb:putItem']);
  });

  it("a Distributed Map's child executions get the machine's faults", async () => {
    const definition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.items',
          ToleratedFailurePercentage: 100,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Save item',
            States: {
              'Save item': { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't' }, End: true },
            },
          },
          End: true,
        },
      },
    };
    const result = await run(definition, [], {
      input: { items: [1, 2] },
      services: answering,
      serviceFaults: faults('Save item', { kind: 'error', error: 'ConditionalCheckFailedException' }),
    });
    const [mapRun] = result.mapRuns ?? [];
    expect(mapRun?.childExecutions).toMatchObject({ total: 2, failed: 2 });
    expect(mapRun?.executions.map((child) => child.error)).toEqual([
      'DynamoDB.ConditionalCheckFailedException',
      'DynamoDB.ConditionalCheckFailedException',
    ]);
  });
});
