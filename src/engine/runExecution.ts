import { withFields } from '../withFields.js';
import { TargetError } from '../errors.js';
import type { HistoryEvent } from '@aws-sdk/client-sfn';
import type { NestedStateMachine, StateDefinition, StateMachineDefinition } from './asl/definitionTypes.js';
import type { AsyncEventQueue, ExecutionScope, StateVisit } from './runtime/ExecutionScope.js';
import { executionIdentityOf } from './runtime/executionIdentity.js';
import { StatesErrorName } from './asl/errorNames.js';
import { ExecutionDeadlineReached, HistoryLimitReached, TerminalFailure } from './asl/failures.js';
import { HistoryRecorder, notTruncated } from './runtime/HistoryRecorder.js';
import { EnvironmentPool } from './runtime/environmentLogStreams.js';
import { toJsonText, toJsonValueWithText, type JsonObject, type JsonValue, type JsonWithText } from './data/json.js';
import { StepFunctionsLimit } from './asl/limits.js';
import { executionContextFunctions } from './runtime/executionContextFunctions.js';
import { executionIntegrationsOf } from './runtime/executionIntegrations.js';
import {
  ExecutionStopped,
  type ChildExecution,
  type ChildExecutionRequest,
  type ChildExecutionStarter,
} from './runtime/childExecutions.js';
import { TaskTokenRegistry } from './runtime/taskTokens.js';
import { jsonTextExceedsPayloadLimit } from './visit/stateIo.js';
import { prepareDefinition } from './definition/preparedDefinition.js';
import { enterState, type StateOutcome } from './visit/stateTransitions.js';
import { runChoiceState, runChoiceStateAtOnce } from './states/choice/runChoiceState.js';
import { QueryLanguage, queryLanguageOf } from './asl/queryLanguage.js';
import { runMapState } from './states/map/runMapState.js';
import { isDistributedMap } from './states/map/distributed/distributedMapFields.js';
import { runDistributedMapState } from './states/map/distributed/runDistributedMapState.js';
import { runParallelState } from './states/parallel/runParallelState.js';
import { runFailState, runSucceedState, runSucceedStateAtOnce } from './states/end/runEndStates.js';
import { runPassState, runPassStateAtOnce } from './states/pass/runPassState.js';
import { runTaskState } from './states/task/runTaskState.js';
import { runWaitState } from './states/wait/runWaitState.js';
import type { ExecutionResult, RunExecutionOptions } from './api/types.js';
import { VariableScope } from './data/variables.js';
import { VirtualClock } from './runtime/VirtualClock.js';
import { AsyncInvocationQueue } from './lambda/asyncInvocationQueue.js';

/**
 * Runs a state machine definition against local functions on a virtual clock and returns what
 * DescribeExecution and GetExecutionHistory would show. Nothing sleeps for real: retry backoff, Wait
 * states and timeouts advance virtual time, which stands still while a handler does real work.
 *
 * Throws a TargetError (without running) when the definition uses something the local engine does
 * not support, and when a run cannot be completed faithfully (a handler that never finishes, a
 * missing local function behind a legacy Lambda ARN).
 *
 * @example
 * const result = await runExecution({
 *   definition,
 *   input: { orderId: 42 },
 *   functions: (ref) => (ref.endsWith(':function:charge') ? chargeFunction : undefined),
 *   random: createRandom('my scenario'),
 * });
 * result.status; // 'SUCCEEDED'
 */
export async function runExecution(options: RunExecutionOptions): Promise<ExecutionResult> {
  const definition = prepareDefinition(options.definition);
  const startTime = options.startTime?.getTime() ?? Date.now();
  const clock = new VirtualClock(
    startTime,
    options.handlerRealTimeLimitMs === undefined ? {} : { handlerRealTimeLimitMs: options.handlerRealTimeLimitMs },
  );
  // The execution's TimeoutSeconds, and in any case Standard's hard maximum duration.
  clock.setDeadline(startTime + executionTimeoutMs(definition), () => new ExecutionDeadlineReached());
  const pending = new Set<Promise<unknown>>();
  const host: ExecutionHost = {
    clock,
    startTime,
    taskTokens: new TaskTokenRegistry(),
    pending,
    waitFor: (work) => clock.advanceUntil(work),
    isRoot: true,
    environments: new EnvironmentPool(),
  };
  const run = executeDefinition(options, definition, host);
  const { result, children } = await run;
  // Nested executions still running when the parent ends: `.sync` ones are stopped by it, the others
  // run on in the same virtual time, and the run lasts until they end (the parent's deadline no longer applies).
  stopManagedChildren(children, result.executionArn);
  if (pending.size > 0) {
    clock.setDeadline(Number.POSITIVE_INFINITY, () => new ExecutionDeadlineReached());
    while (pending.size > 0) await clock.advanceUntil(Promise.allSettled([...pending]));
  }
  return result;
}

/** What one execution runs on: the run's clock and task tokens, and how its waits let virtual time pass. */
interface ExecutionHost {
  clock: VirtualClock;
  startTime: number;
  taskTokens: TaskTokenRegistry;
  /** Every nested execution of the run still going (the root waits for them before returning). */
  pending: Set<Promise<unknown>>;
  waitFor<T>(work: Promise<T>): Promise<T>;
  /** The root execution: no other chain runs beside its own states (see {@link runStateAtOnce}). */
  isRoot: boolean;
  /** The run's Lambda execution environments, shared by the root and its nested executions. */
  environments: EnvironmentPool;
}

function executionTimeoutMs(definition: StateMachineDefinition): number {
  return Math.min(
    definition.TimeoutSeconds === undefined ? Infinity : definition.TimeoutSeconds * 1000,
    StepFunctionsLimit.standardExecutionMaxMs,
  );
}

function stopManagedChildren(children: readonly ChildExecution[], parentArn: string): void {
  for (const child of children) {
    // The cause AWS gives the child is taken from a third-party measurement of an aborted parent; for a parent that failed or timed out it is UNCONFIRMED.
    if (child.managed && !child.ended)
      child.stop(undefined, `The Task state in AWS Step Functions execution [${parentArn}] which was managing this resource was aborted`);
  }
}

/**
 * Runs one execution (the root, or a nested one on its parent's clock) to its end. Its result lists
 * the executions it started (`childExecutions`), each completed once that child ends.
 */
async function executeDefinition(
  options: RunExecutionOptions,
  definition: StateMachineDefinition,
  host: ExecutionHost,
): Promise<{ result: ExecutionResult; children: readonly ChildExecution[] }> {
  const identity = executionIdentityOf(options);
  const serialisedInput = executionInputOf(options);
  const { value: executionInput, text: executionInputText } = serialisedInput;
  if (jsonTextExceedsPayloadLimit(executionInputText)) {
    throw new TargetError(`StartExecution would reject the input: it is larger than ${StepFunctionsLimit.payloadBytes} bytes`);
  }
  const { clock, startTime } = host;
  const history = new HistoryRecorder(() => clock.now());

  // The execution's and state machine's parts of the context object never change during a run: built
  // on the first read (most states never read `$$`) and frozen, since every later read shares them.
  let sharedContext: { Execution: JsonObject; StateMachine: JsonObject } | undefined;
  const sharedContextParts = (): { Execution: JsonObject; StateMachine: JsonObject } =>
    (sharedContext ??= {
      Execution: deepFreeze({
        Id: identity.executionArn,
        Input: executionInput,
        StartTime: new Date(startTime).toISOString(),
        Name: identity.executionName,
        RoleArn: identity.roleArn,
        // Executions are never redriven locally. Its place among the fields is UNCONFIRMED.
        RedriveCount: 0,
      }),
      StateMachine: deepFreeze({ Id: identity.stateMachineArn, Name: identity.stateMachineName }),
    });

  const children = childStarter(options, host);
  const integrations = executionIntegrationsOf(options, host.taskTokens, children);
  let asyncInvocations: AsyncInvocationQueue | undefined;
  const scope: ExecutionScope = {
    identity,
    clock,
    history,
    functions: options.functions,
    integrations,
    contextFunctions: executionContextFunctions(clock, integrations.taskTokens),
    environments: host.environments,
    asyncInvocations(): AsyncEventQueue {
      asyncInvocations ??= new AsyncInvocationQueue(scope);
      return asyncInvocations;
    },
    random: options.random ?? Math.random,
    variables: new VariableScope(),
    executionInput,
    startTime,
    waitFor: host.waitFor,
    contextObject(visit: StateVisit, retryCount?: number): JsonObject {
      const { Execution, StateMachine } = sharedContextParts();
      const State: JsonObject = { Name: visit.name, EnteredTime: new Date(visit.enteredTime).toISOString() };
      if (retryCount !== undefined) State['RetryCount'] = retryCount;
      return { Execution, StateMachine, State };
    },
  };

  history.append(
    'ExecutionStarted',
    { executionStartedEventDetails: { input: executionInputText, inputDetails: notTruncated, roleArn: identity.roleArn } },
    0,
  );
  const ending = await runStates(scope, definition, serialisedInput, host.isRoot);
  const stopDate = new Date(clock.now());
  // Events queued by `InvocationType: Event` run on after the execution, to the end of Lambda's retries.
  if (asyncInvocations !== undefined) {
    clock.clearDeadline();
    await asyncInvocations.drain();
  }

  const result: ExecutionResult = {
    executionArn: identity.executionArn,
    stateMachineArn: identity.stateMachineArn,
    name: identity.executionName,
    startDate: new Date(startTime),
    stopDate,
    input: executionInputText,
    events: history.events,
    asyncInvocations: asyncInvocations?.invocations ?? [],
    status:
      ending.kind === 'succeeded' ? 'SUCCEEDED' : ending.kind === 'failed' ? 'FAILED' : ending.kind === 'aborted' ? 'ABORTED' : 'TIMED_OUT',
  };
  if (ending.kind === 'succeeded') result.output = ending.outputText;
  // DescribeExecution of a timed-out execution carries neither error nor cause.
  if (ending.kind === 'failed' || ending.kind === 'aborted') {
    if (ending.error !== undefined) result.error = ending.error;
    if (ending.cause !== undefined) result.cause = ending.cause;
  }
  // Later writes of chains still in motion (a stopped child's running states) are dropped.
  history.stop();
  if (integrations.mapRuns.length > 0) result.mapRuns = integrations.mapRuns;
  if (children.started.length > 0) {
    // The list fills as children start, also after this execution ended (a child still running is completed in place).
    Object.defineProperty(result, childResultsOf, { value: children.results });
    Object.defineProperty(result, 'childExecutions', { get: readChildExecutions, enumerable: true, configurable: true });
  }
  return { result, children: children.started };
}

/** Where a result's `childExecutions` getter finds its children's results (not enumerable). */
const childResultsOf = Symbol('sfn-chaos.childResults');

/**
 * `childExecutions` of a result, read when asked. One getter shared by every result: a getter closure made per
 * result would give each result a hidden class of its own, which V8's young-generation collections keep alive,
 * with the whole execution the closure holds, until the next full collection.
 */
function readChildExecutions(this: { [childResultsOf]: () => ExecutionResult[] }): ExecutionResult[] {
  return this[childResultsOf]();
}

/**
 * Starts nested executions for one parent: same clock, same task tokens (a child can answer the
 * parent's callback), each with its own history, identity, deadline and StopExecution.
 */
function childStarter(parentOptions: RunExecutionOptions, host: ExecutionHost): ChildExecutionStarter & { results(): ExecutionResult[] } {
  const started: ChildExecution[] = [];
  const results = new Map<ChildExecution, ExecutionResult>();
  return {
    started,
    results: () => started.map((child) => results.get(child) ?? runningResult(child)),
    start(request: ChildExecutionRequest): ChildExecution {
      const { machine } = request;
      const definition = prepareDefinition(machine.definition);
      const startTime = host.clock.now();
      let rejectStop: (reason: unknown) => void = () => undefined;
      const stopSignal = new Promise<never>((_, reject) => {
        rejectStop = reject;
      });
      stopSignal.catch(() => undefined);
      const deadline = host.clock.schedule(executionTimeoutMs(definition), () => rejectStop(new ExecutionDeadlineReached()));
      const childHost: ExecutionHost = {
        clock: host.clock,
        startTime,
        taskTokens: host.taskTokens.forChildExecution(),
        pending: host.pending,
        waitFor: (work) => Promise.race([work, stopSignal]),
        isRoot: false,
        environments: host.environments,
      };
      const options: RunExecutionOptions = {
        definition: machine.definition,
        input: request.input,
        functions: machine.functions,
        stateMachineArn: machine.stateMachineArn,
        ...(request.name === undefined ? {} : { executionName: request.name }),
        ...(parentOptions.random === undefined ? {} : { random: parentOptions.random }),
        ...(machine.services === undefined ? {} : { services: machine.services }),
        ...(machine.serviceFaults === undefined ? {} : { serviceFaults: machine.serviceFaults }),
        ...(machine.callbacks === undefined ? {} : { callbacks: machine.callbacks }),
        ...(machine.activities === undefined ? {} : { activities: machine.activities }),
        ...(parentOptions.stateMachines === undefined ? {} : { stateMachines: parentOptions.stateMachines }),
        ...(parentOptions.s3Objects === undefined ? {} : { s3Objects: parentOptions.s3Objects }),
      };
      const identity = executionIdentityOf(options);
      const running = executeDefinition(withFields(options, { executionName: identity.executionName }), definition, childHost).then(
        ({ result, children }) => {
          child.ended = true;
          deadline.cancel();
          stopManagedChildren(children, result.executionArn);
          results.set(child, result);
          return result;
        },
      );
      host.pending.add(running);
      running.then(
        () => host.pending.delete(running),
        () => host.pending.delete(running),
      );
      // `ended` is a field set when the child ends, not a getter: see ExecutionScope.asyncInvocations.
      const child: ChildExecution & { ended: boolean } = {
        executionArn: identity.executionArn,
        stateMachineArn: identity.stateMachineArn,
        name: identity.executionName,
        startDate: startTime,
        input: request.input,
        managed: request.managed,
        done: running,
        ended: false,
        stop: (error, cause) => rejectStop(new ExecutionStopped(error, cause)),
      };
      if (request.listed !== false) started.push(child);
      return child;
    },
  };
}

/** DescribeExecution of a child that has not ended yet (only seen if a run is read while one still goes). */
function runningResult(child: ChildExecution): ExecutionResult {
  return {
    executionArn: child.executionArn,
    stateMachineArn: child.stateMachineArn,
    name: child.name,
    status: 'RUNNING',
    startDate: new Date(child.startDate),
    stopDate: new Date(child.startDate),
    input: toJsonText(child.input),
    events: [],
    asyncInvocations: [],
  };
}

/** The execution input and its text: `inputText` as submitted, or `input` serialised. */
function executionInputOf(options: RunExecutionOptions): JsonWithText {
  if (options.inputText !== undefined) {
    if (options.input !== undefined) throw new TargetError('Give the execution input either as input or as inputText, not both');
    try {
      return { value: JSON.parse(options.inputText) as JsonValue, text: options.inputText };
    } catch {
      throw new TargetError('StartExecution would reject the input: it is not valid JSON text');
    }
  }
  const serialised = toJsonValueWithText(options.input ?? {});
  if (serialised === undefined) throw new TargetError('The execution input cannot be serialised to JSON');
  return serialised;
}

type ExecutionEnding =
  | { kind: 'succeeded'; outputText: string }
  | { kind: 'failed'; error: string | undefined; cause: string | undefined }
  | { kind: 'timedOut' }
  | { kind: 'aborted'; error: string | undefined; cause: string | undefined };

async function runStates(
  scope: ExecutionScope,
  definition: StateMachineDefinition,
  executionInput: JsonWithText,
  atOnce: boolean,
): Promise<ExecutionEnding> {
  const { history } = scope;
  try {
    const last: LastOutcomeText = { atOnce };
    const output = await runStateSequence(scope, definition, executionInput.value, true, executionInput.text, last);
    const outputText = last.text ?? toJsonText(output);
    history.append('ExecutionSucceeded', {
      executionSucceededEventDetails: { output: outputText, outputDetails: notTruncated },
    });
    return { kind: 'succeeded', outputText };
  } catch (error) {
    return recordEnding(history, error);
  }
}

/**
 * Runs states from StartAt until one ends the machine, returning its output; failures are thrown. The
 * execution itself and every Parallel branch and Map iteration (`isExecution` false) run through here.
 * `inputText` is the input's JSON text, when already known; `last` receives the output's text.
 */
async function runStateSequence(
  scope: ExecutionScope,
  machine: NestedStateMachine,
  input: JsonValue,
  isExecution: boolean,
  inputText?: string,
  last?: LastOutcomeText,
): Promise<JsonValue> {
  let stateName = machine.StartAt;
  let stateInput = input;
  let stateInputText = inputText;
  for (let isFirstState = true; ; isFirstState = false) {
    const state = machine.States[stateName] as StateDefinition;
    const visit =
      stateInputText === undefined
        ? enterState(scope, stateName, state.Type, stateInput, isExecution && isFirstState)
        : enterState(scope, stateName, state.Type, stateInput, isExecution && isFirstState, stateInputText);
    const outcome: StateOutcome =
      (last?.atOnce === true
        ? // The execution's input text is as submitted (it may not be compact JSON): not reused as an output text.
          runStateAtOnce(scope, visit, state, stateInput, isFirstState ? undefined : stateInputText)
        : undefined) ?? (await runState(scope, visit, state, stateInput, isFirstState ? undefined : stateInputText));
    if (outcome.kind === 'end') {
      if (last !== undefined) last.text = outcome.outputText;
      return outcome.output;
    }
    stateName = outcome.next;
    stateInput = outcome.output;
    stateInputText = outcome.outputText;
  }
}

/**
 * Where {@link runStateSequence} leaves the JSON text of its output (a holder, not a wrapper: no
 * extra promise turn), and whether it may run states with {@link runStateAtOnce}.
 */
interface LastOutcomeText {
  text?: string;
  atOnce?: boolean;
}

/**
 * A JSONPath Pass, Choice or Succeed state run synchronously, without the promise and microtask
 * turns of its runner; undefined for any other state (run by {@link runState}). Only for the root
 * execution's own chain of states: nothing else writes into its history while one of its states
 * runs (a Parallel or Map waits for its branches), so the turns saved cannot reorder its events.
 * In a Parallel branch or Map iteration, or a nested execution whose parent may run branches beside
 * it, every turn decides how concurrent events interleave, and the asynchronous runners are kept.
 */
function runStateAtOnce(
  scope: ExecutionScope,
  visit: StateVisit,
  state: StateDefinition,
  input: JsonValue,
  inputText: string | undefined,
): StateOutcome | undefined {
  if (queryLanguageOf(state as { QueryLanguage?: unknown }) !== QueryLanguage.JSONPath) return undefined;
  switch (state.Type) {
    case 'Pass':
      return runPassStateAtOnce(scope, visit, state, input, inputText);
    case 'Choice':
      return runChoiceStateAtOnce(scope, visit, state, input, inputText);
    case 'Succeed':
      return runSucceedStateAtOnce(scope, visit, state, input, inputText);
    default:
      return undefined;
  }
}

function runBranch(scope: ExecutionScope, machine: NestedStateMachine, input: JsonValue): Promise<JsonValue> {
  return runStateSequence(scope, machine, input, false);
}

/** `inputText`, when given, is the compact JSON text of `input` (never the submitted execution input's text). */
function runState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: StateDefinition,
  input: JsonValue,
  inputText?: string,
): Promise<StateOutcome> | StateOutcome {
  switch (state.Type) {
    case 'Parallel':
      return runParallelState(scope, visit, state, input, runBranch);
    case 'Map':
      return isDistributedMap(state)
        ? runDistributedMapState(scope, visit, state, input)
        : runMapState(scope, visit, state, input, runBranch);
    case 'Task':
      return runTaskState(scope, visit, state, input, inputText);
    case 'Pass':
      return runPassState(scope, visit, state, input);
    case 'Wait':
      return runWaitState(scope, visit, state, input);
    case 'Choice':
      return runChoiceState(scope, visit, state, input);
    case 'Succeed':
      return runSucceedState(scope, visit, state, input);
    case 'Fail':
      return runFailState(visit, state, input, scope);
  }
}

/** Writes the terminal event for a failure signal; anything else (TargetError, bugs) propagates. */
function recordEnding(history: HistoryRecorder, error: unknown): ExecutionEnding {
  if (error instanceof TerminalFailure) {
    const details: NonNullable<HistoryEvent['executionFailedEventDetails']> = {};
    if (error.error !== undefined) details.error = error.error;
    if (error.failureCause !== undefined) details.cause = error.failureCause;
    history.append('ExecutionFailed', { executionFailedEventDetails: details }, error.previousEventId ?? history.lastEventId);
    return { kind: 'failed', error: error.error, cause: error.failureCause };
  }
  if (error instanceof ExecutionDeadlineReached) {
    history.append('ExecutionTimedOut', { executionTimedOutEventDetails: { error: StatesErrorName.Timeout } });
    return { kind: 'timedOut' };
  }
  if (error instanceof ExecutionStopped) {
    const details: NonNullable<HistoryEvent['executionAbortedEventDetails']> = {};
    if (error.error !== undefined) details.error = error.error;
    if (error.failureCause !== undefined) details.cause = error.failureCause;
    history.append('ExecutionAborted', { executionAbortedEventDetails: details });
    return { kind: 'aborted', error: error.error, cause: error.failureCause };
  }
  if (error instanceof HistoryLimitReached) {
    const cause = `The execution reached the maximum number of history events (${StepFunctionsLimit.historyEvents}).`;
    history.append('ExecutionFailed', { executionFailedEventDetails: { error: StatesErrorName.Runtime, cause } });
    return { kind: 'failed', error: StatesErrorName.Runtime, cause };
  }
  throw error;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
