import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import * as generated from './configValidators.generated.js';
import { ChaosConfigError } from './errors.js';
import { chaosConfigSchema, faultRuleSchema } from './schema.js';
import type { ChaosConfig, FaultRule } from './types.js';

/** An Ajv validation function: `errors` holds the failure of the last call that returned false. */
interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// Compiled ahead of time from the schemas (scripts/configValidators.mjs), with verbose errors that carry
// their schema and data, which the messages below quote: a function loads no compiler at cold start.
const validateConfig = generated.validateConfig as unknown as SchemaValidator;
const validateRule = generated.validateRule as unknown as SchemaValidator;

/** How strictly {@link parseChaosConfig} reads a config. */
export interface ParseChaosConfigOptions {
  /**
   * Require `expiresAt` when the config arms any fault (see `armedChaosConfigSchema`). The injector
   * sets this for every config read from outside the code: SSM, `SFN_CHAOS_CONFIG`, the payload.
   */
  requireExpiresAt?: boolean;
}

/**
 * Validates a fault configuration and returns it typed. Throws a {@link ChaosConfigError} that names
 * the offending field (`faults[0].rate: must be <= 1 (got 1.5)`) on the first problem found.
 * Unknown keys are rejected, with a suggestion when they look like a typo.
 *
 * The value is returned as given (not copied), so parse once and do not mutate it afterwards.
 *
 * @example
 * ```ts
 * const config = parseChaosConfig(JSON.parse(process.env.MY_FAULTS ?? '{"faults":[]}'));
 * const handler = withChaos(rawHandler, { config });
 * ```
 */
export function parseChaosConfig(value: unknown, options: ParseChaosConfigOptions = {}): ChaosConfig {
  check(validateConfig, chaosConfigSchema, value, '');
  const config = value as ChaosConfig;
  config.faults.forEach((rule, index) => {
    checkRuleValues(rule, `faults[${index}]`);
  });
  checkUniqueIds(config.faults);
  if (config.expiresAt !== undefined && Number.isNaN(Date.parse(config.expiresAt))) {
    throw new ChaosConfigError('expiresAt', `is not a valid date-time (got ${quote(config.expiresAt)})`);
  }
  // Same rule as armedChaosConfigSchema, checked here so the message names the field itself.
  if (options.requireExpiresAt === true && config.faults.length > 0 && config.expiresAt === undefined) {
    throw new ChaosConfigError(
      'expiresAt',
      'is required when a config read from outside the code (SSM, SFN_CHAOS_CONFIG, the payload) arms a fault',
    );
  }
  return config;
}

/**
 * Validates one fault rule on its own, for callers that assemble a config from parts (such as a
 * scenario file that lists faults per function). `field` prefixes the paths in error messages.
 *
 * @example
 * ```ts
 * const rule = parseFaultRule({ kind: 'error', errorName: 'States.Timeout', attempts: [1] }, 'faults[3]');
 * ```
 */
export function parseFaultRule(value: unknown, field = 'fault'): FaultRule {
  check(validateRule, faultRuleSchema, value, field);
  const rule = value as FaultRule;
  checkRuleValues(rule, field);
  return rule;
}

/** The id a rule is reported under: its own, or `<kind>-<index>`. */
export function faultIdOf(rule: FaultRule, index: number): string {
  return rule.id ?? `${rule.kind}-${index}`;
}

function check(validate: SchemaValidator, schema: object, value: unknown, base: string): void {
  if (validate(value)) return;
  // allErrors is off, so validation stopped at the first failure: the innermost keyword that failed,
  // except for `anyOf`, which lists each branch's failure before its own (the one worth reporting).
  const errors = validate.errors ?? [];
  const error = errors.find((each) => each.keyword === 'anyOf') ?? errors[0];
  if (!error) throw new ChaosConfigError(base || 'config', 'is invalid');
  throw conditionalRuleError(error, schema, base) ?? toConfigError(error, base);
}

/**
 * A failure inside the `then` of an `if`/`then` rule (a requirement that depends on `kind`) is reported
 * with that rule's description, on the object the rule applies to, rather than as the bare inner keyword.
 */
function conditionalRuleError(error: ErrorObject, schema: unknown, base: string): ChaosConfigError | undefined {
  const at = error.schemaPath.lastIndexOf('/then/');
  if (at < 0) return undefined;
  const rule = resolvePointer(schema, error.schemaPath.slice(1, at));
  const description = (rule as { description?: unknown } | undefined)?.description;
  if (typeof description !== 'string') return undefined;
  // Each `properties` step inside `then` descends one level into the data; climb back to the rule's object.
  const depth = error.schemaPath
    .slice(at)
    .split('/')
    .filter((segment) => segment === 'properties').length;
  const instancePath = error.instancePath
    .split('/')
    .slice(0, depth > 0 ? -depth : undefined)
    .join('/');
  return new ChaosConfigError(formatPath(base, instancePath), description);
}

function resolvePointer(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function describedBy(error: ErrorObject): string | undefined {
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : undefined;
}

function toConfigError(error: ErrorObject, base: string): ChaosConfigError {
  const path = formatPath(base, error.instancePath);
  const params = error.params as Record<string, unknown>;
  const got = `(got ${quote(error.data)})`;
  switch (error.keyword) {
    case 'not':
      return new ChaosConfigError(path, describedBy(error) ?? 'is invalid');
    case 'anyOf':
    case 'pattern':
      return new ChaosConfigError(path, `must be ${describedBy(error) ?? 'valid'} ${got}`);
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return new ChaosConfigError(formatPath(path === 'config' ? '' : path, `/${key}`), `unknown key${suggest(key, known)}`);
    }
    case 'required':
      return new ChaosConfigError(formatPath(path === 'config' ? '' : path, `/${String(params['missingProperty'])}`), 'is required');
    case 'type':
      return new ChaosConfigError(path, `must be ${[params['type']].flat().join(' or ')} ${got}`);
    case 'enum':
      return new ChaosConfigError(path, `must be one of ${(params['allowedValues'] as unknown[]).map(quote).join(', ')} ${got}`);
    case 'const':
      return new ChaosConfigError(path, `must be ${quote(params['allowedValue'])} ${got}`);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return new ChaosConfigError(path, `must be ${String(params['comparison'])} ${String(params['limit'])} ${got}`);
    case 'minProperties':
      return new ChaosConfigError(path, `must have at least ${String(params['limit'])} entry(ies)`);
    case 'minItems':
      return new ChaosConfigError(path, `must list at least ${String(params['limit'])} item(s)`);
    case 'maxItems':
      return new ChaosConfigError(path, `must list at most ${String(params['limit'])} item(s)`);
    case 'uniqueItems':
      return new ChaosConfigError(path, `must not repeat a value (got ${quote(error.data)})`);
    case 'minLength':
      return new ChaosConfigError(path, 'must not be empty');
    default:
      return new ChaosConfigError(path, error.message ?? 'is invalid');
  }
}

/** Checks a rule's values against each other, which the schema cannot do. */
function checkRuleValues(rule: FaultRule, field: string): void {
  const latency = rule.latencyMs;
  if (Array.isArray(latency) && latency[0] > latency[1]) {
    throw new ChaosConfigError(`${field}.latencyMs`, `min must not exceed max (got [${latency[0]}, ${latency[1]}])`);
  }
}

function checkUniqueIds(rules: FaultRule[]): void {
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    const id = faultIdOf(rule, index);
    const first = seen.get(id);
    if (first !== undefined) {
      throw new ChaosConfigError(`faults[${index}].id`, `duplicates the id "${id}" of faults[${first}]`);
    }
    seen.set(id, index);
  });
}

/** `/faults/0/latencyMs` under base `''` becomes `faults[0].latencyMs`; the empty path is `config`. */
function formatPath(base: string, pointer: string): string {
  let path = base;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(token)) path += `[${token}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(token)) path += path === '' ? token : `.${token}`;
    else path += `[${JSON.stringify(token)}]`;
  }
  return path === '' ? 'config' : path;
}

function suggest(key: string, known: string[]): string {
  if (known.length === 0) return '';
  const candidate = closest(key, known);
  return distance(key, candidate) <= Math.max(2, Math.floor(key.length / 3)) ? `; did you mean "${candidate}"?` : '';
}

function quote(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
