import type { HistoryEvent } from '../../../src/engine/index.js';
import { runExecution } from '../../../src/engine/index.js';
import { createRandom } from '../../../src/random.js';
import { findFunction } from '../../../src/scenarios/loadFunctions.js';
import type { FunctionRuntime } from './functionRuntime.js';
import { epochSeconds, fail, ok, type Answer } from './wire.js';
import { appearsRunning, type DeployedMachine, type Execution, type World } from './World.js';

type Body = Record<string, unknown>;

/**
 * How long (real ms) an execution is RUNNING as the API tells, however fast the engine was: the first
 * DescribeExecution poll (250 ms) mostly sees RUNNING, and a StartExecution sent again after a lost
 * answer (200-400 ms later) finds it running (same ARN) or closed (ExecutionAlreadyExists).
 */
const RUNNING_MS = 300;
const HISTORY_PAGE_DEFAULT = 100;
const HISTORY_PAGE_MAX = 1000;

/**
 * Step Functions (JSON 1.0, `AWSStepFunctions.<Op>`): executions run on sfn-chaos's virtual-time engine
 * with the deployed functions' code, so they finish at once; their history has virtual timestamps.
 */
export class StepFunctions {
  constructor(
    private readonly world: World,
    private readonly runtime: FunctionRuntime,
  ) {}

  handle(operation: string, body: Body): Answer | Promise<Answer> {
    switch (operation) {
      case 'DescribeStateMachine':
        return this.describeStateMachine(body);
      case 'StartExecution':
        return this.start(body, false);
      case 'StartSyncExecution':
        return this.start(body, true);
      case 'DescribeExecution':
        return this.describeExecution(body);
      case 'GetExecutionHistory':
        return this.history(body);
      case 'StopExecution':
        return this.stop(body);
      case 'SendTaskSuccess':
      case 'SendTaskFailure':
      case 'SendTaskHeartbeat':
        return fail('sfn', 400, 'TaskDoesNotExist', 'Task does not exist anymore');
      default:
        return fail('sfn', 400, 'UnknownOperationException', `unknown operation ${operation}`);
    }
  }

  private describeStateMachine(body: Body): Answer {
    const machine = this.world.machines.get(String(body['stateMachineArn']));
    if (!machine) return fail('sfn', 400, 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(body['stateMachineArn'])}'`);
    const account = machine.arn.split(':')[4] ?? '';
    return ok('sfn', {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: JSON.stringify(machine.spec.definition),
      roleArn: `arn:aws:iam::${account}:role/${machine.name}-role`,
      type: machine.type,
      creationDate: 1767225600,
      loggingConfiguration:
        machine.logGroup === undefined
          ? { level: 'OFF', includeExecutionData: false }
          : {
              level: 'ALL',
              includeExecutionData: true,
              destinations: [
                {
                  cloudWatchLogsLogGroup: {
                    logGroupArn: `arn:aws:logs:${machine.arn.split(':')[3] ?? ''}:${account}:log-group:${machine.logGroup}:*`,
                  },
                },
              ],
            },
    });
  }

  private async start(body: Body, sync: boolean): Promise<Answer> {
    const machine = this.world.machines.get(String(body['stateMachineArn']));
    if (!machine) return fail('sfn', 400, 'StateMachineDoesNotExist', `State Machine Does Not Exist: '${String(body['stateMachineArn'])}'`);
    if (sync && machine.type !== 'EXPRESS')
      return fail('sfn', 400, 'StateMachineTypeNotSupported', 'This operation is only supported for EXPRESS state machines');
    const name = typeof body['name'] === 'string' ? body['name'] : crypto.randomUUID();
    const input = typeof body['input'] === 'string' ? body['input'] : '{}';
    const parts = machine.arn.split(':');
    const arn =
      machine.type === 'EXPRESS'
        ? `${parts.slice(0, 5).join(':')}:express:${machine.name}:${name}:${crypto.randomUUID()}`
        : `${parts.slice(0, 5).join(':')}:execution:${machine.name}:${name}`;
    const existing = this.world.executions.get(arn);
    if (existing) {
      // Standard names: the same name and input while it runs is the same execution; anything else is refused.
      if (appearsRunning(existing) && existing.input === input)
        return ok('sfn', { executionArn: arn, startDate: epochSeconds(existing.startDate) });
      return fail('sfn', 400, 'ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(input);
    } catch {
      return fail('sfn', 400, 'InvalidExecutionInput', 'Invalid State Machine Execution Input');
    }
    const execution = this.launch(machine, arn, name, input, parsed);
    if (!sync) return ok('sfn', { executionArn: arn, startDate: epochSeconds(execution.startDate) });
    await execution.done;
    execution.closesAtMs = 0;
    execution.observed = true;
    return ok('sfn', {
      executionArn: arn,
      stateMachineArn: machine.arn,
      name,
      startDate: epochSeconds(execution.startDate),
      stopDate: epochSeconds(execution.stopDate ?? new Date()),
      status: execution.status,
      input,
      ...outcome(execution),
    });
  }

  private launch(machine: DeployedMachine, arn: string, name: string, input: string, parsed: unknown): Execution {
    const startDate = new Date();
    const functions = [...this.world.functions.values()];
    const execution: Execution = {
      arn,
      name,
      input,
      machine,
      status: 'RUNNING',
      startDate,
      events: [],
      done: Promise.resolve(),
      finished: false,
      closesAtMs: startDate.getTime() + RUNNING_MS,
      observed: false,
    };
    execution.done = runExecution({
      definition: machine.spec.definition,
      input: parsed,
      stateMachineArn: machine.arn,
      executionName: name,
      startTime: startDate,
      functions: (ref) => {
        const fn = findFunction(
          functions.map((candidate) => ({ ...candidate.spec, deployed: candidate })),
          ref,
        )?.deployed;
        return fn === undefined ? undefined : this.runtime.localFunction(fn);
      },
      random: createRandom(`${name}:jitter`),
    }).then(
      (result) => {
        execution.finished = true;
        if (execution.status !== 'RUNNING') return; // stopped meanwhile
        execution.events = result.events;
        execution.status = result.status === 'PENDING_REDRIVE' ? 'FAILED' : result.status;
        execution.stopDate = result.stopDate;
        if (result.output !== undefined) execution.output = result.output;
        if (result.error !== undefined) execution.error = result.error;
        if (result.cause !== undefined) execution.cause = result.cause;
        if (machine.logGroup !== undefined) this.logEvents(machine.logGroup, execution);
      },
      (error: unknown) => {
        execution.finished = true;
        if (execution.status !== 'RUNNING') return;
        this.close(execution, 'FAILED', 'ExecutionFailed', {
          error: 'States.Runtime',
          cause: `endpoint engine: ${(error as Error).message}`,
        });
      },
    );
    this.world.executions.set(arn, execution);
    return execution;
  }

  /** Express logging at level ALL: one JSON line per event, in the snake_case shape Step Functions logs. */
  private logEvents(group: string, execution: Execution): void {
    for (const event of execution.events) {
      const { id, previousEventId, type, timestamp, ...rest } = event;
      const details = Object.values(rest).find((value) => typeof value === 'object' && value !== null) ?? {};
      const time = (timestamp ?? new Date()).getTime();
      const message = JSON.stringify({
        id: String(id),
        type,
        details,
        previous_event_id: String(previousEventId ?? 0),
        event_timestamp: String(time),
        execution_arn: execution.arn,
        redrive_count: '0',
      });
      this.world.appendLog(group, time, message, `states/${execution.machine.name}/${execution.name}`);
    }
  }

  private close(execution: Execution, status: Execution['status'], type: string, details: Record<string, string>): void {
    const stopDate = new Date(Math.max(Date.now(), (execution.events.at(-1)?.timestamp ?? execution.startDate).getTime()));
    const started: HistoryEvent = {
      id: 1,
      previousEventId: 0,
      type: 'ExecutionStarted',
      timestamp: execution.startDate,
      executionStartedEventDetails: { input: execution.input },
    };
    const kept = execution.events.length > 0 ? execution.events.filter((event) => !isTerminal(event)) : [started];
    const last = kept.at(-1);
    const key = `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
    execution.events = [
      ...kept,
      { id: (last?.id ?? 0) + 1, previousEventId: last?.id ?? 0, type, timestamp: stopDate, [key]: details } as HistoryEvent,
    ];
    execution.status = status;
    execution.stopDate = stopDate;
    delete execution.output;
    if (details['error'] !== undefined) execution.error = details['error'];
    if (details['cause'] !== undefined) execution.cause = details['cause'];
  }

  private describeExecution(body: Body): Answer {
    const execution = this.world.executions.get(String(body['executionArn']));
    if (!execution) return fail('sfn', 400, 'ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body['executionArn'])}'`);
    const running = appearsRunning(execution);
    const status = running ? 'RUNNING' : execution.status;
    if (!running) execution.observed = true;
    return ok('sfn', {
      executionArn: execution.arn,
      stateMachineArn: execution.machine.arn,
      name: execution.name,
      status,
      startDate: epochSeconds(execution.startDate),
      input: execution.input,
      ...(status === 'RUNNING' ? {} : { stopDate: epochSeconds(execution.stopDate ?? new Date()), ...outcome(execution) }),
    });
  }

  private history(body: Body): Answer {
    const execution = this.world.executions.get(String(body['executionArn']));
    if (!execution) return fail('sfn', 400, 'ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body['executionArn'])}'`);
    const size = Math.min(Number(body['maxResults'] ?? 0) || HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX);
    const visible = appearsRunning(execution) ? execution.events.filter((event) => !isTerminal(event)) : execution.events;
    const ordered = body['reverseOrder'] === true ? [...visible].reverse() : visible;
    const token = typeof body['nextToken'] === 'string' ? body['nextToken'] : undefined;
    const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8').split(':')[1]);
    if (token !== undefined && !Number.isInteger(start)) return fail('sfn', 400, 'InvalidToken', 'Invalid Token');
    const page = ordered.slice(start, start + size).map((event) => ({ ...event, timestamp: epochSeconds(event.timestamp ?? new Date()) }));
    const next = start + size < ordered.length ? { nextToken: Buffer.from(`${execution.name}:${start + size}`).toString('base64url') } : {};
    return ok('sfn', { events: page, ...next });
  }

  private stop(body: Body): Answer {
    const execution = this.world.executions.get(String(body['executionArn']));
    if (!execution) return fail('sfn', 400, 'ExecutionDoesNotExist', `Execution Does Not Exist: '${String(body['executionArn'])}'`);
    execution.observed = true;
    if (appearsRunning(execution)) {
      execution.closesAtMs = 0;
      const details: Record<string, string> = {};
      if (typeof body['error'] === 'string') details['error'] = body['error'];
      if (typeof body['cause'] === 'string') details['cause'] = body['cause'];
      this.close(execution, 'ABORTED', 'ExecutionAborted', details);
    }
    return ok('sfn', { stopDate: epochSeconds(execution.stopDate ?? new Date()) });
  }
}

function isTerminal(event: HistoryEvent): boolean {
  return ['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionTimedOut', 'ExecutionAborted'].includes(event.type ?? '');
}

function outcome(execution: Execution): Record<string, string> {
  return {
    ...(execution.output !== undefined ? { output: execution.output } : {}),
    ...(execution.error !== undefined ? { error: execution.error } : {}),
    ...(execution.cause !== undefined ? { cause: execution.cause } : {}),
  };
}
