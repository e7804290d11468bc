import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import { TargetError } from '../../../errors.js';
import { getFunctionConfiguration, type LambdaAndSsmContext } from '../clients/lambdaAndSsmCalls.js';
import { deployedFunctionOf, type DeployedFunction } from './DeployedFunction.js';

/**
 * Resolves deployed functions by the address the scenario file gives (read-only GetFunctionConfiguration),
 * once per address for the whole run. A read that fails is forgotten, so a later scenario tries again; a
 * function refused by its checks stays refused.
 *
 * @example
 * ```ts
 * const resolver = new FunctionResolver(context, (fn, configuration) => remember(fn, configuration));
 * const fn = await resolver.resolve('charge-order', signal);
 * ```
 */
export class FunctionResolver {
  private readonly resolved = new Map<string, Promise<DeployedFunction>>();
  private readonly done = new Map<string, DeployedFunction>();

  /** `onResolved` hears of each function once it passed its checks, with the configuration read. */
  constructor(
    private readonly context: LambdaAndSsmContext,
    private readonly onResolved: (fn: DeployedFunction, configuration: FunctionConfiguration) => void,
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

  /** The function `address` resolved to, once it has; undefined before (or when it failed). */
  resolvedFunction(address: string): DeployedFunction | undefined {
    return this.done.get(address);
  }

  private async read(address: string, signal?: AbortSignal): Promise<DeployedFunction> {
    let configuration: FunctionConfiguration;
    try {
      configuration = await getFunctionConfiguration(this.context, address, signal);
    } catch (error) {
      this.resolved.delete(address);
      const name = (error as Error).name;
      if (name === 'ResourceNotFoundException')
        throw new TargetError(`function ${address} does not exist in this account and Region (check deployed:, --region and --profile)`, {
          cause: error,
        });
      throw new TargetError(`cannot read the configuration of function ${address}: ${name}: ${(error as Error).message}`, { cause: error });
    }
    const fn = deployedFunctionOf(address, configuration);
    this.done.set(address, fn);
    this.onResolved(fn, configuration);
    return fn;
  }
}
