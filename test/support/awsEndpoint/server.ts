import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ScenarioFile } from '../../../src/scenarios/types.js';
import { FailurePlan, type Failure, type FailurePlanOptions } from './failures.js';
import { FunctionRuntime } from './functionRuntime.js';
import { Lambda } from './lambda.js';
import { filterLogEvents, ssm } from './ssmAndLogs.js';
import { StepFunctions } from './stepFunctions.js';
import { internalError, throttled, unavailable, type Answer, type Service } from './wire.js';
import { World, type WorldOptions } from './World.js';

export interface AwsEndpointOptions extends WorldOptions {
  /** Failures to inject; absent: none. */
  failures?: FailurePlanOptions;
  /** How long a `stall` failure waits before answering; default 5 000 ms. */
  stallMs?: number;
}

export interface AwsEndpoint {
  /** `http://127.0.0.1:<port>`, for AWS_ENDPOINT_URL. */
  url: string;
  world: World;
  /** Calls answered so far and the failures injected (undefined without `failures`). */
  stats(): { calls: number; injected: number; lostAnswers: number; byKind: Record<string, number> };
  close(): Promise<void>;
}

interface Route {
  service: Service;
  operation: string;
  run: () => Answer | Promise<Answer>;
}

const TARGET_PREFIXES: Record<string, Exclude<Service, 'lambda'>> = { AWSStepFunctions: 'sfn', AmazonSSM: 'ssm', Logs_20140328: 'logs' };

/**
 * A local AWS endpoint for the aws target: Step Functions, Lambda, SSM and CloudWatch Logs on one port,
 * seeded from a scenario file (see {@link World}), executions run on sfn-chaos's engine. With `failures`
 * a seeded share of calls fails as AWS fails: throttled, 500, 503 (JSON or a bare HTML page), the
 * connection reset, or stalled; a 5xx or reset may come after the call took effect (the answer is lost).
 *
 * @example
 * ```ts
 * const endpoint = await startAwsEndpoint(file, { failures: { seed: 1, rate: 0.3 }, stallMs: 200 });
 * process.env.AWS_ENDPOINT_URL = endpoint.url;
 * ```
 */
export async function startAwsEndpoint(file: ScenarioFile, options: AwsEndpointOptions = {}): Promise<AwsEndpoint> {
  const world = new World(file, options);
  const runtime = new FunctionRuntime(world);
  const sfn = new StepFunctions(world, runtime);
  const lambda = new Lambda(world);
  const plan = options.failures ? new FailurePlan(options.failures) : undefined;
  const stallMs = options.stallMs ?? 5000;
  let calls = 0;

  const routeOf = (request: IncomingMessage, body: Record<string, unknown>): Route => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const [prefix = '', operation = ''] = target.split('.');
    const service = TARGET_PREFIXES[prefix];
    if (service === 'sfn') return { service, operation, run: () => sfn.handle(operation, body) };
    if (service === 'ssm') return { service, operation, run: () => ssm(world, operation, body) };
    if (service === 'logs') return { service, operation, run: () => filterLogEvents(world, operation, body) };
    const method = request.method ?? 'GET';
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    return {
      service: 'lambda',
      operation: method === 'PUT' ? 'UpdateFunctionConfiguration' : 'GetFunctionConfiguration',
      run: () => lambda.handle(method, path, body),
    };
  };

  const server = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, internalError('sfn'));
      process.stderr.write(`awsEndpoint: ${(error as Error).stack ?? String(error)}\n`);
    });
  });

  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const text = await readBody(request);
    const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    const route = routeOf(request, body);
    calls += 1;
    const failure = plan?.next(route.service, route.operation);
    if (failure && !failure.afterEffect && failure.kind !== 'stall') {
      answerWith(response, failure, route.service);
      return;
    }
    if (failure?.kind === 'stall') await new Promise((resolve) => setTimeout(resolve, stallMs));
    const answer = await route.run();
    if (failure?.afterEffect) answerWith(response, failure, route.service);
    else send(response, answer);
  };

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    world,
    stats: () => ({ calls, injected: plan?.total() ?? 0, lostAnswers: plan?.lostAnswers ?? 0, byKind: { ...(plan?.injected ?? {}) } }),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

function answerWith(response: ServerResponse, failure: Failure, service: Service): void {
  switch (failure.kind) {
    case 'throttle':
      send(response, throttled(service));
      return;
    case 'error500':
      send(response, internalError(service));
      return;
    case 'error503':
    case 'error503Html':
      send(response, unavailable(service, failure.kind === 'error503Html'));
      return;
    case 'reset':
    case 'stall':
      response.socket?.resetAndDestroy();
      return;
  }
}

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
  response.end(answer.body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
