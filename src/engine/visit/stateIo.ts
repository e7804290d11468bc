import { withFields } from '../../withFields.js';
import type { StateVisit } from '../runtime/ExecutionScope.js';
import { StatesErrorName } from '../asl/errorNames.js';
import { TerminalFailure, stateFailureCause } from '../asl/failures.js';
import { PathFailure } from '../data/pathFailure.js';
import { toJsonText, type JsonValue } from '../data/json.js';
import { readDataOrContextPath, writeAtReferencePath, type PathSources } from '../data/jsonPath.js';
import { StepFunctionsLimit } from '../asl/limits.js';
import { resolvePayloadTemplate, type TemplateSources } from '../data/payloadTemplate.js';

/**
 * The JSONPath input/output pipeline of a state (InputPath → Parameters → work → ResultSelector →
 * ResultPath → OutputPath), turning path problems into the run-time failures AWS reports: they end
 * the execution with `States.Runtime` and are never caught.
 */

/**
 * A real AWS history shows the ExecutionFailed of a Parameters path failure linked to event 0 rather
 * than to the StateEntered before it (one third-party observation, 2022). Failures while building a
 * state's input follow that, except in a Pass state, where AWS recordings link the ExecutionFailed of
 * an InputPath or `.$` parameter failure to the PassStateEntered (undefined: the last event). Failures
 * after the work follow the recorded case, linked to the last event. Event 0 for the other state types
 * is UNCONFIRMED beyond that single observation.
 */
function inputPhasePreviousEventId(visit: StateVisit): number | undefined {
  return visit.type === 'Pass' ? undefined : 0;
}

function runtimeFailure(visit: StateVisit, detail: string, previousEventId?: number): TerminalFailure {
  return new TerminalFailure(StatesErrorName.Runtime, stateFailureCause(visit.name, visit.enteredEventId, detail), previousEventId);
}

function rethrowPathFailure(visit: StateVisit, error: unknown, previousEventId?: number): never {
  if (error instanceof PathFailure) throw runtimeFailure(visit, error.detail, previousEventId);
  throw error;
}

/**
 * `InputPath`: absent means `$`, `null` means `{}`. With `sources`, `$$…` and `$name…` paths read the
 * context object and the workflow variables.
 */
export function applyInputPath(
  visit: StateVisit,
  inputPath: string | null | undefined,
  stateInput: JsonValue,
  sources?: PathSources,
): JsonValue {
  if (inputPath === null) return {};
  try {
    return readDataOrContextPath(inputPath ?? '$', stateInput, sources);
  } catch (error) {
    return rethrowPathFailure(visit, error, inputPhasePreviousEventId(visit));
  }
}

/**
 * `Parameters` of a state, or `ResultSelector` (with `phase: 'result'`). `sources` adds the workflow
 * variables (`$name` paths) and the random source of intrinsic functions.
 */
export function applyPayloadTemplate(
  visit: StateVisit,
  template: JsonValue,
  data: JsonValue,
  contextObject: JsonValue,
  phase: 'input' | 'result',
  sources: Omit<TemplateSources, 'contextObject'> = {},
): JsonValue {
  try {
    return resolvePayloadTemplate(template, data, withFields(sources, { contextObject }));
  } catch (error) {
    return rethrowPathFailure(visit, error, phase === 'input' ? inputPhasePreviousEventId(visit) : undefined);
  }
}

/**
 * `ResultPath`: absent means `$` (the result replaces the input), `null` keeps the input and drops the
 * result, a path merges the result into a copy of the state input. When the path cannot be written,
 * AWS names the error `States.ResultPathMatchFailure`. A Task, Parallel or Map hands it to its Retry
 * and Catch (see `stateFieldFailureOf`); in any other state it ends the execution.
 */
export function applyResultPath(
  visit: StateVisit,
  resultPath: string | null | undefined,
  stateInput: JsonValue,
  result: JsonValue,
): JsonValue {
  if (resultPath === null) return stateInput;
  try {
    return writeAtReferencePath(resultPath ?? '$', stateInput, result);
  } catch (error) {
    if (error instanceof PathFailure) {
      throw new TerminalFailure(StatesErrorName.ResultPathMatchFailure, stateFailureCause(visit.name, visit.enteredEventId, error.detail));
    }
    throw error;
  }
}

/** `OutputPath`: absent means `$`, `null` means `{}`; `sources` as for {@link applyInputPath}. */
export function applyOutputPath(
  visit: StateVisit,
  outputPath: string | null | undefined,
  data: JsonValue,
  sources?: PathSources,
): JsonValue {
  if (outputPath === null) return {};
  try {
    return readDataOrContextPath(outputPath ?? '$', data, sources);
  } catch (error) {
    return rethrowPathFailure(visit, error);
  }
}

export function exceedsPayloadLimit(value: JsonValue): boolean {
  return jsonTextExceedsPayloadLimit(toJsonText(value));
}

/**
 * {@link exceedsPayloadLimit} for a value already serialised. A UTF-16 code unit never takes more
 * than 3 bytes in UTF-8, so text up to a third of the quota needs no byte count at all.
 */
export function jsonTextExceedsPayloadLimit(text: string): boolean {
  if (text.length * 3 <= StepFunctionsLimit.payloadBytes) return false;
  return Buffer.byteLength(text, 'utf8') > StepFunctionsLimit.payloadBytes;
}

/**
 * A state's own input (after Parameters) or output above 256 KiB ends the execution with
 * `States.DataLimitExceeded`, which no catcher handles, not even a Parallel's or Map's around the
 * branch (Step Functions documents the error as terminal). The cause text is UNCONFIRMED; it follows
 * the recorded wording of the task-result case, which, unlike this one, a `States.ALL` catcher was
 * recorded handling.
 */
export function ensureWithinPayloadLimit(visit: StateVisit, value: JsonValue): void {
  ensureTextWithinPayloadLimit(visit, toJsonText(value));
}

/** {@link ensureWithinPayloadLimit} for a value already serialised. */
export function ensureTextWithinPayloadLimit(visit: StateVisit, text: string): void {
  if (!jsonTextExceedsPayloadLimit(text)) return;
  throw new TerminalFailure(
    StatesErrorName.DataLimitExceeded,
    `The state/task '${visit.name}' returned a result with a size exceeding the maximum number of bytes service limit.`,
    undefined,
    { uncatchable: true },
  );
}
