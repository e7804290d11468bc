import type { AwsClients } from './awsClients.js';
import type { AwsRetryPolicy } from './callAws.js';
import type { AwsPacers } from './pacers.js';

/** What every AWS call of a run needs: the clients, how calls are retried, and the shared pacers. */
export interface AwsCallContext {
  clients: AwsClients;
  retry: AwsRetryPolicy;
  pacers: AwsPacers;
}
