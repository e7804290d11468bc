import { closest, distance } from 'fastest-levenshtein';
import { ChaosOptionsError } from './errors.js';
import type { WithChaosOptions } from './types.js';

const OPTION_NAMES = ['config', 'ssm', 'payloadOverride', 'sleep', 'now', 'invocationInfo', 'log'] as const;
const FUNCTION_OPTIONS = ['sleep', 'now', 'invocationInfo', 'log'] as const;
const SSM_OPTION_NAMES = ['parameterName', 'ttlMs', 'readTimeoutMs', 'client'] as const;

/**
 * Checks the options of `withChaos` and `chaosMiddleware` when the handler module loads; throws a
 * {@link ChaosOptionsError} naming the first option it cannot use (with a suggestion for a typo).
 *
 * @example
 * ```ts
 * checkOptions({ slep: fakeSleep } as never); // throws: option "slep": unknown option; did you mean "sleep"? …
 * ```
 */
export function checkOptions(options: WithChaosOptions): void {
  if (typeof options !== 'object' || options === null) throw new ChaosOptionsError('options', 'must be an object');
  for (const name of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) {
      const candidate = closest(name, [...OPTION_NAMES]);
      const hint = distance(name, candidate) <= 2 ? `; did you mean "${candidate}"?` : '';
      throw new ChaosOptionsError(name, `unknown option${hint} (known: ${OPTION_NAMES.join(', ')})`);
    }
  }
  for (const name of FUNCTION_OPTIONS) {
    if (options[name] !== undefined && typeof options[name] !== 'function') throw new ChaosOptionsError(name, 'must be a function');
  }
  const config: unknown = options.config;
  if (config !== undefined && typeof config !== 'function' && (typeof config !== 'object' || config === null)) {
    throw new ChaosOptionsError('config', 'must be a config object or a function returning one');
  }
  if (options.payloadOverride !== undefined && typeof options.payloadOverride !== 'boolean') {
    throw new ChaosOptionsError('payloadOverride', 'must be true or false');
  }
  checkSsmOptions(options.ssm);
}

function checkSsmOptions(ssm: unknown): void {
  if (ssm === undefined) return;
  if (typeof ssm !== 'object' || ssm === null) throw new ChaosOptionsError('ssm', 'must be an object');
  for (const name of Object.keys(ssm)) {
    if (!(SSM_OPTION_NAMES as readonly string[]).includes(name)) {
      throw new ChaosOptionsError(`ssm.${name}`, `unknown option (known: ${SSM_OPTION_NAMES.join(', ')})`);
    }
  }
  const { parameterName, ttlMs, readTimeoutMs, client } = ssm as Record<string, unknown>;
  if (parameterName !== undefined && (typeof parameterName !== 'string' || parameterName.trim() === '')) {
    throw new ChaosOptionsError('ssm.parameterName', 'must be a non-empty string');
  }
  if (ttlMs !== undefined && !(typeof ttlMs === 'number' && ttlMs >= 0))
    throw new ChaosOptionsError('ssm.ttlMs', 'must be a number of milliseconds (0 or more)');
  if (readTimeoutMs !== undefined && !(typeof readTimeoutMs === 'number' && readTimeoutMs > 0)) {
    throw new ChaosOptionsError('ssm.readTimeoutMs', 'must be a number of milliseconds above 0');
  }
  if (client !== undefined && typeof (client as { send?: unknown } | null)?.send !== 'function') {
    throw new ChaosOptionsError('ssm.client', 'must have a send(command) method, as SSMClient does');
  }
}
