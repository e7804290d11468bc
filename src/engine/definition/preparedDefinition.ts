import { TargetError } from '../../errors.js';
import type { StateMachineDefinition } from '../asl/definitionTypes.js';
import { withStateQueryLanguages } from '../asl/queryLanguage.js';
import { findDefinitionIssues, formatDefinitionIssue } from './validate.js';

/**
 * Definitions already checked and labelled, by identity. A scenario suite runs the same definition
 * object many times, and checking it took a sixth of a short execution's time. A definition object is
 * treated as immutable once it has been run: pass a new object after changing one.
 */
const prepared = new WeakMap<object, StateMachineDefinition>();

/**
 * The definition as the runners need it: checked for anything the engine cannot run faithfully (a
 * TargetError listing every issue), with each state naming its query language.
 */
export function prepareDefinition(definition: unknown): StateMachineDefinition {
  const cacheable = typeof definition === 'object' && definition !== null;
  const cached = cacheable ? prepared.get(definition) : undefined;
  if (cached) return cached;
  const issues = findDefinitionIssues(definition);
  if (issues.length > 0) {
    throw new TargetError(`The local engine cannot run this state machine:\n  ${issues.map(formatDefinitionIssue).join('\n  ')}`);
  }
  // Each state carries its query language, so that runners (also in branches) need not look further.
  const labelled = withStateQueryLanguages(definition) as StateMachineDefinition;
  if (cacheable) prepared.set(definition, labelled);
  return labelled;
}
