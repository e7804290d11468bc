import { beforeEach, describe, expect, it } from '@jest/globals';
import { getBooleanEnv, getConfigEnv, getStringEnv, isChaosDisabled } from '../../src/injectors/env.js';
import { EnvVar } from '../../src/injectors/index.js';

beforeEach(() => {
  delete process.env['SFN_CHAOS_CONFIG'];
  delete process.env['SFN_CHAOS_DISABLED'];
});

describe('Module: env', () => {
  it('lists only SFN_CHAOS_ variables', () => {
    for (const name of Object.values(EnvVar)) expect(name).toMatch(/^SFN_CHAOS_[A-Z_]+$/);
    expect(() => getStringEnv('PATH' as EnvVar)).toThrow('sfn-chaos reads only SFN_CHAOS_* environment variables, not PATH');
  });

  it('treats blank values as unset and trims the rest', () => {
    process.env['SFN_CHAOS_CONFIG'] = '   ';
    expect(getConfigEnv()).toBeUndefined();
    process.env['SFN_CHAOS_CONFIG'] = '  {"faults":[]}\n';
    expect(getConfigEnv()).toBe('{"faults":[]}');
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    [' true ', true],
    ['false', false],
    ['0', false],
    ['no', false],
    ['', false],
    ['enabled', false],
  ])('reads SFN_CHAOS_DISABLED=%j as %s', (value, expected) => {
    process.env['SFN_CHAOS_DISABLED'] = value;
    expect(isChaosDisabled()).toBe(expected);
    expect(getBooleanEnv(EnvVar.Disabled)).toBe(expected);
  });

  it('is off when unset', () => {
    expect(isChaosDisabled()).toBe(false);
  });
});
