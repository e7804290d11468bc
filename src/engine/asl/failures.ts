import { StatesErrorName } from './errorNames.js';

/**
 * Signals the interpreter throws internally. None of them leaves `runExecution`: each is turned
 * into the terminal history event AWS would write. (A path that cannot be resolved is signalled one
 * layer lower, by the data layer's PathFailure in data/pathFailure.ts.)
 */

/**
 * A failure that ends the execution at once, skipping Retry and Catch: `States.Runtime` (bad paths),
 * `States.DataLimitExceeded` on a state's own input or output, `States.NoChoiceMatched`, a Fail state.
 * The errors of a Task, Parallel or Map state's own fields travel as one too, and that state hands them
 * to its Retry and Catch first ({@link stateFieldFailureOf}). Inside a Parallel branch or Map
 * iteration, the branch's failure goes to the Parallel or Map state's Retry and Catch.
 */
export class TerminalFailure extends Error {
  /** Undefined only for a Fail state without Error. */
  readonly error: string | undefined;
  readonly failureCause: string | undefined;
  /** Set when AWS links the ExecutionFailed event to something other than the previous event. */
  readonly previousEventId: number | undefined;
  /**
   * No Retry or Catch handles it anywhere, not even a Parallel's or Map's around the branch it
   * happened in: `States.Runtime`, and `States.DataLimitExceeded` for a state's own input or output.
   */
  readonly uncatchable: boolean;
  constructor(
    error: string | undefined,
    failureCause: string | undefined,
    previousEventId?: number,
    options: { uncatchable?: boolean } = {},
  ) {
    super([error, failureCause].filter((part) => part !== undefined).join(': ') || 'execution failed');
    this.name = 'TerminalFailure';
    this.error = error;
    this.failureCause = failureCause;
    this.previousEventId = previousEventId;
    this.uncatchable = options.uncatchable ?? error === StatesErrorName.Runtime;
  }
}

/** The execution's own `TimeoutSeconds` expired while it was waiting. */
export class ExecutionDeadlineReached extends Error {
  constructor() {
    super('the execution timed out');
    this.name = 'ExecutionDeadlineReached';
  }
}

/** The next event would be number 25,000 and is not the execution's last. */
export class HistoryLimitReached extends Error {
  constructor() {
    super('the execution reached the maximum number of history events');
    this.name = 'HistoryLimitReached';
  }
}

/**
 * The prefix AWS puts before every run-time failure cause, observed for example as
 * `An error occurred while executing the state 'RaiseRuntime' (entered at the event id #2). Invalid path …`.
 */
export function stateFailureCause(stateName: string, enteredEventId: number, detail: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`;
}

/**
 * Errors a Task, Parallel or Map state reports while evaluating its own fields (Parameters/Arguments,
 * ItemSelector, ResultSelector, ResultPath, Output, Assign, a JSONata TimeoutSeconds), which go to the
 * state's Retry and Catch like any error the state reports: Step Functions lists them as errors
 * `States.ALL` catches (unlike `States.Runtime` and `States.DataLimitExceeded`, which end the execution).
 *
 * UNCONFIRMED, as no recorded history shows one of them: that Retry applies as well as Catch (the
 * States Language applies retriers to every error a state reports). A JSONata state's failure is also
 * recorded as an `EvaluationFailed` event (see `StateQuery.toFailure`); a JSONPath state's writes no
 * event of its own. Uncaught, they end the execution.
 */
const stateFieldErrorNames: ReadonlySet<string> = new Set([
  StatesErrorName.QueryEvaluationError,
  StatesErrorName.IntrinsicFailure,
  StatesErrorName.ResultPathMatchFailure,
]);

/** A state field's failure, as the state's Retry and Catch see it. */
export interface StateFieldFailure {
  error: string;
  cause: string | undefined;
}

/** The error and cause of a failure a state's Retry and Catch handle, when `error` is one; otherwise `undefined`. */
export function stateFieldFailureOf(error: unknown): StateFieldFailure | undefined {
  if (!(error instanceof TerminalFailure) || error.error === undefined || !stateFieldErrorNames.has(error.error)) return undefined;
  return { error: error.error, cause: error.failureCause };
}
