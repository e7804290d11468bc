/**
 * Signals the interpreter throws internally. None of them leaves `runExecution`: each is turned
 * into the terminal history event AWS would write.
 */

/**
 * A failure that ends the execution at once, skipping Retry and Catch: `States.Runtime` (bad paths),
 * `States.DataLimitExceeded` on a state's own input or output, `States.NoChoiceMatched`, a Fail state.
 */
export class TerminalFailure extends Error {
  /** Undefined only for a Fail state without Error. */
  readonly error: string | undefined;
  readonly failureCause: string | undefined;
  /** Set when AWS links the ExecutionFailed event to something other than the previous event. */
  readonly previousEventId: number | undefined;
  constructor(error: string | undefined, failureCause: string | undefined, previousEventId?: number) {
    super([error, failureCause].filter((part) => part !== undefined).join(': ') || 'execution failed');
    this.name = 'TerminalFailure';
    this.error = error;
    this.failureCause = failureCause;
    this.previousEventId = previousEventId;
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

/** A path could not be resolved; `detail` is the text AWS puts after the state prefix of the cause. */
export class PathFailure extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(detail);
    this.name = 'PathFailure';
    this.detail = detail;
  }
}

/**
 * The prefix AWS puts before every run-time failure cause, observed for example as
 * `An error occurred while executing the state 'RaiseRuntime' (entered at the event id #2). Invalid path …`.
 */
export function stateFailureCause(stateName: string, enteredEventId: number, detail: string): string {
  return `An error occurred while executing the state '${stateName}' (entered at the event id #${enteredEventId}). ${detail}`;
}
