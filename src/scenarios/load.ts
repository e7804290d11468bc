import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { checkOptions, optionNames } from '../sources/checkOptions.js';
import { InvalidInputError, SfnChaosError } from '../errors.js';
import { TemplateEvaluator } from '../sources/cloudformationIntrinsics.js';
import { pickStateMachineResource, readTemplate, templateFunctions, templateStateMachine } from '../sources/cloudformationTemplate.js';
import type { LoadContext } from './loadContext.js';
import {
  applySubstitutions,
  assertRunnableDefinition,
  collectStates,
  nodeLocator,
  parseDefinitionText,
  type DefinitionLocator,
} from '../sources/loadDefinition.js';
import { didYouMean, displayPath, firstLine, formatPath, suggestIn } from '../sources/loadErrors.js';
import { loadFunctions } from './loadFunctions.js';
import { DEFAULT_IMPORT_TIMEOUT_MS } from './loadHandler.js';
import { loadScenario, type LoadedStateMachine } from './loadScenario.js';
import { loadS3Objects } from './loadS3Objects.js';
import { loadServiceStandIns } from './loadServiceStandIns.js';
import { locatePath, parseYamlSource, readSourceText, toPlainValue } from '../sources/loadYaml.js';
import { assertScenarioFileShape } from './assertScenarioFileShape.js';
import type { RawScenarioFile, RawStateMachine } from './rawScenarioFile.js';
import type { Scenario, ScenarioFile, StateMachineSpec } from './types.js';

export interface LoadScenarioFileOptions {
  /** Folder that messages show paths relative to, and that a relative `file` starts from; default `process.cwd()`. */
  cwd?: string;
  /** How long importing one handler module may take, in ms; default 10 000. */
  importTimeoutMs?: number;
  /**
   * The file's content, used instead of reading `file` (which still names the file in messages and is where
   * relative paths start); `runScenario()` passes a file with an inline scenario this way.
   */
  text?: string;
  /**
   * Whether every Lambda Task needs a local handler; default true (the local target runs them). The AWS
   * target invokes the deployed functions, so it loads with `false`: handlers that are given are still checked.
   */
  requireHandlers?: boolean;
  /**
   * Told each function's local handler (absolute file, export) as soon as its file is found, before its import is
   * checked: the CLI starts the handler's execution environment then, while the rest of the file is still being read.
   */
  onHandler?: (handler: { file: string; exportName: string }) => void;
}

/**
 * Reads a scenario file and everything it names (definitions, templates, handlers) into the
 * validated model. Every problem is an {@link InvalidInputError} whose message is one line,
 * `file:line:column: what is wrong and what to do`.
 *
 * @example
 * ```ts
 * const file = await loadScenarioFile('scenarios.yaml');
 * for (const scenario of file.scenarios) console.log(scenario.name, scenario.faults.length);
 * ```
 */
const LOAD_OPTIONS = optionNames<LoadScenarioFileOptions>({
  cwd: true,
  importTimeoutMs: true,
  text: true,
  requireHandlers: true,
  onHandler: true,
});

export async function loadScenarioFile(file: string, options: LoadScenarioFileOptions = {}): Promise<ScenarioFile> {
  checkOptions('loadScenarioFile', options, LOAD_OPTIONS);
  const cwd = options.cwd ?? process.cwd();
  const absolute = isAbsolute(file) ? file : resolve(cwd, file);
  const shown = displayPath(absolute, cwd);
  try {
    return await load(absolute, shown, cwd, options);
  } catch (error) {
    if (error instanceof SfnChaosError) throw error;
    // A bug must still not surface as a stack trace to someone who only mistyped a file.
    const message = error instanceof Error ? error.message : String(error);
    throw new InvalidInputError(
      `unexpected problem while reading the scenario file: ${firstLine(message)}`,
      { file: shown },
      { cause: error },
    );
  }
}

async function load(file: string, shown: string, cwd: string, options: LoadScenarioFileOptions): Promise<ScenarioFile> {
  const text = options.text ?? (await readSourceText(file, 'scenario file', { file: shown }));
  const source = parseYamlSource(text, shown, {
    unknownTagHint: 'scenario files are plain YAML (CloudFormation tags belong in the template)',
  });
  const value = toPlainValue(source);
  assertScenarioFileShape(value, source);
  const raw = value as RawScenarioFile;

  const context: LoadContext = {
    source,
    dir: dirname(file),
    at: (path, part) => locatePath(source, path, part),
    display: (target) => displayPath(target, cwd),
    importTimeoutMs: options.importTimeoutMs ?? DEFAULT_IMPORT_TIMEOUT_MS,
    requireHandlers: options.requireHandlers ?? true,
    ...(options.onHandler === undefined ? {} : { onHandler: options.onHandler }),
  };

  const machines = new Map<string, LoadedStateMachine>();
  for (const [key, entry] of Object.entries(raw.stateMachines)) {
    machines.set(key, await loadStateMachine(context, key, entry));
  }

  const scenarios: Scenario[] = [];
  const names = new Map<string, number>();
  for (const [index, entry] of raw.scenarios.entries()) {
    const earlier = names.get(entry.name);
    if (earlier !== undefined) {
      const line = context.at(['scenarios', earlier, 'name']).line;
      throw new InvalidInputError(
        `scenario name ${JSON.stringify(entry.name)} is already used on line ${line}; names must be unique`,
        context.at(['scenarios', index, 'name']),
      );
    }
    names.set(entry.name, index);
    scenarios.push(await loadScenario(context, index, entry, machines, raw.defaults));
  }

  const stateMachines: Record<string, StateMachineSpec> = {};
  for (const [key, machine] of machines) {
    Object.defineProperty(stateMachines, key, { value: machine.spec, enumerable: true, writable: true, configurable: true });
  }
  return { file, stateMachines, scenarios };
}

/** Checks that a path named in the scenario file is a file, at the line that names it. */
function requireFile(context: LoadContext, path: (string | number)[], value: string, what: string): string {
  const file = isAbsolute(value) ? value : resolve(context.dir, value);
  let problem: string | undefined;
  try {
    if (!statSync(file).isFile()) problem = 'is a folder, not a file';
  } catch {
    problem = 'does not exist';
  }
  if (problem)
    throw new InvalidInputError(`${what} ${context.display(file)} ${problem}; paths are relative to the scenario file`, context.at(path));
  return file;
}

async function loadStateMachine(context: LoadContext, key: string, entry: RawStateMachine): Promise<LoadedStateMachine> {
  const base = ['stateMachines', key];
  const label = formatPath(base);
  if (entry.definition !== undefined && entry.template !== undefined) {
    throw new InvalidInputError(`${label} has both definition: and template:; keep one`, context.at([...base, 'template'], 'key'));
  }
  for (const field of ['resource', 'parameters'] as const) {
    if (entry[field] !== undefined && entry.template === undefined) {
      throw new InvalidInputError(`${field}: only applies with template:`, context.at([...base, field], 'key'));
    }
  }
  if (entry.definition === undefined && entry.template === undefined) {
    throw new InvalidInputError(
      `${label} needs definition: (an ASL file) or template: (a SAM or CloudFormation template)`,
      context.at(base, 'key'),
    );
  }
  const substitutions = entry.substitutions ?? {};
  const substitutionsHint = `${label}.substitutions`;

  let definition: unknown;
  let locate: DefinitionLocator;
  let definitionFile: string;
  let variables: Map<string, string>;
  let functionsInput: Parameters<typeof loadFunctions>[1]['template'];
  let stateMachineName = entry.name ?? key;
  let type: StateMachineSpec['type'] = entry.type ?? 'STANDARD';
  let resource: string | undefined;

  if (entry.definition !== undefined) {
    definitionFile = requireFile(context, [...base, 'definition'], entry.definition, 'definition file');
    const parsed = parseDefinitionText(
      await readSourceText(definitionFile, 'definition file', context.at([...base, 'definition'])),
      context.display(definitionFile),
    );
    locate = nodeLocator(parsed.source);
    definition = applySubstitutions(parsed.value, (name, path) => {
      const value = substitutions[name];
      if (value !== undefined) return String(value);
      throw new InvalidInputError(
        `the definition uses \${${name}}, which ${substitutionsHint} does not define${suggestIn(name, Object.keys(substitutions))}; add it there`,
        locate(path),
      );
    });
    variables = new Map(Object.entries(substitutions).map(([name, value]) => [name, String(value)]));
  } else {
    const templateFile = requireFile(context, [...base, 'template'], entry.template ?? '', 'template');
    const parameters = entry.parameters ?? {};
    const model = await readTemplate(templateFile, context.display(templateFile), parameters, `${label}.parameters`);
    for (const name of Object.keys(parameters)) {
      if (!model.parameters.has(name)) {
        throw new InvalidInputError(
          `${context.display(templateFile)} has no parameter ${JSON.stringify(name)}${didYouMean(name, model.parameters.keys())}`,
          context.at([...base, 'parameters', name], 'key'),
        );
      }
    }
    const chosen = pickStateMachineResource(
      model,
      entry.resource,
      context.at([...base, 'resource']),
      context.at(base, 'key'),
      context.display(templateFile),
    );
    const evaluator = new TemplateEvaluator(model);
    const built = await templateStateMachine(model, evaluator, chosen, { substitutions, substitutionsHint, display: context.display });
    ({ definition, locate, definitionFile, variables } = built);
    stateMachineName = entry.name ?? built.stateMachineName;
    type = entry.type ?? built.type;
    resource = chosen.logicalId;
    functionsInput = { model, evaluator, functions: templateFunctions(model, evaluator) };
  }

  assertRunnableDefinition(definition, locate, key);
  const functions = await loadFunctions(context, {
    stateMachine: key,
    definition,
    variables,
    declared: entry.functions,
    ...(functionsInput ? { template: functionsInput } : {}),
  });
  const services =
    entry.services === undefined ? undefined : await loadServiceStandIns(context, [...base, 'services'], entry.services, definition, key);
  const s3Objects = entry.s3Objects === undefined ? undefined : await loadS3Objects(context, [...base, 's3Objects'], entry.s3Objects);
  const spec: StateMachineSpec = {
    key,
    definition,
    definitionFile,
    stateMachineName,
    type,
    functions: functions.functions,
    at: context.at(base, 'key'),
    ...(resource === undefined ? {} : { resource }),
    ...(services === undefined ? {} : { services }),
    ...(s3Objects === undefined ? {} : { s3Objects }),
    ...(entry.deployed === undefined ? {} : { deployed: entry.deployed }),
  };
  return { spec, stateNames: collectStates(definition).map((state) => state.name), functions };
}
