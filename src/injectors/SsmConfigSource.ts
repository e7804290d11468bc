import { ChaosConfigError } from './errors.js';
import { parseChaosConfig } from './parseChaosConfig.js';
import type { SsmGetParameterClient } from './SsmGetParameterClient.js';
import type { ChaosConfig } from './types.js';

/** What a read of the parameter gave: a config, a config that failed validation, or nothing armed. */
export type SsmConfigValue = ChaosConfig | ChaosConfigError | undefined;

/** A read that did not produce a value: the parameter is missing, or SSM could not be reached. */
export interface SsmReadFailure {
  reason: 'not-found' | 'unreadable';
  parameterName: string;
  error: unknown;
}

export type { SsmGetParameterClient } from './SsmGetParameterClient.js';

export interface SsmConfigSourceOptions {
  parameterName: string;
  ttlMs: number;
  readTimeoutMs: number;
  /** Default: an `SSMClient` for the function's region, created (and its module loaded) on first read. */
  client?: SsmGetParameterClient | undefined;
}

/**
 * The fault config kept in an SSM parameter, read with a time-to-live:
 *
 * - The first call has nothing to serve, so it returns a promise of the first read; concurrent first
 *   calls share that one read.
 * - Within the TTL every call returns the cached value at once.
 * - The first call that finds the value older than the TTL waits for one new read (at most
 *   `readTimeoutMs`) and uses what it gives; calls arriving meanwhile share that read. So no invocation
 *   uses a value read longer ago than the TTL, which is what lets a runner that changed the parameter rely
 *   on it once the TTL (plus a margin) has passed. Serving the old value while reading in the background
 *   would not: the first invocation after the TTL would still run on the old value.
 * - A read that fails keeps the last good value (or none) and is retried a TTL later, so an SSM outage
 *   or throttling costs one call per TTL per execution environment, never one per invocation.
 * - A parameter that does not exist (deleted by the runner to disarm) means nothing is armed.
 *
 * The value must be a config armed from outside the code: `expiresAt` is required when it arms a fault.
 *
 * @example
 * ```ts
 * const source = new SsmConfigSource({ parameterName: '/sfn-chaos/checkout', ttlMs: 30_000, readTimeoutMs: 2_000 });
 * const value = await source.current(Date.now(), (failure) => console.warn(failure.reason));
 * ```
 */
export class SsmConfigSource {
  readonly parameterName: string;
  readonly #ttlMs: number;
  readonly #readTimeoutMs: number;
  #client: SsmGetParameterClient | undefined;
  #value: SsmConfigValue;
  #raw: string | undefined;
  /** When the latest read (successful or not) started; `undefined` until the first read has ended. */
  #readAt: number | undefined;
  #inFlight: Promise<void> | undefined;

  constructor(options: SsmConfigSourceOptions) {
    this.parameterName = options.parameterName;
    this.#ttlMs = options.ttlMs;
    this.#readTimeoutMs = options.readTimeoutMs;
    this.#client = options.client;
  }

  /**
   * The config to use now: the cached value (synchronously) within the TTL, else a promise of the value
   * a new read gives (the last good one when that read fails). `onFailure` hears about a read that failed.
   */
  current(now: number, onFailure: (failure: SsmReadFailure) => void): SsmConfigValue | Promise<SsmConfigValue> {
    if (this.#readAt === undefined) {
      this.#inFlight ??= this.#refresh(now, onFailure);
      return this.#inFlight.then(() => this.#value);
    }
    // A clock that went back since the read (another clock, a correction) proves nothing fresh: read again.
    const age = now - this.#readAt;
    if (this.#inFlight === undefined && age >= 0 && age < this.#ttlMs) return this.#value;
    this.#inFlight ??= this.#refresh(now, onFailure);
    return this.#inFlight.then(() => this.#value);
  }

  /** Resolves once no read is in flight (at once when none is): lets a test or a shutdown hook wait for a read in flight. */
  async whenIdle(): Promise<void> {
    while (this.#inFlight !== undefined) await this.#inFlight;
  }

  /** Reads the parameter and updates the cache. Never rejects. */
  async #refresh(startedAt: number, onFailure: (failure: SsmReadFailure) => void): Promise<void> {
    try {
      const raw = await this.#read();
      if (raw !== this.#raw) {
        this.#raw = raw;
        this.#value = raw === undefined ? undefined : parseParameterValue(raw, this.parameterName);
      }
    } catch (error) {
      const notFound = error instanceof Error && error.name === 'ParameterNotFound';
      if (notFound) {
        this.#raw = undefined;
        this.#value = undefined;
      }
      try {
        onFailure({ reason: notFound ? 'not-found' : 'unreadable', parameterName: this.parameterName, error });
      } catch {
        // Reporting must not turn a failed read into a rejected refresh.
      }
    } finally {
      this.#readAt = startedAt;
      this.#inFlight = undefined;
    }
  }

  async #read(): Promise<string | undefined> {
    const { GetParameterCommand } = await importSsmClientPackage();
    const client = this.#client ?? (this.#client = await createDefaultClient());
    const output = await client.send(new GetParameterCommand({ Name: this.parameterName, WithDecryption: true }), {
      abortSignal: AbortSignal.timeout(this.#readTimeoutMs),
    });
    const value = output.Parameter?.Value?.trim();
    return value === undefined || value === '' ? undefined : value;
  }
}

/**
 * The package name, computed, so that a bundler (esbuild, webpack, Rollup) leaves this import to run time
 * instead of copying the SDK into the function's bundle: the Lambda Node.js runtimes ship the AWS SDK v3, and
 * a function that never names a parameter never loads it.
 */
const SSM_CLIENT_PACKAGE = ['@aws-sdk', 'client-ssm'].join('/');

/** `@aws-sdk/client-ssm`, imported on first use (and from the runtime's copy in a bundled function). */
function importSsmClientPackage(): Promise<typeof import('@aws-sdk/client-ssm')> {
  return import(SSM_CLIENT_PACKAGE) as Promise<typeof import('@aws-sdk/client-ssm')>;
}

async function createDefaultClient(): Promise<SsmGetParameterClient> {
  // Loaded on first use: functions that never name a parameter do not pay for the SDK at cold start.
  const { SSMClient } = await importSsmClientPackage();
  // One retry: a second failure falls back to the cached value, and the next try is a TTL away.
  return new SSMClient({ maxAttempts: 2 });
}

function parseParameterValue(raw: string, parameterName: string): ChaosConfig | ChaosConfigError {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return new ChaosConfigError(`ssm:${parameterName}`, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return parseChaosConfig(value, { requireExpiresAt: true });
  } catch (error) {
    return error instanceof ChaosConfigError ? error : new ChaosConfigError('config', String(error), { cause: error });
  }
}
