import type { JsonSchemaFragment } from './FaultKindDefinition.js';
import { FAULT_KINDS, FAULT_KIND_NAMES, faultKindOf, type FaultKind } from './index.js';

/**
 * The parts of the fault config and scenario file schemas that come from the fault-kind table: each
 * kind's fields, merged in table order, and the rules that tie a field to the kinds that read it.
 */

/** Field name to the kinds that read it, in table order. */
function ownersOf(fieldsOf: (kind: FaultKind) => Readonly<Record<string, JsonSchemaFragment>>): Map<string, FaultKind[]> {
  const owners = new Map<string, FaultKind[]>();
  for (const kind of FAULT_KIND_NAMES) {
    for (const field of Object.keys(fieldsOf(kind))) owners.set(field, [...(owners.get(field) ?? []), kind]);
  }
  return owners;
}

/** Every kind's fields in one mapping; a field two kinds share must be one schema object. */
function mergeFields(fieldsOf: (kind: FaultKind) => Readonly<Record<string, JsonSchemaFragment>>): Record<string, JsonSchemaFragment> {
  const merged: Record<string, JsonSchemaFragment> = {};
  for (const kind of FAULT_KIND_NAMES) {
    for (const [field, schema] of Object.entries(fieldsOf(kind))) {
      const known = merged[field];
      if (known !== undefined && known !== schema)
        throw new Error(
          `fault kind "${kind}" gives field "${field}" a schema of its own; kinds that share a field must share its schema object`,
        );
      merged[field] = schema;
    }
  }
  return merged;
}

const ruleFieldsOf = (kind: FaultKind): Readonly<Record<string, JsonSchemaFragment>> => FAULT_KINDS[kind].ruleFields;
const scenarioFieldsOf = (kind: FaultKind): Readonly<Record<string, JsonSchemaFragment>> => FAULT_KINDS[kind].scenarioFields;

/**
 * The fault config's kind-specific rule fields (`errorName`, `durationMs`, …) with their schemas.
 *
 * @example
 * ```ts
 * const properties = { id, kind, ...kindRuleProperties(), match, rate, attempts };
 * ```
 */
export function kindRuleProperties(): Record<string, JsonSchemaFragment> {
  return mergeFields(ruleFieldsOf);
}

/** `"a"`, `"a" and "b"`, `"a", "b" and "c"`. */
function quotedList(names: readonly string[]): string {
  const quoted = names.map((name) => `"${name}"`);
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
}

/**
 * The `allOf` rules of a fault rule that depend on its kind: the fields each kind requires, then, per
 * field, the kinds it applies to. Each `description` is the message reported when the rule is broken.
 *
 * @example
 * ```ts
 * kindRuleConditions()[0].description; // '"errorName" is required when kind is "error"'
 * ```
 */
export function kindRuleConditions(): JsonSchemaFragment[] {
  const required = FAULT_KIND_NAMES.flatMap((kind) =>
    (faultKindOf(kind).requiredRuleFields ?? []).map((field) => ({
      description: `"${field}" is required when kind is "${kind}"`,
      if: { required: ['kind'], properties: { kind: { const: kind } } },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
      then: { required: [field] },
    })),
  );
  const appliesOnly = [...ownersOf(ruleFieldsOf)].map(([field, kinds]) => ({
    description: `"${field}" applies only to ${kinds.length === 1 ? 'kind' : 'kinds'} ${quotedList(kinds)}`,
    if: { required: [field] },
    // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
    then: { properties: { kind: kinds.length === 1 ? { const: kinds[0] } : { enum: kinds } } },
  }));
  return [...required, ...appliesOnly];
}

/**
 * The scenario file's kind-specific fault keys (`error:`, `message:`, `throttle:`, …) with their schemas.
 *
 * @example
 * ```ts
 * const properties = { id, function, ...kindScenarioProperties(), rate, attempts, match };
 * ```
 */
export function kindScenarioProperties(): Record<string, JsonSchemaFragment> {
  return mergeFields(scenarioFieldsOf);
}

/**
 * Per scenario-file fault key, the kinds that read it, in table order (`message` → error, throttle).
 *
 * @example
 * ```ts
 * scenarioKeyOwners().get('message'); // ['error', 'throttle']
 * ```
 */
export function scenarioKeyOwners(): ReadonlyMap<string, readonly FaultKind[]> {
  return ownersOf(scenarioFieldsOf);
}
