import type { InjectedFaultError } from '../errors.js';
import type { FaultMatch, LambdaContextLike } from '../valueTypes.js';

/** A fragment of JSON Schema (draft-07), as the fault config and scenario file schemas are built from. */
export type JsonSchemaFragment = Readonly<Record<string, unknown>>;

/** The fields every fault rule has, whatever its kind (see `FaultRule`). */
export interface FaultRuleCommon {
  /** Stable id, reported in the fault ledger; defaults to `<kind>-<index>`. */
  id?: string;
  /** Probability (0..1) that the fault fires on an invocation. Mutually exclusive with `attempts`. */
  rate?: number;
  /**
   * 1-based attempt numbers within one state visit on which the fault fires
   * (attempt = `$$.State.RetryCount` + 1). `[1, 2]` fails the first two attempts, then lets the third through.
   */
  attempts?: number[];
  /**
   * Limits the fault to invocations whose payload matches: each key is a JSONPath into the payload
   * (`$.orderId`), each value a condition on what it selects. Every entry must hold.
   */
  match?: FaultMatch;
}

/** A rule of kind `K`, whose own fields are `F`. */
export type RuleOf<K extends string, F extends object> = FaultRuleCommon & F & { kind: K };

/** One firing of a fault, as its kind's {@link FaultKindDefinition.apply} is handed it. */
export interface FaultInvocation {
  faultId: string;
  /** The Lambda context of the invocation (`awsRequestId`, `getRemainingTimeInMillis`). */
  context: LambdaContextLike;
  /** What {@link FaultKindDefinition.drawDelayMs} drew for this invocation, when the kind draws one. */
  drawnDelayMs: number | undefined;
}

/**
 * What a fault does to one invocation. The injector writes the ledger line first (error name and
 * message from `raise`, `delayMs` from `waitMs`), then sleeps `waitMs` if given, then raises `raise`,
 * or, without one, goes on to the next fault and then the handler.
 */
export interface FaultEffect {
  raise?: InjectedFaultError;
  waitMs?: number;
}

/** A scenario fault value that cannot become a rule: the problem, and the scenario key it is under. */
export interface ScenarioFieldProblem {
  problem: string;
  key: string;
}

/** What the planner knows about the invocation a fault breaks, for `fromPlan: true`. */
export interface PlannedInvocation {
  /** The function's key in the scenario file. */
  functionKey: string;
  /** The state's `TimeoutSeconds`; `undefined` without one; `'runtime'` when only known at run time (`TimeoutSecondsPath`). */
  stateTimeoutSeconds: number | undefined | 'runtime';
  /** The function's own timeout. */
  functionTimeoutSeconds: number;
  /** How a problem ends: the advice to name the error instead. */
  nameInstead: string;
}

/**
 * Everything sfn-chaos knows about one fault kind, in one place: the fault config fields it reads
 * (and their schema), the scenario-file keys that write it, how the injector applies it, the error
 * names Step Functions may report for it, and the error a planned attempt fails with. `K` is the
 * rule's `kind`, `F` the rule fields of this kind.
 *
 * @example
 * ```ts
 * // A new kind: this file, plus `crash: crashFault` in FAULT_KINDS (faultKinds/index.ts) and 'crash' in FaultKind (faultKinds/FaultKind.ts).
 * export const crashFault: FaultKindDefinition<'crash', {}> = {
 *   kind: 'crash',
 *   ruleFields: {},
 *   scenarioKey: 'crash',
 *   scenarioFields: { crash: { const: true, description: 'true (drop the key to turn the fault off)' } },
 *   endsInvocation: true,
 *   ruleFieldsFromScenario: () => ({}),
 *   apply: (rule, { faultId }) => ({ raise: new InjectedFaultError('Runtime.ExitError', 'exited', { faultId, kind: 'crash' }) }),
 *   errorNamesRaised: () => ['Runtime.ExitError'],
 *   plannedFailure: () => ({ errorName: 'Runtime.ExitError' }),
 * };
 * ```
 */
export interface FaultKindDefinition<K extends string, F extends object> {
  /** The rule's `kind` in the fault config and the fault ledger. */
  readonly kind: K;
  /**
   * JSON Schema of each rule field of this kind, in schema order. A field two kinds share (`message`)
   * is the same schema object in both entries.
   */
  readonly ruleFields: { readonly [P in keyof F]-?: JsonSchemaFragment };
  /** The rule fields a rule of this kind must give. */
  readonly requiredRuleFields?: readonly (keyof F & string)[];
  /** The scenario-file key that names this kind in a fault (`throttle: true`); one of {@link scenarioFields}. */
  readonly scenarioKey: string;
  /**
   * JSON Schema of each scenario-file key this kind reads, in schema order: {@link scenarioKey} and its
   * options. An option two kinds share (`message`) is the same schema object in both entries.
   */
  readonly scenarioFields: Readonly<Record<string, JsonSchemaFragment>>;
  /** `false` for a kind that only delays, so that later rules may fire on the same invocation. */
  readonly endsInvocation: boolean;
  /** The rule fields a scenario fault of this kind gives (its shape already checked by the schema). */
  ruleFieldsFromScenario(fault: Readonly<Record<string, unknown>>): F | ScenarioFieldProblem;
  /** A delay drawn once per invocation when the plan is made (with the seeded latency stream). */
  drawDelayMs?(rule: RuleOf<K, F>, random: () => number): number | undefined;
  /** What the fault does to the invocation. Must not throw (the injector treats a throw as its own failure). */
  apply(rule: RuleOf<K, F>, invocation: FaultInvocation): FaultEffect;
  /** The error names Step Functions may report for an attempt a rule of this kind broke; `[]` when it breaks none. */
  errorNamesRaised(rule: Partial<F>): string[];
  /** The error every attempt it breaks fails with, for `fromPlan: true`, or why that cannot be told. */
  plannedFailure(rule: RuleOf<K, F>, invocation: PlannedInvocation): { errorName: string } | { problem: string };
}
