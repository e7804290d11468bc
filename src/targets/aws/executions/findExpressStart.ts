import type { AwsCallContext } from '../clients/AwsCallContext.js';
import { failedCall } from '../clients/describeAwsError.js';
import { sleep } from '../clients/Pacer.js';
import type { DeployedStateMachine } from '../resolve/DeployedStateMachine.js';
import { filterLogEventPages } from '../results/filterLogEventPages.js';

/** How long to look for an Express start whose answer was lost, at most (log delivery takes seconds). */
export const EXPRESS_START_LOOKUP_MS = 30_000;

/** Where and how long {@link findExpressStart} looks. */
export interface ExpressStartLookup {
  /** Stop looking at this time (epoch ms); at or before now: one read. */
  untilMs: number;
  /** Wait between two reads, in ms. */
  pollMs: number;
}

/**
 * An Express execution whose start answer was lost cannot be described or stopped, so this looks for it by
 * its execution name in the state machine's CloudWatch Logs log group (FilterLogEvents; the logged events
 * carry `execution_arn`, `arn:…:express:<state machine>:<name>:<id>`, an observed schema UNCONFIRMED as a
 * contract, sfn-semantics.md §6.2). Never aborted by the run's signal: it is part of saying what was left.
 * Returns a sentence for the scenario's error: it started (with its ARN), it was not found, or why it could
 * not be looked for.
 */
export async function findExpressStart(
  context: AwsCallContext,
  machine: DeployedStateMachine,
  name: string,
  lookup: ExpressStartLookup,
): Promise<string> {
  const group = machine.logGroupName;
  if (group === undefined)
    return `whether it started cannot be looked up: state machine ${machine.arn} logs to no CloudWatch Logs log group`;
  const lookedFromMs = Date.now();
  const since = lookedFromMs - 60_000;
  const marker = `:${name}:`;
  let found: string | undefined;
  try {
    for (;;) {
      await filterLogEventPages(
        context.clients.logs,
        { logGroupName: group, filterPattern: `"${name}"`, startTime: since },
        { retry: context.retry, pacer: context.pacers.FilterLogEvents },
        (events) => {
          for (const event of events) found ??= loggedExecutionArn(event.message, marker);
        },
      );
      if (found !== undefined || Date.now() >= lookup.untilMs) break;
      await sleep(Math.min(lookup.pollMs, Math.max(0, lookup.untilMs - Date.now())));
    }
  } catch (error) {
    return `looking for it failed (${failedCall('FilterLogEvents', `log group ${group}`, error)})`;
  }
  if (found !== undefined)
    return `it did start: execution ${found} is in log group ${group}; an Express execution cannot be stopped, its 5-minute limit ends it`;
  const level =
    machine.logLevel === 'ALL' ? '' : ` (the state machine logs at level ${machine.logLevel ?? 'OFF'}, so its start is not logged)`;
  const waited = Math.round(Math.max(0, lookup.untilMs - lookedFromMs) / 100) / 10;
  return `it was not found: no event of it reached log group ${group} within ${waited} s${level}; it may not have started, or its events are late`;
}

/** The execution ARN of a logged Step Functions event, when it is the named execution's. */
function loggedExecutionArn(message: string | undefined, marker: string): string | undefined {
  if (!message) return undefined;
  try {
    const arn = (JSON.parse(message) as { execution_arn?: unknown }).execution_arn;
    return typeof arn === 'string' && arn.includes(marker) ? arn : undefined;
  } catch {
    return undefined;
  }
}
