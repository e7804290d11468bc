import { describe, expect, it } from '@jest/globals';
import { TargetError } from '../../src/errors.js';
import { findDefinitionIssues, runExecution } from '../../src/engine/index.js';

const arn = 'arn:aws:lambda:us-east-1:123456789012:function:work';
const task = (extra: Record<string, unknown> = {}) => {
  const state: Record<string, unknown> = { Type: 'Task', Resource: arn, End: true, ...extra };
  if (extra['Next'] !== undefined || Object.hasOwn(extra, 'End')) delete state['End'];
  if (extra['End'] !== undefined) state['End'] = extra['End'];
  return state;
};
const machine = (states: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  StartAt: Object.keys(states)[0],
  States: states,
  ...extra,
});
const issuesOf = (definition: unknown) => findDefinitionIssues(definition).map((issue) => `${issue.path}: ${issue.message}`);

describe('findDefinitionIssues: supported definitions', () => {
  it('reports nothing for a definition the engine runs', () => {
    const definition = machine({
      Start: task({
        Next: 'Decide',
        Retry: [
          { ErrorEquals: ['States.Timeout'], MaxAttempts: 0 },
          {
            ErrorEquals: ['HTTPError', 'Lambda.TooManyRequestsException'],
            IntervalSeconds: 2,
            BackoffRate: 1.5,
            MaxDelaySeconds: 30,
            JitterStrategy: 'FULL',
          },
          { ErrorEquals: ['States.ALL'] },
        ],
        Catch: [
          { ErrorEquals: ['States.Runtime'], Next: 'Failed' },
          { ErrorEquals: ['States.ALL'], Next: 'Failed', ResultPath: '$.error' },
        ],
        TimeoutSeconds: 30,
      }),
      Decide: { Type: 'Choice', Choices: [{ Not: { Variable: '$.ok', IsPresent: true }, Next: 'Pause' }], Default: 'Invoke' },
      Pause: { Type: 'Wait', SecondsPath: '$.delay', Next: 'Invoke' },
      Invoke: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { 'FunctionName.$': '$.fn', Payload: { 'n.$': '$.n' } },
        Next: 'Done',
      },
      Done: { Type: 'Pass', Result: { ok: true }, ResultPath: '$.done', End: true },
      Failed: { Type: 'Fail', Error: 'Broken', Cause: 'see history' },
    });
    expect(issuesOf(definition)).toEqual([]);
  });
});

describe('findDefinitionIssues: features of a later version', () => {
  it.each([
    [distributedMap(), 'States["Each"].ItemReader.ReaderConfig.InputType: InputType MANIFEST is not supported by the local engine yet'],
    [
      distributedMap({
        ItemReader: {
          Resource: 'arn:aws:states:::s3:getObject',
          ReaderConfig: { InputType: 'CSV', CSVDelimiter: 'TAB' },
          Parameters: { Bucket: 'b', Key: 'k' },
        },
      }),
      'States["Each"].ItemReader.ReaderConfig.CSVDelimiter: CSVDelimiter is not supported by the local engine yet',
    ],
    [
      machine({ A: task({ Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken' }) }),
      'States["A"].Parameters: arn:aws:states:::lambda:invoke.waitForTaskToken needs Parameters with FunctionName',
    ],
    [
      machine({ A: task({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:review:v2' }) }),
      'States["A"].Resource: Resource arn:aws:states:us-east-1:123456789012:activity:review:v2 is not an activity ARN (arn:aws:states:REGION:ACCOUNT:activity:NAME)',
    ],
    [
      machine({ A: task({ HeartbeatSeconds: 10 }) }),
      'States["A"].HeartbeatSeconds: HeartbeatSeconds on a task without .waitForTaskToken is not supported by the local engine yet',
    ],
    [
      machine({ A: task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'work', InvocationType: 'Later' } }) }),
      'States["A"].Parameters.InvocationType: InvocationType "Later" is not one Lambda\'s Invoke API takes (RequestResponse, Event or DryRun)',
    ],
    [
      machine({ A: task({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'work', LogType: 'All' } }) }),
      'States["A"].Parameters.LogType: LogType "All" is not one Lambda\'s Invoke API takes (None or Tail)',
    ],
  ])('%#: reports %s', (definition, expected) => {
    expect(issuesOf(definition)).toContain(expected);
  });
});

describe('findDefinitionIssues: semantic errors', () => {
  it.each([
    [
      machine({ A: task({ Next: 'Nowhere' }) }),
      'States["A"].Next: Missing \'Next\' target: "Nowhere" is not a state of this machine (MISSING_TRANSITION_TARGET)',
    ],
    [
      machine({ A: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Gone' }] }) }),
      'States["A"].Catch[0].Next: Missing \'Next\' target: "Gone" is not a state of this machine (MISSING_TRANSITION_TARGET)',
    ],
    [
      machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsNull: true, Next: 'C' }], Default: 'Missing' } }),
      'States["C"].Default: Missing \'Default\' target: "Missing" is not a state of this machine (MISSING_TRANSITION_TARGET)',
    ],
    [
      { StartAt: 'Nope', States: { A: task() } },
      'StartAt: Missing \'StartAt\' target: "Nope" is not a state of this machine (MISSING_TRANSITION_TARGET)',
    ],
    [
      machine({ A: task({ Retry: [{ ErrorEquals: ['States.ALL', 'HTTPError'] }] }) }),
      'States["A"].Retry[0].ErrorEquals: States.ALL must be the only error name in its ErrorEquals',
    ],
    [
      machine({ A: task({ Retry: [{ ErrorEquals: ['States.ALL'] }, { ErrorEquals: ['HTTPError'] }] }) }),
      'States["A"].Retry[0].ErrorEquals: States.ALL may only appear in the last retrier',
    ],
    [
      machine({
        A: task({
          Catch: [
            { ErrorEquals: ['States.ALL'], Next: 'A' },
            { ErrorEquals: ['X'], Next: 'A' },
          ],
        }),
      }),
      'States["A"].Catch[0].ErrorEquals: States.ALL may only appear in the last catcher',
    ],
    [
      machine({ A: task({ Retry: [{ ErrorEquals: ['States.MyError'] }] }) }),
      'States["A"].Retry[0].ErrorEquals: "States.MyError" is not a predefined error, and error names starting with "States." are reserved',
    ],
    [
      machine({ A: task({ Retry: [{ ErrorEquals: ['X'], JitterStrategy: 'full' }] }) }),
      'States["A"].Retry[0].JitterStrategy: JitterStrategy must be "FULL" or "NONE" (upper case), got "full"',
    ],
    [
      machine({ A: task({ Retry: [{ ErrorEquals: ['X'], BackoffRate: 0.5 }] }) }),
      'States["A"].Retry[0].BackoffRate: BackoffRate must be a number >= 1.0',
    ],
    [
      machine({ A: task({ Retry: [{ ErrorEquals: ['X'], MaxAttempts: -1 }] }) }),
      'States["A"].Retry[0].MaxAttempts: MaxAttempts must be an integer from 0 to 99999999, not -1',
    ],
    [
      machine({ A: task({ Retry: [{ ErrorEquals: ['X'], MaxDelaySeconds: 31622401 }] }) }),
      'States["A"].Retry[0].MaxDelaySeconds: MaxDelaySeconds is 31622401, above the Step Functions limit of 31622400; use an integer from 1 to 31622400',
    ],
    [
      machine({ A: task({ Retry: [{ ErrorEquals: [] }] }) }),
      'States["A"].Retry[0].ErrorEquals: ErrorEquals must be a non-empty array of error names',
    ],
    [
      machine({ A: task({ TimeoutSeconds: 5, TimeoutSecondsPath: '$.t' }) }),
      'States["A"].TimeoutSecondsPath: TimeoutSeconds and TimeoutSecondsPath cannot be used together',
    ],
    [
      machine({ A: task({ ResultPath: '$.items[*]' }) }),
      'States["A"].ResultPath: ResultPath must be a reference path (no wildcards, filters or slices)',
    ],
    [machine({ P: { Type: 'Pass', End: true, Retry: [] } }), 'States["P"].Retry: Retry is not a field of Pass states'],
    [
      machine({ W: { Type: 'Wait', Seconds: 1, Timestamp: '2024-01-01T00:00:00Z', End: true } }),
      'States["W"]: A Wait state needs exactly one of Seconds, SecondsPath, Timestamp, TimestampPath',
    ],
    [
      machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', NumericEquals: '1', Next: 'C' }] } }),
      'States["C"].Choices[0].NumericEquals: NumericEquals takes a number',
    ],
    [
      machine({ C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.x', IsNull: true, Next: 'C' }], Next: 'C' }] } }),
      'States["C"].Choices[0].And[0].Next: Only top-level Choice rules may have Next',
    ],
    [machine({ A: task({ End: undefined }) }), 'States["A"]: A non-terminal state needs Next or "End": true'],
    [
      machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } }),
      'States: The state machine has no terminal state (End: true, Succeed or Fail), so it could never finish',
    ],
    [machine({ A: task(), Orphan: { Type: 'Succeed' } }), 'States["Orphan"]: State "Orphan" is not reachable from StartAt'],
    [
      machine({ P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'X', States: { X: { Type: 'Pass', Next: 'X' } } }] } }),
      'States["P"].Branches[0].States: This branch has no terminal state (End: true, Succeed or Fail), so it could never finish',
    ],
  ])('%#: reports %s', (definition, expected) => {
    expect(issuesOf(definition)).toContain(expected);
  });

  it('names the state in every issue', () => {
    const [issue] = findDefinitionIssues(distributedMap());
    expect(issue).toEqual({
      path: 'States["Each"].ItemReader.ReaderConfig.InputType',
      stateName: 'Each',
      message: 'InputType MANIFEST is not supported by the local engine yet',
    });
  });

  it('accepts the reserved States.* names other than the wildcards', () => {
    expect(
      issuesOf(
        machine({ A: task({ Catch: [{ ErrorEquals: ['States.Runtime', 'States.DataLimitExceeded', 'States.Timeout'], Next: 'A' }] }) }),
      ),
    ).toEqual([]);
  });
});

describe('runExecution refuses what it cannot run faithfully', () => {
  it('throws a TargetError listing the issues instead of running', async () => {
    const definition = distributedMap();
    const running = runExecution({ definition, functions: () => undefined });
    await expect(running).rejects.toThrow(TargetError);
    await expect(runExecution({ definition, functions: () => undefined })).rejects.toThrow(
      'States["Each"].ItemReader.ReaderConfig.InputType: InputType MANIFEST is not supported by the local engine yet',
    );
  });
});

/** A Map in DISTRIBUTED mode reading an S3 inventory manifest, which the local engine does not read. */
function distributedMap(
  fields: Record<string, unknown> = {
    ItemReader: {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'MANIFEST' },
      Parameters: { Bucket: 'b', Key: 'k' },
    },
  },
): unknown {
  return machine({
    Each: {
      Type: 'Map',
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
        StartAt: 'Item',
        States: { Item: { Type: 'Pass', End: true } },
      },
      End: true,
      ...fields,
    },
  });
}

describe('findDefinitionIssues: whole-number fields say their bound, and that a value exceeds it', () => {
  it.each([
    [
      { W: { Type: 'Wait', Seconds: 1_000_000_000, End: true } },
      'States["W"].Seconds: Seconds is 1000000000, above the Step Functions limit of 99999999; use an integer from 0 to 99999999',
    ],
    [{ W: { Type: 'Wait', Seconds: 1.5, End: true } }, 'States["W"].Seconds: Seconds must be an integer from 0 to 99999999, not 1.5'],
    [
      { A: task({ TimeoutSeconds: 100_000_000 }) },
      'States["A"].TimeoutSeconds: TimeoutSeconds is 100000000, above the Step Functions limit of 99999999; use an integer from 1 to 99999999',
    ],
    [{ A: task({ TimeoutSeconds: 0 }) }, 'States["A"].TimeoutSeconds: TimeoutSeconds must be an integer from 1 to 99999999, not 0'],
    [
      { A: task({ Retry: [{ ErrorEquals: ['X'], IntervalSeconds: 100_000_000 }] }) },
      'States["A"].Retry[0].IntervalSeconds: IntervalSeconds is 100000000, above the Step Functions limit of 99999999; use an integer from 0 to 99999999',
    ],
    [
      { A: task({ Retry: [{ ErrorEquals: ['X'], MaxAttempts: 'three' }] }) },
      'States["A"].Retry[0].MaxAttempts: MaxAttempts must be an integer from 0 to 99999999, not "three"',
    ],
  ])('%#: %s', (states, expected) => {
    expect(issuesOf(machine(states))).toContain(expected);
  });
});
