import { GetExecutionHistoryCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { callAws, type AwsRetryPolicy } from '../clients/callAws.js';
import { HISTORY_PAGE_SIZE } from '../constants.js';
import type { Pacer } from '../clients/Pacer.js';

/**
 * Reads a Standard execution's whole history: pages of up to 1,000 events, following `nextToken` until
 * there is none (a page may be shorter than asked even when more follow).
 *
 * @example
 * ```ts
 * const events = await readExecutionHistory(sfn, executionArn, { retry, pacer });
 * ```
 */
export async function readExecutionHistory(
  sfn: SFNClient,
  executionArn: string,
  options: { retry: AwsRetryPolicy; pacer: Pacer; signal?: AbortSignal },
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await callAws(
      () =>
        sfn.send(
          new GetExecutionHistoryCommand({
            executionArn,
            maxResults: HISTORY_PAGE_SIZE,
            includeExecutionData: true,
            ...(token ? { nextToken: token } : {}),
          }),
          options.signal ? { abortSignal: options.signal } : {},
        ),
      options.retry,
      options.signal,
      { pacer: options.pacer },
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
