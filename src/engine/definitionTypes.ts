import type { JsonObject, JsonValue } from './json.js';

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

export type StateDefinition = TaskState | PassState | ChoiceState | WaitState | SucceedState | FailState;

interface Transition {
  Next?: string;
  End?: boolean;
}

interface InputOutputPaths {
  InputPath?: string | null;
  OutputPath?: string | null;
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
}

export interface TaskState extends Transition, InputOutputPaths {
  Type: 'Task';
  Resource: string;
  Parameters?: JsonValue;
  ResultSelector?: JsonValue;
  ResultPath?: string | null;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface PassState extends Transition, InputOutputPaths {
  Type: 'Pass';
  Result?: JsonValue;
  Parameters?: JsonValue;
  ResultPath?: string | null;
}

export interface WaitState extends Transition, InputOutputPaths {
  Type: 'Wait';
  Seconds?: number;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

export interface SucceedState extends InputOutputPaths {
  Type: 'Succeed';
}

export interface FailState {
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

export interface ChoiceState extends InputOutputPaths {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}
