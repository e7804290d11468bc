import { withFields } from '../../../../withFields.js';
import { randomUUID } from 'node:crypto';
import { TargetError } from '../../../../errors.js';
import type { ExecutionResult, MapRunResult } from '../../../api/types.js';
import type { MapState } from '../../../asl/definitionTypes.js';
import { StatesErrorName } from '../../../asl/errorNames.js';
import { TerminalFailure, stateFieldFailureOf } from '../../../asl/failures.js';
import { isJsonObject, jsonByteLength, type JsonObject, type JsonValue } from '../../../data/json.js';
import type { ChildExecution } from '../../../runtime/childExecutions.js';
import type { ExecutionScope, StateVisit } from '../../../runtime/ExecutionScope.js';
import { applyInputPath, ensureWithinPayloadLimit } from '../../../visit/stateIo.js';
import { stateQueryOf, type EvaluationPoint, type StateQuery } from '../../../visit/stateQuery.js';
import type { StateOutcome } from '../../../visit/stateTransitions.js';
import { runWithRetryAndCatch, type CompositeAttempt } from '../../composite/runCompositeAttempts.js';
import { exceededThresholdCause, failureToleranceOf, itemsOf, iterationLimitsOf, type IterationLimits } from '../runMapState.js';
import type { DistributedMapState } from './distributedMapFields.js';
import { transformedResults, writeResults } from './mapRunResults.js';
import { readItems } from './readItems.js';

/** The processor as a state machine of its own, built once per definition object (its checks are cached by identity). */
const childDefinitions = new WeakMap<object, JsonObject>();

/**
 * A Distributed Map state (`ItemProcessor.ProcessorConfig.Mode: DISTRIBUTED`): a Map Run that starts one
 * child workflow execution of the ItemProcessor per item (or per batch with ItemBatcher), each with its
 * own history, on the parent's virtual clock, at most MaxConcurrency at a time (0 or absent: all at once).
 *
 * Items come from ItemsPath (JSONata `Items`) or from the ItemReader's S3 object (the run's `s3Objects`
 * stand-ins); each goes through ItemSelector (with `$$.Map.Item.Index` and `.Value`), then ItemBatcher
 * groups them as `{Items, BatchInput}` (UNCONFIRMED: that ItemSelector applies to each item before batching).
 *
 * Parent history: `MapStateEntered`, `MapStateStarted`, `MapRunStarted` (`mapRunArn`), then
 * `MapRunSucceeded` + `MapStateSucceeded` + `MapStateExited`, or `MapRunFailed` (error, cause) +
 * `MapStateFailed`. The run fails with `States.ExceedToleratedFailureThreshold` once more items failed
 * than ToleratedFailureCount allows or their share is greater than ToleratedFailurePercentage (both 0 by
 * default: the first failure fails it); children still running are then aborted. A Map Run aborted while in
 * progress (the execution timed out or was stopped, a sibling branch failed) writes `MapRunAborted` (see abortMapRun). The state's result is
 * the children's outputs in order (a failed child's as its execution record), or with ResultWriter's
 * Resource `{MapRunArn, ResultWriterDetails: {Bucket, Key}}`. The Map Run, every child's result and the
 * written objects are kept on the execution result's `mapRuns`.
 */
export async function runDistributedMapState(
  scope: ExecutionScope,
  visit: StateVisit,
  state: DistributedMapState,
  stateInput: JsonValue,
): Promise<StateOutcome> {
  const query = stateQueryOf(scope, visit, state);
  const filteredInput = query.input(stateInput);
  return runWithRetryAndCatch(scope, visit, state, stateInput, query, async (retryCount): Promise<CompositeAttempt> => {
    const at: EvaluationPoint = { retryCount };
    const limits = await limitsOf(visit, state, query, stateInput, at);
    const fromInput = state.ItemReader === undefined ? await itemsOf(visit, state, query, stateInput, filteredInput) : undefined;
    // With an ItemReader the items are read after the Map Run started: their number is not known yet (UNCONFIRMED: AWS's length then).
    scope.history.append('MapStateStarted', { mapStateStartedEventDetails: { length: fromInput?.length ?? 0 } });
    const mapRunArn = mapRunArnOf(scope, state);
    scope.history.append('MapRunStarted', { mapRunStartedEventDetails: { mapRunArn } });
    const run: MapRunResult = {
      mapRunArn,
      stateName: visit.name,
      status: 'FAILED',
      executionType: state.ItemProcessor?.ProcessorConfig?.ExecutionType ?? 'STANDARD',
      itemCount: 0,
      childExecutions: { total: 0, succeeded: 0, failed: 0, timedOut: 0, aborted: 0 },
      executions: [],
      writtenObjects: [],
    };
    scope.integrations.mapRuns.push(run);
    try {
      const items = fromInput ?? (await readerItems(scope, visit, state, query, stateInput, filteredInput, at));
      run.itemCount = items.length;
      const inputs = await childInputsOf(scope, visit, state, query, stateInput, filteredInput, items, retryCount);
      const outcome = await runChildren(scope, visit, state, mapRunArn, inputs, limits, run);
      if (outcome.exceeded) throw new TerminalFailure(StatesErrorName.ExceedToleratedFailureThreshold, exceededThresholdCause);
      const result = await mapResultOf(scope, visit, state, query, stateInput, filteredInput, at, run);
      run.status = 'SUCCEEDED';
      return { ok: true, result, sourceEventId: scope.history.append('MapRunSucceeded') };
    } catch (error) {
      // The Map Run's own failures (reader, threshold, writer) and the state-field failures of its templates.
      const failure =
        error instanceof TerminalFailure && !error.uncatchable
          ? { error: error.error, cause: error.failureCause }
          : stateFieldFailureOf(error);
      if (failure === undefined) throw error;
      const details: { error?: string; cause?: string } = {};
      if (failure.error !== undefined) details.error = failure.error;
      if (failure.cause !== undefined) details.cause = failure.cause;
      const sourceEventId = scope.history.append('MapRunFailed', { mapRunFailedEventDetails: details });
      return { ok: false, error: failure.error, cause: failure.cause, sourceEventId };
    }
  });
}

/** `arn:…:mapRun:<state machine>/<Label or a UUID>:<UUID>`, the form AWS documents for Map Run ARNs. */
function mapRunArnOf(scope: ExecutionScope, state: DistributedMapState): string {
  const { partition, region, accountId, stateMachineName } = scope.identity;
  return `arn:${partition}:states:${region}:${accountId}:mapRun:${stateMachineName}/${state.Label ?? randomUUID()}:${randomUUID()}`;
}

/** MaxConcurrency and the tolerated failures, literal, JSONata or from their `…Path` forms (reference paths on the state input). */
async function limitsOf(
  visit: StateVisit,
  state: DistributedMapState,
  query: StateQuery,
  stateInput: JsonValue,
  at: EvaluationPoint,
): Promise<IterationLimits> {
  const limits = await iterationLimitsOf(state, query, stateInput, at);
  const paths = [
    ['MaxConcurrency', state.MaxConcurrencyPath],
    ['ToleratedFailureCount', state.ToleratedFailureCountPath],
    ['ToleratedFailurePercentage', state.ToleratedFailurePercentagePath],
  ] as const;
  for (const [name, path] of paths) {
    if (path === undefined) continue;
    const value = applyInputPath(visit, path, stateInput, query.pathSources(at));
    const valid =
      typeof value === 'number' && value >= 0 && (name === 'ToleratedFailurePercentage' ? value <= 100 : Number.isInteger(value));
    // The error AWS reports for a path selecting a wrong value is UNCONFIRMED; States.Runtime here.
    if (!valid)
      throw new TerminalFailure(
        StatesErrorName.Runtime,
        `${name}Path '${path}' must select a valid ${name}, found ${JSON.stringify(value)}`,
      );
    limits[name] = value;
  }
  return limits;
}

/** A nested template (ItemReader/ResultWriter Parameters or Arguments, BatchInput) evaluated like the state's own Parameters. */
function evaluateTemplate(
  scope: ExecutionScope,
  visit: StateVisit,
  state: MapState,
  template: JsonValue | undefined,
  stateInput: JsonValue,
  filteredInput: JsonValue,
  at: EvaluationPoint,
): JsonValue | Promise<JsonValue> {
  if (template === undefined) return {};
  const language = (state as { QueryLanguage?: string }).QueryLanguage;
  const field = language === 'JSONata' ? 'Arguments' : 'Parameters';
  const holder = { Type: 'Map', QueryLanguage: language, [field]: template } as unknown as MapState;
  return stateQueryOf(scope, visit, holder).effectiveInput(stateInput, filteredInput, at);
}

async function readerItems(
  scope: ExecutionScope,
  visit: StateVisit,
  state: DistributedMapState,
  query: StateQuery,
  stateInput: JsonValue,
  filteredInput: JsonValue,
  at: EvaluationPoint,
): Promise<JsonValue[]> {
  const reader = state.ItemReader as NonNullable<DistributedMapState['ItemReader']>;
  const parameters = await evaluateTemplate(scope, visit, state, reader.Parameters ?? reader.Arguments, stateInput, filteredInput, at);
  const config = reader.ReaderConfig ?? {};
  let maxItems: number | undefined;
  if (config.MaxItemsPath !== undefined) {
    const value = applyInputPath(visit, config.MaxItemsPath, stateInput, query.pathSources(at));
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new TerminalFailure(
        StatesErrorName.ItemReaderFailed,
        `MaxItemsPath must select a non-negative integer, found ${JSON.stringify(value)}`,
      );
    maxItems = value;
  } else if (typeof config.MaxItems === 'number') maxItems = config.MaxItems;
  return readItems(scope, { resource: reader.Resource, parameters, config, maxItems });
}

/** Each child's input: the item through ItemSelector, then grouped by ItemBatcher. */
async function childInputsOf(
  scope: ExecutionScope,
  visit: StateVisit,
  state: DistributedMapState,
  query: StateQuery,
  stateInput: JsonValue,
  filteredInput: JsonValue,
  items: JsonValue[],
  retryCount: number,
): Promise<Array<{ input: JsonValue; itemCount: number }>> {
  let selected = items;
  if (state.ItemSelector !== undefined) {
    const contextObject = scope.contextObject(visit, retryCount);
    selected = [];
    for (const [index, value] of items.entries()) {
      const at = { retryCount, contextObject: withFields(contextObject, { Map: { Item: { Index: index, Value: value } } }) };
      selected.push(await query.effectiveInput(stateInput, filteredInput, at, 'ItemSelector'));
    }
  }
  const batcher = state.ItemBatcher;
  if (batcher === undefined) return selected.map((input) => ({ input, itemCount: 1 }));
  const at = { retryCount };
  const batchInput =
    batcher.BatchInput === undefined
      ? undefined
      : await evaluateTemplate(scope, visit, state, batcher.BatchInput, stateInput, filteredInput, at);
  const limit = (value: number | string | undefined, path: string | undefined): number | undefined => {
    const resolved = path === undefined ? value : applyInputPath(visit, path, stateInput, query.pathSources(at));
    return typeof resolved === 'number' && resolved > 0 ? resolved : undefined;
  };
  const maxItems = limit(batcher.MaxItemsPerBatch, batcher.MaxItemsPerBatchPath);
  const maxBytes = limit(batcher.MaxInputBytesPerBatch, batcher.MaxInputBytesPerBatchPath);
  const batchOf = (batchItems: JsonValue[]): JsonObject =>
    batchInput === undefined ? { Items: batchItems } : { BatchInput: batchInput, Items: batchItems };
  const batches: Array<{ input: JsonValue; itemCount: number }> = [];
  let current: JsonValue[] = [];
  for (const item of selected) {
    const tooMany = maxItems !== undefined && current.length >= maxItems;
    // A batch grows while its JSON stays within MaxInputBytesPerBatch; an item larger on its own goes alone (UNCONFIRMED).
    const tooBig = maxBytes !== undefined && current.length > 0 && jsonByteLength(batchOf([...current, item])) > maxBytes;
    if (tooMany || tooBig) {
      batches.push({ input: batchOf(current), itemCount: current.length });
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) batches.push({ input: batchOf(current), itemCount: current.length });
  return batches;
}

/**
 * Starts the children, MaxConcurrency at a time, and waits for them on the virtual clock. Returns
 * `exceeded` when the failed items passed the tolerated threshold: the children still running are stopped
 * (ExecutionAborted) and the rest never start.
 */
async function runChildren(
  scope: ExecutionScope,
  visit: StateVisit,
  state: DistributedMapState,
  mapRunArn: string,
  inputs: Array<{ input: JsonValue; itemCount: number }>,
  limits: IterationLimits,
  run: MapRunResult,
): Promise<{ exceeded: boolean }> {
  const children = scope.integrations.children;
  if (children === undefined)
    throw new TargetError(`State "${visit.name}": this engine cannot start the child executions of a Distributed Map`);
  const machine = {
    stateMachineArn: `${scope.identity.stateMachineArn}/${mapRunArn.split('/')[1]?.split(':')[0] ?? visit.name}`,
    definition: childDefinitionOf(state),
    functions: scope.functions,
    ...(scope.integrations.services === undefined ? {} : { services: scope.integrations.services }),
    ...(scope.integrations.callbacks === undefined ? {} : { callbacks: scope.integrations.callbacks }),
    // The child executions run states of this machine's definition: its faults and activity workers reach them.
    ...(scope.integrations.serviceFaults === undefined ? {} : { serviceFaults: scope.integrations.serviceFaults }),
    ...(scope.integrations.activities === undefined ? {} : { activities: scope.integrations.activities }),
  };
  for (const { input } of inputs) ensureWithinPayloadLimit(visit, input);
  const itemCount = inputs.reduce((sum, { itemCount: count }) => sum + count, 0);
  const tolerance = failureToleranceOf({ ...state, ...limits }, itemCount);
  const slots = limits.MaxConcurrency ? Math.min(limits.MaxConcurrency, inputs.length) : inputs.length;
  const results: ExecutionResult[] = new Array<ExecutionResult>(inputs.length);
  const running = new Set<ChildExecution>();
  let nextIndex = 0;
  let finished = 0;
  let failedItems = 0;
  let stopped = false;
  let settle: (exceeded: boolean) => void = () => undefined;
  const done = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  const counts = run.childExecutions;

  const launch = (): void => {
    while (!stopped && running.size < slots && nextIndex < inputs.length) {
      const index = nextIndex++;
      const { input, itemCount: count } = inputs[index] as { input: JsonValue; itemCount: number };
      const child = children.start({ machine, input, managed: true, listed: false });
      counts.total += 1;
      running.add(child);
      void child.done.then((result) => {
        running.delete(child);
        results[index] = result;
        finished += 1;
        if (result.status === 'SUCCEEDED') counts.succeeded += 1;
        else if (result.status === 'TIMED_OUT') counts.timedOut += 1;
        else if (result.status === 'ABORTED') counts.aborted += 1;
        else counts.failed += 1;
        if (stopped) return;
        if (result.status !== 'SUCCEEDED') {
          failedItems += count;
          if (tolerance.isExceeded(failedItems)) {
            stopped = true;
            settle(true);
            return;
          }
        }
        if (finished === inputs.length) settle(false);
        else launch();
      });
    }
  };
  if (inputs.length === 0) return { exceeded: false };
  launch();
  let exceeded: boolean;
  // While the Map Run is in progress, an aborted branch closes it with MapRunAborted (see BranchGroup).
  scope.history.setOpenStateAbort('MapRunAborted');
  try {
    exceeded = await scope.waitFor(done);
  } catch (error) {
    stopped = true;
    abortMapRun(scope, run, running, results);
    throw error;
  } finally {
    scope.history.setOpenStateAbort(undefined);
  }
  if (exceeded) {
    const stopping = [...running];
    for (const child of stopping) child.stop(undefined, undefined);
    await scope.waitFor(Promise.all(stopping.map((child) => child.done)));
  }
  run.executions = results.filter((result) => result !== undefined);
  return { exceeded };
}

/**
 * The Map Run is aborted: the execution ended (timed out, stopped) or a sibling branch failed while
 * it was in progress. Its children still running are stopped (they end ABORTED, without error or
 * cause: UNCONFIRMED), the rest never start, and the run's status is ABORTED. The parent history gets
 * `MapRunAborted` (no details: HistoryEvent has no `mapRunAbortedEventDetails`): linked to the failing
 * event when a sibling branch failed (written by BranchGroup), else next in the Map's chain, before the
 * execution's `ExecutionTimedOut`/`ExecutionAborted`. That order, and that no `MapStateAborted`
 * follows, are UNCONFIRMED. `executions` lists each child once it has ended.
 */
function abortMapRun(scope: ExecutionScope, run: MapRunResult, running: ReadonlySet<ChildExecution>, results: ExecutionResult[]): void {
  run.status = 'ABORTED';
  for (const child of running) child.stop(undefined, undefined);
  Object.defineProperty(run, 'executions', {
    get: () => results.filter((result) => result !== undefined),
    enumerable: true,
    configurable: true,
  });
  if (!scope.history.isStopped) scope.history.append('MapRunAborted');
}

/** The ItemProcessor as a standalone definition: its StartAt and States, in the Map state's query language. */
function childDefinitionOf(state: DistributedMapState): JsonObject {
  const processor = state.ItemProcessor as NonNullable<MapState['ItemProcessor']>;
  let definition = childDefinitions.get(processor);
  if (definition === undefined) {
    definition = { StartAt: processor.StartAt, States: processor.States as unknown as JsonObject };
    const language = (state as { QueryLanguage?: string }).QueryLanguage;
    if (language !== undefined) definition['QueryLanguage'] = language;
    childDefinitions.set(processor, definition);
  }
  return definition;
}

/** The state's result: the transformed child outputs, or with ResultWriter's Resource what it wrote. */
async function mapResultOf(
  scope: ExecutionScope,
  visit: StateVisit,
  state: DistributedMapState,
  _query: StateQuery,
  stateInput: JsonValue,
  filteredInput: JsonValue,
  at: EvaluationPoint,
  run: MapRunResult,
): Promise<JsonValue> {
  const writer = state.ResultWriter;
  if (writer?.Resource === undefined) return transformedResults(run.executions, writer?.WriterConfig?.Transformation ?? 'COMPACT');
  const parameters = await evaluateTemplate(scope, visit, state, writer.Parameters ?? writer.Arguments, stateInput, filteredInput, at);
  const written = writeResults(run.mapRunArn, isJsonObject(parameters) ? parameters : {}, writer.WriterConfig, run.executions);
  run.writtenObjects = written.objects;
  return written.output;
}
