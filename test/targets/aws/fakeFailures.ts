import nock from 'nock';
import type { AwsClients } from '../../../src/targets/aws/clients/awsClients.js';
import { REGION } from './fakeAws.js';

/**
 * The next `times` calls of a Step Functions `operation` answer HTTP 503 with an HTML page, as a load
 * balancer in front of the service does; the SDK cannot parse such a body. Register before FakeAws.install().
 */
export function answerHtml503(operation: string, times: number): nock.Scope {
  return nock(`https://states.${REGION}.amazonaws.com`)
    .post('/')
    .matchHeader('x-amz-target', (value) => value.endsWith(`.${operation}`))
    .times(times)
    .reply(503, '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', { 'content-type': 'text/html' });
}

/** Aborts `abort` as soon as the first call of `commandName` (e.g. `UpdateFunctionConfigurationCommand`) has its answer. */
export function abortAfter(clients: AwsClients, client: 'lambda' | 'ssm', commandName: string, abort: AbortController): void {
  const stack = clients[client].middlewareStack as unknown as InitializeStack;
  stack.add(
    (next, context) => async (args) => {
      const answer = await next(args);
      if (context.commandName === commandName) abort.abort();
      return answer;
    },
    { step: 'initialize', name: `abortAfter${commandName}` },
  );
}

/** The part of an SDK client's middleware stack used here, the same for every client. */
interface InitializeStack {
  add(
    middleware: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
    options: { step: 'initialize'; name: string },
  ): void;
}
