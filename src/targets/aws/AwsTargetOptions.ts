import { optionNames } from '../../sources/checkOptions.js';
import type { AwsClientOptions, AwsClients } from './clients/awsClients.js';
import type { AwsRetryPolicy } from './clients/callAws.js';
import type { API_CALLS_PER_SECOND } from './constants.js';

export interface AwsTargetOptions extends AwsClientOptions {
  /** Accounts the run may touch; anything else is refused before the first change. Must not be empty. */
  allowedAccounts: ReadonlySet<string>;
  /** Ready-made clients (tests point them elsewhere); default: created from `region` and `profile`. */
  clients?: AwsClients;
  /** Time limit of one scenario in seconds; past it the execution is stopped. Default 600. */
  timeoutSeconds?: number;
  /** How our own AWS calls are retried. */
  retry?: Partial<AwsRetryPolicy>;
  /** DescribeExecution polling: first wait and longest wait in ms (default 250 and 1 000). */
  poll?: { minMs?: number; maxMs?: number };
  /** Wait between reads of a function whose configuration update is in progress (default 500 ms). */
  lambdaUpdatePollMs?: number;
  /** Wait after an SSM change before an execution relies on it (default the function's SSM TTL + 1 s). */
  ssmPropagationMs?: number;
  /**
   * Express executions read from CloudWatch Logs: wait between reads, and the late-event grace for events
   * still missing once the terminal event is in (default 1 000 and 2 000 ms; the 2 s is a guess, AWS gives
   * no delivery latency: UNCONFIRMED, sfn-semantics.md §6.3).
   */
  expressLogs?: { pollMs?: number; graceMs?: number };
  /**
   * Read every execution's whole history, even for scenarios that expect no states: an Express execution
   * from CloudWatch Logs instead of StartSyncExecution's answer alone (`chaos run --record` needs the events).
   */
  fullHistory?: boolean;
  /**
   * Reading the fault ledger back from the armed functions' logs: wait between reads and the longest wait
   * for lines delivered late (default 1 000 and 10 000 ms).
   */
  faultLedger?: { pollMs?: number; graceMs?: number };
  /** Overrides of the per-API call rates (calls per second, shared by all scenarios). */
  callsPerSecond?: Partial<Record<keyof typeof API_CALLS_PER_SECOND, number>>;
}

/** Every option {@link AwsTargetOptions} accepts, for `checkOptions`. */
export const AWS_TARGET_OPTIONS = optionNames<AwsTargetOptions>({
  region: true,
  profile: true,
  allowedAccounts: true,
  clients: true,
  timeoutSeconds: true,
  retry: true,
  poll: true,
  lambdaUpdatePollMs: true,
  ssmPropagationMs: true,
  expressLogs: true,
  fullHistory: true,
  faultLedger: true,
  callsPerSecond: true,
});
