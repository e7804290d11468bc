import { createRequire } from 'node:module';
import { JSONPath } from 'jsonpath-plus';
import { type AslValidationError, aslSchemaErrors } from './aslSchemaCheck.js';

/**
 * asl-validator 4's `validator(definition, { checkPaths: true, checkArn: true })`, step for step
 * (dist/src/validator.js there), with its JSON Schema check built once per process (aslSchemaCheck.ts)
 * instead of on every call. The checks after the schema are asl-validator's own functions.
 */

type StateCheck = (definition: unknown, options: AslCheckOptions, ...rest: unknown[]) => AslValidationError[];
interface AslCheckOptions {
  checkPaths: boolean;
  checkArn: boolean;
}
type StateFilter = (entry: unknown) => boolean;
type PropsRule = (options: { props: string[]; errorCode: string; path?: string }) => unknown;
interface StateChecksModule {
  stateChecks: (definition: unknown, options: AslCheckOptions, checks: { filter: StateFilter; checker: unknown }[]) => AslValidationError[];
  AtMostOne: PropsRule;
  ExactlyOne: PropsRule;
  IsTask: StateFilter;
  IsMap: StateFilter;
  IsWait: StateFilter;
  IsFail: StateFilter;
  IsSucceed: StateFilter;
  IsChoice: StateFilter;
}

const OPTIONS: AslCheckOptions = { checkPaths: true, checkArn: true };
const requireHere = createRequire(import.meta.url);
const check = <T>(file: string): T => requireHere(`asl-validator/dist/src/checks/${file}`) as T;

/** The per-state field rules of asl-validator's validator, in its order: [state filter, rule, fields, error code, path]. */
type FieldRule = [(keyof StateChecksModule & `Is${string}`) | 'NotTerminal', 'AtMostOne' | 'ExactlyOne', string[], string, string?];
const FIELD_RULES: FieldRule[] = [
  ['IsTask', 'AtMostOne', ['TimeoutSeconds', 'TimeoutSecondsPath'], 'TASK_TIMEOUT'],
  ['IsTask', 'AtMostOne', ['HeartbeatSeconds', 'HeartbeatSecondsPath'], 'TASK_HEARTBEAT'],
  ['IsMap', 'ExactlyOne', ['ItemProcessor', 'Iterator'], 'MAP_ITEM_PROCESSOR'],
  ['IsMap', 'AtMostOne', ['ItemSelector', 'Parameters'], 'MAP_ITEM_SELECTOR'],
  ['IsWait', 'ExactlyOne', ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'], 'WAIT_DURATION'],
  ['NotTerminal', 'ExactlyOne', ['End', 'Next'], 'TERMINAL_STATE_WITH_NEXT'],
  ['IsMap', 'AtMostOne', ['ToleratedFailureCount', 'ToleratedFailureCountPath'], 'MAP_TOLERATED_FAILURE'],
  ['IsMap', 'AtMostOne', ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'], 'MAP_TOLERATED_FAILURE'],
  ['IsMap', 'AtMostOne', ['MaxConcurrency', 'MaxConcurrencyPath'], 'MAP_CONCURRENCY_ERROR'],
  ['IsMap', 'AtMostOne', ['Items', 'ItemsPath'], 'MAP_ITEMS_ERROR'],
  ['IsMap', 'AtMostOne', ['MaxItems', 'MaxItemsPath'], 'MAP_ITEMREADER_MAXITEM', '$.ItemReader.ReaderConfig'],
  ['IsMap', 'AtMostOne', ['MaxItemsPerBatch', 'MaxItemsPerBatchPath'], 'MAP_ITEM_BATCHER', '$.ItemBatcher'],
  ['IsMap', 'AtMostOne', ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'], 'MAP_ITEM_BATCHER', '$.ItemBatcher'],
  ['IsFail', 'AtMostOne', ['Cause', 'CausePath'], 'FAIL_CAUSE_PROPERTY'],
  ['IsFail', 'AtMostOne', ['Error', 'ErrorPath'], 'FAIL_ERROR_PROPERTY'],
];

function semanticErrors(definition: unknown): AslValidationError[] {
  const states = check<StateChecksModule>('state-checks');
  const filterOf = (name: FieldRule[0]): StateFilter =>
    name === 'NotTerminal' ? (entry) => !(states.IsSucceed(entry) || states.IsFail(entry) || states.IsChoice(entry)) : states[name];
  return [
    ...check<{ missingTransitionTargetErrors: StateCheck }>('missing-transition-target-errors').missingTransitionTargetErrors(
      definition,
      OPTIONS,
    ),
    ...check<{ stateTransitionsErrors: StateCheck }>('state-transitions-errors').stateTransitionsErrors(definition, OPTIONS),
    ...check<{ duplicateStateNames: StateCheck }>('duplicate-state-names-errors').duplicateStateNames(definition, OPTIONS),
    ...check<{ missingTerminalStateErrors: StateCheck }>('missing-terminal-state-errors').missingTerminalStateErrors(definition, OPTIONS),
    ...check<{ mustNotHaveDuplicateFieldNamesAfterEvaluation: StateCheck }>(
      'duplicate-payload-template-fields',
    ).mustNotHaveDuplicateFieldNamesAfterEvaluation(definition, OPTIONS),
    ...states.stateChecks(
      definition,
      OPTIONS,
      FIELD_RULES.map(([filter, rule, props, errorCode, path]) => ({
        filter: filterOf(filter),
        checker: states[rule]({ props, errorCode, ...(path !== undefined ? { path } : {}) }),
      })),
    ),
  ];
}

/**
 * Checks a definition as `require('asl-validator')(definition, { checkPaths: true, checkArn: true })` does,
 * with the same errors; like it, it sets each state's `QueryLanguage` to the machine's (pass a copy).
 *
 * @example
 * ```ts
 * validateAsl({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }); // { isValid: true, errors: [] }
 * ```
 */
export function validateAsl(definition: Record<string, unknown>): { isValid: boolean; errors: AslValidationError[] } {
  // A state machine's query language defaults to JSONPath; each state without one gets the machine's.
  const defaultQueryLanguage = definition['QueryLanguage'] ?? 'JSONPath';
  const statesObjects = JSONPath({ path: '$..States', json: definition }) as Record<string, Record<string, unknown>>[];
  for (const states of statesObjects) {
    for (const name of Object.keys(states)) {
      const state = states[name] as Record<string, unknown>;
      if (!state['QueryLanguage']) state['QueryLanguage'] = defaultQueryLanguage;
    }
  }
  const errors = aslSchemaErrors(definition);
  if (errors.length === 0) errors.push(...semanticErrors(definition));
  return { isValid: errors.length === 0, errors };
}
