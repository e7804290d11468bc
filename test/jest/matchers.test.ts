import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { runScenario, type RunScenarioResult } from '../../src/run/runScenario.js';
import { sfnChaosMatchers } from '../../src/jest/register.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
expect.extend(sfnChaosMatchers);

/** The failure message of an assertion, or a failure of this test when the assertion passed. */
function messageOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the ANSI colour codes jest writes
    return (error as Error).message.replace(/\u001b\[\d+m/g, '');
  }
  throw new Error('the assertion passed, but it should have failed');
}

describe('Function: sfnChaosMatchers', () => {
  let result: RunScenarioResult;
  const recorded = JSON.parse(
    readFileSync(join(root, 'test/fixtures/aws-recorded/retry-legacy-lambda-defaults-then-catch/history.json'), 'utf8'),
  ) as HistoryEvent[];

  beforeAll(async () => {
    result = await runScenario({ file: join(root, 'scenarios.yaml'), scenario: 'HTTPError exhausts retries and lands in ErrorState' });
  });

  it('accepts a runScenario() result, its history, { events } and an analysis', () => {
    for (const received of [result, result.history, { events: result.history }, result.analysis]) {
      expect(received).toHaveAttempts('Download Exoplanets', 4);
      expect(received).toHaveBackoff('Download Exoplanets', [10, 20, 40]);
      expect(received).toBeCaughtBy('Download Exoplanets', 'ErrorState');
      expect(received).toHaveExecutionStatus('SUCCEEDED');
    }
    expect(result).toBeCaughtBy('Download Benner', null);
    expect(result).toHaveBackoff('Download Exoplanets', [10, { min: 15, max: 25 }, { min: 39 }]);
  });

  it('reads a history recorded on AWS, whose timestamps are placeholders', () => {
    expect(recorded).toHaveAttempts('InvokeLambdaWithRetry', 4);
    expect(recorded).toBeCaughtBy('InvokeLambdaWithRetry', 'HandleError');
    expect(recorded).not.toBeCaughtBy('InvokeLambdaWithRetry', 'Elsewhere');
    const message = messageOf(() => expect(recorded).toHaveBackoff('InvokeLambdaWithRetry', [1, 2, 4]));
    expect(message).toContain('the wait is unknown');
  });

  it('is exact on a local result by default and uses 1 s on a raw history', () => {
    const nearly = [10.5, 20, 40];
    expect(messageOf(() => expect(result).toHaveBackoff('Download Exoplanets', nearly))).toContain(
      'expected a wait of 10.5s (±0.001s) before attempt 2, saw 10s',
    );
    expect(result.history).toHaveBackoff('Download Exoplanets', nearly);
    expect(result).toHaveBackoff('Download Exoplanets', nearly, { tolerance: 0.5 });
  });

  it('words a failure as expected against actual, with the state timeline', () => {
    const message = messageOf(() => expect(result).toHaveErrors('Download Exoplanets', ['HTTPError', 'Timeout']));
    expect(message).toContain('expect(execution).toHaveErrors(state, errors)');
    expect(message).toContain('states["Download Exoplanets"]: expected attempt 2 to fail with Timeout, saw HTTPError');
    expect(message).toContain('Expected: "Timeout"');
    expect(message).toContain('Received: "HTTPError"');
    expect(message).toContain('Download Exoplanets (visit 1): 4 attempts, caught → ErrorState');
    expect(message).toContain('#3 t+30s');
  });

  it('words a negated match and a wrong status', () => {
    expect(messageOf(() => expect(result).not.toHaveAttempts('Download Exoplanets', 4))).toContain(
      'Expected "Download Exoplanets" to have 4 attempts not to hold, but it does.',
    );
    const status = messageOf(() => expect(result).toHaveExecutionStatus('FAILED'));
    expect(status).toContain('execution: expected status FAILED, saw SUCCEEDED');
    expect(status).toContain('Download Exoplanets (visit 1): 4 attempts');
  });

  it('names the states that were entered when the state is unknown', () => {
    expect(messageOf(() => expect(result).toHaveAttempts('Download Exoplanet', 4))).toContain('never entered');
  });

  it('fails on a history with events missing, even negated, since what the state did is unknown', () => {
    // Express logs are best-effort: this history lost event 6 (a retry's LambdaFunctionScheduled).
    const withGap = recorded.filter((event) => event.id !== 6);
    for (const assertion of [
      () => expect(withGap).toHaveAttempts('InvokeLambdaWithRetry', 4),
      () => expect(withGap).not.toHaveAttempts('InvokeLambdaWithRetry', 1),
      () => expect(withGap).not.toBeCaughtBy('InvokeLambdaWithRetry', 'Elsewhere'),
    ]) {
      expect(messageOf(assertion)).toContain('not checkable, the history is incomplete (missing event ids 6)');
    }
    expect(withGap).toHaveExecutionStatus('SUCCEEDED');
  });

  it('fails on input it cannot judge, even negated', () => {
    expect(messageOf(() => expect('history').toHaveAttempts('A', 1))).toContain('received string, not an execution history');
    expect(messageOf(() => expect({ verdict: 'error', error: 'engine broke' }).not.toHaveAttempts('A', 1))).toContain('engine broke');
    expect(messageOf(() => expect([{ id: 1 }]).toHaveAttempts('A', 1))).toContain('not a HistoryEvent');
    expect(messageOf(() => expect(result).not.toHaveAttempts('Download Exoplanets', 4, { vist: 2 } as never))).toContain(
      'unknown option "vist"',
    );
    expect(messageOf(() => expect(result).toHaveExecutionStatus('DONE' as never))).toContain('status must be one of');
    expect(messageOf(() => expect(result).toHaveAttempts('Download Exoplanets', 1.5))).toContain('whole number');
  });
});
