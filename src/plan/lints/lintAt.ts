import { formatPath, type DocumentPath } from '../../sources/loadErrors.js';
import type { LintCode } from '../constants.js';
import type { FailingState, PlanLint } from '../types.js';

/** A warning about `state`, at a field below it (`['Retry', 1]`), or at the state itself. */
export function lintAt(code: LintCode, state: FailingState, below: DocumentPath, message: string): PlanLint {
  const path = [...state.path, ...below];
  return { code, state: state.name, path, field: formatPath(path), message };
}

/** `Retry[2]`, `Catch[0]`: how a rule is named in messages. */
export function ruleName(kind: 'Retry' | 'Catch', index: number): string {
  return `${kind}[${index}]`;
}
