import type { StateMachineSpec } from '../../../scenarios/types.js';
import type { AwsCallContext } from '../clients/AwsCallContext.js';
import type { DeployedFunction } from './DeployedFunction.js';
import { deployedFunctionAddress } from './deployedFunctionAddress.js';
import { describeStateMachine, type DeployedStateMachine } from './DeployedStateMachine.js';

/**
 * Resolves each state machine of the scenario file once per run, by its key: first its functions, one after
 * the other, then the state machine itself. A resolution that fails is forgotten, so a later scenario tries again.
 *
 * @example
 * ```ts
 * const machines = new StateMachineResolver(context, (address, signal) => arming.resolve(address, signal), allowedAccounts);
 * const machine = await machines.resolve(file.stateMachines.orders, signal);
 * ```
 */
export class StateMachineResolver {
  private readonly machines = new Map<string, Promise<DeployedStateMachine>>();

  constructor(
    private readonly context: AwsCallContext,
    private readonly resolveFunction: (address: string, signal?: AbortSignal) => Promise<DeployedFunction>,
    private readonly allowedAccounts: ReadonlySet<string>,
  ) {}

  /** The deployed state machine `spec` stands for, with its functions (read-only). */
  resolve(spec: StateMachineSpec, signal?: AbortSignal): Promise<DeployedStateMachine> {
    let pending = this.machines.get(spec.key);
    if (!pending) {
      pending = this.describe(spec, signal);
      this.machines.set(spec.key, pending);
      pending.catch(() => this.machines.delete(spec.key));
    }
    return pending;
  }

  /** Read-only: resolves functions (GetFunctionConfiguration) and the state machine (DescribeStateMachine). */
  private async describe(spec: StateMachineSpec, signal?: AbortSignal): Promise<DeployedStateMachine> {
    const functions = new Map<string, DeployedFunction>();
    for (const fnSpec of spec.functions) functions.set(fnSpec.key, await this.resolveFunction(deployedFunctionAddress(fnSpec), signal));
    return describeStateMachine(this.context, spec, functions, this.allowedAccounts, signal);
  }
}
