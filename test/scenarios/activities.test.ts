import { afterAll, describe, expect, it } from '@jest/globals';
import { InvalidInputError } from '../../src/errors.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { removeWorkspaces, workspace } from './workspace.js';

afterAll(removeWorkspaces);

const definition = JSON.stringify({
  StartAt: 'Review',
  States: {
    Review: {
      Type: 'Task',
      Resource: 'arn:aws:states:us-east-1:123456789012:activity:review',
      TimeoutSeconds: 300,
      HeartbeatSeconds: 60,
      Retry: [{ ErrorEquals: ['Review.Busy'], IntervalSeconds: 10, MaxAttempts: 1 }],
      End: true,
    },
  },
});

const header = `stateMachines:
  reviews:
    definition: statemachine.asl.json
scenarios:
`;

describe('Scenario file: activities', () => {
  it('runs scripted activity workers, per attempt, and the assertions count their attempts', async () => {
    const dir = workspace({
      'statemachine.asl.json': definition,
      'scenarios.yaml': `${header}  - name: busy once, then approved
    activities:
      - { activity: review, attempt: 1, pollsAfter: 3, failure: { error: Review.Busy, cause: queue full } }
      - { state: Review, workerName: w2, heartbeat: 20, after: 100, success: { approved: true } }
    expect:
      status: SUCCEEDED
      output: { approved: true }
      states:
        Review: { attempts: 2, backoff: [10], errors: [Review.Busy], outcome: succeeded }
  - name: no worker polls
    activities:
      - { activity: review, pollsAfter: never }
    expect:
      status: FAILED
      error: States.Timeout
      states:
        Review: { attempts: 1, errors: [States.Timeout] }
`,
    });
    const file = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    expect(file.scenarios[0]?.activities?.map((worker) => [worker.activity, worker.state, worker.answer?.kind])).toEqual([
      ['review', undefined, 'failure'],
      [undefined, 'Review', 'success'],
    ]);
    const result = await runScenarios(file, { target: createLocalTarget() });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.failures])).toEqual([
      ['passed', []],
      ['passed', []],
    ]);
  });

  it('refuses an activity the state machine does not run', async () => {
    const dir = workspace({
      'statemachine.asl.json': definition,
      'scenarios.yaml': `${header}  - name: typo
    activities:
      - { activity: reveiw, success: {} }
    expect: { status: SUCCEEDED }
`,
    });
    const error = await loadScenarioFile('scenarios.yaml', { cwd: dir }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(String((error as Error).message)).toMatch(/activity "reveiw" is not run by reviews; did you mean "review"\?/);
  });
});
