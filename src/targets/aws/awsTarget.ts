import { InvalidInputError, TargetError } from '../../errors.js';
import { serviceTaskFaultProblems } from './serviceTaskFaults.js';
import { checkOptions } from '../../sources/checkOptions.js';
import type { ArmedPlaceSummary, ArmingClaim, RunPreparation, ScenarioExecution, ScenarioRunRequest, Target } from '../types.js';
import type { Scenario } from '../../scenarios/types.js';
import { executionNameFor } from '../executionName.js';
import { assertAllowedAccount } from './accounts.js';
import { disarmAll } from './arming/disarmAll.js';
import { FunctionArming } from './arming/FunctionArming.js';
import type { ArmingHold } from './arming/leases.js';
import { armingClaimsFor, chaosConfigFor, claimKey, faultsFor } from './arming/scenarioArming.js';
import { attemptsWithoutRetryCount } from './attemptsWithoutRetryCount.js';
import { AWS_TARGET_OPTIONS, type AwsTargetOptions } from './AwsTargetOptions.js';
import type { AwsCallContext } from './clients/AwsCallContext.js';
import { createAwsClients } from './clients/awsClients.js';
import { describeAwsError } from './clients/describeAwsError.js';
import { DEFAULT_AWS_RETRY_POLICY } from './clients/callAws.js';
import { createPacers } from './clients/pacers.js';
import { DEFAULT_SCENARIO_TIMEOUT_SECONDS, EXPIRY_MARGIN_SECONDS, TargetWarningCode } from './constants.js';
import { answerCallbacks } from './executions/answerCallbacks.js';
import { planCallbacks, type CallbackPlan } from './executions/callbackPlan.js';
import { runExecution } from './executions/runExecution.js';
import { INTERRUPTED_BEFORE_START } from './executions/interrupted.js';
import type { DeployedStateMachine } from './resolve/DeployedStateMachine.js';
import { StateMachineResolver } from './resolve/StateMachineResolver.js';
import { readMapRuns } from './results/readMapRuns.js';
import { withFaultLedger, type ArmedFunction } from './results/withFaultLedger.js';

/**
 * The AWS target: runs each scenario on the deployed state machine. It arms the scenario's faults where
 * the deployed injector reads them, starts the execution with a name that traces back to the run,
 * waits by polling (answering the scenario's `callbacks:` from the history while a Standard execution runs), reads the full history (Standard) or the CloudWatch Logs events (Express), puts
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

/**
 * Coordinates one scenario: resolve (`resolve/`), arm (`arming/`), run the execution (`executions/`),
 * disarm, then read the fault ledger (`results/`).
 */
class AwsTarget implements Target {
  readonly name = 'aws' as const;
  /** Real executions are timed by AWS's scheduler: a second either way is normal. */
  readonly defaultBackoffTolerance = 1;
  readonly whenInterrupted =
    'stopping the running executions (StopExecution), disarming the functions, reporting those scenarios as errors';
  private readonly context: AwsCallContext;
  private readonly arming: FunctionArming;
  private readonly machines: StateMachineResolver;

  constructor(private readonly options: AwsTargetOptions) {
    if (options.allowedAccounts.size === 0) {
      throw new InvalidInputError(
        'the aws target needs the accounts it may touch: --allow-account 111111111111 or --allowed-accounts FILE',
      );
    }
    const pacers = createPacers(options.callsPerSecond);
    const clients = options.clients ?? createAwsClients(options);
    const retry = { ...DEFAULT_AWS_RETRY_POLICY, ...options.retry };
    this.context = { clients, retry, pacers };
    this.arming = new FunctionArming(clients, {
      retry,
      pacers,
      updatePollMs: options.lambdaUpdatePollMs ?? 500,
      ...(options.ssmPropagationMs !== undefined ? { ssmPropagationMs: options.ssmPropagationMs } : {}),
    });
    this.machines = new StateMachineResolver(
      this.context,
      (address, signal) => this.arming.resolve(address, signal),
      options.allowedAccounts,
    );
  }

  async prepare(request: RunPreparation): Promise<void> {
    const keys = [...new Set(request.scenarios.map((scenario) => scenario.stateMachine))];
    const machines: DeployedStateMachine[] = [];
    for (const key of keys) {
      const spec = request.file.stateMachines[key];
      if (spec) machines.push(await this.machines.resolve(spec, request.signal));
    }
    for (const machine of machines) {
      this.assertAllowed(machine.arn, `state machine ${machine.arn}`);
      for (const fn of machine.functions.values()) this.assertAllowed(fn.arn, `function ${fn.address}`);
    }
  }

  armingClaims(request: Pick<ScenarioRunRequest, 'scenario' | 'stateMachine'>): ArmingClaim[] {
    return armingClaimsFor(request.scenario, request.stateMachine, (address) => this.arming.resourceOf(address));
  }

  async runScenario(request: ScenarioRunRequest): Promise<ScenarioExecution> {
    const { scenario, stateMachine, signal } = request;
    if (scenario.services !== undefined) {
      throw new TargetError(
        'scenario services: stand-ins exist only on the local engine; on AWS the real services run (unsupported by the aws target)',
      );
    }
    const serviceFaults = serviceTaskFaultProblems(scenario);
    if (serviceFaults.length > 0) throw new TargetError(`${serviceFaults.join('; ')}; nothing was armed or started for this scenario`);
    if (scenario.activities !== undefined) {
      throw new TargetError(
        'scenario activities: workers exist only on the local engine; on AWS the real activity workers poll (unsupported by the aws target)',
      );
    }
    refuseUnanswerable(planCallbacks(stateMachine, scenario));
    const machine = await this.machines.resolve(stateMachine, signal);
    this.assertAllowed(machine.arn, `state machine ${machine.arn}`);
    const callbacks = planCallbacks(stateMachine, scenario, machine.type);
    refuseUnanswerable(callbacks);
    const timeoutSeconds = this.options.timeoutSeconds ?? DEFAULT_SCENARIO_TIMEOUT_SECONDS;
    const expiresAtMs = Date.now() + timeoutSeconds * 1000 + EXPIRY_MARGIN_SECONDS * 1000;

    const holds: ArmingHold[] = [];
    const armed: ArmedFunction[] = [];
    let execution: ScenarioExecution;
    let phase: 'arming' | 'execution' = 'arming';
    try {
      for (const spec of stateMachine.functions) {
        const fn = machine.functions.get(spec.key);
        if (!fn) continue;
        this.assertAllowed(fn.arn, `function ${fn.address}`);
        const faults = faultsFor(scenario, spec);
        const hold = await this.arming.acquire(
          fn,
          chaosConfigFor(scenario, spec, request.runId, expiresAtMs),
          faults.length === 0 ? '' : claimKey(scenario, spec),
          expiresAtMs,
        );
        holds.push(hold);
        if (faults.length > 0) armed.push({ functionName: fn.functionName, logGroupName: fn.logGroupName, faults, hold });
      }
      phase = 'execution';
      try {
        await this.arming.waitUntilReady([...machine.functions.values()], signal);
      } catch (error) {
        // Only the SSM propagation wait is abortable here; its AbortError says nothing about what happened.
        if (signal?.aborted === true) throw new TargetError(INTERRUPTED_BEFORE_START, { cause: error });
        throw error;
      }
      const name = executionNameFor(request.runId, request.index, scenario.name);
      const input = JSON.stringify(scenario.input ?? {});
      execution = await runExecution(
        this.context,
        machine,
        name,
        input,
        scenario.expect.states !== undefined || this.options.fullHistory === true,
        {
          timeoutSeconds,
          poll: this.options.poll,
          expressLogs: this.options.expressLogs,
          ...(callbacks.callbacks.length > 0
            ? {
                whileRunning: (executionArn: string, running?: AbortSignal) =>
                  answerCallbacks(this.context, executionArn, callbacks.callbacks, this.options.poll?.maxMs ?? 1000, running),
              }
            : {}),
        },
        signal,
      );
    } catch (error) {
      await disarmAll(holds);
      // Arming errors already say what state they left; an execution's error is told the functions are clean again.
      throw phase === 'execution'
        ? new TargetError(`${describeAwsError(error)}; ${armed.length > 0 ? 'the functions were disarmed' : 'no fault was armed'}`, {
            cause: error,
          })
        : error;
    }
    // A disarm that fails after the execution ended makes the scenario an error, but keeps what the execution showed.
    const cleanupError = await disarmAll(holds).then(
      () => undefined,
      (error: unknown) => describeAwsError(error),
    );
    // Read after disarming, so no fault stays armed while late log lines are awaited.
    const withLedger = await withFaultLedger(
      this.context,
      execution,
      armed,
      request.runId,
      scenario.name,
      this.options.faultLedger,
      signal,
    );
    const unreachableAttempts = attemptsWithoutRetryCount(request.stateMachine, scenario).map((message) => ({
      source: 'aws-target',
      code: TargetWarningCode.AttemptsWithoutRetryCount,
      message,
    }));
    const changedByOthers = holds.flatMap((hold) =>
      hold.warnings.map((message) => ({ source: 'aws-target', code: TargetWarningCode.ArmedConfigChanged, message })),
    );
    // DescribeMapRun only for a scenario that expects Map Run counts (a policy without it still runs the others).
    const mapRunsRead = expectsMapRuns(scenario) ? await readMapRuns(this.context, withLedger.events, signal) : undefined;
    const mapRunsUnread =
      mapRunsRead !== undefined && 'problem' in mapRunsRead
        ? [{ source: 'aws-target', code: TargetWarningCode.MapRunsUnread, message: mapRunsRead.problem }]
        : [];
    const targetWarnings = [...unreachableAttempts, ...changedByOthers, ...mapRunsUnread];
    return {
      ...withLedger,
      ...(mapRunsRead !== undefined && 'mapRuns' in mapRunsRead ? { mapRuns: mapRunsRead.mapRuns } : {}),
      ...(targetWarnings.length === 0 ? {} : { injectorWarnings: [...withLedger.injectorWarnings, ...targetWarnings] }),
      ...(cleanupError === undefined ? {} : { cleanupError }),
    };
  }

  armedNow(): ArmedPlaceSummary[] {
    return this.arming.armedNow();
  }

  private assertAllowed(arn: string, what: string): void {
    assertAllowedAccount(arn, what, this.options.allowedAccounts);
  }
}

/** Whether a scenario expects a Distributed Map's Map Run counts (`mapRun:`), which DescribeMapRun reads. */
function expectsMapRuns(scenario: Scenario): boolean {
  return Object.values(scenario.expect.states ?? {}).some((expectation) => expectation.mapRun !== undefined);
}

/** A scenario with a callback the target cannot answer is refused before anything is armed for it. */
function refuseUnanswerable(plan: CallbackPlan): void {
  if (plan.problems.length === 0) return;
  throw new TargetError(`${plan.problems.join('; ')}; nothing was armed or started for this scenario`);
}
