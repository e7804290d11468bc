import { ENV_PREFIX, EnvVar } from './constants.js';

/**
 * The only place the injector reads `process.env`. Every variable carries the `SFN_CHAOS_` prefix;
 * the list lives in {@link EnvVar}. The getters below read on each call; the injector itself goes
 * through {@link getChaosEnvironment}, which reads once per process (see there why).
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

/** The SSM parameter name from `SFN_CHAOS_SSM_PARAMETER`; `undefined` when unset. */
export function getSsmParameterEnv(): string | undefined {
  return getStringEnv(EnvVar.SsmParameter);
}

/**
 * `SFN_CHAOS_SSM_TTL_SECONDS` in milliseconds; `undefined` when unset, and also when it is not a
 * number of seconds (0 or more), so that a typo falls back to the default rather than to "never refresh".
 */
export function getSsmTtlMsEnv(): number | undefined {
  const value = getStringEnv(EnvVar.SsmTtlSeconds);
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** The `SFN_CHAOS_*` variables the injector acts on, read together. */
export interface ChaosEnvironment {
  disabled: boolean;
  config: string | undefined;
  ssmParameter: string | undefined;
  ssmTtlMs: number | undefined;
}

let snapshot: ChaosEnvironment | undefined;

/**
 * The injector's view of its environment variables, read once and then kept. Reading `process.env`
 * costs over 100 ns a variable, which would be most of the injector's cost on every invocation; and in
 * Lambda the variables cannot change during an execution environment's life (changing them starts new
 * environments), so one read per process is exact there. Code that changes them in a running process
 * (tests, a local tool) calls {@link refreshChaosEnvironment} afterwards.
 */
export function getChaosEnvironment(): ChaosEnvironment {
  return (snapshot ??= {
    disabled: isChaosDisabled(),
    config: getConfigEnv(),
    ssmParameter: getSsmParameterEnv(),
    ssmTtlMs: getSsmTtlMsEnv(),
  });
}

/**
 * Makes the injector read its `SFN_CHAOS_*` environment variables again on the next invocation.
 * Only needed when they change inside a running process; in Lambda they never do.
 *
 * @example
 * ```ts
 * process.env.SFN_CHAOS_DISABLED = 'true';
 * refreshChaosEnvironment(); // the kill switch applies from the next invocation on
 * ```
 */
export function refreshChaosEnvironment(): void {
  snapshot = undefined;
}
