import { describe, expect, it } from '@jest/globals';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { InvalidInputError } from '../../src/errors.js';
import { describeTargetError, judgeExecution, runAndJudge } from '../../src/run/judgeExecution.js';
import type { ExecutionExpectation, Scenario, ScenarioFile } from '../../src/scenarios/types.js';
import type { ScenarioExecution, ScenarioRunRequest } from '../../src/targets/types.js';

const at = { file: 'scenarios.yaml', line: 3, column: 5 };
const start = Date.parse('2025-01-01T00:00:00Z');
const stamp = (seconds: number): Date => new Date(start + seconds * 1000);

/** One failed Lambda attempt: its three events, numbered from `firstId`, at `seconds`. */
function failedAttempt(firstId: number, seconds: number): HistoryEvent[] {
  const timestamp = stamp(seconds);
  return [
    {
      id: firstId,
      previousEventId: firstId - 1,
      timestamp,
      type: 'LambdaFunctionScheduled',
      lambdaFunctionScheduledEventDetails: { resource: 'arn' },
    },
    { id: firstId + 1, previousEventId: firstId, timestamp, type: 'LambdaFunctionStarted' },
    {
      id: firstId + 2,
      previousEventId: firstId + 1,
      timestamp,
      type: 'LambdaFunctionFailed',
      lambdaFunctionFailedEventDetails: { error: 'HTTPError', cause: 'b00m' },
    },
  ];
}

/** One Task that fails once, is retried 2 s later, fails again and ends the execution. */
const events: HistoryEvent[] = [
  { id: 1, previousEventId: 0, timestamp: stamp(0), type: 'ExecutionStarted', executionStartedEventDetails: { input: '{}' } },
  { id: 2, previousEventId: 1, timestamp: stamp(0), type: 'TaskStateEntered', stateEnteredEventDetails: { name: 'Fetch', input: '{}' } },
  ...failedAttempt(3, 0),
  ...failedAttempt(6, 2),
  {
    id: 9,
    previousEventId: 8,
    timestamp: stamp(2),
    type: 'ExecutionFailed',
    executionFailedEventDetails: { error: 'HTTPError', cause: 'b00m' },
  },
];

function expecting(expect: Omit<ExecutionExpectation, 'at'>): { expect: ExecutionExpectation } {
  return { expect: { ...expect, at } };
}

describe('judgeExecution', () => {
  it('reads the history once and finds nothing wrong when every expectation holds', () => {
    const judged = judgeExecution(
      { events },
      expecting({ status: 'FAILED', error: 'HTTPError', states: { Fetch: { attempts: 2, backoff: [2], at } } }),
      0.1,
    );
    expect(judged.failures).toEqual([]);
    expect(judged.analysis.status).toBe('FAILED');
  });

  it('names each expectation that does not hold', () => {
    const judged = judgeExecution({ events }, expecting({ status: 'SUCCEEDED', states: { Fetch: { attempts: 3, at } } }), 0.1);
    expect(judged.failures.map((failure) => failure.message)).toEqual([expect.stringContaining('SUCCEEDED'), expect.stringContaining('3')]);
  });

  it('checks exact backoff gaps with the tolerance it is given', () => {
    const expect3s = expecting({ states: { Fetch: { backoff: [3], at } } });
    expect(judgeExecution({ events }, expect3s, 0.5).failures).toHaveLength(1);
    expect(judgeExecution({ events }, expect3s, 1).failures).toEqual([]);
  });
});

describe('runAndJudge', () => {
  const scenario = { name: 'fails twice', stateMachine: 'Fetcher', ...expecting({ status: 'FAILED' }) } as unknown as Scenario;
  const file = { stateMachines: { Fetcher: { key: 'Fetcher' } }, scenarios: [scenario] } as unknown as ScenarioFile;
  const execution: ScenarioExecution = {
    executionArn: 'arn:aws:states:us-east-1:123456789012:execution:Fetcher:e1',
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Fetcher',
    name: 'e1',
    status: 'FAILED',
    startDate: stamp(0),
    stopDate: stamp(2),
    input: '{}',
    events,
    injectedFaults: [],
    injectorWarnings: [],
  };

  it('hands the target the state machine the scenario names, and judges what it ran', async () => {
    const requests: ScenarioRunRequest[] = [];
    const target = {
      runScenario: async (request: ScenarioRunRequest): Promise<ScenarioExecution> => {
        requests.push(request);
        return execution;
      },
    };
    const outcome = await runAndJudge(target, { file, scenario, runId: 'r1', index: 0 }, 0.1);
    expect(requests.map((request) => request.stateMachine)).toEqual([file.stateMachines['Fetcher']]);
    expect(outcome).toMatchObject({ kind: 'ran', execution, judgement: { failures: [] } });
  });

  it('starts nothing for a state machine the file does not have', async () => {
    const target = { runScenario: async (): Promise<ScenarioExecution> => Promise.reject(new Error('must not run')) };
    const elsewhere = { ...scenario, stateMachine: 'Missing' };
    expect(await runAndJudge(target, { file, scenario: elsewhere, runId: 'r1', index: 0 }, 0.1)).toEqual({
      kind: 'notRun',
      error: 'unknown state machine "Missing"',
    });
  });

  it("words a target's failure instead of throwing it", async () => {
    const target = { runScenario: async (): Promise<ScenarioExecution> => Promise.reject(new TypeError('x is undefined')) };
    expect(await runAndJudge(target, { file, scenario, runId: 'r1', index: 0 }, 0.1)).toEqual({
      kind: 'targetFailed',
      error: 'TypeError: x is undefined',
    });
  });
});

describe('describeTargetError', () => {
  it('keeps an sfn-chaos error as worded, names any other error, and prints what is not an error', () => {
    expect(describeTargetError(new InvalidInputError('scenarios.yaml:3: no such state'))).toBe('scenarios.yaml:3: no such state');
    expect(describeTargetError(new TypeError('x is undefined'))).toBe('TypeError: x is undefined');
    expect(describeTargetError('lost')).toBe('lost');
  });
});
