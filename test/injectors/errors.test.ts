import { describe, expect, it } from '@jest/globals';
import { ExitCode, InvalidInputError } from '../../src/errors.js';
import {
  ChaosConfigError,
  ChaosOptionsError,
  InjectedFaultError,
  InjectedThrottleError,
  InjectedTimeoutError,
} from '../../src/injectors/index.js';

describe('Module: injector errors', () => {
  it('gives an injected error exactly the configured name, whatever the class', () => {
    const error = new InjectedFaultError('Lambda.ServiceException', 'boom', { faultId: 'svc', kind: 'error' });
    expect(error.name).toBe('Lambda.ServiceException');
    expect(Object.prototype.toString.call(error)).toBe('[object Error]');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ faultId: 'svc', faultKind: 'error', message: 'boom' });
  });

  it('builds throttle and timeout errors the way Lambda names and words them', () => {
    const throttle = new InjectedThrottleError({ faultId: 'throttle-0', kind: 'throttle' });
    expect([throttle.name, throttle.message]).toEqual(['Lambda.TooManyRequestsException', 'Rate Exceeded.']);
    const timeout = new InjectedTimeoutError({ faultId: 'timeout-0', kind: 'timeout' }, 3000, 'c0ffee');
    expect([timeout.name, timeout.message, timeout.hangMs]).toEqual([
      'Sandbox.Timedout',
      'RequestId: c0ffee Error: Task timed out after 3.00 seconds',
      3000,
    ]);
    expect(timeout).toBeInstanceOf(InjectedFaultError);
  });

  it('reports config and option problems as invalid input, naming the field', () => {
    const config = new ChaosConfigError('faults[0].rate', 'must be <= 1 (got 2)');
    expect(config).toBeInstanceOf(InvalidInputError);
    expect([config.name, config.message, config.field, config.exitCode]).toEqual([
      'ChaosConfigError',
      'faults[0].rate: must be <= 1 (got 2)',
      'faults[0].rate',
      ExitCode.InvalidInput,
    ]);
    const option = new ChaosOptionsError('slep', 'unknown option');
    expect([option.name, option.option, option.message]).toEqual(['ChaosOptionsError', 'slep', 'option "slep": unknown option']);
  });
});
