/** How often one Retry or Catch rule fired during a run. */
export interface RuleCoverage {
  kind: 'Retry' | 'Catch';
  /** Index in the state's `Retry` or `Catch` array. */
  index: number;
  errorEquals: string[];
  /** A catcher's destination. */
  next?: string;
  /** `States["Download Exoplanets"].Retry[0]`. */
  field: string;
  /** Retries the retrier granted, or errors the catcher caught, over the whole run. */
  fired: number;
  /** Names of the scenarios in which it fired. */
  scenarios: string[];
  /**
   * The rule sits on a `lambda:invoke` with `InvocationType: Event`: the function's errors (and faults
   * injected into it) go to Lambda's async retries and can never reach it, so it is left out of the totals.
   */
  unreachableByFunctionFaults?: true;
}

export interface StateCoverage {
  name: string;
  type: 'Task' | 'Parallel' | 'Map';
  rules: RuleCoverage[];
}

/** Coverage of one state machine's rules. */
export interface StateMachineCoverage {
  stateMachine: string;
  /** Scenarios of the run that executed this state machine. */
  scenarios: number;
  /** Rules that fired at least once, and rules in all. */
  exercised: number;
  total: number;
  states: StateCoverage[];
}

/** Which Retry and Catch rules a run exercised, per state machine. */
export interface RunCoverage {
  stateMachines: StateMachineCoverage[];
}
