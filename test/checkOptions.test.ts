import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { InvalidInputError } from '../src/errors.js';
import { describeScenarios } from '../src/jest/describeScenarios.js';
import { runScenario } from '../src/run/runScenario.js';
import { runScenarios } from '../src/run/runScenarios.js';
import { loadScenarioFile } from '../src/scenarios/load.js';
import { createAwsTarget } from '../src/targets/aws/index.js';
import { createLocalTarget } from '../src/targets/local/localTarget.js';

const root = join(import.meta.dirname, '..');

describe('every public options object refuses a misspelt option', () => {
  it('runScenarios', async () => {
    const file = await loadScenarioFile(join(root, 'scenarios.yaml'), { cwd: root });
    await expect(runScenarios(file, { target: createLocalTarget(), concurency: 4 } as never)).rejects.toThrow(
      new InvalidInputError('runScenarios(): unknown option "concurency"; did you mean "concurrency"?'),
    );
  });

  it('runScenario', async () => {
    await expect(runScenario({ file: 'scenarios.yaml', scenario: 'x', defaultTolerence: 1 } as never)).rejects.toThrow(
      'runScenario(): unknown option "defaultTolerence"; did you mean "defaultTolerance"?',
    );
  });

  it('loadScenarioFile', async () => {
    await expect(loadScenarioFile('scenarios.yaml', { requireHandler: false } as never)).rejects.toThrow(
      'loadScenarioFile(): unknown option "requireHandler"; did you mean "requireHandlers"?',
    );
  });

  it('the target factories', () => {
    expect(() => createLocalTarget({ handlerRealTimeLimit: 5 } as never)).toThrow(
      'createLocalTarget(): unknown option "handlerRealTimeLimit"; did you mean "handlerRealTimeLimitMs"?',
    );
    expect(() => createAwsTarget({ allowedAccounts: new Set(['111111111111']), regoin: 'eu-west-1' } as never)).toThrow(
      'createAwsTarget(): unknown option "regoin"; did you mean "region"?',
    );
  });

  it('describeScenarios', () => {
    expect(() => describeScenarios('scenarios.yaml', { scenario: ['HTTPError'] } as never)).toThrow(
      'describeScenarios(): unknown option "scenario"; did you mean "scenarios"?',
    );
  });

  it('refuses options that are not an object', () => {
    expect(() => createLocalTarget('fast' as never)).toThrow('createLocalTarget(): options must be an object');
  });
});
