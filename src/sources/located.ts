/**
 * Where something is written in a source file: the file as messages show it, and a 1-based line and column.
 *
 * @example
 * ```ts
 * const at: Located = { file: 'scenarios.yaml', line: 12, column: 5 };
 * ```
 */
export interface Located {
  file: string;
  line: number;
  column: number;
}

/** The two kinds of state machine, as `CreateStateMachine` and templates name them. */
export type StateMachineType = 'STANDARD' | 'EXPRESS';
