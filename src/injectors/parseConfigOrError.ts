import { EnvVar } from './constants.js';
import { describeError } from './describeError.js';
import { ChaosConfigError } from './errors.js';
import { parseChaosConfig } from './parseChaosConfig.js';
import type { ChaosConfig } from './types.js';

/**
 * Runs a parse and gives its failure back as a value: a {@link ChaosConfigError} as thrown, anything
 * else wrapped in one for the whole `config`.
 *
 * @example
 * ```ts
 * const result = parseOrError(() => parseChaosConfig(value));
 * if (result instanceof ChaosConfigError) console.warn(result.field);
 * ```
 */
export function parseOrError(parse: () => ChaosConfig): ChaosConfig | ChaosConfigError {
  try {
    return parse();
  } catch (error) {
    return error instanceof ChaosConfigError ? error : new ChaosConfigError('config', describeError(error), { cause: error });
  }
}

/**
 * The config in `SFN_CHAOS_CONFIG`: JSON, and armed from outside the code, so `expiresAt` is required.
 *
 * @example
 * ```ts
 * parseEnvConfig('{"faults": [}'); // ChaosConfigError: SFN_CHAOS_CONFIG: is not valid JSON (…)
 * ```
 */
export function parseEnvConfig(raw: string): ChaosConfig | ChaosConfigError {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return new ChaosConfigError(EnvVar.Config, `is not valid JSON (${describeError(error)})`);
  }
  return parseOrError(() => parseChaosConfig(value, { requireExpiresAt: true }));
}
