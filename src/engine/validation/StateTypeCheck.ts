import type { JsonObject } from '../data/json.js';
import type { StateChecker } from './StateChecker.js';

/**
 * The definition checks of one state type, beside that type's runner. Every state first gets the
 * common checks (checkState): its fields against {@link StateTypeCheck.fields}, then `Next`/`End`,
 * `InputPath`, `OutputPath`, `ResultPath` and `Parameters`, each in the types that list it.
 */
export interface StateTypeCheck {
  /** The fields ASL allows in this type (JSONPath mode); the query-language layer checks JSONata-only ones. */
  readonly fields: readonly string[];
  /** Fields AWS accepts in this type that the engine does not implement yet, with the issue message saying so. */
  readonly unsupportedFields?: Readonly<Record<string, string>>;
  /** What is particular to the type, checked after the common checks. */
  readonly check?: (state: JsonObject, checker: StateChecker) => void;
}
