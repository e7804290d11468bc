import type { JsonObject, JsonValue } from '../data/json.js';

/**
 * The JSONPath-mode subset of the Amazon States Language the local engine runs, as it looks once
 * findDefinitionIssues has accepted a definition. Field names are ASL's own.
 */
export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  TimeoutSeconds?: number;
  Comment?: string;
}

export type StateDefinition = TaskState | PassState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

interface Transition {
  Next?: string;
  End?: boolean;
}

interface InputOutputPaths {
  InputPath?: string | null;
  OutputPath?: string | null;
}

/**
 * Query-language fields: the state's own `QueryLanguage` (filled in from the top level before a run)
 * and, in JSONata states, `Output`; `Assign` in both languages. Values may hold `{% %}` expressions.
 */
interface QueryFields {
  QueryLanguage?: 'JSONPath' | 'JSONata';
  Assign?: JsonValue;
  Output?: JsonValue;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: JsonValue;
  Assign?: JsonValue;
}

export interface TaskState extends Transition, InputOutputPaths, QueryFields {
  Type: 'Task';
  Resource: string;
  Parameters?: JsonValue;
  /** JSONata states: the effective input (`Parameters` of JSONPath states). */
  Arguments?: JsonValue;
  /** `{ RoleArn }` (or `RoleArn.$` in JSONPath states): recorded as the task's credentials. */
  Credentials?: JsonValue;
  ResultSelector?: JsonValue;
  ResultPath?: string | null;
  /** A number, or in JSONata states a `{% %}` expression. */
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface PassState extends Transition, InputOutputPaths, QueryFields {
  Type: 'Pass';
  Result?: JsonValue;
  Parameters?: JsonValue;
  ResultPath?: string | null;
}

export interface WaitState extends Transition, InputOutputPaths, QueryFields {
  Type: 'Wait';
  /** A number, or in JSONata states a `{% %}` expression (as is Timestamp). */
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

export interface SucceedState extends InputOutputPaths, QueryFields {
  Type: 'Succeed';
}

export interface FailState extends QueryFields {
  Type: 'Fail';
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

/**
 * A Choice rule: a comparison (`Variable` plus one operator), or `And` / `Or` / `Not`; top-level rules
 * also carry `Next`. Kept as plain JSON because the operator is one key among many possible ones.
 */
export type ChoiceRule = JsonObject;

export interface ChoiceState extends InputOutputPaths, QueryFields {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

/** The states a Parallel branch or a Map iteration runs: a state machine without a TimeoutSeconds of its own. */
export interface NestedStateMachine {
  StartAt: string;
  States: Record<string, StateDefinition>;
  Comment?: string;
}

/** Fields Parallel and Map share with Task: they run work, so they have Retry, Catch and a result. */
interface CompositeStateFields extends Transition, InputOutputPaths {
  Parameters?: JsonValue;
  ResultSelector?: JsonValue;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface ParallelState extends CompositeStateFields {
  Type: 'Parallel';
  Branches: NestedStateMachine[];
}

/** An inline Map (`ItemProcessor` with Mode INLINE, or the older `Iterator`). */
export interface MapState extends CompositeStateFields {
  Type: 'Map';
  ItemProcessor?: NestedStateMachine & { ProcessorConfig?: { Mode?: 'INLINE' | 'DISTRIBUTED'; ExecutionType?: 'STANDARD' | 'EXPRESS' } };
  Iterator?: NestedStateMachine;
  ItemsPath?: string;
  ItemSelector?: JsonValue;
  MaxConcurrency?: number;
  ToleratedFailureCount?: number;
  ToleratedFailurePercentage?: number;
}
