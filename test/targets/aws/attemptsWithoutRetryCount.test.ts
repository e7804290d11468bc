import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import type { Scenario, ScenarioFile, StateMachineSpec } from '../../../src/scenarios/types.js';
import { attemptsWithoutRetryCount } from '../../../src/targets/aws/attemptsWithoutRetryCount.js';

const rootScenarios = fileURLToPath(new URL('../../../scenarios.yaml', import.meta.url));

function scenarioNamed(file: ScenarioFile, name: string): Scenario {
  const scenario = file.scenarios.find((candidate) => candidate.name === name);
  if (!scenario) throw new Error(`no scenario ${name}`);
  return scenario;
}

function withTaskFields(machine: StateMachineSpec, stateName: string, fields: Record<string, unknown>): StateMachineSpec {
  const definition = structuredClone(machine.definition) as { States: Record<string, Record<string, unknown>> };
  definition.States[stateName] = { ...definition.States[stateName], ...fields };
  return { ...machine, definition };
}

describe('attempts faults that cannot fire on AWS', () => {
  it('names a legacy Lambda Task whose payload does not carry $$.State.RetryCount', async () => {
    const file = await loadScenarioFile(rootScenarios);
    const asteroids = file.stateMachines['asteroids'] as StateMachineSpec;
    const problems = attemptsWithoutRetryCount(asteroids, scenarioNamed(file, 'HTTPError twice, then the download succeeds'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^"Download Exoplanets" invokes .* "RetryCount\.\$": "\$\$\.State\.RetryCount" to the Task's Parameters \(which then replace the whole payload/,
    );
  });

  it('is silent when the Task passes the retry count, in JSONPath or JSONata', async () => {
    const file = await loadScenarioFile(rootScenarios);
    const asteroids = file.stateMachines['asteroids'] as StateMachineSpec;
    const scenario = scenarioNamed(file, 'HTTPError twice, then the download succeeds');
    const jsonPath = withTaskFields(asteroids, 'Download Exoplanets', {
      Parameters: { 'Input.$': '$', 'RetryCount.$': '$$.State.RetryCount' },
    });
    expect(attemptsWithoutRetryCount(jsonPath, scenario)).toEqual([]);
    const invoke = withTaskFields(asteroids, 'Download Exoplanets', {
      Resource: 'arn:aws:states:::lambda:invoke',
      QueryLanguage: 'JSONata',
      Arguments: {
        FunctionName: asteroids.functions.find((fn) => fn.key === scenario.faults[0]?.function)?.arn,
        Payload: { RetryCount: '{% $states.context.State.RetryCount %}' },
      },
    });
    expect(attemptsWithoutRetryCount(invoke, scenario)).toEqual([]);
  });

  it('is silent for scenarios without attempts faults', async () => {
    const file = await loadScenarioFile(rootScenarios);
    const asteroids = file.stateMachines['asteroids'] as StateMachineSpec;
    expect(attemptsWithoutRetryCount(asteroids, scenarioNamed(file, 'HTTPError exhausts retries and lands in ErrorState'))).toEqual([]);
  });
});
