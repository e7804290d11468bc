import { TargetError } from '../../../errors.js';
import type { ChaosConfig } from '../../../injectors/types.js';
import type { ArmedPlaceSummary } from '../../types.js';
import type { AwsClients } from '../clients/awsClients.js';
import { sleep } from '../clients/Pacer.js';
import type { DeployedFunction } from '../resolve/DeployedFunction.js';
import { FunctionResolver } from '../resolve/FunctionResolver.js';
import { unresolvedArmingResource } from '../resolve/armingResource.js';
import type { ArmingContext, FunctionArmingOptions } from './ArmingContext.js';
import { assertNothingArmed } from './assertNothingArmed.js';
import { serially, type FunctionState, type Lease } from './FunctionState.js';
import { extendExpiry, joinLease, type ArmingHold } from './leases.js';
import { writeConfig } from './writeConfig.js';

/**
 * Arms and disarms deployed functions for scenarios: writes the fault config where the injector reads it
 * (`SFN_CHAOS_CONFIG` in the function's environment, or the SSM parameter it names) and takes out again
 * only what it added, keeping whatever else someone changed meanwhile (a deploy is never reverted). Scenarios that need the same faults on a function share one arming; the last one
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
  private readonly context: ArmingContext;
  private readonly resolver: FunctionResolver;

  constructor(clients: AwsClients, options: FunctionArmingOptions) {
    this.context = { ...options, clients };
    this.resolver = new FunctionResolver(this.context, (fn, configuration) => {
      if (!this.states.has(fn.resource)) {
        this.states.set(fn.resource, {
          fn,
          latest: configuration,
          lease: undefined,
          readyAtMs: 0,
          queue: Promise.resolve(),
          written: new Set(),
          replaced: undefined,
        });
      }
    });
  }

  /** Reads a function's configuration (read-only) and checks that it carries the injector. */
  resolve(address: string, signal?: AbortSignal): Promise<DeployedFunction> {
    return this.resolver.resolve(address, signal);
  }

  /**
   * What scenarios on the function `address` names are scheduled by: its {@link DeployedFunction.resource}
   * once resolved (so its name and its ARN are one resource), else a form that is the same for both.
   */
  resourceOf(address: string): string {
    return this.resolver.resolvedFunction(address)?.resource ?? unresolvedArmingResource(address);
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
      const hold = joinLease(state, lease);
      try {
        await extendExpiry(this.context, state, lease, expiresAtMs);
        await lease.armed;
      } catch (error) {
        await hold.release();
        throw error;
      }
      return hold;
    }
    const fresh: Lease = { key, holds: new Set(), expiresAtMs, config, armed: Promise.resolve(), disarm: undefined };
    state.lease = fresh;
    const hold = joinLease(state, fresh);
    try {
      if (config === undefined) {
        assertNothingArmed(state);
      } else {
        fresh.armed = serially(state, async () => {
          fresh.disarm = await writeConfig(this.context, state, config);
        });
        await fresh.armed;
      }
    } catch (error) {
      await hold.release();
      throw error;
    }
    return hold;
  }

  /** Waits until every function's current SSM value is sure to be what the injector uses. */
  async waitUntilReady(functions: readonly DeployedFunction[], signal?: AbortSignal): Promise<void> {
    const readyAt = Math.max(0, ...functions.map((fn) => this.stateOf(fn).readyAtMs));
    const wait = readyAt - Date.now();
    if (wait > 0) await sleep(wait, signal);
  }

  /**
   * Read-only: every function with a config live now (armed, or being armed or disarmed), where, until when
   * and for which run, so a caller exiting before the disarm can say what may still be armed.
   *
   * @example
   * ```ts
   * arming.armedNow(); // [{ functionArn: 'arn:aws:lambda:…:function:charge', place: { kind: 'environment' }, expiresAt: '2026-…Z', runId: 'm9x2k1a3f0c2' }]
   * ```
   */
  armedNow(): ArmedPlaceSummary[] {
    const armed: ArmedPlaceSummary[] = [];
    for (const state of this.states.values()) {
      const config = state.lease?.config;
      if (config === undefined) continue;
      const parameterName = state.fn.ssmParameter;
      armed.push({
        functionArn: state.fn.arn,
        place: parameterName === undefined ? { kind: 'environment' } : { kind: 'ssm', parameterName },
        expiresAt: config.expiresAt ?? new Date(state.lease?.expiresAtMs ?? Date.now()).toISOString(),
        runId: config.runId ?? '',
      });
    }
    return armed;
  }

  private stateOf(fn: DeployedFunction): FunctionState {
    const state = this.states.get(fn.resource);
    if (!state) throw new TargetError(`function ${fn.address} was not resolved before arming`);
    return state;
  }
}
