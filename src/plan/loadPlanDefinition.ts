import { basename, isAbsolute, resolve } from 'node:path';
import { LocalAccount } from '../engine/runtime/localAccount.js';
import { TemplateEvaluator } from '../sources/cloudformationIntrinsics.js';
import {
  pickStateMachineResource,
  readTemplate,
  templateFunctionCode,
  templateFunctions,
  templateStateMachine,
} from '../sources/cloudformationTemplate.js';
import {
  applySubstitutions,
  assertRunnableDefinition,
  nodeLocator,
  parseDefinitionText,
  type DefinitionLocator,
} from '../sources/loadDefinition.js';
import { displayPath } from '../sources/loadErrors.js';
import { readSourceText } from '../sources/loadYaml.js';

/** Where `chaos plan` reads a definition from: an ASL file, or a template and a state machine's logical id. */
export type PlanSource =
  | { definitionFile: string; substitutions?: Readonly<Record<string, string>> }
  | {
      templateFile: string;
      resource?: string;
      substitutions?: Readonly<Record<string, string>>;
      parameters?: Readonly<Record<string, string>>;
    };

export interface LoadedPlanDefinition {
  definition: Record<string, unknown>;
  /** Where a path of the definition is written, for warnings with file:line. */
  locate: DefinitionLocator;
  /** The definition file or template as shown in messages. */
  shownFile: string;
  /** From a template: each Lambda function's own timeout in seconds (`Timeout`, else `Globals`, else 3), by function name. */
  functionTimeouts?: Record<string, number>;
}

/**
 * Reads a definition for `chaos plan` with the scenario loader's own parsers, and checks it with the
 * validation `chaos run` uses (`assertRunnableDefinition`): a plan of a definition that run refuses
 * would describe rules that never run. A plan needs no function ARNs, so `${Name}` placeholders without
 * a value stay as written instead of being errors; a `Resource` that is only such a placeholder is
 * checked as the Lambda function ARN it usually stands for.
 *
 * @example
 * ```ts
 * const { definition } = await loadPlanDefinition({ templateFile: 'template.yaml', resource: 'OrdersStateMachine' });
 * ```
 */
export async function loadPlanDefinition(source: PlanSource, cwd: string = process.cwd()): Promise<LoadedPlanDefinition> {
  const substitutions = source.substitutions ?? {};
  if ('definitionFile' in source) {
    const file = isAbsolute(source.definitionFile) ? source.definitionFile : resolve(cwd, source.definitionFile);
    const shownFile = displayPath(file, cwd);
    const parsed = parseDefinitionText(await readSourceText(file, 'definition file', { file: shownFile }), shownFile);
    const locate = nodeLocator(parsed.source);
    const definition = applySubstitutions(parsed.value, (name) => substitutions[name] ?? `\${${name}}`);
    const checked = applySubstitutions(parsed.value, (name, path) => substitutions[name] ?? placeholderStandIn(name, path));
    assertRunnableDefinition(checked, locate, basename(file).replace(/(\.asl)?\.(json|ya?ml)$/i, ''));
    return { definition: definition as Record<string, unknown>, locate, shownFile };
  }
  const file = isAbsolute(source.templateFile) ? source.templateFile : resolve(cwd, source.templateFile);
  const shownFile = displayPath(file, cwd);
  const display = (target: string): string => displayPath(target, cwd);
  const model = await readTemplate(file, shownFile, source.parameters ?? {}, '--parameter NAME=VALUE');
  const at = { file: shownFile, line: 1, column: 1 };
  const chosen = pickStateMachineResource(model, source.resource, at, at, shownFile);
  const evaluator = new TemplateEvaluator(model);
  const built = await templateStateMachine(model, evaluator, chosen, { substitutions, substitutionsHint: '--sub NAME=VALUE', display });
  assertRunnableDefinition(built.definition, built.locate, chosen.logicalId);
  return {
    definition: built.definition,
    locate: built.locate,
    shownFile: display(built.definitionFile),
    functionTimeouts: functionTimeoutsOf(model, evaluator),
  };
}

/**
 * The template functions' own timeouts, for the lint that compares them with Tasks' `TimeoutSeconds`. A
 * function whose settings cannot be read locally (an unresolvable intrinsic) is left out: the plan is about
 * the definition, and its timeout is then simply unknown.
 */
function functionTimeoutsOf(model: Awaited<ReturnType<typeof readTemplate>>, evaluator: TemplateEvaluator): Record<string, number> {
  const timeouts: Record<string, number> = {};
  for (const fn of templateFunctions(model, evaluator)) {
    try {
      const { timeoutSeconds } = templateFunctionCode(model, evaluator, fn, 'the template');
      Object.defineProperty(timeouts, fn.functionName, { value: timeoutSeconds, enumerable: true, writable: true, configurable: true });
    } catch {
      // Unknown timeout: no lint for this function.
    }
  }
  return timeouts;
}

/**
 * What an unresolved `${Name}` is checked as: in a `Resource` field, a Lambda function ARN (what
 * DefinitionSubstitutions there almost always hold); anywhere else the placeholder text itself.
 */
function placeholderStandIn(name: string, path: readonly (string | number)[]): string {
  if (path[path.length - 1] !== 'Resource') return `\${${name}}`;
  return `arn:${LocalAccount.partition}:lambda:${LocalAccount.region}:${LocalAccount.accountId}:function:${name.replace(/[^A-Za-z0-9_-]/g, '-') || 'placeholder'}`;
}
