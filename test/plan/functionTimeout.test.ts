import { describe, expect, it } from '@jest/globals';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRetryPlan } from '../../src/plan/buildRetryPlan.js';
import { LintCode } from '../../src/plan/constants.js';
import { lintDefinition } from '../../src/plan/lintDefinition.js';
import { loadPlanDefinition } from '../../src/plan/loadPlanDefinition.js';
import { runChaos } from './chaosCli.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/function-timeout');
const lambdaRetrier = { ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'] };

/** One Lambda Task invoking `charge`, with `fields` merged in. */
function charge(fields: Record<string, unknown>): unknown {
  return {
    StartAt: 'Charge',
    States: {
      Charge: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:charge:live', 'Payload.$': '$' },
        TimeoutSeconds: 60,
        Retry: [lambdaRetrier, { ErrorEquals: ['States.Timeout'] }],
        End: true,
        ...fields,
      },
    },
  };
}

const timeoutLints = (definition: unknown, functionTimeouts?: Record<string, number>) =>
  lintDefinition(definition, functionTimeouts === undefined ? {} : { functionTimeouts })
    .filter((lint) => lint.code === LintCode.FunctionTimeoutNotAboveTaskTimeout)
    .map((lint) => `${lint.field}: ${lint.message}`);

describe('Lint: function-timeout-not-above-task-timeout', () => {
  it("flags a States.Timeout rule when the function's own timeout ends the invocation first", () => {
    expect(timeoutLints(charge({}), { charge: 30 })).toEqual([
      "States.Charge.Retry[1].ErrorEquals: function charge times out after 30 s, not later than TimeoutSeconds (60 s): a hung invocation fails with Sandbox.Timedout (Lambda.Unknown on older runtimes), never States.Timeout, so Retry[1] cannot fire for it; make TimeoutSeconds shorter than the function's timeout, or name Sandbox.Timedout and Lambda.Unknown",
    ]);
  });

  it('flags equal timeouts, a catcher, and a Task with the default TimeoutSeconds', () => {
    expect(timeoutLints(charge({}), { charge: 60 })).toHaveLength(1);
    const caught = charge({ Retry: [lambdaRetrier], Catch: [{ ErrorEquals: ['States.Timeout', 'States.TaskFailed'], Next: 'Charge' }] });
    expect(timeoutLints(caught, { charge: 30 })).toEqual([
      expect.stringMatching(/^States\.Charge\.Catch\[0\]\.ErrorEquals: .* so Catch\[0\] cannot fire/),
    ]);
    const { TimeoutSeconds: _timeout, ...withoutTimeout } = (charge({}) as { States: { Charge: Record<string, unknown> } }).States.Charge;
    expect(timeoutLints({ StartAt: 'Charge', States: { Charge: withoutTimeout } }, { charge: 900 })).toEqual([
      expect.stringContaining('not later than the default TimeoutSeconds (99999999 s)'),
    ]);
  });

  it('stays quiet when the Task times out first, nothing names States.Timeout, the timeout is unknown, or the Task does not wait for the invocation', () => {
    expect(timeoutLints(charge({}), { charge: 61 })).toEqual([]);
    expect(timeoutLints(charge({ Retry: [lambdaRetrier, { ErrorEquals: ['States.ALL'] }] }), { charge: 30 })).toEqual([]);
    expect(timeoutLints(charge({}), { ship: 30 })).toEqual([]);
    expect(timeoutLints(charge({}))).toEqual([]);
    expect(timeoutLints(charge({ TimeoutSeconds: undefined, TimeoutSecondsPath: '$.timeout' }), { charge: 30 })).toEqual([]);
    expect(timeoutLints(charge({ Parameters: { FunctionName: 'charge', InvocationType: 'Event' } }), { charge: 30 })).toEqual([]);
    expect(timeoutLints(charge({ Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken' }), { charge: 30 })).toEqual([]);
  });

  it("reads the functions' Timeout (or Globals) from a template, so chaos plan on a template warns", async () => {
    const loaded = await loadPlanDefinition({ templateFile: join(fixtures, 'template.yaml') });
    expect(loaded.functionTimeouts).toEqual({ charge: 20, ship: 120 });
    const lints = buildRetryPlan(loaded.definition, { functionTimeouts: loaded.functionTimeouts ?? {} }).lints.filter(
      (lint) => lint.code === LintCode.FunctionTimeoutNotAboveTaskTimeout,
    );
    expect(lints.map((lint) => [lint.state, lint.field])).toEqual([['Charge', 'States.Charge.Retry[1].ErrorEquals']]);
  });

  it('is one of the warnings chaos plan --template prints, with the line of the rule', async () => {
    const run = await runChaos(['plan', '--template', 'test/plan/fixtures/function-timeout/template.yaml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /template\.yaml:42:17: States\.Charge\.Retry\[1\]\.ErrorEquals: function charge times out after 20 s, .*\[function-timeout-not-above-task-timeout\]/,
    );
    expect(run.stdout).not.toContain('function ship');
  });
});
