import {
  FilterLogEventsCommand,
  type CloudWatchLogsClient,
  type FilterLogEventsCommandInput,
  type FilteredLogEvent,
} from '@aws-sdk/client-cloudwatch-logs';
import { callAws, type AwsRetryPolicy } from '../clients/callAws.js';
import type { Pacer } from '../clients/Pacer.js';

export interface FilterLogEventPagesOptions {
  retry: AwsRetryPolicy;
  pacer?: Pacer;
  signal?: AbortSignal;
}

/**
 * Every page of one FilterLogEvents query, paced and retried like the target's other calls. Pages may
 * be empty while `nextToken` still says there is more, so only a missing token ends the query.
 */
export async function filterLogEventPages(
  logs: CloudWatchLogsClient,
  query: Omit<FilterLogEventsCommandInput, 'nextToken'>,
  options: FilterLogEventPagesOptions,
  onEvents: (events: FilteredLogEvent[]) => void,
): Promise<void> {
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await callAws(
      () =>
        logs.send(
          new FilterLogEventsCommand({ ...query, ...(token ? { nextToken: token } : {}) }),
          options.signal ? { abortSignal: options.signal } : {},
        ),
      options.retry,
      options.signal,
      options.pacer ? { pacer: options.pacer } : {},
    );
    onEvents(page.events ?? []);
    nextToken = page.nextToken;
  } while (nextToken);
}
