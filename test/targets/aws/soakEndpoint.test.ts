import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nock from 'nock';
import { runCommand } from '../../../src/cli/commands/run.js';
import { loadScenarioFile } from '../../../src/scenarios/load.js';
import { differences, outcomesOf, type ScenarioOutcome } from '../../support/awsEndpoint/compareRuns.js';
import { startAwsEndpoint, type AwsEndpointOptions } from '../../support/awsEndpoint/index.js';
import { useQuietStdout } from '../../support/quietStdout.js';

// What the commands print goes to a buffer, not jest's output.
useQuietStdout();

/**
 * The repository's scenarios.yaml through `chaos run --target aws` against the local AWS endpoint:
 * once without failures, then with a seeded 30 % of calls failing (stall 200 ms). Asserted: nothing is
 * left armed or running, and the clean run's verdicts. How the seeded runs differ is printed, not asserted.
 */
const SCENARIOS = resolve('scenarios.yaml');
/** A short soak: a few scenarios of each state machine (bench/aws-soak/run.mjs runs the whole file). */
const PICKED = [
  'HTTPError exhausts',
  'GeneralError is not retried',
  'Throttled on every call',
  'never answers',
  'seeded 50%',
  'Vendor outage, support answers',
];
const ACCOUNT = '123456789012';
const saved = { ...process.env };

beforeAll(() => {
  // nock patches node:http for the whole jest worker; this test needs the real sockets.
  if (nock.isActive()) nock.restore();
  nock.enableNetConnect();
  process.env['AWS_ACCESS_KEY_ID'] = 'AKIDSOAKTEST';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'soak-secret';
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
  delete process.env['AWS_PROFILE'];
});

afterAll(() => {
  process.env = saved;
});

async function soakRun(
  options: AwsEndpointOptions,
): Promise<{ outcomes: ScenarioOutcome[]; armed: string[]; running: string[]; calls: number; injected: number; ms: number }> {
  const file = await loadScenarioFile(SCENARIOS, { requireHandlers: true });
  const picked = file.scenarios.filter((scenario) => PICKED.some((text) => scenario.name.includes(text)));
  const stateMachines = [...new Set(picked.map((scenario) => scenario.stateMachine))];
  const endpoint = await startAwsEndpoint(file, { ssmFunctions: ['checkProductAvailability'], stateMachines, ...options });
  const out = join(mkdtempSync(join(tmpdir(), 'sfn-chaos-soak-')), 'report.json');
  const began = Date.now();
  try {
    process.env['AWS_ENDPOINT_URL'] = endpoint.url;
    await runCommand({
      file: SCENARIOS,
      target: 'aws',
      reporters: ['json'],
      out,
      allowAccounts: [ACCOUNT],
      region: 'us-east-1',
      scenarios: PICKED,
    });
    const { calls, injected } = endpoint.stats();
    return {
      outcomes: outcomesOf(JSON.parse(readFileSync(out, 'utf8'))),
      armed: endpoint.world.leftArmed(),
      running: endpoint.world.leftRunning(),
      calls,
      injected,
      ms: Date.now() - began,
    };
  } finally {
    delete process.env['AWS_ENDPOINT_URL'];
    await endpoint.close();
  }
}

describe('aws target on the local AWS endpoint (soak)', () => {
  it('runs scenarios.yaml clean and with 30 % failed calls, leaving nothing armed or running', async () => {
    const clean = await soakRun({});
    expect(clean.armed).toEqual([]);
    expect(clean.running).toEqual([]);
    const verdicts = Object.fromEntries(clean.outcomes.map((outcome) => [outcome.name, outcome.verdict]));
    expect(verdicts).toEqual({
      'HTTPError exhausts retries and lands in ErrorState': 'passed',
      'A GeneralError is not retried and goes straight to ErrorState': 'passed',
      'Throttled on every call, random-error retries 5 times and gives up': 'passed',
      'Vendor outage and support never answers, so the recovery step times out after a day': 'passed',
      // The aws target answers the callback with SendTaskSuccess, but this endpoint runs each execution to its
      // end at once and takes no task token (TaskDoesNotExist), so the task times out; callbacks.test.ts covers
      // the answering against a fake that takes them.
      'Vendor outage, support answers after 30 s and the check runs again and succeeds': 'failed',
      // Armed through SSM (TTL 0): the injector reads the parameter again, so the faults are in use at once.
      'A seeded 50% failure rate is repeatable': 'passed',
    });
    const lines = [`clean: ${clean.calls} calls, ${clean.ms} ms`];
    for (const seed of [1, 2]) {
      const run = await soakRun({ failures: { seed, rate: 0.3 }, stallMs: 200 });
      lines.push(
        `seed ${seed}: ${run.calls} calls, ${run.injected} failed, ${run.ms} ms, armed ${run.armed.length}, running ${run.running.length}`,
      );
      for (const line of differences(clean.outcomes, run.outcomes)) lines.push(`  ${line}`);
      expect({ seed, armed: run.armed, running: run.running }).toEqual({ seed, armed: [], running: [] });
    }
    console.log(lines.join('\n'));
  }, 90_000);
});
