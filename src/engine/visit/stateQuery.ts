import { withFields } from '../../withFields.js';
import type { ExecutionScope, StateVisit } from '../runtime/ExecutionScope.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { TerminalFailure, stateFailureCause } from '../asl/failures.js';
import { PathFailure } from '../data/pathFailure.js';
import { IntrinsicFailure } from '../data/intrinsics.js';
import { evaluateJsonataTemplate, QueryEvaluationFailure, type StatesBinding } from '../data/jsonataExpressions.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../data/json.js';
import { resolvePayloadTemplate, type TemplateSources } from '../data/payloadTemplate.js';
import { applyInputPath, applyOutputPath, applyPayloadTemplate, applyResultPath } from './stateIo.js';
import type { VariableReader } from '../data/variables.js';
import type { PathSources } from '../data/jsonPath.js';
import type { Catcher } from '../asl/definitionTypes.js';
import { queryLanguageOf, QueryLanguage, type QueryableState } from '../asl/queryLanguage.js';

/**
 * The query-language layer every state runner goes through: it evaluates a state's input, arguments,
 * output and `Assign` in the state's own query language (JSONPath or JSONata), with the workflow
 * variables of the scope the state runs in, and turns evaluation problems into the failures AWS
 * reports (`States.Runtime` for paths, `States.IntrinsicFailure`, `States.QueryEvaluationError`).
 *
 * Variables assigned by a state take effect when it exits ({@link StateQuery.commit}); until then
 * every expression of the state reads the values the state was entered with.
 */

/**
 * When an expression is evaluated: the retry it belongs to (`$$.State.RetryCount`) and, for callback
 * tasks, the context object with `Task.Token` the runner built for that attempt.
 */
export interface EvaluationPoint {
  retryCount?: number;
  contextObject?: JsonObject;
}

/** No particular attempt (no retry count, no prebuilt context object), shared: a default `{}` per call added up. */
const anyAttempt: EvaluationPoint = Object.freeze({});
const noOverrides = Object.freeze({});

/** What leaving a state produces: its output and the variables it assigns (undefined when it has no Assign). */
export interface StateExit {
  output: JsonValue;
  assigned: JsonObject | undefined;
}

/** The query layer of one state visit. */
export function stateQueryOf(scope: ExecutionScope, visit: StateVisit, state: QueryableState): StateQuery {
  return new StateQuery(scope, visit, state);
}

export class StateQuery {
  readonly language: QueryLanguage;
  readonly #scope: ExecutionScope;
  readonly #visit: StateVisit;
  readonly #state: Readonly<Record<string, unknown>> & { Type: string };

  constructor(scope: ExecutionScope, visit: StateVisit, state: QueryableState) {
    this.#scope = scope;
    this.#visit = visit;
    this.#state = state as unknown as Readonly<Record<string, unknown>> & { Type: string };
    this.language = queryLanguageOf(state);
  }

  get isJsonata(): boolean {
    return this.language === QueryLanguage.JSONata;
  }

  #variables: VariableReader | undefined;

  /** `$name` lookups for JSONPath; values as they were when the state was entered. One reader per visit, made on first use. */
  get variables(): VariableReader {
    this.#variables ??= (name) => this.#scope.variables.lookUp(name);
    return this.#variables;
  }

  #contextObject(at: EvaluationPoint): JsonObject {
    // `$$.State.RetryCount` in states that retry. Recorded for Task states, and absent from Pass and the
    // other retry-less states; that Parallel and Map states keep it is UNCONFIRMED.
    const retries = ['Task', 'Parallel', 'Map'].includes(this.#state.Type);
    return at.contextObject ?? this.#scope.contextObject(this.#visit, retries ? (at.retryCount ?? 0) : undefined);
  }

  /** What the state's JSONPath paths read besides the data: `$$` (built only when read) and `$name`. */
  pathSources(at: EvaluationPoint = anyAttempt): PathSources {
    return { contextObject: () => this.#contextObject(at), variables: this.variables };
  }

  #templateSources(at: EvaluationPoint): TemplateSources {
    return { contextObject: this.#contextObject(at), variables: this.variables, random: this.#scope.random };
  }

  /** The data a state works on: after `InputPath` in JSONPath, the raw state input in JSONata. */
  input(stateInput: JsonValue): JsonValue {
    if (this.isJsonata) return stateInput;
    const inputPath = this.#state['InputPath'] as string | null | undefined;
    // No InputPath is `$`: the input itself, with nothing to evaluate.
    if (inputPath === undefined) return stateInput;
    return applyInputPath(this.#visit, inputPath, stateInput, this.pathSources());
  }

  /**
   * The effective input handed to the state's work: `Parameters` (JSONPath; `ItemSelector` for Map
   * items by passing `templateField`) or `Arguments` (JSONata). Without one, the input itself.
   */
  effectiveInput(
    stateInput: JsonValue,
    filteredInput: JsonValue,
    at: EvaluationPoint = anyAttempt,
    templateField?: string,
  ): JsonValue | Promise<JsonValue> {
    if (this.isJsonata) {
      const field = templateField ?? 'Arguments';
      const template = this.#state[field] as JsonValue | undefined;
      if (template === undefined) return stateInput;
      return this.#jsonata(template, field, { input: stateInput }, at);
    }
    const field = templateField ?? 'Parameters';
    const template = this.#state[field] as JsonValue | undefined;
    if (template === undefined) return filteredInput;
    const { contextObject, ...sources } = this.#templateSources(at);
    return this.#guard(() => applyPayloadTemplate(this.#visit, template, filteredInput, contextObject, 'input', sources));
  }

  /**
   * Any other field that may be a JSONata expression in a JSONata state (`TimeoutSeconds`,
   * `Seconds`, `Timestamp`, `Error`, `Cause`, `Items`, `Credentials`…). In a JSONPath state the value
   * is returned as written.
   */
  async field(
    name: string,
    stateInput: JsonValue,
    at: EvaluationPoint = anyAttempt,
    extra: Partial<StatesBinding> = noOverrides,
  ): Promise<JsonValue | undefined> {
    const value = this.#state[name] as JsonValue | undefined;
    if (value === undefined || !this.isJsonata) return value;
    return this.#jsonata(value, name, { input: stateInput, ...extra }, at);
  }

  /**
   * The state with its JSONata `TimeoutSeconds` and `HeartbeatSeconds` expressions replaced by their
   * values, so that attempt code reads plain numbers in both languages. Each must evaluate to a
   * positive integer (wording of the failure UNCONFIRMED). JSONPath states are returned unchanged.
   */
  withEvaluatedTimeouts<T extends QueryableState>(state: T, stateInput: JsonValue, at: EvaluationPoint = anyAttempt): T | Promise<T> {
    if (!this.isJsonata) return state;
    return this.#evaluateTimeouts(state, stateInput, at);
  }

  async #evaluateTimeouts<T extends QueryableState>(state: T, stateInput: JsonValue, at: EvaluationPoint): Promise<T> {
    const evaluated: Record<string, unknown> = { ...(state as object) };
    for (const name of ['TimeoutSeconds', 'HeartbeatSeconds']) {
      const value = await this.field(name, stateInput, at);
      if (value === undefined) continue;
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
        throw this.toFailure(
          new QueryEvaluationFailure(`The field '${name}' must evaluate to a positive integer, got ${JSON.stringify(value)}.`, name),
        );
      }
      evaluated[name] = value;
    }
    return evaluated as unknown as T;
  }

  /** Evaluates a value that sits somewhere else in the state (a Choice rule's Condition), named `field` in causes. */
  async valueAt(value: JsonValue, field: string, stateInput: JsonValue): Promise<JsonValue> {
    if (!this.isJsonata) return value;
    return this.#jsonata(value, field, { input: stateInput }, {});
  }

  /** `Credentials` of a Task in either language: JSONPath `RoleArn.$` paths and intrinsics, or JSONata. */
  credentials(
    stateInput: JsonValue,
    filteredInput: JsonValue,
    at: EvaluationPoint = anyAttempt,
  ): JsonValue | undefined | Promise<JsonValue | undefined> {
    const credentials = this.#state['Credentials'] as JsonValue | undefined;
    if (credentials === undefined) return undefined;
    if (this.isJsonata) return this.#jsonata(credentials, 'Credentials', { input: stateInput }, at);
    return this.#guard(() => resolvePayloadTemplate(credentials, filteredInput, this.#templateSources(at)));
  }

  /**
   * Leaving the state normally. `result` is what the state's work produced (a Task's or Map's result;
   * for Pass, Choice, Wait and Succeed in JSONPath, their `Result` or filtered input).
   * JSONPath: ResultSelector → Assign (`$` is the selected result) → ResultPath → OutputPath.
   * JSONata: Assign and Output, both seeing `$states.input` and, for Task, Map and Parallel, `$states.result`.
   * `assignFrom` / `outputFrom` let a Choice rule supply its own Assign and Output. Synchronous in
   * JSONPath (a failure is thrown at once), a promise in JSONata, like the other evaluating methods.
   */
  exit(
    stateInput: JsonValue,
    result: JsonValue,
    at: EvaluationPoint = anyAttempt,
    overrides: { assign?: unknown; output?: unknown; fieldPrefix?: string } = noOverrides,
  ): StateExit | Promise<StateExit> {
    const assign = 'assign' in overrides ? overrides.assign : this.#state['Assign'];
    const prefix = overrides.fieldPrefix ?? '';
    if (this.isJsonata) return this.#exitJsonata(stateInput, result, at, overrides, assign, prefix);
    const selectorTemplate = this.#state['ResultSelector'] as JsonValue | undefined;
    if (selectorTemplate === undefined && assign === undefined) {
      // Nothing to evaluate: no context object to build (most states, on every exit). No ResultPath
      // is `$` (the result itself), no OutputPath is `$` (all of it).
      const resultPath = this.#state['ResultPath'] as string | null | undefined;
      const withResult = resultPath === undefined ? result : applyResultPath(this.#visit, resultPath, stateInput, result);
      const outputPath = this.#state['OutputPath'] as string | null | undefined;
      return {
        output: outputPath === undefined ? withResult : applyOutputPath(this.#visit, outputPath, withResult, this.pathSources(at)),
        assigned: undefined,
      };
    }
    const sources = this.#templateSources(at);
    const selected =
      selectorTemplate === undefined
        ? result
        : this.#guard(() => applyPayloadTemplate(this.#visit, selectorTemplate, result, sources.contextObject, 'result', sources));
    const assigned = this.#jsonPathAssign(assign, selected, sources);
    const withResult = applyResultPath(this.#visit, this.#state['ResultPath'] as string | null | undefined, stateInput, selected);
    return {
      output: applyOutputPath(this.#visit, this.#state['OutputPath'] as string | null | undefined, withResult, this.pathSources(at)),
      assigned,
    };
  }

  async #exitJsonata(
    stateInput: JsonValue,
    result: JsonValue,
    at: EvaluationPoint,
    overrides: { output?: unknown },
    assign: unknown,
    prefix: string,
  ): Promise<StateExit> {
    const producesResult = ['Task', 'Map', 'Parallel'].includes(this.#state.Type);
    const states: Omit<StatesBinding, 'context'> = producesResult ? { input: stateInput, result } : { input: stateInput };
    const assigned = await this.#jsonataAssign(assign, `${prefix}Assign`, states, at);
    const outputTemplate = ('output' in overrides ? overrides.output : this.#state['Output']) as JsonValue | undefined;
    const output =
      outputTemplate === undefined
        ? producesResult
          ? result
          : stateInput
        : await this.#jsonata(outputTemplate, `${prefix}Output`, states, at);
    return { output, assigned };
  }

  /**
   * Leaving through a catcher. JSONPath: the catcher's ResultPath places the error output in the
   * state input, and its Assign sees the error output as `$`. JSONata: the catcher's Output (default:
   * the error output) and Assign see `$states.input` and `$states.errorOutput`. The state's own
   * output fields do not apply.
   */
  async exitThroughCatcher(
    catcher: Catcher,
    catcherIndex: number,
    stateInput: JsonValue,
    errorOutput: JsonValue,
    at: EvaluationPoint = anyAttempt,
  ): Promise<StateExit> {
    const prefix = `Catch[${catcherIndex}]/`;
    if (this.isJsonata) {
      const states = { input: stateInput, errorOutput };
      const assigned = await this.#jsonataAssign(catcher.Assign, `${prefix}Assign`, states, at);
      const output = catcher.Output === undefined ? errorOutput : await this.#jsonata(catcher.Output, `${prefix}Output`, states, at);
      return { output, assigned };
    }
    // The context object is built only when the catcher's Assign can read it.
    const assigned =
      catcher.Assign === undefined ? undefined : this.#jsonPathAssign(catcher.Assign, errorOutput, this.#templateSources(at));
    return { output: applyResultPath(this.#visit, catcher.ResultPath, stateInput, errorOutput), assigned };
  }

  /** Stores what the state assigned, once it exits; returns it for the `…StateExited` event. */
  commit(exit: StateExit): JsonObject | undefined {
    if (exit.assigned !== undefined) this.#scope.variables.assign(exit.assigned);
    return exit.assigned;
  }

  /**
   * Turns the layer's failure signals into the execution failures AWS reports. A JSONata evaluation
   * failure is also recorded as an `EvaluationFailed` event (state, error, cause, location), which AWS
   * documents for JSONata states only; that it comes right where the failure happens, before the
   * catcher's `…StateExited` or the `ExecutionFailed`, is UNCONFIRMED.
   */
  toFailure(error: unknown): unknown {
    const cause = (detail: string): string => stateFailureCause(this.#visit.name, this.#visit.enteredEventId, detail);
    if (error instanceof QueryEvaluationFailure) {
      const failure = new TerminalFailure(StatesErrorName.QueryEvaluationError, cause(error.detail));
      if (this.isJsonata) {
        // Linked, as recorded, to what the state's …StateEntered links to; a Wait state's Timestamp
        // failure links to the WaitStateEntered itself.
        const isWaitTimestamp = this.#state.Type === 'Wait' && error.location === 'Timestamp';
        const previousEventId = isWaitTimestamp ? this.#visit.enteredEventId : this.#visit.enteredPreviousEventId;
        this.#scope.history.append(
          'EvaluationFailed',
          {
            evaluationFailedEventDetails: {
              error: StatesErrorName.QueryEvaluationError,
              cause: failure.failureCause,
              ...(error.location === undefined ? {} : { location: error.location }),
              state: this.#visit.name,
            },
          },
          previousEventId,
        );
      }
      return failure;
    }
    if (error instanceof IntrinsicFailure) return new TerminalFailure(StatesErrorName.IntrinsicFailure, cause(error.detail));
    if (error instanceof PathFailure) return new TerminalFailure(StatesErrorName.Runtime, cause(error.detail));
    return error;
  }

  #guard<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw this.toFailure(error);
    }
  }

  async #jsonata(template: JsonValue, field: string, states: Omit<StatesBinding, 'context'>, at: EvaluationPoint): Promise<JsonValue> {
    try {
      return await evaluateJsonataTemplate(template, field, {
        states: withFields(states, { context: this.#contextObject(at) }),
        variables: this.#scope.variables.visible(),
        random: this.#scope.random,
        now: () => this.#scope.clock.now(),
      });
    } catch (error) {
      throw this.toFailure(error);
    }
  }

  /** Every value is evaluated before any is stored: no assignment sees another of the same state. */
  async #jsonataAssign(
    assign: unknown,
    field: string,
    states: Omit<StatesBinding, 'context'>,
    at: EvaluationPoint,
  ): Promise<JsonObject | undefined> {
    if (assign === undefined) return undefined;
    const values = await this.#jsonata(assign as JsonValue, field, states, at);
    if (!isJsonObject(values))
      throw this.toFailure(new QueryEvaluationFailure(`The field '${field}' must evaluate to a JSON object.`, field));
    return values;
  }

  /** JSONPath Assign: a payload template evaluated against `data` (`$`), variables and context. */
  #jsonPathAssign(assign: unknown, data: JsonValue, sources: TemplateSources): JsonObject | undefined {
    if (assign === undefined) return undefined;
    const values = this.#guard(() => resolvePayloadTemplate(assign as JsonValue, data, sources));
    return isJsonObject(values) ? values : {};
  }
}
