import { afterAll, describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../../src/errors.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from './workspace.js';

afterAll(removeWorkspaces);

/** A recovery loop: list a bucket (a service call), ask support (a callback), queue a note (SQS callback). */
const definition = JSON.stringify({
  StartAt: 'List files',
  States: {
    'List files': {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:listObjects',
      Parameters: { Bucket: 'inbox' },
      ResultPath: '$.files',
      Next: 'Ask support',
    },
    'Ask support': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:ask', Payload: { 'Token.$': '$$.Task.Token' } },
      TimeoutSeconds: 3600,
      HeartbeatSeconds: 600,
      ResultPath: '$.answer',
      End: true,
    },
  },
});

const handlers = {
  'ask.mjs': 'export const handler = async () => ({ asked: true });\n',
  'standins/s3.mjs': 'export const listObjects = async (parameters) => ({ Contents: [{ Key: parameters.Bucket + "/a.txt" }] });\n',
};

const header = `stateMachines:
  support:
    definition: statemachine.asl.json
    functions:
      ask:
        arn: arn:aws:lambda:us-east-1:123456789012:function:ask
        handler: ask.mjs
`;

function files(scenarioFile: string): Record<string, string> {
  return { 'statemachine.asl.json': definition, ...handlers, 'scenarios.yaml': scenarioFile };
}

async function messageOf(scenarioFile: string): Promise<string> {
  const dir = workspace(files(scenarioFile));
  const error = await loadScenarioFile('scenarios.yaml', { cwd: dir }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as Error).message).not.toContain('\n');
  return (error as Error).message;
}

describe('Scenario file: services and callbacks', () => {
  it('runs the callback loop with a scripted answer and a service stand-in', async () => {
    const dir = workspace(
      files(`${header}    services:
      aws-sdk:s3:listObjects: { handler: standins/s3.mjs#listObjects }
scenarios:
  - name: support answers after 30 s with heartbeats every 5 min
    callbacks:
      - { state: Ask support, heartbeat: 300, after: 1800, success: { approved: true } }
    expect:
      status: SUCCEEDED
      output: { files: { Contents: [{ Key: inbox/a.txt }] }, answer: { approved: true } }
  - name: the scenario's own stand-in wins, and support rejects
    services:
      List files: { error: S3.NoSuchBucketException, cause: no such bucket }
    callbacks:
      - { state: Ask support, visit: 2, success: {} }
      - { state: Ask support, failure: { error: Support.Rejected, cause: not today } }
    expect:
      status: FAILED
      error: S3.NoSuchBucketException
  - name: nobody sends a heartbeat
    expect:
      status: FAILED
      error: States.Timeout
`),
    );
    const file = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    expect(file.scenarios[1]?.callbacks?.map((callback) => [callback.visit, callback.answer?.kind])).toEqual([
      [2, 'success'],
      [undefined, 'failure'],
    ]);
    const result = await runScenarios(file, { target: createLocalTarget() });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.failures])).toEqual([
      ['passed', []],
      ['passed', []],
      ['passed', []],
    ]);
    const timedOut = result.scenarios[2]?.history?.find((event) => event.type === 'TaskTimedOut');
    expect(timedOut?.taskTimedOutEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'States.Timeout',
    });
  });

  it('answers the visit and attempt a callback names, and only those', async () => {
    const dir = workspace(
      files(`${header}    services:
      aws-sdk:s3:listObjects: { response: {} }
scenarios:
  - name: the answer is for a second attempt that never happens
    callbacks:
      - { state: Ask support, attempt: 2, success: {} }
    expect: { status: FAILED, error: States.Timeout }
`),
    );
    const result = await runScenarios(await loadScenarioFile('scenarios.yaml', { cwd: dir }), { target: createLocalTarget() });
    expect(result.scenarios[0]?.verdict).toBe('passed');
  });

  it.each([
    [
      'a service Task without a stand-in',
      `scenarios:\n  - name: s\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:9:5: Task "List files" calls aws-sdk:s3:listObjects, which cannot run locally; give it a stand-in under stateMachines.support.services or this scenario\'s services:, e.g. "aws-sdk:s3:listObjects": { response: {} } or { error: Name, cause: text }',
    ],
    [
      'a misspelt service key',
      `    services:\n      aws-sdk:s3:listObject: { response: {} }\nscenarios:\n  - name: s\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:9:7: "aws-sdk:s3:listObject" is neither a service call nor a service Task of support; did you mean "aws-sdk:s3:listObjects"?',
    ],
    [
      'a stand-in with both a response and an error',
      `    services:\n      aws-sdk:s3:listObjects: { response: {}, error: X }\nscenarios:\n  - name: s\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:9:47: a stand-in does one thing, but this one has both response: and error:; keep one',
    ],
    [
      'a callback for an unknown state',
      `    services:\n      aws-sdk:s3:listObjects: { response: {} }\nscenarios:\n  - name: s\n    callbacks:\n      - { state: Ask suport, success: {} }\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:13:18: state "Ask suport" not in support; did you mean "Ask support"?',
    ],
    [
      'a callback for a Task that waits for no token',
      `    services:\n      aws-sdk:s3:listObjects: { response: {} }\nscenarios:\n  - name: s\n    callbacks:\n      - { state: List files, success: {} }\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:13:18: state "List files" does not wait for a task token (.waitForTaskToken), so nothing can answer it; its callback Tasks: "Ask support"',
    ],
    [
      'a callback with two answers',
      `    services:\n      aws-sdk:s3:listObjects: { response: {} }\nscenarios:\n  - name: s\n    callbacks:\n      - { state: Ask support, success: {}, failure: { error: E } }\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:13:44: a callback answers once: keep success: or failure:, not both',
    ],
    [
      'a callback that says nothing',
      `    services:\n      aws-sdk:s3:listObjects: { response: {} }\nscenarios:\n  - name: s\n    callbacks:\n      - { state: Ask support, visit: 1 }\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:13:9: a callback needs success:, failure: or heartbeat:',
    ],
    [
      'after: without an answer',
      `    services:\n      aws-sdk:s3:listObjects: { response: {} }\nscenarios:\n  - name: s\n    callbacks:\n      - { state: Ask support, heartbeat: 5, after: 3 }\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:13:45: after: says when the answer comes; add success: or failure:, or drop after:',
    ],
    [
      'a failure without an error name',
      `    services:\n      aws-sdk:s3:listObjects: { response: {} }\nscenarios:\n  - name: s\n    callbacks:\n      - { state: Ask support, failure: { cause: why } }\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:13:31: scenarios[0].callbacks[0].failure is missing "error"',
    ],
    [
      'a misspelt callback key',
      `    services:\n      aws-sdk:s3:listObjects: { response: {} }\nscenarios:\n  - name: s\n    callbacks:\n      - { state: Ask support, sucess: {} }\n    expect: { status: SUCCEEDED }\n`,
      'scenarios.yaml:13:31: unknown key "sucess" in callback; did you mean "success"?',
    ],
  ])('rejects %s in one line at its position', async (_case, rest, expected) => {
    expect(await messageOf(header + rest)).toBe(expected);
  });
});
