import type { ChaosConfig } from '../../../injectors/types.js';
import { EXPIRY_MARGIN_SECONDS } from '../constants.js';
import type { ArmingContext } from './ArmingContext.js';
import { serially, type FunctionState, type Lease } from './FunctionState.js';
import { writeConfig } from './writeConfig.js';

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
  /** What the disarm this hold ran had to say (e.g. it left a value someone else wrote); empty until then. */
  readonly warnings: readonly string[];
}

/** Adds a holder to the lease; every holder there now, and the new one, counts as shared from then on. */
export function joinLease(state: FunctionState, lease: Lease): ArmingHold {
  const record: HoldRecord = { shared: lease.holds.size > 0, warnings: [] };
  for (const other of lease.holds) other.shared = true;
  lease.holds.add(record);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await leaveLease(state, lease, record);
    },
    get armedScenarioId() {
      return lease.config?.scenarioId;
    },
    get shared() {
      return record.shared;
    },
    get warnings() {
      return record.warnings;
    },
  };
}

/** One holder of a lease, as the lease sees it. */
interface HoldRecord {
  shared: boolean;
  warnings: string[];
}

/** A holder leaves; the last one to leave runs the lease's disarm and keeps its warnings. */
async function leaveLease(state: FunctionState, lease: Lease, record: HoldRecord): Promise<void> {
  lease.holds.delete(record);
  if (lease.holds.size > 0) return;
  if (state.lease === lease) state.lease = undefined;
  const disarm = lease.disarm;
  lease.disarm = undefined;
  if (disarm) record.warnings.push(...(await serially(state, disarm)));
}

/**
 * A later holder may outlive the expiry written for the first. Only then are the same faults written
 * again with a later `expiresAt`; the first holder's `runId` and `scenarioId` stay, so the fault ledger
 * lines of every holder keep one tag. Rewriting is needed only when the written expiry would leave the
 * new holder less than half the usual margin after its time limit.
 */
export async function extendExpiry(context: ArmingContext, state: FunctionState, lease: Lease, expiresAtMs: number): Promise<void> {
  if (lease.config === undefined || expiresAtMs - lease.expiresAtMs <= (EXPIRY_MARGIN_SECONDS * 1000) / 2) return;
  const previous = { expiresAtMs: lease.expiresAtMs, config: lease.config, armed: lease.armed };
  const extended: ChaosConfig = { ...lease.config, expiresAt: new Date(expiresAtMs).toISOString() };
  lease.expiresAtMs = expiresAtMs;
  lease.config = extended;
  // The disarm of the first write stays: it puts back what was there before any of this arming. When the
  // first write failed (its holder is gone), this write's disarm is the one that must run at the end.
  const rewrite = serially(state, async () => {
    const disarm = await writeConfig(context, state, extended);
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
