import { describe, expect, it } from '@jest/globals';
import { eventsOfType, run, typesOf } from './helpers.js';

const missingArn = 'arn:aws:states:us-east-1:123456789012:stateMachine:missing';

function parent(resource: string): unknown {
  return {
    StartAt: 'Start child',
    States: {
      'Start child': {
        Type: 'Task',
        Resource: resource,
        Parameters: { StateMachineArn: missingArn, Input: {} },
        Catch: [{ ErrorEquals: ['StepFunctions.StateMachineDoesNotExist'], ResultPath: '$.error', Next: 'No such machine' }],
        End: true,
      },
      'No such machine': { Type: 'Pass', End: true },
    },
  };
}

describe('states:startExecution of a state machine the engine does not know', () => {
  it.each(['.sync', '.sync:2', ''])(
    'startExecution%s fails the Task with StepFunctions.StateMachineDoesNotExist, which Catch handles',
    async (suffix) => {
      const result = await run(parent(`arn:aws:states:::states:startExecution${suffix}`), [], {
        stateMachines: () => undefined,
      });
      expect(result.status).toBe('SUCCEEDED');
      expect(typesOf(result)).toEqual([
        'ExecutionStarted',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskFailed',
        'TaskStateExited',
        'PassStateEntered',
        'PassStateExited',
        'ExecutionSucceeded',
      ]);
      const [failed] = eventsOfType(result, 'TaskFailed');
      expect(failed?.taskFailedEventDetails?.error).toBe('StepFunctions.StateMachineDoesNotExist');
      expect(failed?.taskFailedEventDetails?.cause).toContain(`State Machine Does Not Exist: '${missingArn}'`);
      expect(result.childExecutions ?? []).toEqual([]);
    },
  );

  it('fails the execution when nothing catches it (no resolver given at all)', async () => {
    const definition = {
      StartAt: 'Start child',
      States: {
        'Start child': {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.sync',
          Parameters: { StateMachineArn: missingArn },
          End: true,
        },
      },
    };
    const result = await run(definition, []);
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('StepFunctions.StateMachineDoesNotExist');
  });
});
