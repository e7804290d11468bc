import { beforeEach, describe, expect, it } from '@jest/globals';
import { runScenarios } from '../../../src/run/runScenarios.js';
import { MACHINE_ARN } from './fakeAws.js';
import {
  EXECUTION_ARN,
  ORIGINAL_VARIABLES,
  fake as theFake,
  fastTarget,
  file as theFile,
  onlyExecution,
  useFakeAwsTarget,
} from './targetHarness.js';

useFakeAwsTarget();

describe('Function: createAwsTarget, Standard executions whose start was not confirmed', () => {
  it('stops the execution that a StartExecution in flight started when the run is interrupted (Ctrl-C)', async () => {
    theFake().install();
    const abort = new AbortController();
    // The execution starts on AWS and the run is interrupted before its answer arrives.
    theFake().onStart = () => abort.abort();
    const result = await runScenarios(theFile(), { target: fastTarget({ timeoutSeconds: 30 }), signal: abort.signal });
    const execution = onlyExecution();
    expect(execution.status).toBe('ABORTED');
    expect(theFake().callsOf('StopExecution')).toBe(1);
    expect(result.scenarios[0]?.verdict).toBe('error');
    expect(result.scenarios[0]?.error).toBe(
      `the run was interrupted while StartExecution of ${execution.arn.split(':').at(-1)} was in flight; execution ${execution.arn} had started and was stopped (StopExecution); the functions were disarmed`,
    );
    expect(theFake().functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('looks the execution up and stops it when every StartExecution answer was lost after it started', async () => {
    theFake().loseAnswer('StartExecution', 5);
    theFake().install();
    const result = await runScenarios(theFile(), { target: fastTarget() });
    const execution = onlyExecution();
    expect(theFake().callsOf('StartExecution')).toBe(5);
    expect(execution.status).toBe('ABORTED');
    expect(theFake().calls).toContain('DescribeExecution');
    expect(result.scenarios[0]?.error).toMatch(
      new RegExp(
        `^StartExecution on state machine ${MACHINE_ARN} failed after 5 attempts: \\S+: answer lost; an attempt may have started execution chaos-\\S+: execution ${EXECUTION_ARN.source} had started and was stopped \\(StopExecution\\); the functions were disarmed$`,
      ),
    );
    expect(theFake().functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('gives the exact stop-execution command when the lookup fails too', async () => {
    theFake().loseAnswer('StartExecution', 5);
    theFake().deny('DescribeExecution', 0);
    theFake().install();
    const result = await runScenarios(theFile(), { target: fastTarget() });
    const execution = onlyExecution();
    expect(execution.status).toBe('RUNNING');
    expect(theFake().callsOf('StopExecution')).toBe(0);
    expect(result.scenarios[0]?.error).toContain(
      `: looking it up failed too (DescribeExecution on execution ${execution.arn} failed after 1 attempt: AccessDeniedException: User is not authorized to perform: DescribeExecution); if it is running, stop it: aws stepfunctions stop-execution --execution-arn ${execution.arn}; the functions were disarmed`,
    );
  });
});

describe('Function: createAwsTarget, Express starts whose answer was lost', () => {
  beforeEach(() => {
    theFake().machineType = 'EXPRESS';
  });

  it('finds the execution by its name in the log group and says it started', async () => {
    theFake().loseAnswer('StartExecution');
    theFake().install();
    const result = await runScenarios(theFile(), { target: fastTarget() });
    const execution = onlyExecution();
    expect(theFake().callsOf('StartExecution')).toBe(1);
    expect(result.scenarios[0]?.error).toBe(
      `StartExecution on state machine ${MACHINE_ARN} failed after 1 attempt: InternalServerError: answer lost; Express execution ${execution.arn.split(':').at(-2)} may have started, and an Express start is not idempotent, so it was not sent again; it did start: execution ${execution.arn} is in log group /aws/vendedlogs/states/checkout; an Express execution cannot be stopped, its 5-minute limit ends it; the functions were disarmed`,
    );
  });

  it('says it was not found within the wait when no event of it reaches the log group', async () => {
    theFake().failOnce('states', 'StartExecution', '500');
    theFake().install();
    const result = await runScenarios(theFile(), { target: fastTarget() });
    expect(theFake().executions.size).toBe(0);
    expect(theFake().injectedFailuresLeft()).toBe(0);
    expect(theFake().calls).toContain('FilterLogEvents');
    expect(result.scenarios[0]?.error).toMatch(
      /^StartExecution on state machine \S+ failed after 1 attempt: \S+: boom; Express execution chaos-\S+ may have started, .*; it was not found: no event of it reached log group \/aws\/vendedlogs\/states\/checkout within [\d.]+ s; it may not have started, or its events are late; the functions were disarmed$/,
    );
  });
});
