import { describe, expect, it } from '@jest/globals';
import FakeTimers from '@sinonjs/fake-timers';
import { createPacers } from '../../../src/targets/aws/clients/pacers.js';
import type { AwsClients } from '../../../src/targets/aws/clients/awsClients.js';
import {
  deleteParameter,
  getFunctionConfiguration,
  getParameter,
  putParameter,
  updateFunctionConfiguration,
  type LambdaAndSsmApi,
} from '../../../src/targets/aws/clients/lambdaAndSsmCalls.js';
import { API_BURST, API_CALLS_PER_SECOND } from '../../../src/targets/aws/constants.js';

/** Clients whose `send` only notes when each command reached it, by command name. */
function recordingClients(sent: { api: string; at: number }[]): AwsClients {
  const send = async (command: object): Promise<Record<string, unknown>> => {
    sent.push({ api: command.constructor.name.replace(/Command$/, ''), at: Date.now() });
    return {};
  };
  return { lambda: { send }, ssm: { send } } as unknown as AwsClients;
}

/** The largest number of calls in any window of `seconds`, from their times in ms. */
function mostIn(times: number[], seconds: number): number {
  let most = 0;
  for (const [index, start] of times.entries())
    most = Math.max(most, times.slice(index).filter((at) => at < start + seconds * 1000).length);
  return most;
}

const calls: Record<LambdaAndSsmApi, (context: Parameters<typeof getParameter>[0], index: number) => Promise<unknown>> = {
  GetFunctionConfiguration: (context, index) => getFunctionConfiguration(context, `fn${index}`),
  UpdateFunctionConfiguration: (context, index) => updateFunctionConfiguration(context, () => ({ FunctionName: `fn${index}` })),
  GetParameter: (context, index) => getParameter(context, `/p/${index}`),
  PutParameter: (context, index) => putParameter(context, `/p/${index}`, 'v', 'String'),
  DeleteParameter: (context, index) => deleteParameter(context, `/p/${index}`),
};

const retry = { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 };

describe('Function: createPacers, for the Lambda and SSM calls of arming', () => {
  it.each(Object.keys(calls) as LambdaAndSsmApi[])('holds 50 %s calls sent at once to the rate and burst of constants.ts', async (api) => {
    const clock = FakeTimers.install({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const sent: { api: string; at: number }[] = [];
      const context = { clients: recordingClients(sent), retry, pacers: createPacers() };
      const started = Date.now();
      const all = Promise.all(Array.from({ length: 50 }, (_, index) => calls[api](context, index)));
      await clock.runAllAsync();
      await all;
      const rate = API_CALLS_PER_SECOND[api];
      const burst = API_BURST[api];
      const times = sent.map((call) => call.at);
      expect(sent.every((call) => call.api === api)).toBe(true);
      expect(times).toHaveLength(50);
      // Never more than the burst plus what the rate refills in the window, for any window.
      for (const seconds of [0.5, 1, 2, 5]) expect(mostIn(times, seconds)).toBeLessThanOrEqual(burst + Math.ceil(rate * seconds));
      expect(Math.max(...times) - started).toBeGreaterThanOrEqual(((50 - burst) / rate) * 1000 - 1);
    } finally {
      clock.uninstall();
    }
  });

  it('keeps GetFunctionConfiguration and UpdateFunctionConfiguration together under the 15 requests per second Lambda allows for both', async () => {
    const clock = FakeTimers.install({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const sent: { api: string; at: number }[] = [];
      const context = { clients: recordingClients(sent), retry, pacers: createPacers() };
      const all = Promise.all(
        Array.from({ length: 50 }, (_, index) => [
          calls.GetFunctionConfiguration(context, index),
          calls.UpdateFunctionConfiguration(context, index),
        ]).flat(),
      );
      await clock.runAllAsync();
      await all;
      expect(
        mostIn(
          sent.map((call) => call.at),
          1,
        ),
      ).toBeLessThanOrEqual(15);
    } finally {
      clock.uninstall();
    }
  });

  it.each(Object.keys(calls) as LambdaAndSsmApi[])('lets callsPerSecond override the rate of %s (0: unpaced)', async (api) => {
    const clock = FakeTimers.install({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      const sent: { api: string; at: number }[] = [];
      const context = { clients: recordingClients(sent), retry, pacers: createPacers({ [api]: 1 }) };
      const all = Promise.all(Array.from({ length: 10 }, (_, index) => calls[api](context, index)));
      await clock.runAllAsync();
      await all;
      const times = sent.map((call) => call.at);
      expect(mostIn(times, 1)).toBeLessThanOrEqual(API_BURST[api] + 1);
      expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual((10 - API_BURST[api] - 1) * 1000);

      const unpacedSent: { api: string; at: number }[] = [];
      const unpaced = { clients: recordingClients(unpacedSent), retry, pacers: createPacers({ [api]: 0 }) };
      const before = Date.now();
      await Promise.all(Array.from({ length: 50 }, (_, index) => calls[api](unpaced, index)));
      expect(unpacedSent.every((call) => call.at === before)).toBe(true);
    } finally {
      clock.uninstall();
    }
  });
});
