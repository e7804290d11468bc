import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LintCode } from '../../src/plan/constants.js';
import { lintDefinition } from '../../src/plan/lintDefinition.js';
import { loadPlanDefinition } from '../../src/plan/loadPlanDefinition.js';

const recordedDir = join(process.cwd(), 'test/fixtures/aws-recorded');
const recorded = (name: string): unknown => JSON.parse(readFileSync(join(recordedDir, name, 'definition.json'), 'utf8'));

/** A Lambda Task that satisfies every lint unless `fields` says otherwise. */
function task(fields: Record<string, unknown>): unknown {
  return {
    StartAt: 'T',
    States: {
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'f' },
        TimeoutSeconds: 30,
        Retry: [
          {
            ErrorEquals: [
              'Lambda.ServiceException',
              'Lambda.AWSLambdaException',
              'Lambda.SdkClientException',
              'Lambda.ClientExecutionTimeoutException',
            ],
            IntervalSeconds: 2,
            MaxAttempts: 6,
          },
        ],
        End: true,
        ...fields,
      },
      Done: { Type: 'Pass', End: true },
    },
  };
}
const lambdaRetrier = { ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'] };
const codes = (definition: unknown): string[] => lintDefinition(definition).map((lint) => `${lint.code} ${lint.field}`);

describe('Function: lintDefinition', () => {
  it('is silent about a Task that follows every recommendation', () => {
    expect(codes(task({}))).toEqual([]);
  });

  it('finds a retrier shadowed by an earlier one, including through the wildcards', () => {
    expect(codes(task({ Retry: [lambdaRetrier, { ErrorEquals: ['A', 'B'] }, { ErrorEquals: ['B', 'A'] }] }))).toEqual([
      `${LintCode.ShadowedRetrier} States.T.Retry[2]`,
    ]);
    expect(codes(task({ Retry: [lambdaRetrier, { ErrorEquals: ['States.TaskFailed'] }, { ErrorEquals: ['HTTPError'] }] }))).toEqual([
      `${LintCode.ShadowedRetrier} States.T.Retry[2]`,
    ]);
    // States.TaskFailed does not match States.Timeout, so a later Timeout retrier still fires.
    expect(codes(task({ Retry: [lambdaRetrier, { ErrorEquals: ['States.TaskFailed'] }, { ErrorEquals: ['States.Timeout'] }] }))).toEqual(
      [],
    );
    // ... and a later States.ALL is only partly covered (it still catches States.Timeout).
    expect(codes(task({ Retry: [lambdaRetrier, { ErrorEquals: ['States.TaskFailed'] }, { ErrorEquals: ['States.ALL'] }] }))).toEqual([]);
    expect(
      codes(
        task({
          Retry: [
            lambdaRetrier,
            { ErrorEquals: ['States.TaskFailed'] },
            { ErrorEquals: ['States.Timeout'] },
            { ErrorEquals: ['States.ALL'] },
          ],
        }),
      ),
    ).toEqual([`${LintCode.ShadowedRetrier} States.T.Retry[3]`]);
  });

  it('names a single unreachable error name of a rule that can still fire for others', () => {
    expect(
      codes(
        task({
          Catch: [
            { ErrorEquals: ['A'], Next: 'Done' },
            { ErrorEquals: ['B', 'A'], Next: 'Done' },
          ],
        }),
      ),
    ).toEqual([`${LintCode.UnreachableErrorName} States.T.Catch[1].ErrorEquals[1]`]);
  });

  it('finds a shadowed catcher', () => {
    const lints = lintDefinition(
      task({
        Catch: [
          { ErrorEquals: ['States.ALL'], Next: 'Done' },
          { ErrorEquals: ['GeneralError'], Next: 'Done' },
        ],
      }),
    );
    expect(lints.map((lint) => lint.code)).toEqual([LintCode.StatesAllNotLast, LintCode.ShadowedCatcher]);
    expect(lints[1]?.message).toContain('Catch[0] already matches every error it names');
  });

  it('flags States.ALL that is not alone in its ErrorEquals', () => {
    expect(codes(task({ Catch: [{ ErrorEquals: ['GeneralError', 'States.ALL'], Next: 'Done' }] }))).toEqual([
      `${LintCode.StatesAllNotAlone} States.T.Catch[0].ErrorEquals`,
    ]);
  });

  it('flags a Lambda Task without the recommended service-error retrier, and accepts either AWS variant', () => {
    const lints = lintDefinition(task({ Retry: [{ ErrorEquals: ['Lambda.ServiceException'] }] }));
    expect(lints.map((lint) => lint.code)).toEqual([LintCode.MissingLambdaServiceRetrier]);
    expect(lints[0]?.message).toContain('Lambda.AWSLambdaException, Lambda.SdkClientException are not retried');
    const consoleVariant = {
      ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'],
      IntervalSeconds: 1,
      MaxAttempts: 3,
      BackoffRate: 2,
      JitterStrategy: 'FULL',
    };
    expect(codes(task({ Retry: [consoleVariant] }))).toEqual([]);
    expect(codes(task({ Retry: [{ ErrorEquals: ['States.ALL'] }] }))).toEqual([]);
    // A MaxAttempts: 0 retrier in front means they are matched but not retried.
    expect(
      codes(task({ Retry: [{ ErrorEquals: ['Lambda.SdkClientException'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }] })),
    ).toEqual([`${LintCode.MissingLambdaServiceRetrier} States.T.Retry`]);
    // Not a Lambda Task: no such warning.
    expect(codes(task({ Resource: 'arn:aws:states:::sqs:sendMessage', Retry: undefined }))).toEqual([]);
  });

  it('flags Tasks without TimeoutSeconds and HeartbeatSeconds that cannot expire first', () => {
    expect(codes(task({ TimeoutSeconds: undefined }))).toEqual([`${LintCode.MissingTimeoutSeconds} States.T`]);
    expect(codes(task({ TimeoutSeconds: undefined, TimeoutSecondsPath: '$.timeout' }))).toEqual([]);
    expect(codes(task({ HeartbeatSeconds: 30 }))).toEqual([`${LintCode.HeartbeatNotBelowTimeout} States.T.HeartbeatSeconds`]);
    expect(codes(task({ HeartbeatSeconds: 29 }))).toEqual([]);
  });

  it('flags MaxAttempts: 0 unless it carves an exception out of a later retrier', () => {
    expect(
      codes(task({ Retry: [lambdaRetrier, { ErrorEquals: ['States.Timeout'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'] }] })),
    ).toEqual([]);
    expect(codes(task({ Retry: [lambdaRetrier, { ErrorEquals: ['States.Timeout'], MaxAttempts: 0 }] }))).toEqual([
      `${LintCode.IneffectiveMaxAttemptsZero} States.T.Retry[1].MaxAttempts`,
    ]);
  });

  it('flags lambda:invoke with InvocationType: Event', () => {
    expect(codes(task({ Parameters: { FunctionName: 'f', InvocationType: 'Event' } }))).toEqual([
      `${LintCode.AsyncLambdaInvoke} States.T.Parameters.InvocationType`,
    ]);
    expect(codes(task({ Parameters: { FunctionName: 'f', InvocationType: 'RequestResponse' } }))).toEqual([]);
  });

  it('flags names that look like a reserved States.* name but are not one', () => {
    expect(codes(task({ Catch: [{ ErrorEquals: ['States.Al'], Next: 'Done' }] }))).toEqual([
      `${LintCode.MisspeltReservedName} States.T.Catch[0].ErrorEquals[0]`,
    ]);
    expect(codes(task({ Catch: [{ ErrorEquals: ['StatesALLERRORS', 'States.Permissions'], Next: 'Done' }] }))).toEqual([]);
  });

  it('lints nested states inside Parallel branches and Map processors', () => {
    const inner = { StartAt: 'Work', States: { Work: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } } };
    expect(codes({ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [inner], End: true } } })).toEqual([
      `${LintCode.MissingTimeoutSeconds} States.P.Branches[0].States.Work`,
    ]);
  });
});

describe('lints on the example workflows', () => {
  it('asteroids: Lambda tasks without the service retrier or a timeout', async () => {
    const { definition, locate } = await loadPlanDefinition({ templateFile: 'examples/asteroids/template.yaml' });
    const lints = lintDefinition(definition);
    expect(lints.map((lint) => `${lint.code} ${lint.state}`)).toEqual([
      `${LintCode.MissingLambdaServiceRetrier} Download Benner`,
      `${LintCode.MissingTimeoutSeconds} Download Benner`,
      `${LintCode.MissingLambdaServiceRetrier} Download Exoplanets`,
      `${LintCode.MissingTimeoutSeconds} Download Exoplanets`,
    ]);
    // Warnings point into the template's DefinitionString.
    expect(locate(lints[3]?.path ?? [])).toMatchObject({ file: 'examples/asteroids/template.yaml', line: 45 });
  });

  it('random-error: only two of the recommended Lambda service errors are missing', async () => {
    const { definition } = await loadPlanDefinition({ definitionFile: 'examples/random-error/statemachine/random-error.asl.json' });
    const lints = lintDefinition(definition);
    expect(lints.map((lint) => lint.code)).toEqual([LintCode.MissingLambdaServiceRetrier]);
    expect(lints[0]?.message).toContain('Lambda.AWSLambdaException, Lambda.SdkClientException are not retried');
  });

  it('order-recovery: the States.ALL retrier covers the service errors of the availability check', async () => {
    const { definition } = await loadPlanDefinition({ definitionFile: 'examples/order-recovery/statemachine.asl.json' });
    expect(lintDefinition(definition).map((lint) => `${lint.code} ${lint.state}`)).toEqual([
      `${LintCode.MissingLambdaServiceRetrier} Create order record`,
      `${LintCode.MissingTimeoutSeconds} Create order record`,
      `${LintCode.MissingLambdaServiceRetrier} Check availability recovery`,
      `${LintCode.MissingLambdaServiceRetrier} Update order record FINISHED`,
      `${LintCode.MissingTimeoutSeconds} Update order record FINISHED`,
    ]);
  });
});

describe('lints on the definitions recorded on AWS', () => {
  const cases = readdirSync(recordedDir).filter((name) => {
    try {
      readFileSync(join(recordedDir, name, 'definition.json'));
      return true;
    } catch {
      return false;
    }
  });

  it.each(cases)('%s: every warning names a state and a field of the definition', (name) => {
    const definition = recorded(name);
    for (const lint of lintDefinition(definition)) {
      expect(lint.field.startsWith('States.')).toBe(true);
      expect(lint.message).not.toBe('');
    }
  });

  it('catches the "State.ALL" typo in retry-map-state-multiple-retriers', () => {
    const lints = lintDefinition(recorded('retry-map-state-multiple-retriers'));
    expect(lints.map((lint) => `${lint.code} ${lint.field}`)).toEqual([
      `${LintCode.MisspeltReservedName} States.MapState.Retry[1].ErrorEquals[0]`,
    ]);
    expect(lints[0]?.message).toContain('did you mean States.ALL?');
  });

  it('flags the lone MaxAttempts: 0 retrier of retry-max-attempts-zero-uncaught', () => {
    const lints = lintDefinition(recorded('retry-max-attempts-zero-uncaught')).map((lint) => lint.code);
    expect(lints).toContain(LintCode.IneffectiveMaxAttemptsZero);
  });

  it('has no Retry/Catch ordering warnings on any recorded definition (AWS accepted them all)', () => {
    const ordering: string[] = [LintCode.StatesAllNotAlone, LintCode.StatesAllNotLast];
    for (const name of cases) expect(lintDefinition(recorded(name)).filter((lint) => ordering.includes(lint.code))).toEqual([]);
  });

  it('flags only Lambda Tasks for the service retrier, and every Lambda Task that lacks one', () => {
    expect(lintDefinition(recorded('heartbeat-timeout-sqs-callback-uncaught'))).toEqual([]);
    expect(lintDefinition(recorded('service-lambda-custom-error-caught')).map((lint) => lint.code)).toEqual([
      LintCode.MissingLambdaServiceRetrier,
      LintCode.MissingTimeoutSeconds,
    ]);
    expect(lintDefinition(recorded('aws-sdk-error-caught-by-states-taskfailed-resultpath')).map((lint) => lint.code)).toEqual([
      LintCode.MissingTimeoutSeconds,
    ]);
  });
});
