import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { childExecutionLines } from '../../src/reporters/childExecutionLines.js';
import { formatScenarioResult } from '../../src/reporters/consoleReport.js';
import { runScenarios } from '../../src/run/runScenarios.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import type { ChildExecutionRecord } from '../../src/targets/types.js';
import { createLocalTarget } from '../../src/targets/local/localTarget.js';
import { packageRoot } from '../scenarios/publishedSchemas.js';

function record(name: string, children: ChildExecutionRecord[] = []): ChildExecutionRecord {
  return {
    executionArn: `arn:aws:states:us-east-1:123456789012:execution:child:${name}`,
    stateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:child',
    name,
    status: 'SUCCEEDED',
    startDate: new Date(0),
    stopDate: new Date(1000),
    input: '{}',
    events: [],
    ...(children.length === 0 ? {} : { childExecutions: children }),
  };
}

describe('console lines for child executions', () => {
  it("shows one line per child under the parent's scenario: state machine, status and error", async () => {
    const file = await loadScenarioFile(join(packageRoot, 'scenarios.yaml'), { cwd: packageRoot });
    const run = await runScenarios(file, {
      target: createLocalTarget(),
      filter: (scenario) => scenario.name === 'nested child fails every time, the parent retries it and its Catch parks the order',
    });
    const [result] = run.scenarios;
    if (result === undefined) throw new Error('scenarios.yaml lacks the nested scenario');
    const lines = formatScenarioResult(result)
      .split('\n')
      .filter((line) => line.includes('child execution'));
    expect(lines).toHaveLength(3);
    for (const line of lines)
      expect(line).toMatch(/^ {4}child execution \S+ \(nested-orders-payment\): FAILED PaymentDeclined; injected: Charge card error$/);
  });

  it('indents a child of a child under it, and counts what is past ten lines', () => {
    expect(childExecutionLines([record('a', [record('b')])])).toEqual([
      '    child execution a (child): SUCCEEDED',
      '        child execution b (child): SUCCEEDED',
    ]);
    const many = childExecutionLines(Array.from({ length: 12 }, (_, index) => record(`c${index}`)));
    expect(many).toHaveLength(11);
    expect(many.at(-1)).toBe('    … and 2 more child executions (all of them in the JSON report)');
  });
});
