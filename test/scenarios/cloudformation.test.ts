import { afterAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { TemplateEvaluator, type TemplateValue } from '../../src/sources/cloudformationIntrinsics.js';
import { readTemplate } from '../../src/sources/cloudformationTemplate.js';
import { collectStates, issuePath } from '../../src/sources/loadDefinition.js';
import { findNode } from '../../src/sources/loadYaml.js';
import { workspace, removeWorkspaces } from './workspace.js';

afterAll(removeWorkspaces);

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage:
    Type: String
    Default: dev
  Zones:
    Type: CommaDelimitedList
    Default: a,b
  Secret:
    Type: String
  Version:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /app/version
  Selfish:
    Type: String
    Default: !Ref Selfish
Mappings:
  Sizes:
    dev: { Memory: 128 }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  Both: !And [!Condition IsDev, !Equals [1, 1]]
  Loop: !Condition Loop
Resources:
  Worker:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: !Sub worker-\${Stage}
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: flow
  Table:
    Type: AWS::DynamoDB::Table
Values:
  region: !Ref AWS::Region
  account: { Ref: AWS::AccountId }
  stage: !Ref Stage
  zones: !Ref Zones
  workerName: !Ref Worker
  workerArn: !GetAtt Worker.Arn
  workerArnLong: { "Fn::GetAtt": [Worker, Arn] }
  flowArn: !Ref Flow
  flowName: !GetAtt [Flow, Name]
  sub: !Sub "\${AWS::Partition}:\${Stage}:\${Worker.Arn}:\${!Literal}"
  subVars: !Sub ["\${x}-\${y}", { x: !Ref Stage, y: 2 }]
  join: !Join ["/", [a, !Ref Stage, 3]]
  select: !Select [1, !Split [",", "x,y,z"]]
  ifValue: !If [IsProd, big, small]
  both: !If [Both, yes, no]
  noValue: { keep: 1, drop: !Ref AWS::NoValue }
  find: !FindInMap [Sizes, !Ref Stage, Memory]
  findDefault: !FindInMap [Sizes, prod, Memory, { DefaultValue: 64 }]
  base64: !Base64 hi
  azs: !GetAZs ''
  json: { "Fn::ToJsonString": { a: [1, true] } }
  length: { "Fn::Length": [1, 2, 3] }
  importValue: !ImportValue shared-output
  tableArn: !GetAtt Table.Arn
  tableRef: !Ref Table
  unknownRef: !Ref Stag
  secret: !Ref Secret
  version: !Ref Version
  loop: !If [Loop, a, b]
  badJoin: !Join [",", notAList]
  unknownSub: !Sub "\${Nope}"
  selfish: !Ref Selfish
`;

async function evaluator(parameterValues: Record<string, string> = {}): Promise<TemplateEvaluator> {
  const dir = workspace({ 'template.yaml': TEMPLATE });
  const model = await readTemplate(join(dir, 'template.yaml'), 'template.yaml', parameterValues, 'stateMachines.flow.parameters');
  return new TemplateEvaluator(model);
}

async function value(name: string, parameterValues?: Record<string, string>): Promise<TemplateValue> {
  const templates = await evaluator(parameterValues);
  const { source } = templates.model;
  return templates.evaluate(findNode(source, source.doc.contents, ['Values', name]).node, {
    advice: 'give it a value under stateMachines.flow.substitutions',
  });
}

async function failure(name: string): Promise<string> {
  const error = await value(name).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return (error as InvalidInputError).message;
}

describe('Class: TemplateEvaluator', () => {
  it.each<[string, TemplateValue]>([
    ['region', 'us-east-1'],
    ['account', '123456789012'],
    ['stage', 'dev'],
    ['zones', ['a', 'b']],
    ['workerName', 'worker-dev'],
    ['workerArn', 'arn:aws:lambda:us-east-1:123456789012:function:worker-dev'],
    ['workerArnLong', 'arn:aws:lambda:us-east-1:123456789012:function:worker-dev'],
    ['flowArn', 'arn:aws:states:us-east-1:123456789012:stateMachine:flow'],
    ['flowName', 'flow'],
    ['sub', 'aws:dev:arn:aws:lambda:us-east-1:123456789012:function:worker-dev:${Literal}'],
    ['subVars', 'dev-2'],
    ['join', 'a/dev/3'],
    ['select', 'y'],
    ['ifValue', 'small'],
    ['both', 'yes'],
    ['noValue', { keep: 1 }],
    ['find', 128],
    ['findDefault', 64],
    ['base64', 'aGk='],
    ['azs', ['us-east-1a', 'us-east-1b', 'us-east-1c']],
    ['json', '{"a":[1,true]}'],
    ['length', 3],
  ])('evaluates %s', async (name, expected) => {
    expect(await value(name)).toEqual(expected);
  });

  it('takes parameter values from the scenario file over Default', async () => {
    expect(await value('ifValue', { Stage: 'prod' })).toBe('big');
    expect(await value('workerArn', { Stage: 'prod' })).toBe('arn:aws:lambda:us-east-1:123456789012:function:worker-prod');
  });

  it.each([
    [
      'importValue',
      "template.yaml:59:16: cannot resolve !ImportValue shared-output (another stack's output) locally; give it a value under stateMachines.flow.substitutions",
    ],
    [
      'tableArn',
      'template.yaml:60:13: cannot resolve !GetAtt Table.Arn (an attribute of a deployed AWS::DynamoDB::Table) locally; give it a value under stateMachines.flow.substitutions',
    ],
    [
      'tableRef',
      'template.yaml:61:13: cannot resolve !Ref Table (an AWS::DynamoDB::Table, which only exists once deployed) locally; give it a value under stateMachines.flow.substitutions',
    ],
    ['unknownRef', 'template.yaml:62:15: !Ref Stag: no parameter or resource of that name in the template; did you mean "Stage"?'],
    [
      'secret',
      'template.yaml:63:11: cannot resolve parameter Secret (it has no Default) locally; give it under stateMachines.flow.parameters.Secret',
    ],
    [
      'version',
      'template.yaml:64:12: cannot resolve parameter Version (read from SSM Parameter Store at deploy time) locally; give it under stateMachines.flow.parameters.Version',
    ],
    ['loop', 'template.yaml:24:9: condition "Loop" refers to itself'],
    ['badJoin', 'template.yaml:66:12: !Join takes [delimiter, [values…]]'],
    ['selfish', 'template.yaml:16:14: intrinsic functions nest more than 64 levels deep'],
    [
      'unknownSub',
      'template.yaml:67:15: ${Nope} in !Sub is not a variable, parameter or resource of the template; give it a value under stateMachines.flow.substitutions',
    ],
  ])('reports %s at its line', async (name, message) => {
    expect(await failure(name)).toBe(message);
  });
});

describe('Function: collectStates', () => {
  it('finds states inside Parallel branches and Map processors', () => {
    const definition = {
      StartAt: 'Fan out',
      States: {
        'Fan out': {
          Type: 'Parallel',
          Branches: [{ StartAt: 'Left', States: { Left: { Type: 'Succeed' } } }],
          Next: 'Each',
        },
        Each: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, Next: 'Old' },
        Old: { Type: 'Map', Iterator: { StartAt: 'Legacy', States: { Legacy: { Type: 'Pass', End: true } } }, End: true },
      },
    };
    expect(collectStates(definition).map((state) => [state.name, state.path])).toEqual([
      ['Fan out', ['States', 'Fan out']],
      ['Left', ['States', 'Fan out', 'Branches', 0, 'States', 'Left']],
      ['Each', ['States', 'Each']],
      ['Item', ['States', 'Each', 'ItemProcessor', 'States', 'Item']],
      ['Old', ['States', 'Old']],
      ['Legacy', ['States', 'Old', 'Iterator', 'States', 'Legacy']],
    ]);
  });
});

describe('Function: issuePath', () => {
  it.each([
    ['States["Check availability"].Retry[0].JitterStrategy', ['States', 'Check availability', 'Retry', 0, 'JitterStrategy']],
    ['States.Roll.Type', ['States', 'Roll', 'Type']],
    ['QueryLanguage', ['QueryLanguage']],
    ['', []],
  ])('reads %s', (path, segments) => {
    expect(issuePath({ path, message: 'x' })).toEqual(segments);
  });
  it('falls back to the state when the path cannot be read', () => {
    expect(issuePath({ path: '#weird', stateName: 'Roll', message: 'x' })).toEqual(['States', 'Roll']);
  });
});
