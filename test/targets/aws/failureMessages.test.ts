import { describe, expect, it } from '@jest/globals';
import { runScenarios } from '../../../src/run/runScenarios.js';
import { createAwsClients } from '../../../src/targets/aws/index.js';
import { REGION } from './fakeAws.js';
import { abortAfter, answerHtml503 } from './fakeFailures.js';
import { ORIGINAL_VARIABLES, fake as theFake, fastTarget, file as theFile, onlyExecution, useFakeAwsTarget } from './targetHarness.js';

useFakeAwsTarget();

describe('Function: createAwsTarget, failure messages', () => {
  it('names the call, the execution, the attempts and an unparseable answer, and says the execution was stopped', async () => {
    const html = answerHtml503('DescribeExecution', 5);
    theFake().install();
    const result = await runScenarios(theFile(), { target: fastTarget() });
    const execution = onlyExecution();
    expect(html.isDone()).toBe(true);
    expect(execution.status).toBe('ABORTED');
    expect(result.scenarios[0]?.error).toBe(
      `DescribeExecution on execution ${execution.arn} failed after 5 attempts: HTTP 503 with a non-JSON body; execution ${execution.arn} was stopped (StopExecution); the functions were disarmed`,
    );
  });

  it('says the run was interrupted before the execution started when Ctrl-C comes during arming', async () => {
    theFake().install();
    const abort = new AbortController();
    const clients = createAwsClients({ region: REGION });
    abortAfter(clients, 'lambda', 'UpdateFunctionConfigurationCommand', abort);
    const result = await runScenarios(theFile(), { target: fastTarget({ clients }), signal: abort.signal });
    expect(theFake().callsOf('StartExecution')).toBe(0);
    expect(result.scenarios[0]?.error).toBe('the run was interrupted before the execution started; the functions were disarmed');
    expect(theFake().functions.get('charge')?.variables).toEqual(ORIGINAL_VARIABLES);
  });

  it('says the same, not AbortError, when Ctrl-C comes during the SSM propagation wait', async () => {
    theFake().functions.get('charge')!.variables = { SFN_CHAOS_INJECTOR: 'withChaos', SFN_CHAOS_SSM_PARAMETER: '/sfn-chaos/charge' };
    theFake().install();
    const abort = new AbortController();
    const clients = createAwsClients({ region: REGION });
    abortAfter(clients, 'ssm', 'PutParameterCommand', abort);
    const result = await runScenarios(theFile(), { target: fastTarget({ clients, ssmPropagationMs: 60_000 }), signal: abort.signal });
    expect(theFake().callsOf('StartExecution')).toBe(0);
    expect(result.scenarios[0]?.error).toBe('the run was interrupted before the execution started; the functions were disarmed');
    expect(theFake().parameters.has('/sfn-chaos/charge')).toBe(false);
  });

  it('on Ctrl-C while the execution runs, stops it and says so', async () => {
    theFake().describesBeforeDone = Number.POSITIVE_INFINITY;
    theFake().install();
    const abort = new AbortController();
    theFake().onStart = () => setTimeout(() => abort.abort(), 20);
    const result = await runScenarios(theFile(), { target: fastTarget({ timeoutSeconds: 30 }), signal: abort.signal });
    const execution = onlyExecution();
    expect(execution.status).toBe('ABORTED');
    expect(result.scenarios[0]?.error).toBe(
      `the run was interrupted; execution ${execution.arn} was stopped (StopExecution); the functions were disarmed`,
    );
  });
});
