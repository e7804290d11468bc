import type { FaultMatch } from '../injectors/types.js';
import type { EXECUTION_STATUSES } from './schema/expectations.js';
import type { MapRunExpectation } from './types.js';

/**
 * A scenario file as written, once it matches `scenarioFileSchema` (`schema.ts`): the loader's input
 * types, one per part of the file.
 */

/** A scenario file as written, once it matches {@link scenarioFileSchema}. */
export interface RawScenarioFile {
  defaults?: { tolerance?: number; seed?: number | string };
  stateMachines: Record<string, RawStateMachine>;
  scenarios: RawScenario[];
}

export type RawScalar = string | number | boolean;

export interface RawStateMachine {
  definition?: string;
  template?: string;
  resource?: string;
  substitutions?: Record<string, RawScalar>;
  parameters?: Record<string, RawScalar>;
  functions?: Record<string, RawFunction>;
  name?: string;
  type?: 'STANDARD' | 'EXPRESS';
  services?: Record<string, RawServiceStandIn>;
  s3Objects?: Record<string, RawS3Object>;
  deployed?: string;
}

export interface RawServiceStandIn {
  response?: unknown;
  job?: { seconds: number; output?: unknown; error?: string; cause?: string };
  error?: string;
  cause?: string;
  handler?: string;
}

/** An S3 object stand-in as written: `file:` (relative to the scenario file) or `content:`. */
export interface RawS3Object {
  file?: string;
  content?: unknown;
}

export interface RawCallback {
  state: string;
  visit?: number;
  attempt?: number;
  after?: number;
  success?: unknown;
  failure?: { error: string; cause?: string };
  heartbeat?: number;
}

export interface RawActivityWorker {
  activity?: string;
  state?: string;
  visit?: number;
  attempt?: number;
  pollsAfter?: number | 'never';
  workerName?: string;
  after?: number;
  success?: unknown;
  failure?: { error: string; cause?: string };
  heartbeat?: number;
  heartbeatStopsAfter?: number;
  scheduleFailure?: { error: string; cause?: string };
  doesNotExist?: boolean;
}

export interface RawFunction {
  handler?: string;
  arn?: string;
  name?: string;
  timeout?: number;
  runtime?: 'nodejs' | 'python';
  deployed?: string;
  eventInvokeConfig?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
}

export interface RawScenario {
  name: string;
  stateMachine?: string;
  input?: unknown;
  seed?: number | string;
  faults?: RawFault[];
  services?: Record<string, RawServiceStandIn>;
  s3Objects?: Record<string, RawS3Object>;
  callbacks?: RawCallback[];
  activities?: RawActivityWorker[];
  expect: RawExpectation;
}

/**
 * A scenario fault as written: the keys every fault has, and its kind's own keys (`error:`,
 * `throttle: true`, `latency:`, …), which the fault-kind table's entries read.
 */
export interface RawFault {
  id?: string;
  /** A Lambda function; or, for a service Task, `state:` (its name) or `service:` (its call). */
  function?: string;
  state?: string;
  service?: string;
  /** An activity Task's activity (name or ARN). */
  activity?: string;
  /** The `stateMachines:` key whose function or Task the fault names (a nested workflow's). */
  stateMachine?: string;
  rate?: number;
  attempts?: number[];
  match?: FaultMatch;
  readonly [kindKey: string]: unknown;
}

export type RawBackoff = number | { min?: number; max?: number };

export interface RawStateExpectation {
  visit?: number;
  attempts?: number;
  backoff?: RawBackoff[];
  tolerance?: number;
  errors?: string[];
  caughtBy?: string | null;
  outcome?: 'succeeded' | 'caught' | 'failed';
  entered?: boolean;
  /** Compute attempts, backoff and caughtBy from the definition's rules: `true` (the injected error) or an error name. */
  fromPlan?: true | string;
  mapRun?: MapRunExpectation;
}

export interface RawExpectation {
  status?: (typeof EXECUTION_STATUSES)[number];
  error?: string;
  cause?: string;
  output?: unknown;
  /** A part of the output to find in it: listed keys must match, other keys may be there. */
  outputIncludes?: Record<string, unknown> | unknown[];
  states?: Record<string, RawStateExpectation>;
}
