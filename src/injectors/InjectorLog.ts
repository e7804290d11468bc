import { LogEvent, WarningCode } from './constants.js';
import { describeError } from './describeError.js';
import type { ChaosConfigError } from './errors.js';
import type { LambdaContextLike } from './types.js';

/**
 * Where one wrapped handler's ledger lines and warnings go: the `log` option, guarded so that a
 * failing logger changes nothing, with each warning written only the first time it is met.
 *
 * @example
 * ```ts
 * const log = new InjectorLog(logJsonLine);
 * log.warnFailure(context, new Error('boom')); // one WARN line; the same failure again stays silent
 * ```
 */
export class InjectorLog {
  readonly #log: (line: Record<string, unknown>) => void;
  readonly #warned = new Set<string>();

  constructor(log: (line: Record<string, unknown>) => void) {
    this.#log = log;
  }

  /** The injector failed: nothing is injected and the handler runs untouched. */
  warnFailure(context: LambdaContextLike, error: unknown): void {
    this.warnOnce(WarningCode.InjectorFailed, context, {
      message: `the injector failed and injected nothing; the handler runs untouched: ${describeError(error)}`,
    });
  }

  /** The config from `source` failed validation: nothing is injected. */
  warnInvalidConfig(context: LambdaContextLike, source: string, error: ChaosConfigError): void {
    this.warnOnce(WarningCode.InvalidConfig, context, {
      message: `ignoring the fault config from ${source}, nothing is injected: ${error.message}`,
      source,
      field: error.field,
    });
  }

  /** Writes a warning the first time this wrapped handler meets it; repeats stay silent. */
  warnOnce(
    code: string,
    context: LambdaContextLike,
    details: { message: string } & Record<string, unknown>,
    onceKey = details.message,
  ): void {
    const key = `${code}\u0000${onceKey}`;
    if (this.#warned.has(key)) return;
    this.#warned.add(key);
    this.emit({
      sfnChaos: LogEvent.Warning,
      level: 'WARN',
      code,
      ...details,
      functionName: stringOrNull(context.functionName),
      awsRequestId: stringOrNull(context.awsRequestId),
    });
  }

  /** Writes one line; a logger that throws loses the line and nothing else. */
  emit(line: Record<string, unknown>): void {
    try {
      this.#log(line);
    } catch {
      // A failing logger must not change what the handler returns; the line is lost.
    }
  }
}

/**
 * The default `log` option: one JSON line on standard output, where Lambda sends it to CloudWatch Logs.
 *
 * @example
 * ```ts
 * logJsonLine({ sfnChaos: 'warning', code: 'invalid-config' }); // {"sfnChaos":"warning","code":"invalid-config"}
 * ```
 */
export function logJsonLine(line: Record<string, unknown>): void {
  console.log(JSON.stringify(line));
}

/**
 * A context or invocation fact as a log line carries it: the string, or `null` for anything else.
 *
 * @example
 * ```ts
 * stringOrNull(context.functionName); // "checkout" or null
 * ```
 */
export function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
