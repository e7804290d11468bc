import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One recorded case: a folder holding `definition.json`, `meta.json` and (Standard, or Express recorded by
 * `chaos run --record`) `history.json`; cases recorded by sfn-chaos also hold `faults.json`. The layout is the
 * one of the AWS-recorded conformance oracle (test/fixtures/aws-recorded/README.md).
 */
export interface RecordedCase {
  name: string;
  /** The folder the case was read from. */
  dir: string;
  definition: unknown;
  /** History events as stored (placeholders in place of ids and names, JSON strings maybe parsed). */
  history: unknown[] | undefined;
  meta: RecordedMeta;
  /** The faults the recorded run armed (`faults.json`); empty when the case has none. */
  faults: RecordedFault[];
}

export interface RecordedMeta {
  description: string;
  execution_input: unknown;
  lambda_handler?: string | null;
  state_machine_type: string;
  notes?: string | null;
  last_validated_date?: string;
  /** sfn-chaos recordings: ids of failure events the fault ledger shows sfn-chaos injected. */
  injected_failure_event_ids?: number[];
  /** sfn-chaos recordings: the seed the run's `rate` faults and jitter used. */
  seed?: string;
}

/** One fault of `faults.json`: the function (by its placeholder name) and the injector rule armed on it. */
export interface RecordedFault {
  function: string;
  rule: Record<string, unknown>;
}

/**
 * The case folders under `root`, sorted; `root` itself when it is one case (it holds a definition.json).
 *
 * @example
 * ```ts
 * recordedCaseDirs('test/fixtures/aws-recorded').length; // 29
 * ```
 */
export function recordedCaseDirs(root: string): string[] {
  if (existsSync(join(root, 'definition.json'))) return [root];
  return readdirSync(root)
    .filter((entry) => statSync(join(root, entry)).isDirectory() && existsSync(join(root, entry, 'definition.json')))
    .sort()
    .map((entry) => join(root, entry));
}

/**
 * The names of the case folders under `root`, sorted.
 *
 * @example
 * ```ts
 * recordedCaseNames('test/fixtures/aws-recorded')[0]; // 'aws-sdk-error-caught-by-states-taskfailed-resultpath'
 * ```
 */
export function recordedCaseNames(root: string): string[] {
  return readdirSync(root)
    .filter((entry) => statSync(join(root, entry)).isDirectory())
    .sort();
}

/**
 * Reads the case in folder `dir`.
 *
 * @example
 * ```ts
 * loadRecordedCase('test/fixtures/aws-recorded/retry-map-state').history?.length; // 18
 * ```
 */
export function loadRecordedCase(dir: string): RecordedCase {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return {
    name: dir.split(/[\\/]/).filter(Boolean).at(-1) ?? dir,
    dir,
    definition: read('definition.json'),
    history: existsSync(join(dir, 'history.json')) ? (read('history.json') as unknown[]) : undefined,
    meta: read('meta.json') as RecordedMeta,
    faults: existsSync(join(dir, 'faults.json')) ? (read('faults.json') as RecordedFault[]) : [],
  };
}

/**
 * Reads another JSON file of a case folder, or undefined when it is not there.
 *
 * @example
 * ```ts
 * readRecordedFile('test/fixtures/aws-recorded/express-retry-then-catch', 'async_end_event.json');
 * ```
 */
export function readRecordedFile(dir: string, file: string): unknown {
  const path = join(dir, file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined;
}
