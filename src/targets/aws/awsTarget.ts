import { DescribeExecutionCommand, DescribeStateMachineCommand, StartExecutionCommand, StartSyncExecutionCommand, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { DescribeExecutionCommandOutput, HistoryEvent } from '@aws-sdk/client-sfn';
import pRetry from 'p-retry';
import { InvalidInputError, TargetError } from '../../errors.js';
import { attemptsWithoutRetryCount } from './attemptsWithoutRetryCount.js';
import type { ChaosConfig } from '../../injectors/types.js';
import { EXECUTION_TERMINAL_STATUS } from '../../assertions/historyEvents.js';
import { checkOptions, optionNames } from '../../sources/checkOptions.js';
import { LocalAccount } from '../../engine/runtime/localAccount.js';
import type { FunctionSpec, Scenario, StateMachineSpec } from '../../scenarios/types.js';
import { executionOutcome, type ArmingClaim, type RunPreparation, type ScenarioExecution, type ScenarioRunRequest, type Target } from '../types.js';
import { readFaultLedger, type FaultLedgerSource } from './readFaultLedger.js';
import { errorNamesRaisedBy, failedAttemptsOf, matchFaultLedger } from '../matchFaultLedger.js';
import { parseArn } from './accounts.js';
import { createAwsClients, type AwsClientOptions, type AwsClients } from './awsClients.js';
import { callAws, DEFAULT_AWS_RETRY_POLICY, type AwsRetryPolicy } from './callAws.js';
import { isRetryableAwsError, isThrottlingAwsError } from './isRetryableAwsError.js';
import {
  API_BURST,
  API_CALLS_PER_SECOND,
  DEFAULT_SCENARIO_TIMEOUT_SECONDS,
  EXPIRY_MARGIN_SECONDS,
  EXPRESS_LOG_DEFAULTS,
  EXPRESS_MAX_DURATION_SECONDS,
  FAULT_LEDGER_DEFAULTS,
  TargetWarningCode,
} from './constants.js';
import { executionNameFor } from '../executionName.js';
import { FunctionArming, type ArmingHold, type DeployedFunction } from './FunctionArming.js';
import { Pacer } from './Pacer.js';
import { readExecutionHistory } from './readHistory.js';
import { readExpressLogEvents } from './readExpressLogs.js';

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
   * Reading the fault ledger back from the armed functions' logs: wait between reads and the longest wait
   * for lines delivered late (default 1 000 and 10 000 ms).
   */
  faultLedger?: { pollMs?: number; graceMs?: number };
  /** Overrides of the per-API call rates (calls per second, shared by all scenarios). */
  callsPerSecond?: Partial<Record<keyof typeof API_CALLS_PER_SECOND, number>>;
}

/** A function a scenario armed, and where its fault ledger lands. */
interface ArmedFunction extends FaultLedgerSource {
  faults: ChaosConfig['faults'];
  hold: ArmingHold;
}

/** What the run learnt about one deployed state machine, read-only, before anything was armed. */
interface DeployedStateMachine {
  arn: string;
  type: 'STANDARD' | 'EXPRESS';
  /** Express: the log group and level of its logging configuration. */
  logGroupName?: string;
  logLevel?: string;
  /** Deployed function of each function key. */
  functions: Map<string, DeployedFunction>;
}

/**
 * The AWS target: runs each scenario on the deployed state machine. It arms the scenario's faults where
 * the deployed injector reads them, starts the execution with a name that traces back to the run,
 * waits by polling, reads the full history (Standard) or the CloudWatch Logs events (Express), puts
 * every function's configuration back on every way out, and then reads the armed functions' fault ledger
 * back from their logs to say which failed attempts were injected. Before the first change it resolves every
 * state machine and function the run touches and refuses any account outside `allowedAccounts`.
 *
 * @example
 * ```ts
 * const target = createAwsTarget({ region: 'eu-west-1', allowedAccounts: new Set(['111111111111']) });
 * const result = await runScenarios(await loadScenarioFile('scenarios.yaml', { requireHandlers: false }), { target, concurrency: 10 });
 * ```
 */
export function createAwsTarget(options: AwsTargetOptions): Target {
  checkOptions('createAwsTarget', options, AWS_TARGET_OPTIONS);
  return new AwsTarget(options);
}

const AWS_TARGET_OPTIONS = optionNames<AwsTargetOptions>({
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
  faultLedger: true,
  callsPerSecond: true,
});

class StillRunning extends Error {
  constructor() {
    super('execution still running');
    this.name = 'StillRunning';
  }
}

class AwsTarget implements Target {
  readonly name = 'aws' as const;
  /** Real executions are timed by AWS's scheduler: a second either way is normal. */
  readonly defaultBackoffTolerance = 1;
  private readonly clients: AwsClients;
  private readonly retry: AwsRetryPolicy;
  private readonly arming: FunctionArming;
  private readonly machines = new Map<string, Promise<DeployedStateMachine>>();
  private readonly pacers: Record<keyof typeof API_CALLS_PER_SECOND, Pacer>;

  constructor(private readonly options: AwsTargetOptions) {
    if (options.allowedAccounts.size === 0) {
      throw new InvalidInputError('the aws target needs the accounts it may touch: --allow-account 111111111111 or --allowed-accounts FILE');
    }
    const rates = { ...API_CALLS_PER_SECOND, ...options.callsPerSecond };
    this.pacers = Object.fromEntries(
      Object.entries(rates).map(([api, rate]) => [api, new Pacer(rate, API_BURST[api as keyof typeof API_BURST])]),
    ) as Record<keyof typeof API_CALLS_PER_SECOND, Pacer>;
    this.clients = options.clients ?? createAwsClients(options);
    this.retry = { ...DEFAULT_AWS_RETRY_POLICY, ...options.retry };
    this.arming = new FunctionArming(this.clients, {
      retry: this.retry,
      updatePollMs: options.lambdaUpdatePollMs ?? 500,
      ...(options.ssmPropagationMs !== undefined ? { ssmPropagationMs: options.ssmPropagationMs } : {}),
    });
  }

  async prepare(request: RunPreparation): Promise<void> {
    const keys = [...new Set(request.scenarios.map((scenario) => scenario.stateMachine))];
    const machines: DeployedStateMachine[] = [];
    for (const key of keys) {
      const spec = request.file.stateMachines[key];
      if (spec) machines.push(await this.machineFor(spec, request.signal));
    }
    for (const machine of machines) {
      this.assertAllowed(machine.arn, `state machine ${machine.arn}`);
      for (const fn of machine.functions.values()) this.assertAllowed(fn.arn, `function ${fn.address}`);
    }
  }

  armingClaims(request: Pick<ScenarioRunRequest, 'scenario' | 'stateMachine'>): ArmingClaim[] {
    return request.stateMachine.functions.map((spec) => {
      const faults = faultsFor(request.scenario, spec);
      return { resource: deployedFunctionAddress(spec), config: faults.length === 0 ? '' : claimKey(request.scenario, spec) };
    });
  }

  async runScenario(request: ScenarioRunRequest): Promise<ScenarioExecution> {
    const { scenario, stateMachine, signal } = request;
    if (scenario.callbacks !== undefined && scenario.callbacks.length > 0) {
      throw new TargetError('callbacks: are answered by the local engine only; on AWS the real task-token sender answers (unsupported by the aws target)');
    }
    if (scenario.services !== undefined) {
      throw new TargetError('scenario services: stand-ins exist only on the local engine; on AWS the real services run (unsupported by the aws target)');
    }
    const machine = await this.machineFor(stateMachine, signal);
    this.assertAllowed(machine.arn, `state machine ${machine.arn}`);
    const timeoutMs = (this.options.timeoutSeconds ?? DEFAULT_SCENARIO_TIMEOUT_SECONDS) * 1000;
    const expiresAtMs = Date.now() + timeoutMs + EXPIRY_MARGIN_SECONDS * 1000;

    const holds: ArmingHold[] = [];
    const armed: ArmedFunction[] = [];
    let execution: ScenarioExecution;
    try {
      for (const spec of stateMachine.functions) {
        const fn = machine.functions.get(spec.key);
        if (!fn) continue;
        this.assertAllowed(fn.arn, `function ${fn.address}`);
        const faults = faultsFor(scenario, spec);
        const config: ChaosConfig | undefined =
          faults.length === 0
            ? undefined
            : { faults, expiresAt: new Date(expiresAtMs).toISOString(), runId: request.runId, scenarioId: scenario.name, seed: `${String(scenario.seed ?? scenario.name)}:${spec.key}` };
        const hold = await this.arming.acquire(fn, config, faults.length === 0 ? '' : claimKey(scenario, spec), expiresAtMs);
        holds.push(hold);
        if (faults.length > 0) armed.push({ functionName: fn.functionName, logGroupName: fn.logGroupName, faults, hold });
      }
      await this.arming.waitUntilReady([...machine.functions.values()], signal);
      const name = executionNameFor(request.runId, request.index, scenario.name);
      const input = JSON.stringify(scenario.input ?? {});
      const deadlineMs = Date.now() + timeoutMs;
      if (machine.type === 'EXPRESS') {
        execution =
          scenario.expect.states === undefined
            ? await this.runExpressSync(machine, name, input, timeoutMs, signal)
            : await this.runExpressLogged(machine, name, input, deadlineMs, signal);
      } else {
        execution = await this.runStandard(machine, name, input, deadlineMs, signal);
      }
    } finally {
      await disarmAll(holds);
    }
    // Read after disarming, so no fault stays armed while late log lines are awaited.
    const withLedger = await this.withFaultLedger(execution, armed, request.runId, scenario.name, signal);
    const unreachableAttempts = attemptsWithoutRetryCount(request.stateMachine, scenario).map((message) => ({
      source: 'aws-target',
      code: TargetWarningCode.AttemptsWithoutRetryCount,
      message,
    }));
    return unreachableAttempts.length === 0 ? withLedger : { ...withLedger, injectorWarnings: [...withLedger.injectorWarnings, ...unreachableAttempts] };
  }

  /**
   * Attaches the fault-ledger lines of the armed functions to the execution and says, per failed attempt,
   * whether one of them explains it. A ledger that cannot be read leaves a warning, never an error: the
   * history alone decides the verdict.
   */
  private async withFaultLedger(execution: ScenarioExecution, armed: ArmedFunction[], runId: string, scenarioId: string, signal?: AbortSignal): Promise<ScenarioExecution> {
    const failed = failedAttemptsOf(execution.events);
    if (armed.length === 0) {
      // Nothing was armed for this scenario, so no line can carry its run and scenario: no call needed.
      return { ...execution, failedAttempts: matchFaultLedger(failed, []) };
    }
    const injectable = new Set(armed.flatMap((fn) => fn.faults.flatMap(errorNamesRaisedBy)));
    const armedNames = new Set(armed.map((fn) => fn.functionName));
    const expectedLines = failed.filter(
      (attempt) => attempt.error !== null && injectable.has(attempt.error) && (attempt.functionName === null || armedNames.has(attempt.functionName)),
    ).length;
    const margin = FAULT_LEDGER_DEFAULTS.windowMarginMs;
    const sources: FaultLedgerSource[] = [...new Map(armed.map((fn) => [fn.logGroupName, { functionName: fn.functionName, logGroupName: fn.logGroupName }])).values()];
    // A shared arming carries the scenario id of the scenario that armed it first, in every holder's lines.
    const scenarioIds = [...new Set([scenarioId, ...armed.flatMap((fn) => (fn.hold.armedScenarioId === undefined ? [] : [fn.hold.armedScenarioId]))])];
    const shared = armed.filter((fn) => fn.hold.shared);
    const sharedNames = new Set(shared.map((fn) => fn.functionName));
    // The failed attempts a fault on a shared arming could explain: their causes' request ids tie lines to this execution.
    const explainable = failed.filter(
      (attempt) => attempt.error !== null && injectable.has(attempt.error) && (attempt.functionName === null || sharedNames.has(attempt.functionName)),
    );
    const reading = await readFaultLedger(this.clients.logs, sources, {
      retry: this.retry,
      pacer: this.pacers.FilterLogEvents,
      runId,
      scenarioIds,
      ...(shared.length > 0
        ? {
            sharedArming: {
              functionNames: sharedNames,
              requestIds: new Set(explainable.flatMap((attempt) => (attempt.awsRequestId === null ? [] : [attempt.awsRequestId]))),
              someFailureWithoutRequestId: explainable.some((attempt) => attempt.awsRequestId === null),
            },
          }
        : {}),
      executionArn: execution.executionArn,
      startTimeMs: execution.startDate.getTime() - margin,
      endTimeMs: (execution.stopDate ?? new Date()).getTime() + margin,
      expectedLines,
      pollMs: this.options.faultLedger?.pollMs ?? FAULT_LEDGER_DEFAULTS.pollMs,
      graceMs: this.options.faultLedger?.graceMs ?? FAULT_LEDGER_DEFAULTS.graceMs,
      ...(signal ? { signal } : {}),
    });
    const warnings = reading.unreadable.map((problem) => ({
      source: 'aws-target',
      code: TargetWarningCode.FaultLedgerUnread,
      functionName: problem.functionName,
      logGroupName: problem.logGroupName,
      message: `the fault ledger of ${problem.functionName} could not be read from ${problem.logGroupName} (${problem.reason}); whether its failures were injected is unknown, the verdict does not depend on it`,
    }));
    return {
      ...execution,
      injectedFaults: [...execution.injectedFaults, ...reading.entries],
      injectorWarnings: [...execution.injectorWarnings, ...warnings],
      // With a log group unread, "not injected" could be wrong: say nothing per attempt rather than guess.
      ...(reading.unreadable.length === 0 ? { failedAttempts: matchFaultLedger(failed, reading.entries) } : {}),
    };
  }

  private machineFor(spec: StateMachineSpec, signal?: AbortSignal): Promise<DeployedStateMachine> {
    let pending = this.machines.get(spec.key);
    if (!pending) {
      pending = this.describeMachine(spec, signal);
      this.machines.set(spec.key, pending);
      pending.catch(() => this.machines.delete(spec.key));
    }
    return pending;
  }

  /** Read-only: resolves functions (GetFunctionConfiguration) and the state machine (DescribeStateMachine). */
  private async describeMachine(spec: StateMachineSpec, signal?: AbortSignal): Promise<DeployedStateMachine> {
    const functions = new Map<string, DeployedFunction>();
    for (const fnSpec of spec.functions) functions.set(fnSpec.key, await this.arming.resolve(deployedFunctionAddress(fnSpec), signal));
    const arn = await this.stateMachineArn(spec, [...functions.values()]);
    this.assertAllowed(arn, `state machine ${arn}`);
    let described;
    try {
      described = await callAws(() => this.clients.sfn.send(new DescribeStateMachineCommand({ stateMachineArn: arn }), signal ? { abortSignal: signal } : {}), this.retry, signal, {
        pacer: this.pacers.DescribeStateMachine,
      });
    } catch (error) {
      throw new TargetError(`cannot describe state machine ${arn} (${spec.key}): ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
    }
    const type = described.type === 'EXPRESS' ? 'EXPRESS' : 'STANDARD';
    const destination = described.loggingConfiguration?.destinations?.[0]?.cloudWatchLogsLogGroup?.logGroupArn;
    const logGroupName = destination === undefined ? undefined : parseArn(destination)?.resource.replace(/^log-group:/, '').replace(/:\*$/, '');
    return {
      arn: described.stateMachineArn ?? arn,
      type,
      functions,
      ...(logGroupName ? { logGroupName } : {}),
      ...(described.loggingConfiguration?.level ? { logLevel: described.loggingConfiguration.level } : {}),
    };
  }

  /**
   * A state machine given by name lives in the account and Region of its functions (Lambda told us their
   * ARNs), or else in the only allowed account and the client's Region.
   */
  private async stateMachineArn(spec: StateMachineSpec, functions: DeployedFunction[]): Promise<string> {
    const address = spec.deployed ?? spec.stateMachineName;
    if (address.startsWith('arn:')) return address;
    const fromFunction = functions.map((fn) => parseArn(fn.arn)).find((parts) => parts !== undefined);
    if (fromFunction) return `arn:${fromFunction.partition}:states:${fromFunction.region}:${fromFunction.accountId}:stateMachine:${address}`;
    const [only, ...others] = [...this.options.allowedAccounts];
    if (only !== undefined && others.length === 0) {
      const region = await this.clients.sfn.config.region();
      return `arn:aws:states:${region}:${only}:stateMachine:${address}`;
    }
    throw new InvalidInputError(`state machine ${spec.key}: give its ARN under deployed: (its account cannot be told from a name when several accounts are allowed)`, spec.at);
  }

  private assertAllowed(arn: string, what: string): void {
    const account = parseArn(arn)?.accountId;
    if (account === undefined || !this.options.allowedAccounts.has(account)) {
      throw new InvalidInputError(
        `${what} is in account ${account ?? 'unknown'}, which is not allowed (allowed: ${[...this.options.allowedAccounts].join(', ')}); nothing was changed`,
      );
    }
  }

  private async runStandard(machine: DeployedStateMachine, name: string, input: string, deadlineMs: number, signal?: AbortSignal): Promise<ScenarioExecution> {
    const started = await this.startStandard(machine, name, input, signal);
    const executionArn = started.executionArn;
    let described: DescribeExecutionCommandOutput;
    try {
      described = await this.waitForExecution(executionArn, deadlineMs, signal);
    } catch (error) {
      const interrupted = signal?.aborted === true;
      await this.stopExecution(executionArn, interrupted ? 'the run was interrupted' : 'the scenario exceeded its time limit');
      if (interrupted) throw new TargetError(`the run was interrupted; execution ${executionArn} was stopped and the functions disarmed`, { cause: error });
      if (error instanceof StillRunning) {
        throw new TargetError(`execution ${executionArn} did not finish within ${Math.round((this.options.timeoutSeconds ?? DEFAULT_SCENARIO_TIMEOUT_SECONDS))} s; it was stopped (StopExecution) and the functions disarmed`);
      }
      throw error;
    }
    const events = await readExecutionHistory(this.clients.sfn, executionArn, { retry: this.retry, pacer: this.pacers.GetExecutionHistory, ...(signal ? { signal } : {}) });
    return {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status: described.status ?? 'RUNNING',
      startDate: described.startDate ?? started.startDate ?? new Date(),
      ...(described.stopDate ? { stopDate: described.stopDate } : {}),
      input: described.input ?? input,
      ...executionOutcome(described),
      events,
      injectedFaults: [],
      injectorWarnings: [],
    };
  }

  /**
   * StartExecution of a Standard state machine. Sent again with the same name and input it is idempotent
   * while the execution runs (sfn-semantics.md §7, execution names); once the execution has closed, the
   * retry answers ExecutionAlreadyExists, which after a lost answer means the first call started it.
   */
  private async startStandard(machine: DeployedStateMachine, name: string, input: string, signal?: AbortSignal): Promise<{ executionArn: string; startDate?: Date }> {
    let attempts = 0;
    let started;
    try {
      started = await callAws(
        () => {
          attempts += 1;
          return this.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name, input }));
        },
        this.retry,
        signal,
        { pacer: this.pacers.StartExecution },
      );
    } catch (error) {
      if ((error as Error).name === 'ExecutionAlreadyExists' && attempts > 1) return { executionArn: standardExecutionArn(machine.arn, name) };
      if (signal?.aborted || isRetryableAwsError(error)) {
        throw new TargetError(
          `StartExecution of ${name} failed (${describeError(error)}): the execution may or may not have started; if it did, stop it: aws stepfunctions stop-execution --execution-arn ${standardExecutionArn(machine.arn, name)}`,
          { cause: error },
        );
      }
      throw new TargetError(`cannot start execution ${name} of state machine ${machine.arn}: ${describeError(error)}`, { cause: error });
    }
    if (!started.executionArn) throw new TargetError(`StartExecution returned no execution ARN for ${name}`);
    return { executionArn: started.executionArn, ...(started.startDate ? { startDate: started.startDate } : {}) };
  }

  /**
   * Starts an Express execution, which is not idempotent: an asynchronous start sent twice runs twice, and
   * StartSyncExecution runs at most once per call (sfn-semantics.md §6). Only throttling, which means nothing
   * started, is retried; after a 5xx or a broken connection the execution may or may not have started.
   */
  private async startExpress<T>(operation: 'StartExecution' | 'StartSyncExecution', name: string, send: () => Promise<T>, signal: AbortSignal | undefined, pacer?: Pacer): Promise<T> {
    try {
      return await callAws(send, this.retry, signal, { retryOn: isThrottlingAwsError, ...(pacer ? { pacer } : {}) });
    } catch (error) {
      if (isThrottlingAwsError(error)) {
        throw new TargetError(`${operation} of Express execution ${name} was throttled ${this.retry.retries + 1} times, so nothing started; run again with a lower --concurrency`, { cause: error });
      }
      if (signal?.aborted || isRetryableAwsError(error)) {
        throw new TargetError(
          `${operation} of Express execution ${name} failed (${describeError(error)}): the execution may or may not have started, and an Express start is not idempotent, so it was not sent again; run the scenario again`,
          { cause: error },
        );
      }
      throw new TargetError(`cannot start Express execution ${name}: ${describeError(error)}`, { cause: error });
    }
  }

  /** Polls DescribeExecution with growing waits (quota: 10-15 refills per second per account, shared). */
  private waitForExecution(executionArn: string, deadlineMs: number, signal?: AbortSignal): Promise<DescribeExecutionCommandOutput> {
    return pRetry(
      async () => {
        const described = await callAws(
          () => this.clients.sfn.send(new DescribeExecutionCommand({ executionArn }), signal ? { abortSignal: signal } : {}),
          this.retry,
          signal,
          { pacer: this.pacers.DescribeExecution },
        );
        if (described.status === 'RUNNING' || described.status === 'PENDING_REDRIVE') throw new StillRunning();
        return described;
      },
      {
        retries: Number.POSITIVE_INFINITY,
        minTimeout: this.options.poll?.minMs ?? 250,
        maxTimeout: this.options.poll?.maxMs ?? 1000,
        factor: 1.5,
        randomize: false,
        shouldRetry: ({ error }) => error instanceof StillRunning && Date.now() < deadlineMs,
        ...(signal ? { signal } : {}),
      },
    );
  }

  /** Stops our own execution; never aborted by the run's signal, since it is part of cleaning up. */
  private async stopExecution(executionArn: string, why: string): Promise<void> {
    try {
      await callAws(() => this.clients.sfn.send(new StopExecutionCommand({ executionArn, error: 'sfn-chaos.Stopped', cause: why })), this.retry, undefined, { pacer: this.pacers.StopExecution });
    } catch (error) {
      if ((error as Error).name !== 'ExecutionDoesNotExist') throw new TargetError(`could not stop execution ${executionArn}: ${(error as Error).message}`, { cause: error });
    }
  }

  /** Express without state expectations: StartSyncExecution gives the outcome in one call. */
  private async runExpressSync(machine: DeployedStateMachine, name: string, input: string, timeoutMs: number, signal?: AbortSignal): Promise<ScenarioExecution> {
    const limit = AbortSignal.timeout(timeoutMs);
    const abortSignal = signal ? AbortSignal.any([signal, limit]) : limit;
    let result;
    try {
      result = await this.startExpress('StartSyncExecution', name, () => this.clients.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: machine.arn, name, input }), { abortSignal }), abortSignal);
    } catch (error) {
      if (limit.aborted && signal?.aborted !== true) {
        throw new TargetError(`Express execution ${name} did not finish within ${timeoutMs / 1000} s (StartSyncExecution gave no answer); an Express execution cannot be stopped, its 5-minute limit ends it`, { cause: error });
      }
      throw error;
    }
    const executionArn = result.executionArn ?? `${machine.arn}:${name}`;
    const startDate = result.startDate ?? new Date();
    const stopDate = result.stopDate ?? new Date();
    const status = result.status ?? 'FAILED';
    // No history exists for Express; the two events say what the response says, so status/error/output checks work.
    const terminalType = status === 'SUCCEEDED' ? 'ExecutionSucceeded' : status === 'TIMED_OUT' ? 'ExecutionTimedOut' : 'ExecutionFailed';
    const terminalDetails = status === 'SUCCEEDED' ? { executionSucceededEventDetails: { output: result.output ?? 'null' } } : { [`${terminalType.charAt(0).toLowerCase()}${terminalType.slice(1)}EventDetails`]: { error: result.error, cause: result.cause } };
    const events = [
      { id: 1, previousEventId: 0, type: 'ExecutionStarted', timestamp: startDate, executionStartedEventDetails: { input } },
      { id: 2, previousEventId: 1, type: terminalType, timestamp: stopDate, ...terminalDetails },
    ] as HistoryEvent[];
    return {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status,
      startDate,
      stopDate,
      input,
      ...executionOutcome(result),
      events,
      injectedFaults: [],
      injectorWarnings: [],
    };
  }

  /** Express with state expectations: start it, then read its events from CloudWatch Logs. */
  private async runExpressLogged(machine: DeployedStateMachine, name: string, input: string, deadlineMs: number, signal?: AbortSignal): Promise<ScenarioExecution> {
    if (machine.logGroupName === undefined || machine.logLevel !== 'ALL') {
      throw new TargetError(
        `Express state machine ${machine.arn} must log to CloudWatch Logs at level ALL (it has ${machine.logLevel ?? 'no logging'}) for state expectations; or expect only status, error and output`,
      );
    }
    const started = await this.startExpress(
      'StartExecution',
      name,
      () => this.clients.sfn.send(new StartExecutionCommand({ stateMachineArn: machine.arn, name, input })),
      signal,
      this.pacers.StartExecution,
    );
    const executionArn = started.executionArn;
    if (!executionArn) throw new TargetError(`StartExecution returned no execution ARN for ${name}`);
    const startDate = started.startDate ?? new Date();
    const graceMs = this.options.expressLogs?.graceMs ?? EXPRESS_LOG_DEFAULTS.graceMs;
    // No Express execution runs longer than 5 minutes: past that and the grace, its terminal event is not
    // coming. Counted from when StartExecution answered, so pacing and throttled retries do not shorten it.
    const expressEndMs = Date.now() + EXPRESS_MAX_DURATION_SECONDS * 1000 + graceMs;
    const { events, complete } = await readExpressLogEvents(this.clients.logs, machine.logGroupName, executionArn, startDate.getTime(), {
      retry: this.retry,
      pacer: this.pacers.FilterLogEvents,
      pollMs: this.options.expressLogs?.pollMs ?? EXPRESS_LOG_DEFAULTS.pollMs,
      graceMs,
      deadlineMs: Math.min(deadlineMs, expressEndMs),
      ...(signal ? { signal } : {}),
    });
    if (!complete) {
      // StopExecution does not exist for Express; the 5-minute Express limit ends it.
      throw new TargetError(
        deadlineMs < expressEndMs
          ? `no terminal event for Express execution ${executionArn} reached ${machine.logGroupName} within the scenario's time limit; raise --timeout (an Express execution may run 5 minutes)`
          : `no terminal event for Express execution ${executionArn} reached ${machine.logGroupName} within 5 minutes (the longest an Express execution runs) plus ${graceMs / 1000} s; its log delivery lost or delayed it, run the scenario again`,
      );
    }
    const terminal = [...events].reverse().find((event) => event.type !== undefined && event.type in EXECUTION_TERMINAL_STATUS)!;
    const status = EXECUTION_TERMINAL_STATUS[terminal.type as keyof typeof EXECUTION_TERMINAL_STATUS];
    const details = (terminal.executionSucceededEventDetails ?? terminal.executionFailedEventDetails ?? terminal.executionTimedOutEventDetails ?? terminal.executionAbortedEventDetails ?? {}) as Record<string, string | undefined>;
    return {
      executionArn,
      stateMachineArn: machine.arn,
      name,
      status,
      startDate,
      ...(terminal.timestamp ? { stopDate: terminal.timestamp } : {}),
      input,
      ...executionOutcome(details),
      events,
      injectedFaults: [],
      injectorWarnings: [],
    };
  }
}

/** The deployed function a function spec stands for: `deployed:`, a real ARN, else its name. */
export function deployedFunctionAddress(spec: FunctionSpec): string {
  if (spec.deployed !== undefined) return spec.deployed;
  const parts = parseArn(spec.arn);
  return parts && parts.accountId !== LocalAccount.accountId ? spec.arn : spec.functionName;
}

function faultsFor(scenario: Scenario, spec: FunctionSpec): ChaosConfig['faults'] {
  return scenario.faults.filter((fault) => fault.function === spec.key).map((fault) => fault.rule);
}

/** Same faults and seed: the same injection, so such scenarios may share one arming. */
function claimKey(scenario: Scenario, spec: FunctionSpec): string {
  const faults = faultsFor(scenario, spec);
  // The seed only changes what `rate` rules do; without one, scenarios with the same rules inject alike.
  const seeded = faults.some((rule) => rule.rate !== undefined);
  return JSON.stringify({ faults, ...(seeded ? { seed: `${String(scenario.seed ?? scenario.name)}:${spec.key}` } : {}) });
}

/**
 * The ARN of a Standard execution, from its state machine's ARN and its name:
 * `arn:<partition>:states:<region>:<account>:execution:<state machine name>:<execution name>`. The format
 * is the one StartExecution answers with; sfn-semantics.md does not record it, so it is UNCONFIRMED, and so
 * is leaving out the version or alias of a qualified state machine ARN.
 */
function standardExecutionArn(stateMachineArn: string, name: string): string {
  const parts = stateMachineArn.split(':');
  return `${parts.slice(0, 5).join(':')}:execution:${parts[6] ?? ''}:${name}`;
}

function describeError(error: unknown): string {
  return error instanceof TargetError ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
}

/** Runs every release even when one fails, then reports the failures together. */
async function disarmAll(holds: ArmingHold[]): Promise<void> {
  const problems: string[] = [];
  for (const hold of [...holds].reverse()) {
    try {
      await hold.release();
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  if (problems.length > 0) throw new TargetError(`could not disarm every function, check them now: ${problems.join('; ')}`);
}
