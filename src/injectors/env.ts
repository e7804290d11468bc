import { ENV_PREFIX, EnvVar } from './constants.js';

/**
 * The only place the injector reads `process.env`. Every variable carries the `SFN_CHAOS_` prefix;
 * the list lives in {@link EnvVar}. Values are read on each call, never cached, so a test (or the
 * local target) can change them between invocations.
 */

const TRUTHY = new Set(['true', '1', 'yes', 'on']);

/** The trimmed value of an `SFN_CHAOS_*` variable, or `undefined` when unset or blank. */
export function getStringEnv(name: EnvVar): string | undefined {
  if (!name.startsWith(ENV_PREFIX)) {
    throw new Error(`sfn-chaos reads only ${ENV_PREFIX}* environment variables, not ${name}`);
  }
  const value = process.env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** `true` for `true`, `1`, `yes` or `on` (any case); `false` for anything else, including unset. */
export function getBooleanEnv(name: EnvVar): boolean {
  const value = getStringEnv(name);
  return value !== undefined && TRUTHY.has(value.toLowerCase());
}

/** Whether the kill switch `SFN_CHAOS_DISABLED` is on. */
export function isChaosDisabled(): boolean {
  return getBooleanEnv(EnvVar.Disabled);
}

/** The inline JSON config from `SFN_CHAOS_CONFIG`, unparsed; `undefined` when unset. */
export function getConfigEnv(): string | undefined {
  return getStringEnv(EnvVar.Config);
}
