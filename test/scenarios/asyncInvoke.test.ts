import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { runScenario } from '../../src/run/runScenario.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { formatScenarioResult } from '../../src/reporters/consoleReport.js';
import { removeWorkspaces, workspace } from './workspace.js';

const root = join(import.meta.dirname, '..', '..');

afterAll(removeWorkspaces);

describe('the Lambda guide SAM template (InvocationType: Event)', () => {
  it('a fault in the async function fires on every Lambda attempt, and the state machine still succeeds', async () => {
    const result = await runScenario({
      file: join(root, 'scenarios.yaml'),
      scenario: 'An asynchronous invoke never fails the state machine, whatever the function throws',
    });
    expect(result.verdict).toBe('passed');
    expect(result.execution?.status).toBe('SUCCEEDED');
    // The ledger shows the fault fired: once per attempt Lambda made at the event.
    expect(result.injectedFaults.map((line) => line['errorName'])).toEqual([
      'function.DoublesRolledError',
      'function.DoublesRolledError',
      'function.DoublesRolledError',
    ]);
    const [invocation] = result.execution?.asyncInvocations ?? [];
    expect(invocation?.outcome).toBe('retriesExhausted');
    const start = result.execution?.startDate.getTime() ?? 0;
    expect(invocation?.attempts.map((attempt) => (attempt.startDate.getTime() - start) / 1000)).toEqual([0, 60, 180]);
    // Nothing of the function's errors is in the history.
    expect(result.history?.some((event) => event.type === 'TaskFailed')).toBe(false);
    expect(formatScenarioResult(result)).toContain("the errors went to Lambda's async retries, not the state machine");
  });
});

describe('event invoke config', () => {
  const handler = 'export const handler = async () => { throw Object.assign(new Error("x"), { name: "Boom" }); };\n';
  const machine = (functionExtra: string, extraResources = ''): string => `Transform: AWS::Serverless-2016-10-31
Resources:
  fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: index.handler
      Runtime: nodejs20.x
${functionExtra}
${extraResources}
  machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        Fn: !GetAtt fn.Arn
      Definition:
        StartAt: Go
        States:
          Go:
            Type: Task
            Resource: arn:aws:states:::lambda:invoke
            Parameters: { FunctionName: "\${Fn}", InvocationType: Event }
            End: true
`;
  const scenarios = (entry = ''): string => `stateMachines:
  m:
    template: template.yaml
    resource: machine
${entry}
scenarios:
  - name: s
    stateMachine: m
    expect: { status: SUCCEEDED }
`;

  it('reads SAM EventInvokeConfig, AWS::Lambda::EventInvokeConfig, and lets the scenario file override them', async () => {
    const sam = workspace({
      'src/index.mjs': handler,
      'template.yaml': machine('      EventInvokeConfig:\n        MaximumRetryAttempts: 1\n        MaximumEventAgeInSeconds: 600'),
      'scenarios.yaml': scenarios(),
    });
    const samFile = await loadScenarioFile(join(sam, 'scenarios.yaml'), { cwd: sam });
    expect(samFile.stateMachines['m']?.functions[0]?.eventInvokeConfig).toEqual({ maximumRetryAttempts: 1, maximumEventAgeInSeconds: 600 });
    const run = await runScenario({ file: join(sam, 'scenarios.yaml'), scenario: 's' });
    expect(run.execution?.asyncInvocations?.[0]?.attempts).toHaveLength(2);

    const cfn = workspace({
      'src/index.mjs': handler,
      'template.yaml': machine(
        '',
        '  config:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref fn\n      Qualifier: $LATEST\n      MaximumRetryAttempts: 0',
      ),
      'scenarios.yaml': scenarios('    functions:\n      fn:\n        eventInvokeConfig: { maximumEventAgeInSeconds: 120 }'),
    });
    const cfnFile = await loadScenarioFile(join(cfn, 'scenarios.yaml'), { cwd: cfn });
    expect(cfnFile.stateMachines['m']?.functions[0]?.eventInvokeConfig).toEqual({ maximumRetryAttempts: 0, maximumEventAgeInSeconds: 120 });
  });
});
