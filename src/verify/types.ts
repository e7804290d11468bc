import type { TestExecutionStatus, TestStateInput } from '@aws-sdk/client-sfn';

/**
 * What `chaos verify` checks and finds. One {@link VerifyCheck} per attempt the local run saw: the
 * TestState request that replays it on AWS, what the local engine did with it, and what AWS answered.
 */

/** Which part of an attempt a check replays: its error through Retry/Catch, or its result through the data flow. */
export type VerifyPath = 'error' | 'result';

/** What the local engine did with one attempt, in TestState's vocabulary. */
export interface ExpectedOutcome {
  status: TestExecutionStatus;
  /** The state the engine went to next (a catcher's `Next`, or the state's `Next` after success); absent: none. */
  nextState?: string;
  /** The state's output (parsed JSON), compared when present. */
  output?: unknown;
  /** The error that left the state (status FAILED). */
  error?: string;
  cause?: string;
  /** `inspectionData.errorDetails` the engine's decision implies. */
  retryIndex?: number;
  retryBackoffIntervalSeconds?: number;
  catchIndex?: number;
  /** The retrier has `JitterStrategy: FULL`, so the backoff AWS reports is not compared (see docs/verify.md). */
  backoffNotCompared?: 'JitterStrategy FULL';
}

/** What AWS answered, with its JSON strings parsed. */
export interface ActualOutcome {
  status?: string;
  nextState?: string;
  output?: unknown;
  error?: string;
  cause?: string;
  retryIndex?: number;
  retryBackoffIntervalSeconds?: number;
  catchIndex?: number;
}

/** One TestState call `chaos verify` plans, or the reason an attempt cannot be replayed. */
export interface PlannedCheck {
  scenario: string;
  stateName: string;
  /** 1-based visit and attempt, as in the history analysis. */
  visit: number;
  attempt: number;
  path: VerifyPath;
  /** The error the attempt failed with (path `error`). */
  errorName?: string;
  /** The TestState request, without `roleArn` (added when sent). Absent when not verifiable. */
  request?: TestStateInput;
  expected?: ExpectedOutcome;
  /** Why the attempt cannot be replayed with TestState. */
  notVerifiable?: string;
}

/** Where a field of AWS's answer differs from what the engine did. */
export interface VerifyDifference {
  field: string;
  expected: unknown;
  actual: unknown;
}

/**
 * - `agreed`: AWS decided as the engine did.
 * - `differed`: at least one field differs ({@link VerifyCheck.differences}).
 * - `notVerifiable`: TestState cannot replay the attempt ({@link PlannedCheck.notVerifiable}).
 * - `error`: the TestState call failed; `skipped`: not sent (an earlier call failed, or `--dry-run`).
 */
export type VerifyVerdict = 'agreed' | 'differed' | 'notVerifiable' | 'error' | 'skipped';

export interface VerifyCheck extends PlannedCheck {
  verdict: VerifyVerdict;
  differences: VerifyDifference[];
  actual?: ActualOutcome;
  /** The AWS error (verdict `error`) or why the call was not sent (verdict `skipped`). */
  message?: string;
}

/** A whole `chaos verify` run. */
export interface VerifyResult {
  file: string;
  startedAt: Date;
  finishedAt: Date;
  region?: string;
  dryRun: boolean;
  checks: VerifyCheck[];
  /** Scenarios the local engine could not run (no history to replay), with the reason. */
  scenarioErrors: { scenario: string; error: string }[];
}
