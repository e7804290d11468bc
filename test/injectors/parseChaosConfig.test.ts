import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { ExitCode, InvalidInputError } from '../../src/errors.js';
import {
  ChaosConfigError,
  armedChaosConfigSchema,
  chaosConfigSchema,
  faultRuleSchema,
  parseChaosConfig,
  parseFaultRule,
} from '../../src/injectors/index.js';

function problemOf(value: unknown): { field: string; message: string } {
  try {
    parseChaosConfig(value);
  } catch (error) {
    if (error instanceof ChaosConfigError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected parseChaosConfig to reject the value');
}

describe('Function: parseChaosConfig (armed from outside the code)', () => {
  const validateArmed = new Ajv({ allowUnionTypes: true }).compile(armedChaosConfigSchema);
  it.each([
    [{ faults: [{ kind: 'throttle' }] }, false],
    [{ faults: [{ kind: 'throttle' }], expiresAt: '2026-12-01T00:00:00Z' }, true],
    [{ faults: [] }, true],
    [{ faults: [{ kind: 'error', errorName: 'E', match: { '$.orderId': 'o-1' } }], expiresAt: '2026-12-01T00:00:00Z', runId: 'r' }, true],
  ])('requires expiresAt on %j exactly when armedChaosConfigSchema does (%s)', (config, accepted) => {
    expect(validateArmed(config)).toBe(accepted);
    const parse = () => parseChaosConfig(config, { requireExpiresAt: true });
    if (accepted) expect(parse()).toBe(config);
    else
      expect(parse).toThrow(
        new ChaosConfigError(
          'expiresAt',
          'is required when a config read from outside the code (SSM, SFN_CHAOS_CONFIG, the payload) arms a fault',
        ),
      );
    expect(parseChaosConfig(config)).toBe(config);
  });
});

describe('Function: parseChaosConfig', () => {
  it('returns a valid config as given', () => {
    const config = {
      seed: 'scenario-1',
      expiresAt: '2026-12-01T00:00:00Z',
      runId: 'run-1',
      scenarioId: 'retries-doubles',
      faults: [
        { id: 'dice', kind: 'error', errorName: 'function.DoublesRolledError', message: 'doubles', attempts: [1, 2] },
        { kind: 'throttle', rate: 0.25, message: 'Rate Exceeded.' },
        { kind: 'timeout', durationMs: 5000 },
        { kind: 'latency', latencyMs: [100, 300] },
        { kind: 'latency', latencyMs: 50 },
      ],
    };
    expect(parseChaosConfig(config)).toBe(config);
    expect(parseChaosConfig({ faults: [] })).toEqual({ faults: [] });
  });

  it.each([
    [null, 'config', 'config: must be object (got null)'],
    [[], 'config', 'config: must be object (got [])'],
    [{}, 'faults', 'faults: is required'],
    [{ faults: [], sed: 1 }, 'sed', 'sed: unknown key; did you mean "seed"?'],
    [{ faults: [{ kind: 'throttle', rat: 0.5 }] }, 'faults[0].rat', 'faults[0].rat: unknown key; did you mean "rate"?'],
    [{ faults: [{ kind: 'throttle', color: 'red' }] }, 'faults[0].color', 'faults[0].color: unknown key'],
    [{ faults: [{ rate: 0.5 }] }, 'faults[0].kind', 'faults[0].kind: is required'],
    [
      { faults: [{ kind: 'explode' }] },
      'faults[0].kind',
      'faults[0].kind: must be one of "error", "throttle", "timeout", "latency" (got "explode")',
    ],
    [{ faults: [{ kind: 'throttle', rate: 1.5 }] }, 'faults[0].rate', 'faults[0].rate: must be <= 1 (got 1.5)'],
    [{ faults: [{ kind: 'throttle', rate: -0.1 }] }, 'faults[0].rate', 'faults[0].rate: must be >= 0 (got -0.1)'],
    [{ faults: [{ kind: 'throttle', rate: '0.5' }] }, 'faults[0].rate', 'faults[0].rate: must be number (got "0.5")'],
    [{ faults: [{ kind: 'throttle', attempts: [0] }] }, 'faults[0].attempts[0]', 'faults[0].attempts[0]: must be >= 1 (got 0)'],
    [{ faults: [{ kind: 'throttle', attempts: [1.5] }] }, 'faults[0].attempts[0]', 'faults[0].attempts[0]: must be integer (got 1.5)'],
    [{ faults: [{ kind: 'throttle', attempts: [] }] }, 'faults[0].attempts', 'faults[0].attempts: must list at least 1 item(s)'],
    [{ faults: [{ kind: 'throttle', attempts: [2, 2] }] }, 'faults[0].attempts', 'faults[0].attempts: must not repeat a value (got [2,2])'],
    [
      { faults: [{ kind: 'throttle', rate: 0.5, attempts: [1] }] },
      'faults[0]',
      'faults[0]: "rate" and "attempts" cannot be combined; give one of them, or neither to fire on every invocation',
    ],
    [{ faults: [{ kind: 'error' }] }, 'faults[0]', 'faults[0]: "errorName" is required when kind is "error"'],
    [{ faults: [{ kind: 'error', errorName: '' }] }, 'faults[0].errorName', 'faults[0].errorName: must not be empty'],
    [{ faults: [{ kind: 'latency' }] }, 'faults[0]', 'faults[0]: "latencyMs" is required when kind is "latency"'],
    [{ faults: [{ kind: 'throttle', errorName: 'X' }] }, 'faults[0]', 'faults[0]: "errorName" applies only to kind "error"'],
    [{ faults: [{ kind: 'timeout', message: 'slow' }] }, 'faults[0]', 'faults[0]: "message" applies only to kinds "error" and "throttle"'],
    [{ faults: [{ kind: 'latency', latencyMs: 5, durationMs: 5 }] }, 'faults[0]', 'faults[0]: "durationMs" applies only to kind "timeout"'],
    [{ faults: [{ kind: 'timeout', latencyMs: 5 }] }, 'faults[0]', 'faults[0]: "latencyMs" applies only to kind "latency"'],
    [
      { faults: [{ kind: 'latency', latencyMs: [100] }] },
      'faults[0].latencyMs',
      'faults[0].latencyMs: must be a delay in milliseconds, either a number or a [min, max] pair (got [100])',
    ],
    [
      { faults: [{ kind: 'latency', latencyMs: [300, 100] }] },
      'faults[0].latencyMs',
      'faults[0].latencyMs: min must not exceed max (got [300, 100])',
    ],
    [{ faults: [{ kind: 'timeout', durationMs: -1 }] }, 'faults[0].durationMs', 'faults[0].durationMs: must be >= 0 (got -1)'],
    [{ faults: [], seed: 1.5 }, 'seed', 'seed: must be integer or string (got 1.5)'],
    [
      { faults: [], expiresAt: 'tomorrow' },
      'expiresAt',
      'expiresAt: must be an ISO-8601 date-time such as "2026-12-01T00:00:00Z", after which nothing is injected (got "tomorrow")',
    ],
    [{ faults: [], expiresAt: '2026-13-45T99:99:00Z' }, 'expiresAt', 'expiresAt: is not a valid date-time (got "2026-13-45T99:99:00Z")'],
    [
      { faults: [{ id: 'throttle-1', kind: 'throttle' }, { kind: 'throttle' }] },
      'faults[1].id',
      'faults[1].id: duplicates the id "throttle-1" of faults[0]',
    ],
    [
      { faults: [{ kind: 'error', errorName: 'E', cause: { name: 'Other' } }] },
      'faults[0].cause',
      'faults[0].cause: must not set "name", "message", "stack", "cause", "faultId", "faultKind", which the error sets itself',
    ],
    [{ faults: [{ kind: 'throttle', cause: { statusCode: 429 } }] }, 'faults[0]', 'faults[0]: "cause" applies only to kind "error"'],
    [
      { faults: [{ kind: 'throttle', match: { orderId: 'o-1' } }] },
      'faults[0].match',
      'faults[0].match: must be a JSONPath starting with "$", such as "$.orderId" (got "orderId")',
    ],
    [{ faults: [{ kind: 'throttle', match: {} }] }, 'faults[0].match', 'faults[0].match: must have at least 1 entry(ies)'],
    [
      { faults: [{ kind: 'throttle', match: { '$.orderId': { prefix: 'o-', equals: 'o-1' } } }] },
      'faults[0].match["$.orderId"]',
      'faults[0].match["$.orderId"]: must be a condition: a string, number, boolean or null to equal, or one of { "equals": value }, { "anyOf": [values] }, { "prefix": "text" }, { "exists": true|false } (got {"prefix":"o-","equals":"o-1"})',
    ],
  ])('rejects %j naming %s', (value, field, message) => {
    expect(problemOf(value)).toEqual({ field, message });
  });

  it('throws an invalid-input error the CLI maps to its exit code', () => {
    let caught: unknown;
    try {
      parseChaosConfig({ faults: 'none' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect(caught).toMatchObject({ name: 'ChaosConfigError', exitCode: ExitCode.InvalidInput, field: 'faults' });
  });

  it('only ever throws ChaosConfigError, and accepts what the JSON Schema accepts, minus its own cross-field checks', () => {
    const validate = new Ajv({ allowUnionTypes: true }).compile(chaosConfigSchema);
    const nearlyValid = fc.record(
      {
        faults: fc.array(
          fc.record(
            {
              kind: fc.constantFrom('error', 'throttle', 'timeout', 'latency', 'boom'),
              errorName: fc.string(),
              rate: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
              attempts: fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 }),
              latencyMs: fc.oneof(fc.integer({ min: -5, max: 500 }), fc.tuple(fc.nat(500), fc.nat(500))),
              durationMs: fc.integer({ min: -5, max: 5000 }),
              message: fc.string(),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 4 },
        ),
        seed: fc.oneof(fc.integer(), fc.string(), fc.double()),
        expiresAt: fc.oneof(fc.constant('2026-12-01T00:00:00Z'), fc.string()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), nearlyValid), (value) => {
        let rejection: ChaosConfigError | undefined;
        try {
          parseChaosConfig(value);
        } catch (error) {
          expect(error).toBeInstanceOf(ChaosConfigError);
          rejection = error as ChaosConfigError;
        }
        const schemaAccepts = validate(value);
        if (rejection === undefined) expect(schemaAccepts).toBe(true);
        else if (schemaAccepts) expect(rejection.problem).toMatch(/^(min must not exceed max|is not a valid date-time|duplicates the id)/);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every well-formed config', () => {
    const rule = fc.oneof(
      fc.record({
        kind: fc.constant('error'),
        errorName: fc.string({ minLength: 1 }),
        message: fc.string(),
        rate: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      fc.record({ kind: fc.constant('throttle'), attempts: fc.uniqueArray(fc.integer({ min: 1, max: 20 }), { minLength: 1 }) }),
      fc.record({ kind: fc.constant('timeout'), durationMs: fc.nat() }, { requiredKeys: ['kind'] }),
      fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => ({ kind: 'latency', latencyMs: [Math.min(a, b), Math.max(a, b)] })),
    );
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 6 }), fc.oneof(fc.integer(), fc.string()), (faults, seed) => {
        expect(() => parseChaosConfig({ faults, seed })).not.toThrow();
      }),
    );
  });
});

describe('Function: parseFaultRule', () => {
  it('validates one rule and prefixes paths with the given field', () => {
    const rule = { kind: 'error', errorName: 'States.Timeout', attempts: [1] };
    expect(parseFaultRule(rule)).toBe(rule);
    expect(() => parseFaultRule({ kind: 'throttle', rate: 3 }, 'functions.dice.faults[2]')).toThrow(
      'functions.dice.faults[2].rate: must be <= 1 (got 3)',
    );
    expect(() => parseFaultRule({ kind: 'latency', latencyMs: [9, 1] })).toThrow('fault.latencyMs: min must not exceed max');
  });
});

describe('Constant: chaosConfigSchema', () => {
  it('compiles under Ajv and shares the fault rule schema', () => {
    const ajv = new Ajv({ allowUnionTypes: true });
    expect(ajv.validateSchema(chaosConfigSchema)).toBe(true);
    expect(ajv.compile(faultRuleSchema)({ kind: 'timeout' })).toBe(true);
    expect(chaosConfigSchema.properties.faults.items).toBe(faultRuleSchema);
  });
});
