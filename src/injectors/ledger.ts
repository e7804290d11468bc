import type { ConfigSource } from './constants.js';
import { LogEvent } from './constants.js';
import type { FaultTrigger } from './selectFaults.js';
import type { FaultKind } from './types.js';

/**
 * One line of the fault ledger: written (as a single JSON log line) each time the injector injects a
 * fault, before the fault takes effect, so that even an invocation that is stopped mid-hang leaves its
 * line behind. Values the injector does not know are `null`, so every line has the same keys.
 */
export type FaultLedgerEntry = {
  sfnChaos: typeof LogEvent.FaultInjected;
  /** Which config source armed the fault: `payload`, `options`, `ssm` or `env`. */
  configSource: ConfigSource;
  faultId: string;
  kind: FaultKind;
  /** The error name the fault raises: the configured name, `Lambda.TooManyRequestsException`, `Sandbox.Timedout`; `null` for latency. */
  errorName: string | null;
  errorMessage: string | null;
  /** `latency`: the delay added; `timeout`: how long the invocation hangs. */
  delayMs: number | null;
  trigger: FaultTrigger;
  /** 1-based attempt (`$$.State.RetryCount + 1`), when known. */
  attempt: number | null;
  runId: string | null;
  scenarioId: string | null;
  functionName: string | null;
  awsRequestId: string | null;
  executionArn: string | null;
  stateName: string | null;
  /** When the fault was injected (ISO-8601, from the `now` option). */
  timestamp: string;
};

/**
 * Finds a fault-ledger entry in one log line, as written by the injector or as Lambda stores it in
 * CloudWatch Logs: the bare JSON line, the text format (`<time>\t<requestId>\tINFO\t{...}`), or the
 * JSON log format, where the line sits in `message`. Returns `undefined` for any other line.
 *
 * @example
 * ```ts
 * const entries = events.map((event) => readFaultLedgerEntry(event.message ?? '')).filter((entry) => entry !== undefined);
 * ```
 */
export function readFaultLedgerEntry(line: string | Record<string, unknown>): FaultLedgerEntry | undefined {
  const record = typeof line === 'string' ? parseEmbeddedJson(line) : line;
  if (record === undefined) return undefined;
  if (isFaultLedgerEntry(record)) return record;
  const message = record['message'];
  if (typeof message === 'string' || (typeof message === 'object' && message !== null && !Array.isArray(message))) {
    return readFaultLedgerEntry(message as string | Record<string, unknown>);
  }
  return undefined;
}

/**
 * Whether a parsed log record is a fault-ledger entry.
 *
 * @example
 * ```ts
 * const injected = lines.filter(isFaultLedgerEntry).map((entry) => entry.faultId);
 * ```
 */
export function isFaultLedgerEntry(value: unknown): value is FaultLedgerEntry {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return record['sfnChaos'] === LogEvent.FaultInjected && typeof record['faultId'] === 'string' && typeof record['kind'] === 'string';
}

function parseEmbeddedJson(line: string): Record<string, unknown> | undefined {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(line.slice(start));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
