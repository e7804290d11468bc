import { GetFunctionConfigurationCommand, UpdateFunctionConfigurationCommand, type FunctionConfiguration } from '@aws-sdk/client-lambda';
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand, type ParameterType } from '@aws-sdk/client-ssm';
import { TargetError } from '../../errors.js';
import { EnvVar } from '../../injectors/constants.js';
import { parseChaosConfig } from '../../injectors/parseChaosConfig.js';
import type { ChaosConfig } from '../../injectors/types.js';
import { parseArn } from './accounts.js';
import type { AwsClients } from './awsClients.js';
import { callAws, type AwsRetryPolicy } from './callAws.js';
import { EXPIRY_MARGIN_SECONDS, INJECTOR_MARKER_VARIABLE } from './constants.js';
import { sleep } from './Pacer.js';

/** A deployed function the run arms, as GetFunctionConfiguration described it before anything changed. */
export interface DeployedFunction {
  /** Name or ARN as the scenario file addresses it. */
  address: string;
  /** The unqualified function ARN Lambda returned: the account it lives in is read from here. */
  arn: string;
  accountId: string;
  /** The function's name, as its injector writes it to the fault ledger (`functionName`). */
  functionName: string;
  /** Where the function logs, and so where its fault ledger is: `LoggingConfig.LogGroup`, else `/aws/lambda/<name>`. */
  logGroupName: string;
  /** SSM parameter the injector reads (`SFN_CHAOS_SSM_PARAMETER`): when set, faults are armed there. */
  ssmParameter?: string;
  /** How long the injector caches the SSM value, in seconds. */
  ssmTtlSeconds: number;
}

export interface FunctionArmingOptions {
  retry: AwsRetryPolicy;
  /** Wait between two GetFunctionConfiguration reads while an update is in progress; default 500 ms. */
  updatePollMs: number;
  /** How long after an SSM change a new value is sure to be in use; default the function's TTL plus 1 s. */
  ssmPropagationMs?: number;
}

/**
 * One scenario's hold on a function's arming, from {@link FunctionArming.acquire}. Scenarios with the same
 * faults share one arming, and so one config: the fault ledger lines it produces carry the `scenarioId` of
 * the scenario that armed it first, whichever holder's execution they come from.
 */
export interface ArmingHold {
  /** Gives the arming back; the last holder disarms. Safe to call more than once. */
  release(): Promise<void>;
  /** `scenarioId` of the config in place (the one the fault ledger lines carry); undefined when nothing is armed. */
  readonly armedScenarioId: string | undefined;
  /** Whether another scenario held the same arming at some time during this hold. */
  readonly shared: boolean;
}

interface Lease {
  key: string;
  /** One record per current holder; `shared` turns true once two hold it at once. */
  holds: Set<{ shared: boolean }>;
  expiresAtMs: number;
  /** The config written (the first holder's, with the latest `expiresAt`); undefined: nothing armed. */
  config: ChaosConfig | undefined;
  /** Settles when the config for `key` is live. */
  armed: Promise<void>;
  disarm: (() => Promise<void>) | undefined;
}

/** Where a write put the faults and how to take them out by hand, for the messages that must say so. */
interface ArmedPlace {
  /** e.g. `the SFN_CHAOS_CONFIG environment variable of function charge`. */
  where: string;
  /** e.g. `remove SFN_CHAOS_CONFIG from its environment`. */
  remedy: string;
  expiresAt: string;
}

interface FunctionState {
  fn: DeployedFunction;
  /** The latest configuration read or written; updates start from its RevisionId. */
  latest: FunctionConfiguration;
  lease: Lease | undefined;
  /** Earliest time an execution may rely on the current SSM value (the injector's cache may hold the old one). */
  readyAtMs: number;
  /** Serialises arming and disarming of this function. */
  queue: Promise<void>;
}

const DEFAULT_SSM_TTL_SECONDS = 30;

/**
 * Arms and disarms deployed functions for scenarios: writes the fault config where the injector reads it
 * (`SFN_CHAOS_CONFIG` in the function's environment, or the SSM parameter it names) and puts back exactly
 * what was there before. Scenarios that need the same faults on a function share one arming; the last one
 * to leave disarms. Arming that fails part-way is undone before the error is thrown, and an error that
 * cannot undo it says where the faults may still be armed. A scenario needing different faults on a
 * function that is armed is a bug of the caller (the runner schedules such scenarios apart) and is refused.
 *
 * @example
 * ```ts
 * const arming = new FunctionArming(clients, options);
 * const fn = await arming.resolve('charge-order');
 * const hold = await arming.acquire(fn, { faults: [rule], expiresAt, runId, scenarioId }, 'rule-json', expiresAtMs);
 * try { await runTheExecution(); } finally { await hold.release(); }
 * ```
 */
export class FunctionArming {
  private readonly states = new Map<string, FunctionState>();
  private readonly resolved = new Map<string, Promise<DeployedFunction>>();

  constructor(
    private readonly clients: AwsClients,
    private readonly options: FunctionArmingOptions,
  ) {}

  /** Reads a function's configuration (read-only) and checks that it carries the injector. */
  resolve(address: string, signal?: AbortSignal): Promise<DeployedFunction> {
    let pending = this.resolved.get(address);
    if (!pending) {
      pending = this.read(address, signal);
      this.resolved.set(address, pending);
    }
    return pending;
  }

  private async read(address: string, signal?: AbortSignal): Promise<DeployedFunction> {
    let configuration: FunctionConfiguration;
    try {
      configuration = await callAws(() => this.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: address }), signal ? { abortSignal: signal } : {}), this.options.retry, signal);
    } catch (error) {
      this.resolved.delete(address);
      const name = (error as Error).name;
      if (name === 'ResourceNotFoundException') throw new TargetError(`function ${address} does not exist in this account and Region (check deployed:, --region and --profile)`, { cause: error });
      throw new TargetError(`cannot read the configuration of function ${address}: ${name}: ${(error as Error).message}`, { cause: error });
    }
    const variables = configuration.Environment?.Variables ?? {};
    const arn = configuration.FunctionArn ?? address;
    if (!variables[INJECTOR_MARKER_VARIABLE]) {
      throw new TargetError(
        `function ${address} does not say it carries the sfn-chaos injector: wrap its handler with withChaos (or chaosMiddleware) and set the environment variable ${INJECTOR_MARKER_VARIABLE}=withChaos on it (see docs/aws-target.md)`,
      );
    }
    if (/^(true|1|yes|on)$/i.test(variables[EnvVar.Disabled] ?? '')) {
      throw new TargetError(`function ${address} has ${EnvVar.Disabled}=${variables[EnvVar.Disabled] ?? ''}: no fault can fire; remove the kill switch to run scenarios on it`);
    }
    const accountId = parseArn(arn)?.accountId;
    if (!accountId) throw new TargetError(`Lambda returned no usable ARN for function ${address} (got ${arn})`);
    const ttl = Number(variables[EnvVar.SsmTtlSeconds]);
    const ssmParameter = variables[EnvVar.SsmParameter];
    const functionName = configuration.FunctionName ?? parseArn(arn)?.resource.split(':')[1] ?? address;
    const fn: DeployedFunction = {
      address,
      arn,
      accountId,
      functionName,
      logGroupName: configuration.LoggingConfig?.LogGroup ?? `/aws/lambda/${functionName}`,
      ssmTtlSeconds: Number.isFinite(ttl) && ttl >= 0 ? ttl : DEFAULT_SSM_TTL_SECONDS,
      ...(ssmParameter ? { ssmParameter } : {}),
    };
    if (!this.states.has(arn)) this.states.set(arn, { fn, latest: configuration, lease: undefined, readyAtMs: 0, queue: Promise.resolve() });
    return fn;
  }

  /**
   * Makes `config` (undefined: nothing armed) live on the function for one scenario, and returns the hold
   * that gives it back. `key` identifies the faults: holders with the same key share the arming. When
   * arming fails, whatever of it took effect is undone before this throws.
   */
  async acquire(fn: DeployedFunction, config: ChaosConfig | undefined, key: string, expiresAtMs: number): Promise<ArmingHold> {
    const state = this.stateOf(fn);
    const lease = state.lease;
    if (lease && lease.key !== key) {
      throw new TargetError(`function ${fn.address} is armed for another scenario with different faults; scenarios on it must not overlap`);
    }
    if (lease) {
      const hold = this.join(state, lease);
      try {
        await this.extendExpiry(state, lease, expiresAtMs);
        await lease.armed;
      } catch (error) {
        await hold.release();
        throw error;
      }
      return hold;
    }
    const fresh: Lease = { key, holds: new Set(), expiresAtMs, config, armed: Promise.resolve(), disarm: undefined };
    state.lease = fresh;
    const hold = this.join(state, fresh);
    try {
      if (config === undefined) {
        this.assertNothingArmed(state);
      } else {
        fresh.armed = this.serially(state, async () => {
          fresh.disarm = await this.write(state, config);
        });
        await fresh.armed;
      }
    } catch (error) {
      await hold.release();
      throw error;
    }
    return hold;
  }

  /**
   * A later holder may outlive the expiry written for the first. Only then are the same faults written
   * again with a later `expiresAt`; the first holder's `runId` and `scenarioId` stay, so the fault ledger
   * lines of every holder keep one tag. Rewriting is needed only when the written expiry would leave the
   * new holder less than half the usual margin after its time limit.
   */
  private async extendExpiry(state: FunctionState, lease: Lease, expiresAtMs: number): Promise<void> {
    if (lease.config === undefined || expiresAtMs - lease.expiresAtMs <= (EXPIRY_MARGIN_SECONDS * 1000) / 2) return;
    const previous = { expiresAtMs: lease.expiresAtMs, config: lease.config, armed: lease.armed };
    const extended: ChaosConfig = { ...lease.config, expiresAt: new Date(expiresAtMs).toISOString() };
    lease.expiresAtMs = expiresAtMs;
    lease.config = extended;
    // The disarm of the first write stays: it puts back what was there before any of this arming. When the
    // first write failed (its holder is gone), this write's disarm is the one that must run at the end.
    const rewrite = this.serially(state, async () => {
      const disarm = await this.write(state, extended);
      lease.disarm ??= disarm;
    });
    lease.armed = rewrite;
    try {
      await rewrite;
    } catch (error) {
      // The rewrite was undone (or says where it may not be): the earlier expiry stands for the other holders.
      if (lease.armed === rewrite) Object.assign(lease, previous);
      throw error;
    }
  }

  private join(state: FunctionState, lease: Lease): ArmingHold {
    const record = { shared: lease.holds.size > 0 };
    for (const other of lease.holds) other.shared = true;
    lease.holds.add(record);
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        await this.release(state, lease, record);
      },
      get armedScenarioId() {
        return lease.config?.scenarioId;
      },
      get shared() {
        return record.shared;
      },
    };
  }

  /** Waits until every function's current SSM value is sure to be what the injector uses. */
  async waitUntilReady(functions: readonly DeployedFunction[], signal?: AbortSignal): Promise<void> {
    const readyAt = Math.max(0, ...functions.map((fn) => this.stateOf(fn).readyAtMs));
    const wait = readyAt - Date.now();
    if (wait > 0) await sleep(wait, signal);
  }

  private stateOf(fn: DeployedFunction): FunctionState {
    const state = this.states.get(fn.arn);
    if (!state) throw new TargetError(`function ${fn.address} was not resolved before arming`);
    return state;
  }

  private async release(state: FunctionState, lease: Lease, record: { shared: boolean }): Promise<void> {
    lease.holds.delete(record);
    if (lease.holds.size > 0) return;
    if (state.lease === lease) state.lease = undefined;
    const disarm = lease.disarm;
    lease.disarm = undefined;
    if (disarm) await this.serially(state, disarm);
  }

  private serially(state: FunctionState, step: () => Promise<void>): Promise<void> {
    const next = state.queue.then(step);
    state.queue = next.catch(() => undefined);
    return next;
  }

  /** A scenario expecting an unarmed function must not run on faults someone left armed and unexpired. */
  private assertNothingArmed(state: FunctionState): void {
    if (state.fn.ssmParameter !== undefined) return; // SSM content is checked when written; an unarmed scenario does not read it
    const raw = state.latest.Environment?.Variables?.[EnvVar.Config];
    if (!raw) return;
    try {
      const config = JSON.parse(raw) as ChaosConfig;
      if (config.faults.length > 0 && (config.expiresAt === undefined || Date.parse(config.expiresAt) > Date.now())) {
        throw new TargetError(
          `function ${state.fn.address} already has faults armed in ${EnvVar.Config} (expires ${config.expiresAt ?? 'never'}); remove them or wait until they expire`,
        );
      }
    } catch (error) {
      if (error instanceof TargetError) throw error;
    }
  }

  /** Writes the config and returns how to put back what was there. */
  private write(state: FunctionState, config: ChaosConfig): Promise<() => Promise<void>> {
    const parsed = parseChaosConfig(config, { requireExpiresAt: true });
    const value = JSON.stringify(parsed);
    const expiresAt = parsed.expiresAt ?? 'its expiresAt';
    return state.fn.ssmParameter === undefined ? this.writeEnvironment(state, value, expiresAt) : this.writeParameter(state, state.fn.ssmParameter, value, expiresAt);
  }

  private async writeEnvironment(state: FunctionState, value: string, expiresAt: string): Promise<() => Promise<void>> {
    const baseline = await this.settled(state);
    const before = { ...(baseline.Environment?.Variables ?? {}) };
    const armedVariables = { ...before, [EnvVar.Config]: value };
    const place: ArmedPlace = {
      where: `the ${EnvVar.Config} environment variable of function ${state.fn.address}`,
      remedy: before[EnvVar.Config] === undefined ? `remove ${EnvVar.Config} from its environment` : `put back the ${EnvVar.Config} value it had before`,
      expiresAt,
    };
    const restore = (): Promise<void> =>
      // Put back exactly the variables found; if someone else changed others meanwhile, only ours is undone.
      this.updateEnvironment(
        state,
        before,
        (current) => current[EnvVar.Config] === before[EnvVar.Config],
        (current) => {
          if (sameVariables(current, armedVariables)) return before;
          const restored = { ...current };
          const original = before[EnvVar.Config];
          if (original === undefined) delete restored[EnvVar.Config];
          else restored[EnvVar.Config] = original;
          return restored;
        },
      );
    try {
      await this.updateEnvironment(state, armedVariables, (current) => current[EnvVar.Config] === value);
    } catch (error) {
      await this.undoFailedArming(state, error, place, {
        inPlace: async () => {
          // A successful UpdateFunctionConfiguration answer is in state.latest; else its answer may have been lost.
          if (state.latest.Environment?.Variables?.[EnvVar.Config] === value) return true;
          state.latest = await this.readConfiguration(state);
          return state.latest.Environment?.Variables?.[EnvVar.Config] === value;
        },
        undo: restore,
      });
    }
    return () => this.disarmOrSay(state, place, restore);
  }

  /**
   * Arming failed part-way: if our value is (or may be) in place, puts back what was there with the same
   * steps as disarming. Always throws: the arming failure, saying it was undone, or, when the state cannot
   * be read or the undo fails, where the faults may still be armed, until when, and what to remove.
   */
  private async undoFailedArming(
    state: FunctionState,
    failure: unknown,
    place: ArmedPlace,
    steps: { inPlace: () => Promise<boolean>; undo: () => Promise<void> },
  ): Promise<never> {
    const failed = describe(failure);
    let inPlace: boolean;
    try {
      inPlace = await steps.inPlace();
    } catch (readError) {
      throw new TargetError(`${failed}; reading back what took effect failed too (${describe(rootCause(readError))}): ${mayStillBeArmed(place)}`, { cause: failure });
    }
    if (!inPlace) throw failure instanceof TargetError ? failure : new TargetError(`arming function ${state.fn.address} failed: ${failed}`, { cause: failure });
    try {
      await steps.undo();
    } catch (undoError) {
      throw new TargetError(`${failed}; undoing it failed too (${describe(rootCause(undoError))}): ${mayStillBeArmed(place)}`, { cause: failure });
    }
    throw new TargetError(`${failed}; what this write had changed was undone`, { cause: failure });
  }

  /** Runs a disarm; when it fails, the error says where the faults may still be armed and what to remove. */
  private async disarmOrSay(state: FunctionState, place: ArmedPlace, disarm: () => Promise<void>): Promise<void> {
    try {
      await disarm();
    } catch (error) {
      throw new TargetError(`disarming function ${state.fn.address} failed (${describe(rootCause(error))}): ${mayStillBeArmed(place)}`, { cause: error });
    }
  }

  /**
   * UpdateFunctionConfiguration with `RevisionId`, then waits until the update is live. When the revision
   * moved (someone else, or our own earlier attempt whose answer was lost), re-reads and tries again.
   */
  private async updateEnvironment(
    state: FunctionState,
    wanted: Record<string, string>,
    alreadyDone: (current: Record<string, string>) => boolean,
    rebase: (current: Record<string, string>) => Record<string, string> = () => wanted,
  ): Promise<void> {
    let variables = wanted;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const updated = await callAws(
          () =>
            this.clients.lambda.send(
              new UpdateFunctionConfigurationCommand({
                FunctionName: state.fn.arn,
                Environment: { Variables: variables },
                ...(state.latest.RevisionId ? { RevisionId: state.latest.RevisionId } : {}),
              }),
            ),
          this.options.retry,
        );
        state.latest = updated;
        await this.settled(state);
        return;
      } catch (error) {
        const name = (error as Error).name;
        if ((name !== 'PreconditionFailedException' && name !== 'ResourceConflictException') || attempt >= 5) {
          throw new TargetError(`cannot update the environment of function ${state.fn.address}: ${name}: ${(error as Error).message}`, { cause: error });
        }
        state.latest = await this.readConfiguration(state);
        const current = state.latest.Environment?.Variables ?? {};
        if (alreadyDone(current)) {
          await this.settled(state);
          return;
        }
        variables = rebase(current);
        await this.settled(state);
      }
    }
  }

  /** Reads the configuration until no update is in progress; a failed update is an error. */
  private async settled(state: FunctionState): Promise<FunctionConfiguration> {
    for (;;) {
      const status = state.latest.LastUpdateStatus;
      if (status === 'Failed') {
        throw new TargetError(`the last configuration update of function ${state.fn.address} failed: ${state.latest.LastUpdateStatusReason ?? 'no reason given'}`);
      }
      if (status === undefined || status === 'Successful') return state.latest;
      await sleep(this.options.updatePollMs);
      state.latest = await this.readConfiguration(state);
    }
  }

  private readConfiguration(state: FunctionState): Promise<FunctionConfiguration> {
    return callAws(() => this.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: state.fn.arn })), this.options.retry);
  }

  private async writeParameter(state: FunctionState, name: string, value: string, expiresAt: string): Promise<() => Promise<void>> {
    let before: { value: string; type: ParameterType } | undefined;
    try {
      const found = await callAws(() => this.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true })), this.options.retry);
      if (found.Parameter?.Value !== undefined) before = { value: found.Parameter.Value, type: (found.Parameter.Type ?? 'String') as ParameterType };
    } catch (error) {
      if ((error as Error).name !== 'ParameterNotFound') {
        throw new TargetError(`cannot read SSM parameter ${name} of function ${state.fn.address}: ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
      }
    }
    const place: ArmedPlace = {
      where: `SSM parameter ${name} (read by function ${state.fn.address})`,
      remedy: before ? 'put back the value that parameter had before' : 'delete that parameter',
      expiresAt,
    };
    const restore = async (): Promise<void> => {
      if (before) {
        await this.putParameter(state, name, before.value, before.type);
        return;
      }
      try {
        await callAws(() => this.clients.ssm.send(new DeleteParameterCommand({ Name: name })), this.options.retry);
      } catch (error) {
        if ((error as Error).name !== 'ParameterNotFound') throw new TargetError(`cannot delete SSM parameter ${name}: ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
      }
      this.markSsmChange(state);
    };
    try {
      await this.putParameter(state, name, value, before?.type ?? 'String');
    } catch (error) {
      // PutParameter may have taken effect even though its answer was lost (a 5xx, a broken connection).
      await this.undoFailedArming(state, error, place, {
        inPlace: async () => {
          try {
            const found = await callAws(() => this.clients.ssm.send(new GetParameterCommand({ Name: name, WithDecryption: true })), this.options.retry);
            return found.Parameter?.Value === value;
          } catch (readError) {
            if ((readError as Error).name === 'ParameterNotFound') return false;
            throw readError;
          }
        },
        undo: restore,
      });
    }
    return () => this.disarmOrSay(state, place, restore);
  }

  private async putParameter(state: FunctionState, name: string, value: string, type: ParameterType): Promise<void> {
    try {
      await callAws(() => this.clients.ssm.send(new PutParameterCommand({ Name: name, Value: value, Type: type, Overwrite: true })), this.options.retry);
    } catch (error) {
      throw new TargetError(`cannot write SSM parameter ${name} of function ${state.fn.address}: ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
    }
    this.markSsmChange(state);
  }

  /** Warm execution environments keep the old SSM value for up to its TTL; executions wait that out. */
  private markSsmChange(state: FunctionState): void {
    const propagation = this.options.ssmPropagationMs ?? (state.fn.ssmTtlSeconds + 1) * 1000;
    state.readyAtMs = Date.now() + propagation;
  }
}

function mayStillBeArmed(place: ArmedPlace): string {
  return `the faults may still be armed in ${place.where} until ${place.expiresAt}; ${place.remedy} now`;
}

/** The AWS error behind one of our own errors, for messages that already name the function. */
function rootCause(error: unknown): unknown {
  return error instanceof TargetError && error.cause instanceof Error ? rootCause(error.cause) : error;
}

function describe(error: unknown): string {
  return error instanceof TargetError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
}

function sameVariables(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

