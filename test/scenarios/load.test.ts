import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { findFunction } from '../../src/scenarios/loadFunctions.js';
import type { ScenarioFile } from '../../src/scenarios/types.js';
import { diceFiles, FIXTURES, fixture, workspace, removeWorkspaces } from './workspace.js';

afterAll(removeWorkspaces);

function load(folder: string): Promise<ScenarioFile> {
  return loadScenarioFile('scenarios.yaml', { cwd: join(FIXTURES, folder) });
}

describe('Function: loadScenarioFile', () => {
  describe('a plain definition file with functions mapped by ARN', () => {
    it('substitutes the definition and resolves the handler', async () => {
      const file = await load('definition');
      expect(file.file).toBe(join(FIXTURES, 'definition', 'scenarios.yaml'));
      const dice = file.stateMachines['dice'];
      expect(dice).toBeDefined();
      if (!dice) return;
      expect(dice.definitionFile).toBe(join(FIXTURES, 'definition', 'statemachine.asl.json'));
      expect(dice.stateMachineName).toBe('dice');
      expect(dice.type).toBe('STANDARD');
      expect(dice.resource).toBeUndefined();
      expect(dice.at).toEqual({ file: 'scenarios.yaml', line: 5, column: 3 });
      const roll = (dice.definition['States'] as Record<string, { Parameters: Record<string, unknown> }>)['Roll'];
      expect(roll?.Parameters['FunctionName']).toBe('arn:aws:lambda:us-east-2:123456789012:function:roll-dice');
      expect(dice.functions).toEqual([
        {
          key: 'roll',
          refs: ['roll', 'roll-dice', 'arn:aws:lambda:us-east-2:123456789012:function:roll-dice', 'RollFunctionArn'],
          functionName: 'roll-dice',
          arn: 'arn:aws:lambda:us-east-2:123456789012:function:roll-dice',
          handlerFile: join(FIXTURES, 'definition', 'handlers', 'roll.mjs'),
          handlerExport: 'rollDice',
          timeoutSeconds: 10,
          runtime: 'nodejs',
          at: { file: 'scenarios.yaml', line: 10, column: 7 },
        },
      ]);
    });

    it('turns faults into injector rules in milliseconds, whatever name they use for the function', async () => {
      const [throttled, doubles, hung] = (await load('definition')).scenarios;
      expect(throttled?.faults).toEqual([
        { function: 'roll', rule: { kind: 'throttle' }, at: { file: 'scenarios.yaml', line: 20, column: 9 } },
      ]);
      expect(doubles?.faults.map((fault) => fault.rule)).toEqual([
        { kind: 'error', errorName: 'function.DoublesRolledError', message: 'doubles', attempts: [1] },
        { kind: 'latency', latencyMs: [500, 1500], rate: 0.25 },
      ]);
      expect(hung?.faults.map((fault) => [fault.function, fault.rule])).toEqual([
        ['roll', { kind: 'timeout', durationMs: 2500 }],
        ['roll', { kind: 'timeout', id: 'hang' }],
      ]);
    });

    it('fills in the default state machine, input, seed and tolerance', async () => {
      const [throttled, doubles] = (await load('definition')).scenarios;
      expect(throttled).toMatchObject({
        name: 'Throttled every time, the retrier gives up after six attempts',
        stateMachine: 'dice',
        input: { depth: 0 },
        seed: 7,
      });
      expect(doubles?.input).toEqual({});
      expect(doubles?.seed).toBeUndefined();
      expect(throttled?.expect).toEqual({
        status: 'SUCCEEDED',
        output: 'uncaught',
        states: {
          Roll: {
            attempts: 6,
            backoff: [1, 2, 4, 8, { min: 15, max: 17 }],
            tolerance: 0.5,
            caughtBy: 'Uncaught',
            outcome: 'caught',
            at: { file: 'scenarios.yaml', line: 25, column: 9 },
          },
        },
        at: { file: 'scenarios.yaml', line: 21, column: 5 },
      });
      expect(doubles?.expect.states?.['Roll']?.tolerance).toBe(0.1);
      expect(doubles?.expect.states?.['Done']).toEqual({ entered: false, at: { file: 'scenarios.yaml', line: 35, column: 9 } });
    });
  });

  it('gives every scenario without a seed the default seed', async () => {
    const text = `defaults: { seed: run-1 }\n${fixture('definition', 'scenarios.yaml').replace('defaults:\n  tolerance: 0.5\n', '')}`;
    const dir = workspace({ ...diceFiles(), 'scenarios.yaml': text });
    const file = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    expect(file.scenarios.map((scenario) => scenario.seed)).toEqual([7, 'run-1', 'run-1']);
    expect(file.scenarios[0]?.expect.states?.['Roll']?.tolerance).toBeUndefined();
  });

  describe('a SAM template with !Sub and DefinitionSubstitutions', () => {
    it('builds the definition from the inline Definition and the substitutions', async () => {
      const orders = (await load('sam')).stateMachines['orders'];
      expect(orders).toMatchObject({
        stateMachineName: 'orders-dev',
        type: 'EXPRESS',
        resource: 'OrderStateMachine',
        definitionFile: join(FIXTURES, 'sam', 'template.yaml'),
      });
      const states = orders?.definition['States'] as Record<string, { Resource: string; Parameters: Record<string, unknown> }>;
      expect(states['Check availability']?.Parameters).toEqual({
        FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:sfn-chaos-check-dev',
        Payload: { greeting: 'hello from us-east-1', 'order.$': '$' },
      });
      expect(states['Notify failure']?.Resource).toBe('arn:aws:states:::lambda:invoke');
      expect(states['Notify failure']?.Parameters).toEqual({ FunctionName: 'NotifyFunction' });
    });

    it('takes functions from the template: code folder, handler, Globals and the substitution aliases', async () => {
      const orders = (await load('sam')).stateMachines['orders'];
      expect(
        orders?.functions.map(({ key, refs, functionName, handlerFile, handlerExport, timeoutSeconds, runtime, at }) => ({
          key,
          refs,
          functionName,
          handlerFile,
          handlerExport,
          timeoutSeconds,
          runtime,
          at,
        })),
      ).toEqual([
        {
          key: 'CheckAvailabilityFunction',
          refs: [
            'CheckAvailabilityFunction',
            'sfn-chaos-check-dev',
            'arn:aws:lambda:us-east-1:123456789012:function:sfn-chaos-check-dev',
            'CheckFunctionArn',
          ],
          functionName: 'sfn-chaos-check-dev',
          handlerFile: join(FIXTURES, 'sam', 'functions', 'check', 'app.mjs'),
          handlerExport: 'handler',
          timeoutSeconds: 20,
          runtime: 'nodejs',
          at: { file: 'template.yaml', line: 19, column: 3 },
        },
        {
          key: 'NotifyFunction',
          refs: ['NotifyFunction', 'arn:aws:lambda:us-east-1:123456789012:function:NotifyFunction', 'NotifyFunctionName'],
          functionName: 'NotifyFunction',
          handlerFile: join(FIXTURES, 'sam', 'functions', 'notify', 'index.js'),
          handlerExport: 'notify',
          timeoutSeconds: 15,
          runtime: 'nodejs',
          at: { file: 'template.yaml', line: 27, column: 3 },
        },
      ]);
    });

    it('applies parameters, overrides and functions: entries of the scenario file', async () => {
      const file = await load('sam');
      const prod = file.stateMachines['orders-prod'];
      expect(prod).toMatchObject({ stateMachineName: 'orders-prod', type: 'STANDARD' });
      const check = prod?.functions.find((fn) => fn.key === 'CheckAvailabilityFunction');
      expect(check).toMatchObject({ functionName: 'sfn-chaos-check-prod', timeoutSeconds: 60 });
      const notify = prod?.functions.find((fn) => fn.key === 'NotifyFunction');
      expect(notify).toMatchObject({
        handlerFile: join(FIXTURES, 'sam', 'stand-ins', 'notify.mjs'),
        timeoutSeconds: 5,
        at: { file: 'scenarios.yaml', line: 11, column: 7 },
      });
      expect(file.scenarios[1]?.faults.map((fault) => fault.function)).toEqual(['CheckAvailabilityFunction', 'NotifyFunction']);
      expect(file.scenarios[0]?.faults[0]).toMatchObject({
        function: 'CheckAvailabilityFunction',
        rule: { kind: 'error', errorName: 'VendorError', message: 'vendor down' },
      });
    });

    it('leaves out template functions no Task invokes', async () => {
      const orders = (await load('sam')).stateMachines['orders'];
      expect(orders?.functions.map((fn) => fn.key)).not.toContain('ReportFunction');
    });
  });

  it("reads a SAM DefinitionUri file and keeps a Python function's runtime for its Node.js stand-in", async () => {
    const dir = workspace({
      'app/template.yaml': [
        'Transform: AWS::Serverless-2016-10-31',
        'Resources:',
        '  ScoreFunction:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: score/',
        '      Handler: app.lambda_handler',
        '      Runtime: python3.12',
        '      Timeout: 12',
        '  Scoring:',
        '    Type: AWS::Serverless::StateMachine',
        '    Properties:',
        '      DefinitionUri: statemachine/scoring.asl.yaml',
        '      DefinitionSubstitutions:',
        '        ScoreArn: !GetAtt ScoreFunction.Arn',
        '',
      ].join('\n'),
      'app/statemachine/scoring.asl.yaml': 'StartAt: Score\nStates:\n  Score:\n    Type: Task\n    Resource: ${ScoreArn}\n    End: true\n',
      'app/score/app.py': 'def lambda_handler(event, context):\n    return 1\n',
      'stand-ins/score.mjs': 'export const score = async () => 1;\n',
      'scenarios.yaml': [
        'stateMachines:',
        '  scoring:',
        '    template: app/template.yaml',
        '    functions:',
        '      ScoreArn: { handler: stand-ins/score.mjs#score }',
        'scenarios:',
        '  - name: scoring fails',
        '    faults: [{ function: ScoreFunction, error: ScoreError }]',
        '    expect: { status: FAILED }',
        '',
      ].join('\n'),
    });
    const file = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    const scoring = file.stateMachines['scoring'];
    expect(scoring?.definitionFile).toBe(join(dir, 'app', 'statemachine', 'scoring.asl.yaml'));
    expect(scoring?.definition).toEqual({
      StartAt: 'Score',
      States: { Score: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:ScoreFunction', End: true } },
    });
    expect(scoring?.functions).toEqual([
      {
        key: 'ScoreArn',
        refs: ['ScoreFunction', 'arn:aws:lambda:us-east-1:123456789012:function:ScoreFunction', 'ScoreArn'],
        functionName: 'ScoreFunction',
        arn: 'arn:aws:lambda:us-east-1:123456789012:function:ScoreFunction',
        handlerFile: join(dir, 'stand-ins', 'score.mjs'),
        handlerExport: 'score',
        timeoutSeconds: 12,
        runtime: 'python',
        at: { file: 'scenarios.yaml', line: 5, column: 7 },
      },
    ]);
    expect(file.scenarios[0]?.faults[0]?.function).toBe('ScoreArn');
  });

  describe('an AWS::StepFunctions::StateMachine', () => {
    it('evaluates DefinitionString: !Sub [string, { x: !GetAtt F.Arn }] with parameters and mappings', async () => {
      const prices = (await load('cfn')).stateMachines['prices'];
      expect(prices).toMatchObject({ stateMachineName: 'prices-daily', type: 'STANDARD', resource: 'PricesStateMachine' });
      expect(prices?.definition).toEqual({
        StartAt: 'Fetch prices',
        States: {
          'Fetch prices': {
            Type: 'Task',
            Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fetch-prices',
            Retry: [{ ErrorEquals: ['PriceFeedError'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
            End: true,
          },
        },
      });
      expect(prices?.functions).toMatchObject([
        {
          key: 'FetchFunction',
          refs: ['FetchFunction', 'fetch-prices', 'arn:aws:lambda:us-east-1:123456789012:function:fetch-prices', 'fetch'],
          timeoutSeconds: 8,
          handlerFile: join(FIXTURES, 'cfn', 'src', 'fetch.mjs'),
        },
      ]);
    });

    it('reads JSON templates with a Fn::Join DefinitionString and DefinitionSubstitutions', async () => {
      const file = await load('cfn');
      const json = file.stateMachines['prices-json'];
      expect(json).toMatchObject({
        stateMachineName: 'PricesStateMachine',
        resource: 'PricesStateMachine',
        definitionFile: join(FIXTURES, 'cfn', 'template.json'),
      });
      expect(json?.functions[0]).toMatchObject({ key: 'FetchFunction', functionName: 'FetchFunction', timeoutSeconds: 3 });
      expect(file.scenarios[1]?.faults[0]?.function).toBe('FetchFunction');
    });
  });
});

describe('Function: findFunction', () => {
  const functions = [
    { arn: 'arn:aws:lambda:us-east-1:123456789012:function:a', functionName: 'a', refs: ['alpha'] },
    { arn: 'arn:aws:lambda:us-east-1:123456789012:function:b', functionName: 'b', refs: ['beta'] },
  ];
  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:b', 'b'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:b:prod', 'b'],
    ['123456789012:function:a', 'a'],
    ['a:1', 'a'],
    ['beta', 'b'],
  ])('finds %s', (ref, name) => {
    expect(findFunction(functions, ref)?.functionName).toBe(name);
  });
  it('finds nothing for another name', () => {
    expect(findFunction(functions, 'c')).toBeUndefined();
  });
});
