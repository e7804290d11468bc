import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { handleInterruptions, type InterruptibleProcess } from '../../src/cli/interruption.js';
import { formatStillArmed } from '../../src/cli/stillArmedMessage.js';
import type { ArmedPlaceSummary } from '../../src/targets/types.js';

const ENV_ARMED: ArmedPlaceSummary = {
  functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:charge',
  place: { kind: 'environment' },
  expiresAt: '2026-05-04T10:25:00.000Z',
  runId: 'run1',
};
const SSM_ARMED: ArmedPlaceSummary = {
  functionArn: 'arn:aws:lambda:us-east-1:111111111111:function:ship',
  place: { kind: 'ssm', parameterName: '/sfn-chaos/ship' },
  expiresAt: '2026-05-04T10:26:00.000Z',
  runId: 'run1',
};

function fakeProcess(): InterruptibleProcess & { emitter: EventEmitter; exits: number[] } {
  const emitter = new EventEmitter();
  const exits: number[] = [];
  return {
    emitter,
    exits,
    on: (event, listener) => emitter.on(event, listener),
    off: (event, listener) => emitter.off(event, listener),
    exit: (code) => void exits.push(code),
  };
}

describe('Function: handleInterruptions', () => {
  it('aborts on the first signal, saying what the target does, and does not exit', () => {
    const proc = fakeProcess();
    let stderr = '';
    let aborted = 0;
    handleInterruptions({
      whenInterrupted: 'finishing the current scenario',
      file: 's.yaml',
      runId: 'run1',
      onFirst: () => (aborted += 1),
      process: proc,
      stderr: { write: (text: string) => (stderr += text) },
    });
    proc.emitter.emit('SIGINT', 'SIGINT');
    expect(aborted).toBe(1);
    expect(proc.exits).toEqual([]);
    expect(stderr).toBe('chaos: SIGINT received, finishing the current scenario and writing results (a second SIGINT exits at once)\n');
  });

  it('on a second signal prints what may still be armed and the disarm commands, then exits 130', () => {
    const proc = fakeProcess();
    let stderr = '';
    handleInterruptions({
      whenInterrupted: 'stopping the running executions (StopExecution), disarming the functions, reporting those scenarios as errors',
      armedNow: () => [ENV_ARMED, SSM_ARMED],
      file: 'scenarios.yaml',
      runId: 'run1',
      onFirst: () => undefined,
      process: proc,
      stderr: { write: (text: string) => (stderr += text) },
    });
    proc.emitter.emit('SIGTERM', 'SIGTERM');
    proc.emitter.emit('SIGINT', 'SIGINT');
    expect(proc.exits).toEqual([130]);
    expect(stderr).toContain('chaos: second SIGINT received, exiting before the disarm is done\n');
    expect(stderr).toContain(
      'function arn:aws:lambda:us-east-1:111111111111:function:charge: the SFN_CHAOS_CONFIG environment variable, until 2026-05-04T10:25:00.000Z',
    );
    expect(stderr).toContain(
      'function arn:aws:lambda:us-east-1:111111111111:function:ship: SSM parameter /sfn-chaos/ship, until 2026-05-04T10:26:00.000Z',
    );
    expect(stderr).toContain('chaos disarm scenarios.yaml --run-id run1 --allow-account 111111111111');
    expect(stderr).toContain(
      'chaos disarm --function arn:aws:lambda:us-east-1:111111111111:function:charge --run-id run1 --allow-account 111111111111',
    );
  });

  it('a target that arms nothing outside the process prints nothing extra on the second signal', () => {
    const proc = fakeProcess();
    let stderr = '';
    handleInterruptions({
      whenInterrupted: 'finishing the current scenario',
      file: 's.yaml',
      runId: 'run1',
      onFirst: () => undefined,
      process: proc,
      stderr: { write: (text: string) => (stderr += text) },
    });
    proc.emitter.emit('SIGINT', 'SIGINT');
    const afterFirst = stderr;
    proc.emitter.emit('SIGINT', 'SIGINT');
    expect(stderr).toBe(afterFirst);
    expect(proc.exits).toEqual([130]);
  });

  it('removes its handlers when the run is over', () => {
    const proc = fakeProcess();
    const stop = handleInterruptions({
      whenInterrupted: 'x',
      file: 's.yaml',
      runId: 'r',
      onFirst: () => undefined,
      process: proc,
      stderr: { write: () => true },
    });
    expect(proc.emitter.listenerCount('SIGINT')).toBe(1);
    stop();
    expect(proc.emitter.listenerCount('SIGINT') + proc.emitter.listenerCount('SIGTERM')).toBe(0);
  });
});

describe('Function: formatStillArmed', () => {
  it('says so when nothing is armed', () => {
    expect(formatStillArmed([], 's.yaml', 'r')).toBe('chaos: nothing is armed on AWS\n');
  });

  it('quotes a file name the shell would split', () => {
    expect(formatStillArmed([ENV_ARMED], 'my scenarios.yaml', 'run1')).toContain("chaos disarm 'my scenarios.yaml' --run-id run1");
  });
});
