import { withFields } from '../../../withFields.js';
import { TargetError } from '../../../errors.js';
import type { TaskState } from '../../asl/definitionTypes.js';
import type { ExecutionScope, StateVisit } from '../../runtime/ExecutionScope.js';
import { decideErrorHandling, noRetrierUses } from '../../asl/errorHandlingDecision.js';
import { StatesErrorName } from '../../asl/errorNames.js';
import { TerminalFailure, stateFailureCause, stateFieldFailureOf, type StateFieldFailure } from '../../asl/failures.js';
import { PathFailure } from '../../data/pathFailure.js';
import { LambdaIntegration, lambdaIntegrationOf } from '../../lambda/functionRef.js';
import { isJsonObject, toJsonText, type JsonValue } from '../../data/json.js';
import { readDataOrContextPath, type PathSources } from '../../data/jsonPath.js';
import { runLegacyLambdaAttempt, runOptimizedInvokeAttempt } from '../../services/lambdaAttempts.js';
import { IntegrationPattern, isLambdaCallbackResource, serviceTaskResourceOf } from '../../services/serviceIntegrations.js';
import { callServiceStandIn } from '../../services/serviceStandIns.js';
import { startJobStandIn } from '../../services/jobStandIns.js';
import { runJobAttempt } from '../../services/runJobAttempt.js';
import { activityResourceOf } from '../../services/activityResource.js';
import { runActivityAttempt } from '../../services/activityAttempts.js';
import { isStartExecutionResource, runStartExecutionAttempt } from '../../services/startExecutionTask.js';
import { runServiceTaskAttempt, type AttemptOutcome, type AttemptRequest } from '../../services/serviceTaskAttempt.js';
import { retryWaitMs } from '../../asl/retryBackoff.js';
import { ensureTextWithinPayloadLimit } from '../../visit/stateIo.js';
import { stateQueryOf, type EvaluationPoint, type StateExit } from '../../visit/stateQuery.js';
import { exitState, type StateOutcome } from '../../visit/stateTransitions.js';

/**
 * A Task state visit: attempts, Retry and Catch. What each failed attempt leads to is
 * {@link decideErrorHandling}'s decision; the retrier counts start from zero on every visit of the state.
 * `stateInputText`, when given, is the compact JSON text of `stateInput`: an attempt whose effective
 * input is the state input itself (no InputPath, Parameters or Arguments) sends that text on instead
 * of serialising the input again.
 */
export async function runTaskState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: TaskState,
  stateInput: JsonValue,
  stateInputText?: string,
): Promise<StateOutcome> {
  const { runAttempt, waitsForTaskToken } = taskResourceOf(visit, state);
  const visitNumber = scope.integrations.taskTokens.nextVisit(visit.name);
  // Input, Arguments/Parameters, Output and Assign go through the state's query language (JSONPath or JSONata).
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  let uses = noRetrierUses;

  for (let retryCount = 0; ; retryCount++) {
    const attempt = await runOneAttempt(retryCount);
    if (attempt.ok) return attempt.outcome;

    const decision = decideErrorHandling({ retriers: state.Retry ?? [], catchers: state.Catch ?? [] }, attempt.error, uses);
    if (decision.action === 'retry') {
      uses = decision.uses;
      await scope.waitFor(scope.clock.delay(retryWaitMs(decision.wait, scope.random)));
      continue;
    }

    // Uncaught: ExecutionFailed follows the failure event directly, without a TaskStateExited.
    if (decision.action === 'fail') throw new TerminalFailure(attempt.error, attempt.cause);
    // A timeout has no cause in its event, but its error output carries an empty one.
    const errorOutput = { Error: attempt.error, Cause: attempt.cause ?? '' };
    // The task's own output fields do not apply to a caught error; the catcher's ResultPath (or Output) and Assign do.
    const exit = await query.exitThroughCatcher(decision.catcher, decision.catcherIndex, stateInput, errorOutput, attempt.at);
    return exitState(scope, visit, 'Task', exit.output, decision.catcher.Next, query.commit(exit));
  }

  /**
   * One attempt: the state's input fields, the work, and its output fields. A failure of the work,
   * or of a field with an error the state's Retry and Catch handle ({@link stateFieldFailureOf}),
   * comes back as the attempt's error; any other failure ends the execution.
   */
  async function runOneAttempt(
    retryCount: number,
  ): Promise<{ ok: true; outcome: StateOutcome } | ({ ok: false; at: EvaluationPoint } & StateFieldFailure)> {
    // `$$.Task.Token` exists only in callback tasks, and each attempt gets a token of its own.
    const taskToken = waitsForTaskToken ? scope.integrations.taskTokens.issue() : undefined;
    // Parameters are evaluated per attempt: `$$.State.RetryCount` differs between attempts. Without a
    // token the query layer builds the context object itself, and only if an expression reads it.
    const at =
      taskToken === undefined
        ? { retryCount }
        : { retryCount, contextObject: withFields(scope.contextObject(visit, retryCount), { Task: { Token: taskToken } }) };
    let effectiveInput: JsonValue;
    let attemptState: TaskState;
    let taskCredentials: JsonValue | undefined;
    try {
      // JSONPath fields evaluate synchronously; only JSONata's come as promises. Not awaiting a plain
      // value spares three microtask turns per attempt.
      const input = query.effectiveInput(stateInput, filteredInput, at);
      effectiveInput = input instanceof Promise ? await input : input;
      const evaluatedState = query.withEvaluatedTimeouts(state, stateInput, at);
      attemptState = evaluatedState instanceof Promise ? await evaluatedState : evaluatedState;
      const credentials = query.credentials(stateInput, filteredInput, at);
      taskCredentials = credentials instanceof Promise ? await credentials : credentials;
    } catch (error) {
      if (taskToken !== undefined) scope.integrations.taskTokens.close(taskToken);
      const failure = stateFieldFailureOf(error);
      if (failure === undefined) throw error;
      return { ok: false, ...failure, at };
    }
    const effectiveInputText = stateInputText !== undefined && effectiveInput === stateInput ? stateInputText : toJsonText(effectiveInput);
    ensureTextWithinPayloadLimit(visit, effectiveInputText);
    // Only a TimeoutSecondsPath or HeartbeatSecondsPath reads the path sources.
    const pathSources = (): PathSources => query.pathSources(at);
    const timeoutSeconds = taskTimeoutSeconds(visit, attemptState, filteredInput, pathSources);
    const heartbeatSeconds = taskHeartbeatSeconds(visit, attemptState, filteredInput, timeoutSeconds, pathSources);
    const request: AttemptRequest = {
      visit,
      state: attemptState,
      effectiveInput,
      effectiveInputText,
      timeoutSeconds,
      retryCount,
      heartbeatSeconds,
      taskToken,
      visitNumber,
    };
    // Set only when there is one (not spread in: a spread copies at run time, on every attempt).
    const credentialsOfTask = taskCredentialsOf(taskCredentials);
    if (credentialsOfTask !== undefined) request.taskCredentials = credentialsOfTask;
    const attempt = await runAttempt(scope, request);
    if (!attempt.ok) return { ok: false, error: attempt.error, cause: attempt.cause, at };

    let exit: StateExit;
    try {
      const exiting = query.exit(stateInput, attempt.result, at);
      exit = exiting instanceof Promise ? await exiting : exiting;
    } catch (error) {
      const failure = stateFieldFailureOf(error);
      if (failure === undefined) throw error;
      return { ok: false, ...failure, at };
    }
    const knownResult = attempt.resultText === undefined ? undefined : { value: attempt.result, text: attempt.resultText };
    return { ok: true, outcome: exitState(scope, visit, 'Task', exit.output, state.Next, query.commit(exit), knownResult) };
  }
}

type AttemptRunner = (scope: ExecutionScope, request: AttemptRequest) => Promise<AttemptOutcome>;

/** What a Task's `Resource` means: how its attempts run, and whether they wait for a task token. */
interface TaskResource {
  runAttempt: AttemptRunner;
  waitsForTaskToken: boolean;
}

/**
 * Each Task state's resource, worked out on its first visit: a definition's state objects are
 * kept as they are for the whole run (and for later runs of the same definition), and a state in a
 * loop or a Map is visited thousands of times.
 */
const taskResources = new WeakMap<TaskState, TaskResource>();

function taskResourceOf(visit: StateVisit, state: TaskState): TaskResource {
  let resource = taskResources.get(state);
  if (resource === undefined) {
    resource = {
      runAttempt: attemptRunnerFor(visit, state),
      waitsForTaskToken: serviceTaskResourceOf(state.Resource)?.pattern === IntegrationPattern.WaitForTaskToken,
    };
    taskResources.set(state, resource);
  }
  return resource;
}

/** How the Task's Resource is run: a Lambda integration, the callback form of lambda:invoke, an activity's scripted worker, or a service stand-in. */
function attemptRunnerFor(visit: StateVisit, state: TaskState): AttemptRunner {
  const integration = lambdaIntegrationOf(state.Resource);
  if (integration === LambdaIntegration.LegacyResource) return runLegacyLambdaAttempt;
  if (integration === LambdaIntegration.OptimizedInvoke) return runOptimizedInvokeAttempt;
  const activity = activityResourceOf(state.Resource);
  if (activity !== undefined) return (scope, request) => runActivityAttempt(scope, request, activity);
  const resource = serviceTaskResourceOf(state.Resource);
  if (resource === undefined) {
    throw new TargetError(`State "${visit.name}": resource ${state.Resource} is not supported by the local engine yet`);
  }
  if (isStartExecutionResource(resource)) return (scope, request) => runStartExecutionAttempt(scope, request, resource);
  if (resource.pattern === IntegrationPattern.RunJob) {
    return (scope, request) =>
      runJobAttempt(scope, request, resource, () => startJobStandIn(scope, request, resource, request.timeoutSeconds));
  }
  if (isLambdaCallbackResource(resource)) return (scope, request) => runOptimizedInvokeAttempt(scope, request, resource);
  return (scope, request) =>
    runServiceTaskAttempt(scope, request, resource, (timeoutSeconds) => callServiceStandIn(scope, request, resource, timeoutSeconds));
}

/** HeartbeatSeconds / HeartbeatSecondsPath, which ASL keeps next to TimeoutSeconds. */
interface HeartbeatFields {
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
}

/**
 * The attempt's HeartbeatSeconds. `HeartbeatSecondsPath` is read like TimeoutSecondsPath. A value not
 * below the attempt's TimeoutSeconds is refused by CreateStateMachine when both are literals; when one
 * comes from a path, AWS's reaction at run time is UNCONFIRMED and the engine fails with States.Runtime.
 */
function taskHeartbeatSeconds(
  visit: StateVisit,
  state: TaskState,
  filteredInput: JsonValue,
  timeoutSeconds: number | undefined,
  sources: () => PathSources,
): number | undefined {
  const fields = state as TaskState & HeartbeatFields;
  const heartbeat =
    fields.HeartbeatSecondsPath === undefined
      ? fields.HeartbeatSeconds
      : positiveIntegerAt(visit, 'HeartbeatSecondsPath', fields.HeartbeatSecondsPath, filteredInput, sources());
  if (heartbeat !== undefined && timeoutSeconds !== undefined && heartbeat >= timeoutSeconds) {
    throw new TerminalFailure(
      StatesErrorName.Runtime,
      stateFailureCause(
        visit.name,
        visit.enteredEventId,
        `The HeartbeatSeconds ${heartbeat} must be smaller than the TimeoutSeconds ${timeoutSeconds}`,
      ),
    );
  }
  return heartbeat;
}

/**
 * The attempt's TimeoutSeconds. `TimeoutSecondsPath` is read from the input after InputPath (AWS
 * documents "the state input"; which stage exactly is UNCONFIRMED) and must select a positive integer.
 */
function taskTimeoutSeconds(visit: StateVisit, state: TaskState, filteredInput: JsonValue, sources: () => PathSources): number | undefined {
  // A JSONata expression has been evaluated to a number by now (StateQuery.withEvaluatedTimeouts).
  if (state.TimeoutSecondsPath === undefined) return typeof state.TimeoutSeconds === 'number' ? state.TimeoutSeconds : undefined;
  return positiveIntegerAt(visit, 'TimeoutSecondsPath', state.TimeoutSecondsPath, filteredInput, sources());
}

function positiveIntegerAt(visit: StateVisit, field: string, path: string, filteredInput: JsonValue, sources: PathSources): number {
  let value: JsonValue;
  try {
    value = readDataOrContextPath(path, filteredInput, sources);
  } catch (error) {
    if (error instanceof PathFailure) {
      throw new TerminalFailure(StatesErrorName.Runtime, stateFailureCause(visit.name, visit.enteredEventId, error.detail));
    }
    throw error;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new TerminalFailure(
      StatesErrorName.Runtime,
      stateFailureCause(
        visit.name,
        visit.enteredEventId,
        `The ${field} '${path}' must select a positive integer, found ${JSON.stringify(value)}`,
      ),
    );
  }
  return value;
}

/** `Credentials.RoleArn`, once evaluated, is recorded on the attempt's scheduled event as `taskCredentials`. */
function taskCredentialsOf(credentials: JsonValue | undefined): { roleArn: string } | undefined {
  if (!isJsonObject(credentials) || typeof credentials['RoleArn'] !== 'string') return undefined;
  return { roleArn: credentials['RoleArn'] };
}
