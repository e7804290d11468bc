import type { Target } from './types.js';

/** What `chaos run` passes a target factory: the flags that set up a target (each target reads its own). */
export interface TargetSetup {
  /** Accounts the target may touch: ids (`--allow-account`) and a file of ids (`--allowed-accounts`). */
  allowAccounts?: string[];
  allowedAccountsFile?: string;
  region?: string;
  profile?: string;
  /** Per-scenario time limit in seconds (`--timeout`). */
  timeout?: number;
  /** Where the run is recorded (`--record DIR`): the target then reads every execution's whole history. */
  record?: string;
}

/**
 * A target `chaos run --target NAME` can run on. Factories load their target's code only when chosen, so
 * the local target never loads the AWS SDK. Adding a target is its folder plus one line in {@link targets}.
 *
 * @example
 * ```ts
 * const entry: TargetEntry = { name: 'local', create: async () => (await import('./local/localTarget.js')).createLocalTarget() };
 * ```
 */
export interface TargetEntry {
  readonly name: string;
  create(setup: TargetSetup): Promise<Target>;
}

/**
 * Every target, the default first.
 *
 * @example
 * ```ts
 * const target = await targetNamed('local')?.create({});
 * ```
 */
export const targets: readonly TargetEntry[] = [
  {
    name: 'local',
    create: async () => (await import('./local/localTarget.js')).createLocalTarget(),
  },
  {
    name: 'aws',
    create: async (setup) => {
      const { createAwsTarget, readAllowedAccounts } = await import('./aws/index.js');
      const allowedAccounts = await readAllowedAccounts(setup.allowAccounts ?? [], setup.allowedAccountsFile);
      return createAwsTarget({
        allowedAccounts,
        ...(setup.region !== undefined ? { region: setup.region } : {}),
        ...(setup.profile !== undefined ? { profile: setup.profile } : {}),
        ...(setup.timeout !== undefined ? { timeoutSeconds: setup.timeout } : {}),
        ...(setup.record !== undefined ? { fullHistory: true } : {}),
      });
    },
  },
];

/**
 * The target `--target NAME` means, or undefined.
 *
 * @example
 * ```ts
 * targetNamed('aws')?.name; // 'aws'
 * ```
 */
export function targetNamed(name: string): TargetEntry | undefined {
  return targets.find((entry) => entry.name === name);
}
