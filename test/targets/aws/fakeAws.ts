import { randomUUID } from 'node:crypto';
import nock from 'nock';

/**
 * A small stateful stand-in for the AWS APIs the AWS target calls, served through nock with the real
 * wire protocols: Step Functions and SSM (JSON 1.0/1.1, POST / with X-Amz-Target), Lambda (REST,
 * /2015-03-31/functions/NAME/configuration) and CloudWatch Logs. Executions behave like the recorded
 * histories: a Lambda Task retried on PaymentError (IntervalSeconds 1, BackoffRate 2, MaxAttempts 2),
 * caught into a Pass state. Whether the function fails is read from the environment or SSM parameter
 * in place when the execution starts, so a result is only right when arming really happened.
 */

export const REGION = 'us-east-1';
export const ACCOUNT = '111111111111';
export const FUNCTION_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:charge`;
export const MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:checkout`;

/** The checkout machine's definition, whose executions the fake plays (see buildHistory). */
export const CHECKOUT_DEFINITION = {
  StartAt: 'Charge',
  States: {
    Charge: {
      Type: 'Task',
      Resource: FUNCTION_ARN,
      Retry: [{ ErrorEquals: ['PaymentError'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Recovered' }],
      End: true,
    },
    Recovered: { Type: 'Pass', End: true },
  },
};

export interface FakeFunction {
  variables: Record<string, string>;
  revision: number;
  /** GetFunctionConfiguration reads left that still report InProgress after an update. */
  inProgressReads: number;
  /** `LoggingConfig.LogGroup`; absent: no LoggingConfig in the answer (the default `/aws/lambda/charge`). */
  logGroup?: string;
}

/** How Lambda stores the injector's console line in CloudWatch Logs. */
export type LambdaLogFormat = 'Text' | 'JSON' | 'JSON-object';

/** One CloudWatch Logs event in a function's log group. */
interface FakeLogEvent {
  logGroupName: string;
  eventId: string;
  timestamp: number;
  message: string;
}

export interface FakeExecution {
  arn: string;
  /** Started with StartSyncExecution (EXPRESS) or StartExecution. */
  sync?: boolean;
  name: string;
  input: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'ABORTED';
  describesLeft: number;
  /** Input `durationMs`: RUNNING until this time (epoch ms) instead of counting describes. */
  doneAtMs: number | undefined;
  events: Record<string, unknown>[];
  /** The fault config seen at start (what the function would have read). */
  armedWith: string | undefined;
  /** Failing invocations after the first: their ledger lines are written as the execution ends, tagged by the config live then. */
  laterInvocations: FakeInvocation[];
}

/** A failing invocation of the fake function: its request id and when it failed. */
interface FakeInvocation {
  requestId: string;
  at: Date;
}

export type InjectedFailure = 'throttle' | 'kmsThrottle' | '500' | 'reset' | 'refused' | 'accessDenied';

export class FakeAws {
  readonly functions = new Map<string, FakeFunction>();
  readonly parameters = new Map<string, { value: string; type: string }>();
  readonly executions = new Map<string, FakeExecution>();
  readonly calls: string[] = [];
  /** Largest page GetExecutionHistory served, and how many pages it served. */
  historyPages = 0;
  onStart: ((execution: FakeExecution) => void) | undefined;
  /** Answers Step Functions operations the fake does not know (SendTask*: see fakeCallbacks.ts). */
  onOtherOperation: ((operation: string, body: Record<string, unknown>) => [number, unknown] | undefined) | undefined;
  /** Latency added to each answer, in ms (bench). */
  delayMs = 0;
  /** DescribeExecution answers RUNNING this many times before the terminal status. */
  describesBeforeDone = 2;
  /** State machines DescribeStateMachine knows (all behave as checkout). */
  readonly machineArns: string[] = [MACHINE_ARN];
  /** Express machines: type and the log events per execution. */
  machineType: 'STANDARD' | 'EXPRESS' = 'STANDARD';
  /** How the function's log lines are stored (Lambda's `LoggingConfig.LogFormat`). */
  logFormat: LambdaLogFormat = 'Text';
  /** Whether a Lambda failure's cause carries the invocation's `requestId` (as Lambda's error payload does). */
  causeCarriesRequestId = true;
  /** Ledger lines visible to the 1st, 2nd, … read of a function log group (late delivery); then all of them. */
  ledgerDelivery: number[] = [];
  /** Events per FilterLogEvents page on a function log group. */
  ledgerPageSize = Number.POSITIVE_INFINITY;
  /** Every event written to a function's log group (ledger lines and other output). */
  readonly functionLogs: FakeLogEvent[] = [];
  /** The FilterLogEvents requests made on function log groups. */
  readonly ledgerRequests: Record<string, unknown>[] = [];
  /** Express executions: ids of events that never reach the state machine's log group. */
  readonly droppedLogEventIds = new Set<number>();
  /** Express executions: ids of events delivered late, by the number of the log read (1-based) that first sees them. */
  readonly lateLogEvents = new Map<number, number>();
  /** Called as each Lambda call arrives, before it is handled (tests deploy in between here). */
  onLambdaCall: ((operation: 'GetFunctionConfiguration' | 'UpdateFunctionConfiguration', functionName: string) => void) | undefined;
  /** Called on each read of the state machine's log group (tests move the clock here). */
  onExpressLogRead: (() => void) | undefined;
  /** Calls per operation that reached the stateful handlers. */
  private readonly callCounts = new Map<string, number>();
  /** Operations answering AccessDeniedException for the calls numbered `after + 1` to `after + times`. */
  private readonly denials = new Map<string, { after: number; times: number }>();
  /** Operations answering their service's throttling error for the calls numbered `after + 1` to `after + times`. */
  private readonly throttles = new Map<string, { after: number; times: number }>();
  /** Operations whose next calls take effect but answer a 500, as when the answer is lost on the way back. */
  private readonly lostAnswers = new Map<string, number>();

  constructor() {
    this.functions.set('charge', { variables: { SFN_CHAOS_INJECTOR: 'withChaos', KEEP: 'me' }, revision: 1, inProgressReads: 0 });
  }

  private readonly injected: nock.Scope[] = [];

  /** How many injected failures were not consumed (each must have been hit). */
  injectedFailuresLeft(): number {
    return this.injected.filter((scope) => !scope.isDone()).length;
  }

  /** Fails the next call of `operation` once, before the stateful handlers see it. Call before install(). */
  failOnce(host: 'states' | 'lambda' | 'ssm' | 'logs', operation: string, failure: InjectedFailure): void {
    // StartSyncExecution goes to the `sync-` endpoint.
    const scope = nock(`https://${operation === 'StartSyncExecution' ? 'sync-states' : host}.${REGION}.amazonaws.com`);
    this.injected.push(scope);
    const interceptor =
      host === 'lambda'
        ? operation === 'UpdateFunctionConfiguration'
          ? scope.put(/\/2015-03-31\/functions\/.+\/configuration/)
          : scope.get(/\/2015-03-31\/functions\/.+\/configuration/)
        : scope.post('/').matchHeader('x-amz-target', (value) => value.endsWith(`.${operation}`));
    if (failure === 'reset') {
      interceptor.replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    } else if (failure === 'refused') {
      interceptor.replyWithError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' }));
    } else if (failure === 'accessDenied') {
      interceptor.reply(
        400,
        { __type: 'AccessDeniedException', message: 'User is not authorized to perform: logs:FilterLogEvents' },
        { 'content-type': 'application/x-amz-json-1.1' },
      );
    } else if (failure === 'kmsThrottle') {
      interceptor.reply(
        400,
        { __type: 'KmsThrottlingException', message: 'KMS request rate exceeded' },
        { 'content-type': 'application/x-amz-json-1.0' },
      );
    } else if (failure === 'throttle') {
      if (host === 'lambda') interceptor.reply(429, { message: 'Rate exceeded' }, { 'x-amzn-errortype': 'TooManyRequestsException' });
      else
        interceptor.reply(
          400,
          { __type: 'ThrottlingException', message: 'Rate exceeded' },
          { 'content-type': 'application/x-amz-json-1.0' },
        );
    } else {
      interceptor.reply(500, { __type: 'InternalServerError', message: 'boom' }, { 'content-type': 'application/x-amz-json-1.0' });
    }
  }

  /**
   * `operation` answers AccessDeniedException (the role lost a permission) on its calls after the first
   * `after` that reached the fake, `times` of them; before and after that it works.
   */
  deny(operation: string, after: number, times = Number.POSITIVE_INFINITY): void {
    this.denials.set(operation, { after, times });
  }

  /** `operation` is throttled (nothing takes effect) on its calls after the first `after` that reached the fake, `times` of them. */
  throttle(operation: string, after: number, times: number): void {
    this.throttles.set(operation, { after, times });
  }

  /** The next `times` calls of `operation` take effect, but their answer is lost: the caller gets a 500. */
  loseAnswer(operation: string, times = 1): void {
    this.lostAnswers.set(operation, times);
  }

  /** How many calls of `operation` reached the stateful handlers. */
  callsOf(operation: string): number {
    return this.callCounts.get(operation) ?? 0;
  }

  /** Counts the call and answers AccessDeniedException when a denial covers it. */
  private denied(operation: string, headers: Record<string, string>): [number, unknown, Record<string, string>] | undefined {
    const count = (this.callCounts.get(operation) ?? 0) + 1;
    this.callCounts.set(operation, count);
    const throttling = this.throttles.get(operation);
    if (throttling && count > throttling.after && count <= throttling.after + throttling.times) {
      if (operation.endsWith('FunctionConfiguration'))
        return [429, { message: 'Rate exceeded' }, { ...headers, 'x-amzn-errortype': 'TooManyRequestsException' }];
      return [400, { __type: 'ThrottlingException', message: 'Rate exceeded' }, { ...headers, 'x-amzn-errortype': 'ThrottlingException' }];
    }
    const denial = this.denials.get(operation);
    if (!denial || count <= denial.after || count > denial.after + denial.times) return undefined;
    const message = `User is not authorized to perform: ${operation}`;
    return [
      operation.endsWith('FunctionConfiguration') ? 403 : 400,
      { __type: 'AccessDeniedException', message, Message: message },
      { ...headers, 'x-amzn-errortype': 'AccessDeniedException' },
    ];
  }

  /** After the call took effect: a 500 instead of its answer, while lost answers are left for `operation`. */
  private lost(operation: string, answer: [number, unknown, Record<string, string>?]): [number, unknown, Record<string, string>?] {
    const left = this.lostAnswers.get(operation) ?? 0;
    if (left <= 0 || answer[0] !== 200) return answer;
    this.lostAnswers.set(operation, left - 1);
    return [
      500,
      { __type: 'InternalServerError', message: 'answer lost' },
      { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': 'ServiceException' },
    ];
  }

  install(): void {
    const json = { 'content-type': 'application/x-amz-json-1.0' };
    // biome-ignore lint/complexity/noUselessThisAlias: nock binds `this` to the request context in reply callbacks
    const fake = this;
    const bodyOf = async (request: Request): Promise<Record<string, unknown>> => {
      const text = await request.text();
      return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    };
    const operationOf = (request: Request): string => (request.headers.get('x-amz-target') ?? '').split('.')[1] ?? '';
    nock(`https://states.${REGION}.amazonaws.com`)
      .persist()
      .post('/')
      .delay(this.delayMs)
      .reply(async (request) => fake.states(operationOf(request), await bodyOf(request), json) as unknown as nock.ReplyFnResult);
    nock(`https://sync-states.${REGION}.amazonaws.com`)
      .persist()
      .post('/')
      .delay(this.delayMs)
      .reply(async (request) => fake.states(operationOf(request), await bodyOf(request), json) as unknown as nock.ReplyFnResult);
    nock(`https://lambda.${REGION}.amazonaws.com`)
      .persist()
      .get(/\/2015-03-31\/functions\/.+\/configuration/)
      .delay(this.delayMs)
      .reply((request) => fake.getConfiguration(request.url) as unknown as nock.ReplyFnResult)
      .put(/\/2015-03-31\/functions\/.+\/configuration/)
      .delay(this.delayMs)
      .reply(async (request) => fake.updateConfiguration(request.url, await bodyOf(request)) as unknown as nock.ReplyFnResult);
    nock(`https://ssm.${REGION}.amazonaws.com`)
      .persist()
      .post('/')
      .delay(this.delayMs)
      .reply(async (request) => fake.ssm(operationOf(request), await bodyOf(request)) as unknown as nock.ReplyFnResult);
    nock(`https://logs.${REGION}.amazonaws.com`)
      .persist()
      .post('/')
      .delay(this.delayMs)
      .reply(async (request) => fake.filterLogs(await bodyOf(request)) as unknown as nock.ReplyFnResult);
  }

  /** The function name a configuration URI addresses, by name or ARN. */
  private nameFrom(uri: string): string {
    const encoded = /functions\/([^/]+)\/configuration/.exec(uri)?.[1] ?? '';
    const decoded = decodeURIComponent(encoded);
    return decoded.startsWith('arn:') ? (decoded.split(':')[6] ?? '') : decoded;
  }

  private functionFrom(uri: string): FakeFunction | undefined {
    return this.functions.get(this.nameFrom(uri));
  }

  private configurationOf(fn: FakeFunction): Record<string, unknown> {
    const name = [...this.functions].find(([, candidate]) => candidate === fn)?.[0] ?? 'charge';
    return {
      FunctionName: name,
      FunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
      Environment: { Variables: fn.variables },
      RevisionId: `rev-${fn.revision}`,
      LastUpdateStatus: fn.inProgressReads > 0 ? 'InProgress' : 'Successful',
      State: 'Active',
      ...(fn.logGroup !== undefined
        ? { LoggingConfig: { LogFormat: this.logFormat === 'Text' ? 'Text' : 'JSON', LogGroup: fn.logGroup } }
        : {}),
    };
  }

  private getConfiguration(uri: string): [number, unknown, Record<string, string>?] {
    this.onLambdaCall?.('GetFunctionConfiguration', this.nameFrom(uri));
    this.calls.push('GetFunctionConfiguration');
    const denied = this.denied('GetFunctionConfiguration', {});
    if (denied) return denied;
    const fn = this.functionFrom(uri);
    if (!fn) return [404, { message: 'Function not found' }, { 'x-amzn-errortype': 'ResourceNotFoundException' }];
    const answer = this.configurationOf(fn);
    if (fn.inProgressReads > 0) fn.inProgressReads -= 1;
    return [200, answer];
  }

  private updateConfiguration(uri: string, body: Record<string, unknown>): [number, unknown, Record<string, string>?] {
    this.onLambdaCall?.('UpdateFunctionConfiguration', this.nameFrom(uri));
    this.calls.push('UpdateFunctionConfiguration');
    const denied = this.denied('UpdateFunctionConfiguration', {});
    if (denied) return denied;
    const fn = this.functionFrom(uri);
    if (!fn) return [404, { message: 'Function not found' }, { 'x-amzn-errortype': 'ResourceNotFoundException' }];
    if (body['RevisionId'] !== undefined && body['RevisionId'] !== `rev-${fn.revision}`) {
      return [
        412,
        { message: 'The Revision Id provided does not match the latest Revision Id.' },
        { 'x-amzn-errortype': 'PreconditionFailedException' },
      ];
    }
    fn.variables = { ...((body['Environment'] as { Variables?: Record<string, string> } | undefined)?.Variables ?? {}) };
    fn.revision += 1;
    fn.inProgressReads = 1;
    return this.lost('UpdateFunctionConfiguration', [200, { ...this.configurationOf(fn), LastUpdateStatus: 'InProgress' }]);
  }

  private ssm(operation: string, body: Record<string, unknown>): [number, unknown, Record<string, string>] {
    this.calls.push(operation);
    const headers = { 'content-type': 'application/x-amz-json-1.1' };
    const denied = this.denied(operation, headers);
    if (denied) return denied;
    const name = String(body['Name']);
    if (operation === 'GetParameter') {
      const found = this.parameters.get(name);
      if (!found) return [400, { __type: 'ParameterNotFound', message: '' }, headers];
      return [200, { Parameter: { Name: name, Value: found.value, Type: found.type, Version: 1 } }, headers];
    }
    if (operation === 'PutParameter') {
      this.parameters.set(name, { value: String(body['Value']), type: String(body['Type'] ?? 'String') });
      return this.lost(operation, [200, { Version: 2, Tier: 'Standard' }, headers]) as [number, unknown, Record<string, string>];
    }
    if (operation === 'DeleteParameter') {
      if (!this.parameters.delete(name)) return [400, { __type: 'ParameterNotFound', message: '' }, headers];
      return this.lost(operation, [200, {}, headers]) as [number, unknown, Record<string, string>];
    }
    return [400, { __type: 'UnknownOperation' }, headers];
  }

  /** What the injector in the function would read at this moment. */
  private armedConfig(): string | undefined {
    const fn = this.functions.get('charge');
    const parameter = fn?.variables['SFN_CHAOS_SSM_PARAMETER'];
    return parameter !== undefined ? this.parameters.get(parameter)?.value : fn?.variables['SFN_CHAOS_CONFIG'];
  }

  private states(
    operation: string,
    body: Record<string, unknown>,
    headers: Record<string, string>,
  ): [number, unknown, Record<string, string>] {
    this.calls.push(operation);
    const denied = this.denied(operation, headers);
    if (denied) return denied;
    const seconds = (date: Date): number => date.getTime() / 1000;
    switch (operation) {
      case 'DescribeStateMachine':
        if (!this.machineArns.includes(String(body['stateMachineArn'])))
          return [400, { __type: 'StateMachineDoesNotExist', message: 'no such machine' }, headers];
        return [
          200,
          {
            stateMachineArn: String(body['stateMachineArn']),
            name: String(body['stateMachineArn']).split(':')[6],
            status: 'ACTIVE',
            definition: '{}',
            roleArn: `arn:aws:iam::${ACCOUNT}:role/r`,
            type: this.machineType,
            creationDate: 1700000000,
            loggingConfiguration:
              this.machineType === 'EXPRESS'
                ? {
                    level: 'ALL',
                    includeExecutionData: true,
                    destinations: [
                      {
                        cloudWatchLogsLogGroup: {
                          logGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/vendedlogs/states/checkout:*`,
                        },
                      },
                    ],
                  }
                : { level: 'OFF' },
          },
          headers,
        ];
      case 'StartExecution':
      case 'StartSyncExecution': {
        const name = String(body['name']);
        const input = String(body['input']);
        const express = this.machineType === 'EXPRESS';
        if (operation === 'StartSyncExecution' && !express)
          return [400, { __type: 'StateMachineTypeNotSupported', message: 'STANDARD' }, headers];
        // Express: names may repeat and every call starts an execution of its own, with its own ARN.
        const arn = express
          ? `arn:aws:states:${REGION}:${ACCOUNT}:express:checkout:${name}:${randomUUID()}`
          : `arn:aws:states:${REGION}:${ACCOUNT}:execution:checkout:${name}`;
        const existing = this.executions.get(arn);
        if (existing) {
          // Standard: the same name and input again is idempotent while the execution runs.
          return existing.input === input && existing.status === 'RUNNING'
            ? (this.lost(operation, [200, { executionArn: arn, startDate: 1700000000 }, headers]) as [
                number,
                unknown,
                Record<string, string>,
              ])
            : [400, { __type: 'ExecutionAlreadyExists', message: `Execution Already Exists: '${arn}'` }, headers];
        }
        const parsed = JSON.parse(input) as { hang?: boolean; durationMs?: number };
        const armedWith = this.armedConfig();
        const invocations: FakeInvocation[] = [];
        const events = buildHistory(input, armedWith, this.causeCarriesRequestId, invocations);
        // The first invocation reads the config in place now; on Standard, later ones when the execution ends.
        const laterInvocations = express ? [] : invocations.splice(1);
        const execution: FakeExecution = {
          arn,
          name,
          input,
          status: 'RUNNING',
          describesLeft: parsed.hang ? Number.POSITIVE_INFINITY : this.describesBeforeDone,
          doneAtMs: typeof parsed.durationMs === 'number' ? Date.now() + parsed.durationMs : undefined,
          events,
          armedWith,
          laterInvocations,
          ...(operation === 'StartSyncExecution' ? { sync: true } : {}),
        };
        this.writeLedger(armedWith, invocations);
        this.executions.set(arn, execution);
        this.onStart?.(execution);
        if (operation === 'StartSyncExecution') {
          execution.status = 'SUCCEEDED';
          const last = events.at(-1)!;
          return this.lost(operation, [
            200,
            {
              executionArn: arn,
              stateMachineArn: MACHINE_ARN,
              name,
              startDate: 1700000000,
              stopDate: seconds(last['timestamp'] as Date),
              status: 'SUCCEEDED',
              input,
              output: (last['executionSucceededEventDetails'] as { output: string }).output,
            },
            headers,
          ]) as [number, unknown, Record<string, string>];
        }
        return this.lost(operation, [200, { executionArn: arn, startDate: 1700000000 }, headers]) as [
          number,
          unknown,
          Record<string, string>,
        ];
      }
      case 'DescribeExecution': {
        const execution = this.executions.get(String(body['executionArn']));
        if (!execution) return [400, { __type: 'ExecutionDoesNotExist', message: '' }, headers];
        if (execution.status === 'RUNNING' && execution.doneAtMs !== undefined) {
          if (Date.now() >= execution.doneAtMs) this.finish(execution, 'SUCCEEDED');
        } else if (execution.status === 'RUNNING') {
          execution.describesLeft -= 1;
          if (execution.describesLeft < 0) this.finish(execution, 'SUCCEEDED');
        }
        const last = execution.events.at(-1)!;
        return [
          200,
          {
            executionArn: execution.arn,
            stateMachineArn: MACHINE_ARN,
            name: execution.name,
            status: execution.status,
            startDate: 1700000000,
            input: execution.input,
            ...(execution.status === 'RUNNING' ? {} : { stopDate: seconds(last['timestamp'] as Date) }),
            ...(execution.status === 'SUCCEEDED' ? { output: (last['executionSucceededEventDetails'] as { output: string }).output } : {}),
            ...(execution.status === 'FAILED' ? ((last['executionFailedEventDetails'] as Record<string, string> | undefined) ?? {}) : {}),
          },
          headers,
        ];
      }
      case 'GetExecutionHistory': {
        const execution = this.executions.get(String(body['executionArn']));
        if (!execution) return [400, { __type: 'ExecutionDoesNotExist', message: '' }, headers];
        const size = Math.min(Number(body['maxResults'] ?? 100) || 100, 1000);
        const start = body['nextToken'] === undefined ? 0 : Number(String(body['nextToken']).replace('page-', ''));
        const page = execution.events
          .slice(start, start + size)
          .map((event) => ({ ...event, timestamp: seconds(event['timestamp'] as Date) }));
        this.historyPages += 1;
        const next = start + size < execution.events.length ? { nextToken: `page-${start + size}` } : {};
        return [200, { events: page, ...next }, headers];
      }
      case 'StopExecution': {
        const execution = this.executions.get(String(body['executionArn']));
        if (!execution) return [400, { __type: 'ExecutionDoesNotExist', message: '' }, headers];
        this.finish(execution, 'ABORTED');
        return [200, { stopDate: 1700000100 }, headers];
      }
      default: {
        const answer = this.onOtherOperation?.(operation, body);
        if (answer) return [answer[0], answer[1], headers];
        return [400, { __type: 'UnknownOperationException', message: operation }, headers];
      }
    }
  }

  /** The execution ends: its later invocations have happened, each logged with the config in place now. */
  finish(execution: FakeExecution, status: FakeExecution['status']): void {
    execution.status = status;
    this.writeLedger(this.armedConfig() ?? execution.armedWith, execution.laterInvocations.splice(0));
  }

  /** What the deployed injector would log: one ledger line per failing invocation, plus the runtime's own lines. */
  private writeLedger(armedWith: string | undefined, invocations: FakeInvocation[]): void {
    if (armedWith === undefined) return;
    const config = JSON.parse(armedWith) as { runId?: string; scenarioId?: string };
    const logGroupName = this.functions.get('charge')?.logGroup ?? '/aws/lambda/charge';
    for (const invocation of invocations) {
      const entry = {
        sfnChaos: 'fault-injected',
        configSource: 'env',
        faultId: 'error-0',
        kind: 'error',
        errorName: 'PaymentError',
        errorMessage: 'injected',
        delayMs: null,
        trigger: 'always',
        attempt: null,
        runId: config.runId ?? null,
        scenarioId: config.scenarioId ?? null,
        functionName: 'charge',
        awsRequestId: invocation.requestId,
        executionArn: null,
        stateName: null,
        timestamp: invocation.at.toISOString(),
      };
      const time = invocation.at.getTime();
      this.functionLogs.push({
        logGroupName,
        eventId: `start-${invocation.requestId}`,
        timestamp: time,
        message: `START RequestId: ${invocation.requestId} Version: $LATEST\n`,
      });
      this.functionLogs.push({
        logGroupName,
        eventId: `ledger-${invocation.requestId}`,
        timestamp: time,
        message: lambdaLogLine(this.logFormat, invocation, entry),
      });
    }
  }

  private filterLogs(body: Record<string, unknown>): [number, unknown, Record<string, string>] {
    this.calls.push('FilterLogEvents');
    if (body['logGroupName'] !== '/aws/vendedlogs/states/checkout') return this.filterFunctionLogs(body);
    const term = /"([^"]+)"/.exec(String(body['filterPattern']))?.[1] ?? '';
    // An execution ARN (`$.execution_arn = "…"`), or a bare quoted term such as an execution name.
    const arn = this.executions.has(term) ? term : ([...this.executions.keys()].find((key) => key.includes(`:${term}:`)) ?? term);
    const execution = this.executions.get(arn);
    this.expressLogReads += 1;
    this.onExpressLogRead?.();
    const delivered = (execution?.events ?? []).filter((event) => {
      const id = Number(event['id']);
      return !this.droppedLogEventIds.has(id) && (this.lateLogEvents.get(id) ?? 0) <= this.expressLogReads;
    });
    const events = delivered.map((event, index) => {
      const { id, type, previousEventId, timestamp, ...rest } = event;
      const details = Object.values(rest)[0] ?? {};
      const time = (timestamp as Date).getTime();
      return {
        logStreamName: 'states/checkout/2026-01-01-00-00/abcd1234',
        timestamp: time,
        ingestionTime: time,
        eventId: String(index),
        message: JSON.stringify({
          id: String(id),
          type,
          details,
          previous_event_id: String(previousEventId),
          event_timestamp: String(time),
          execution_arn: arn,
          redrive_count: '0',
        }),
      };
    });
    return [200, { events, searchedLogStreams: [] }, { 'content-type': 'application/x-amz-json-1.1' }];
  }

  private ledgerReads = 0;
  /** Reads of the state machine's log group so far. */
  expressLogReads = 0;

  /** A function's log group as FilterLogEvents serves it: time window, the pattern's quoted terms, pages, late delivery. */
  private filterFunctionLogs(body: Record<string, unknown>): [number, unknown, Record<string, string>] {
    const headers = { 'content-type': 'application/x-amz-json-1.1' };
    this.ledgerRequests.push(body);
    const group = String(body['logGroupName']);
    const expected = this.functions.get('charge')?.logGroup ?? '/aws/lambda/charge';
    if (group !== expected)
      return [400, { __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' }, headers];
    const start = body['nextToken'] === undefined ? 0 : Number(String(body['nextToken']).replace('log-', ''));
    if (start === 0) this.ledgerReads += 1;
    const delivered = this.ledgerDelivery[this.ledgerReads - 1];
    const ledgerLines = this.functionLogs.filter((event) => event.eventId.startsWith('ledger-'));
    const visible = new Set(delivered === undefined ? ledgerLines : ledgerLines.slice(0, delivered));
    const terms = [...String(body['filterPattern'] ?? '').matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((match) => match[1] ?? '');
    const matching = this.functionLogs.filter(
      (event) =>
        (!event.eventId.startsWith('ledger-') || visible.has(event)) &&
        event.timestamp >= Number(body['startTime'] ?? 0) &&
        event.timestamp <= Number(body['endTime'] ?? Number.POSITIVE_INFINITY) &&
        terms.every((term) => event.message.includes(term)),
    );
    const page = matching.slice(start, start + this.ledgerPageSize);
    const next = start + this.ledgerPageSize < matching.length ? { nextToken: `log-${start + this.ledgerPageSize}` } : {};
    return [
      200,
      {
        events: page.map((event) => ({
          logStreamName: '2026/01/01/[$LATEST]0123456789abcdef',
          timestamp: event.timestamp,
          ingestionTime: event.timestamp,
          eventId: event.eventId,
          message: event.message,
        })),
        searchedLogStreams: [],
        ...next,
      },
      headers,
    ];
  }
}

/** The injector's one console line as Lambda stores it: the text format's tab-separated prefix, or the JSON format's `message`. */
function lambdaLogLine(format: LambdaLogFormat, invocation: FakeInvocation, entry: Record<string, unknown>): string {
  const at = invocation.at.toISOString();
  if (format === 'Text') return `${at}\t${invocation.requestId}\tINFO\t${JSON.stringify(entry)}\n`;
  return JSON.stringify({
    timestamp: at,
    level: 'INFO',
    requestId: invocation.requestId,
    message: format === 'JSON' ? JSON.stringify(entry) : entry,
  });
}

/**
 * The history of the checkout machine for one input: `steps` extra Pass states first (long histories),
 * then Charge, which fails with PaymentError on every attempt when armed with it (1 + 2 retries, waits 1 s
 * and 2 s) and is then caught into Recovered; unarmed it succeeds at once.
 */
function buildHistory(
  input: string,
  armedWith: string | undefined,
  causeCarriesRequestId: boolean,
  invocations: FakeInvocation[],
): Record<string, unknown>[] {
  const parsed = JSON.parse(input) as { steps?: number };
  let clock = Date.UTC(2026, 0, 1);
  const events: Record<string, unknown>[] = [];
  const add = (type: string, extra: Record<string, unknown> = {}, advanceMs = 10): void => {
    clock += advanceMs;
    events.push({ id: events.length + 1, previousEventId: events.length, type, timestamp: new Date(clock), ...extra });
  };
  add('ExecutionStarted', { executionStartedEventDetails: { input, roleArn: `arn:aws:iam::${ACCOUNT}:role/r` } });
  for (let step = 1; step <= (parsed.steps ?? 0); step += 1) {
    add('PassStateEntered', { stateEnteredEventDetails: { name: `Step${step}`, input } });
    add('PassStateExited', { stateExitedEventDetails: { name: `Step${step}`, output: input } });
  }
  add('TaskStateEntered', { stateEnteredEventDetails: { name: 'Charge', input } });
  const failing =
    armedWith !== undefined && JSON.parse(armedWith).faults.some((fault: { errorName?: string }) => fault.errorName === 'PaymentError');
  const attempts = failing ? 3 : 1;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    add(
      'LambdaFunctionScheduled',
      { lambdaFunctionScheduledEventDetails: { resource: FUNCTION_ARN, input } },
      attempt === 1 ? 10 : 1000 * 2 ** (attempt - 2),
    );
    add('LambdaFunctionStarted');
    if (failing) {
      const requestId = randomUUID();
      invocations.push({ requestId, at: new Date(clock + 5) });
      const cause = {
        errorType: 'PaymentError',
        errorMessage: 'injected',
        ...(causeCarriesRequestId ? { requestId } : {}),
        trace: ['PaymentError: injected'],
      };
      add('LambdaFunctionFailed', { lambdaFunctionFailedEventDetails: { error: 'PaymentError', cause: JSON.stringify(cause) } });
    } else add('LambdaFunctionSucceeded', { lambdaFunctionSucceededEventDetails: { output: '{"charged":true}' } });
  }
  if (failing) {
    add('TaskStateExited', { stateExitedEventDetails: { name: 'Charge', output: '{"Error":"PaymentError","Cause":"injected"}' } });
    add('PassStateEntered', { stateEnteredEventDetails: { name: 'Recovered', input: '{}' } });
    add('PassStateExited', { stateExitedEventDetails: { name: 'Recovered', output: '{"recovered":true}' } });
    add('ExecutionSucceeded', { executionSucceededEventDetails: { output: '{"recovered":true}' } });
  } else {
    add('TaskStateExited', { stateExitedEventDetails: { name: 'Charge', output: '{"charged":true}' } });
    add('ExecutionSucceeded', { executionSucceededEventDetails: { output: '{"charged":true}' } });
  }
  return events;
}
