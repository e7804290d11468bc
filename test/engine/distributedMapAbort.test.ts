import { describe, expect, it } from '@jest/globals';
import { arnOf, eventsOfType, localFunction, namedError, run, typesOf } from './helpers.js';

/** A Distributed Map over `$.items` whose children wait 100 s each; at most `concurrency` at a time. */
function slowDistributedMap(concurrency: number, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Type: 'Map',
    ItemsPath: '$.items',
    MaxConcurrency: concurrency,
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'Slow',
      States: { Slow: { Type: 'Wait', Seconds: 100, End: true } },
    },
    ...fields,
  };
}

const input = { items: [1, 2, 3, 4, 5] };

describe('Distributed Map: an aborted Map Run', () => {
  it('writes MapRunAborted when the execution times out during the Map Run, and its children end ABORTED', async () => {
    const definition = { TimeoutSeconds: 150, StartAt: 'Each', States: { Each: slowDistributedMap(2, { End: true }) } };
    const result = await run(definition, [], { input });
    expect(result.status).toBe('TIMED_OUT');
    expect(typesOf(result)).toEqual([
      'ExecutionStarted',
      'MapStateEntered',
      'MapStateStarted',
      'MapRunStarted',
      'MapRunAborted',
      'ExecutionTimedOut',
    ]);
    const [aborted] = eventsOfType(result, 'MapRunAborted');
    expect(aborted?.previousEventId).toBe(4);
    expect(Object.keys(aborted ?? {}).sort()).toEqual(['id', 'previousEventId', 'timestamp', 'type']);
    const [mapRun] = result.mapRuns ?? [];
    expect(mapRun?.status).toBe('ABORTED');
    // Two ran their 100 s, two more had started at 100 s and were stopped at 150 s; the fifth never started.
    expect(mapRun?.childExecutions).toEqual({ total: 4, succeeded: 2, failed: 0, timedOut: 0, aborted: 2 });
    expect(mapRun?.executions.map((child) => child.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'ABORTED', 'ABORTED']);
    expect(typesOf(mapRun?.executions[2] as never).at(-1)).toBe('ExecutionAborted');
  });

  it('writes MapRunAborted linked to the failing event when a sibling Parallel branch fails', async () => {
    const fail = localFunction('fail', async () => {
      throw namedError('Broken');
    });
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          End: true,
          Branches: [
            { StartAt: 'Each', States: { Each: slowDistributedMap(0, { End: true }) } },
            {
              StartAt: 'Pause',
              States: {
                Pause: { Type: 'Wait', Seconds: 10, Next: 'Break' },
                Break: { Type: 'Task', Resource: arnOf('fail'), End: true },
              },
            },
          ],
        },
      },
    };
    const result = await run(definition, [fail], { input });
    expect(result.status).toBe('FAILED');
    const [failed] = eventsOfType(result, 'LambdaFunctionFailed');
    const [aborted] = eventsOfType(result, 'MapRunAborted');
    expect(aborted?.previousEventId).toBe(failed?.id);
    const types = typesOf(result);
    expect(types.indexOf('MapRunAborted')).toBe(types.indexOf('LambdaFunctionFailed') + 1);
    const [mapRun] = result.mapRuns ?? [];
    expect(mapRun?.status).toBe('ABORTED');
    expect(mapRun?.childExecutions).toEqual({ total: 5, succeeded: 0, failed: 0, timedOut: 0, aborted: 5 });
  });

  it('writes MapRunAborted in a child execution that is stopped (its managing .sync Task timed out)', async () => {
    const child = {
      stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:batch',
      definition: { StartAt: 'Each', States: { Each: slowDistributedMap(0, { End: true }) } },
      functions: () => undefined,
    };
    const parent = {
      StartAt: 'Run batch',
      States: {
        'Run batch': {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync:2',
          Parameters: { StateMachineArn: child.stateMachineArn, Input: input },
          TimeoutSeconds: 30,
          End: true,
        },
      },
    };
    const result = await run(parent, [], { stateMachines: () => child });
    expect(result.status).toBe('FAILED');
    const [stopped] = result.childExecutions ?? [];
    expect(stopped?.status).toBe('ABORTED');
    expect(typesOf(stopped as never).slice(-2)).toEqual(['MapRunAborted', 'ExecutionAborted']);
    expect(stopped?.mapRuns?.[0]?.status).toBe('ABORTED');
    expect(stopped?.mapRuns?.[0]?.childExecutions.aborted).toBe(5);
  });

  it('closes nothing once the Map Run ended: a later timeout writes no MapRunAborted', async () => {
    const definition = {
      TimeoutSeconds: 150,
      StartAt: 'Each',
      States: { Each: slowDistributedMap(0, { Next: 'Later' }), Later: { Type: 'Wait', Seconds: 100, End: true } },
    };
    const result = await run(definition, [], { input });
    expect(result.status).toBe('TIMED_OUT');
    expect(typesOf(result)).not.toContain('MapRunAborted');
    expect(result.mapRuns?.[0]?.status).toBe('SUCCEEDED');
  });
});
