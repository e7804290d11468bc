import { describe, expect, it } from '@jest/globals';
import { Ajv } from 'ajv';
import { FAULT_KIND_NAMES, FAULT_KINDS, faultKindOf, isFaultKind } from '../../src/injectors/faultKinds/index.js';
import { kindRuleConditions, scenarioKeyOwners } from '../../src/injectors/faultKinds/schemaFragments.js';
import { withChaos } from '../../src/injectors/index.js';
import type { FaultRule, LambdaContextLike } from '../../src/injectors/index.js';
import { faultRuleSchema } from '../../src/injectors/schema.js';
import { scenarioFileSchema } from '../../src/scenarios/schema.js';
import { captureLog, fakeSleep, lambdaContext } from './helpers.js';

/** One valid rule of each kind, as small as its entry allows. */
const SAMPLE_RULES: Record<(typeof FAULT_KIND_NAMES)[number], FaultRule> = {
  error: { kind: 'error', errorName: 'HTTPError' },
  throttle: { kind: 'throttle' },
  timeout: { kind: 'timeout', durationMs: 5000 },
  latency: { kind: 'latency', latencyMs: [100, 200] },
};

const validateRule = new Ajv({ allowUnionTypes: true }).compile(faultRuleSchema);
const scenarioFault = scenarioFileSchema.properties.scenarios.items.properties.faults.items;

describe('the fault-kind table', () => {
  it('files each entry under its own kind', () => {
    for (const [key, entry] of Object.entries(FAULT_KINDS)) expect(entry.kind).toBe(key);
    expect(FAULT_KIND_NAMES.every(isFaultKind)).toBe(true);
    expect(isFaultKind('toString')).toBe(false);
  });

  it('is where the fault config schema gets its kinds, fields and per-kind rules', () => {
    expect(faultRuleSchema.properties.kind.enum).toEqual(FAULT_KIND_NAMES);
    for (const kind of FAULT_KIND_NAMES) {
      for (const [field, schema] of Object.entries(FAULT_KINDS[kind].ruleFields)) {
        expect((faultRuleSchema.properties as Record<string, unknown>)[field]).toBe(schema);
      }
    }
    expect(faultRuleSchema.allOf.slice(1)).toEqual(kindRuleConditions());
  });

  it("is where the scenario file schema gets each kind's keys", () => {
    for (const kind of FAULT_KIND_NAMES) {
      for (const [key, schema] of Object.entries(FAULT_KINDS[kind].scenarioFields)) {
        expect((scenarioFault.properties as Record<string, unknown>)[key]).toBe(schema);
      }
      expect(Object.keys(FAULT_KINDS[kind].scenarioFields)).toContain(FAULT_KINDS[kind].scenarioKey);
    }
    expect(scenarioKeyOwners().get('message')).toEqual(['error', 'throttle']);
  });

  it('derives "applies only" rules that name every kind a shared field belongs to', () => {
    const message = kindRuleConditions().find((rule) => rule['description'] === '"message" applies only to kinds "error" and "throttle"');
    expect(message).toEqual({
      description: '"message" applies only to kinds "error" and "throttle"',
      if: { required: ['message'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
      then: { properties: { kind: { enum: ['error', 'throttle'] } } },
    });
  });

  it.each(FAULT_KIND_NAMES)('has a valid sample %s rule, whose fields are its own', (kind) => {
    const rule = SAMPLE_RULES[kind];
    expect(validateRule(rule)).toBe(true);
    const own = Object.keys(FAULT_KINDS[kind].ruleFields);
    expect(
      Object.keys(rule)
        .filter((field) => field !== 'kind')
        .every((field) => own.includes(field)),
    ).toBe(true);
  });

  it.each(FAULT_KIND_NAMES)(
    'raises, when a %s fault is applied, only an error name its entry says Step Functions may report',
    async (kind) => {
      const rule = SAMPLE_RULES[kind];
      const capture = captureLog();
      const handler = withChaos(async (_event: unknown, _context: LambdaContextLike) => 'ran', {
        config: { faults: [rule] },
        sleep: fakeSleep().sleep,
        log: capture.log,
      });
      const outcome = await handler({}, lambdaContext(60_000)).then(
        () => null,
        (error: unknown) => (error as Error).name,
      );
      const raised = faultKindOf(kind).errorNamesRaised(rule);
      const [line] = capture.ledger();
      expect(line?.['kind']).toBe(kind);
      if (outcome === null) {
        // Nothing raised: the kind must say it breaks no attempt, and must let later rules fire.
        expect(raised).toEqual([]);
        expect(line?.['errorName']).toBeNull();
        expect(FAULT_KINDS[kind].endsInvocation).toBe(false);
      } else {
        expect(raised).toContain(outcome);
        expect(line?.['errorName']).toBe(outcome);
        expect(FAULT_KINDS[kind].endsInvocation).toBe(true);
      }
    },
  );

  it.each(FAULT_KIND_NAMES)('plans, for fromPlan: true on a %s fault, an error its entry says Step Functions may report', (kind) => {
    const planned = faultKindOf(kind).plannedFailure(SAMPLE_RULES[kind], {
      functionKey: 'charge',
      stateTimeoutSeconds: 3,
      functionTimeoutSeconds: 10,
      nameInstead: 'or name the error instead',
    });
    if ('problem' in planned) {
      expect(faultKindOf(kind).errorNamesRaised(SAMPLE_RULES[kind])).toEqual([]);
      expect(planned.problem).toMatch(/^fromPlan: true/);
    } else {
      expect(faultKindOf(kind).errorNamesRaised(SAMPLE_RULES[kind])).toContain(planned.errorName);
    }
  });
});
