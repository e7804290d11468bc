import type { FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { ChaosConfig } from '../../../injectors/types.js';
import type { DeployedFunction } from '../resolve/DeployedFunction.js';

/** One arming of a function, shared by every scenario that holds it (see `leases.ts`). */
export interface Lease {
  key: string;
  /** One record per current holder; `shared` turns true once two hold it at once. */
  holds: Set<{ shared: boolean }>;
  expiresAtMs: number;
  /** The config written (the first holder's, with the latest `expiresAt`); undefined: nothing armed. */
  config: ChaosConfig | undefined;
  /** Settles when the config for `key` is live. */
  armed: Promise<void>;
  /** Puts back what the arming replaced; answers the warnings it has for the holder that ran it. */
  disarm: (() => Promise<string[]>) | undefined;
}

/** What the arming knows of one deployed function during a run. */
export interface FunctionState {
  fn: DeployedFunction;
  /** The latest configuration read or written; updates start from its RevisionId. */
  latest: FunctionConfiguration;
  lease: Lease | undefined;
  /** Earliest time an execution may rely on the current SSM value (the injector's cache may hold the old one). */
  readyAtMs: number;
  /** Serialises arming and disarming of this function. */
  queue: Promise<void>;
  /** Every `SFN_CHAOS_CONFIG` value this run wrote on the function: a value not in here is someone else's. */
  written: Set<string>;
  /** What `SFN_CHAOS_CONFIG` held before this run's arming in place (`value` undefined: it was not set). */
  replaced: { value: string | undefined } | undefined;
}

/** Runs `step` after every arming or disarming step of the function queued before it. */
export function serially<T>(state: FunctionState, step: () => Promise<T>): Promise<T> {
  const next = state.queue.then(step);
  state.queue = next.then(
    () => undefined,
    () => undefined,
  );
  return next;
}
