import { randomBytes } from 'node:crypto';
import { toJsonValue, type JsonValue } from '../data/json.js';

/** What a `.waitForTaskToken` task was told: its answer, as SendTaskSuccess / SendTaskFailure carry it. */
export type TaskAnswer = { kind: 'success'; output: JsonValue } | { kind: 'failure'; error?: string; cause?: string };

/** The exception names the Step Functions API uses for a callback it refuses. */
export const TaskTokenApiError = {
  InvalidToken: 'InvalidToken',
  TaskTimedOut: 'TaskTimedOut',
  InvalidOutput: 'InvalidOutput',
} as const;

/** A refused SendTask* call; `name` is the API's exception name. */
export class TaskTokenRejection extends Error {
  constructor(name: (typeof TaskTokenApiError)[keyof typeof TaskTokenApiError], message: string) {
    super(message);
    this.name = name;
  }
}

/** One issued token: open until its attempt ends. */
export interface IssuedToken {
  state: 'open' | 'closed';
  /** An answer that came before the task started waiting (e.g. from the invoked handler itself). */
  earlyAnswer?: TaskAnswer;
  onAnswer?: (answer: TaskAnswer) => void;
  onHeartbeat?: () => void;
}

/**
 * The task tokens one execution has issued and where their answers go. A token stays valid from the
 * attempt that issued it until that attempt ends; answering it afterwards is refused with
 * `TaskTimedOut`, which is what the API answers for a task that is no longer waiting (the exact
 * exception for a task that ended by succeeding or failing, rather than timing out, is UNCONFIRMED).
 */
export class TaskTokenRegistry {
  readonly #tokens: Map<string, IssuedToken>;
  readonly #visits = new Map<string, number>();

  constructor(tokens: Map<string, IssuedToken> = new Map()) {
    this.#tokens = tokens;
  }

  /**
   * The registry of a nested execution: its own visit counts, the same tokens, so a child's handler
   * can answer the parent's `startExecution.waitForTaskToken` task.
   */
  forChildExecution(): TaskTokenRegistry {
    return new TaskTokenRegistry(this.#tokens);
  }

  /** A new token, unique per attempt; shaped like AWS's (opaque base64 text, not a UUID). */
  issue(): string {
    const token = `AQB${randomBytes(96).toString('base64url')}`;
    this.#tokens.set(token, { state: 'open' });
    return token;
  }

  /** Counts one more entry into `stateName` and returns the 1-based visit number. */
  nextVisit(stateName: string): number {
    const visit = (this.#visits.get(stateName) ?? 0) + 1;
    this.#visits.set(stateName, visit);
    return visit;
  }

  /**
   * Starts listening for the token's answer and heartbeats. An answer that arrived earlier is
   * delivered at once.
   */
  listen(token: string, listeners: { onAnswer: (answer: TaskAnswer) => void; onHeartbeat: () => void }): void {
    const issued = this.#tokens.get(token);
    if (!issued || issued.state === 'closed') return;
    issued.onAnswer = listeners.onAnswer;
    issued.onHeartbeat = listeners.onHeartbeat;
    if (issued.earlyAnswer) listeners.onAnswer(issued.earlyAnswer);
  }

  /** The attempt is over: later answers are refused. */
  close(token: string): void {
    const issued = this.#tokens.get(token);
    if (!issued) return;
    issued.state = 'closed';
    delete issued.onAnswer;
    delete issued.onHeartbeat;
  }

  sendTaskSuccess(token: string, output: unknown): void {
    const value = toJsonValue(output);
    if (value === undefined)
      throw new TaskTokenRejection(TaskTokenApiError.InvalidOutput, 'The output of SendTaskSuccess must be a JSON value');
    this.#answer(token, { kind: 'success', output: value });
  }

  sendTaskFailure(token: string, failure: { error?: string; cause?: string } = {}): void {
    const answer: TaskAnswer = { kind: 'failure' };
    if (failure.error !== undefined) answer.error = failure.error;
    if (failure.cause !== undefined) answer.cause = failure.cause;
    this.#answer(token, answer);
  }

  sendTaskHeartbeat(token: string): void {
    this.#open(token).onHeartbeat?.();
  }

  #answer(token: string, answer: TaskAnswer): void {
    const issued = this.#open(token);
    if (issued.onAnswer) {
      const deliver = issued.onAnswer;
      this.close(token);
      deliver(answer);
    } else {
      issued.earlyAnswer ??= answer;
    }
  }

  #open(token: string): IssuedToken {
    const issued = typeof token === 'string' ? this.#tokens.get(token) : undefined;
    if (!issued) throw new TaskTokenRejection(TaskTokenApiError.InvalidToken, 'Invalid Token: this execution issued no such task token');
    if (issued.state === 'closed')
      throw new TaskTokenRejection(TaskTokenApiError.TaskTimedOut, 'Task Timed Out: the task of this token is no longer waiting');
    return issued;
  }
}
