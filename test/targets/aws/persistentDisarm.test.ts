import { describe, expect, it } from '@jest/globals';
import { runScenarios } from '../../../src/run/runScenarios.js';
import { ORIGINAL_VARIABLES, fake as theFake, fastTarget, file as theFile, useFakeAwsTarget } from './targetHarness.js';

useFakeAwsTarget();

describe('Function: createAwsTarget, disarming under throttling', () => {
  it('keeps retrying a throttled disarm longer than other calls, so the faults do not stay armed', async () => {
    const fake = theFake();
    // The arming write (call 1) goes through; the disarm's first 8 writes are throttled. Other calls get 5
    // attempts (fastTarget: 4 retries); a disarm gets 3 times the retries.
    fake.throttle('UpdateFunctionConfiguration', 1, 8);
    fake.install();
    const result = await runScenarios(theFile(), { target: fastTarget() });
    expect(result.scenarios.map((scenario) => [scenario.verdict, scenario.error])).toEqual([['passed', undefined]]);
    expect(fake.functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
    expect(fake.callsOf('UpdateFunctionConfiguration')).toBe(10);
  });
});

describe('Function: createAwsTarget, a disarm that fails after the execution', () => {
  it('makes the scenario an error saying where the faults may be armed, and keeps the execution it judged', async () => {
    const fake = theFake();
    fake.throttle('UpdateFunctionConfiguration', 1, 100);
    fake.install();
    const result = await runScenarios(theFile(), { target: fastTarget() });
    const [scenario] = result.scenarios;
    expect(scenario?.verdict).toBe('error');
    expect(scenario?.error).toMatch(
      /could not disarm every function, check them now: .*may still be armed in the SFN_CHAOS_CONFIG environment variable of function/,
    );
    expect(scenario?.analysis?.status).toBe('SUCCEEDED');
    expect(scenario?.history?.length).toBeGreaterThan(0);
    expect(scenario?.failures).toEqual([]);
  });
});
