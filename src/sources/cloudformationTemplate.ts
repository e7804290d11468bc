import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LineCounter, isMap, isScalar, parseDocument, type Node, type Scalar } from 'yaml';
import { InvalidInputError } from '../errors.js';
import { cloudFormationTags } from './cloudformationTags.js';
import {
  type TemplateEvaluator,
  intrinsicOf,
  isFunctionResource,
  isStateMachineResource,
  lambdaArn,
  type EvaluationScope,
  type TemplateModel,
  type TemplateParameter,
  type TemplateResource,
  type TemplateValue,
  withArticle,
} from './cloudformationIntrinsics.js';
import { applySubstitutions, nodeLocator, parseDefinitionText, type DefinitionLocator } from './loadDefinition.js';
import { didYouMean, firstLine, listNames, suggestIn } from './loadErrors.js';
import { findNode, locateNode, locationAt, parseYamlSource, readSourceText, unalias, type YamlSource } from './loadYaml.js';
import type { Located, StateMachineType } from './located.js';

/**
 * Reading a SAM or CloudFormation template: its state machines (definition, substitutions, name,
 * type) and its Lambda functions (name, ARN, code folder, handler, runtime, timeout).
 */

/** Lambda's default function timeout, in seconds. */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 3;

/** Reads a template file. `parametersHint` is where the scenario file gives parameter values. */
export async function readTemplate(
  file: string,
  display: string,
  parameterValues: Readonly<Record<string, string | number | boolean>>,
  parametersHint: string,
): Promise<TemplateModel> {
  const text = await readSourceText(file, 'template', { file: display });
  const source = parseYamlSource(text, display, {
    customTags: cloudFormationTags,
    unknownTagHint: 'sfn-chaos reads the CloudFormation tags (!Ref, !Sub, !GetAtt, …) only',
  });
  const root = source.doc.contents;
  if (!isMap(root))
    throw new InvalidInputError('not a CloudFormation template: expected a mapping with Resources', locateNode(source, root));
  const resourcesNode = findNode(source, root, ['Resources']);
  if (resourcesNode.matched !== 1 || !isMap(resourcesNode.node)) {
    throw new InvalidInputError(
      'not a CloudFormation template: it has no Resources mapping',
      locateNode(source, resourcesNode.keyNode ?? root),
    );
  }
  const resources = new Map<string, TemplateResource>();
  for (const pair of resourcesNode.node.items) {
    const key = unalias(source, pair.key);
    const body = unalias(source, pair.value);
    if (!isScalar(key)) continue;
    const logicalId = String(key.value);
    const typeNode = isMap(body) ? findNode(source, body, ['Type']) : undefined;
    const type = typeNode && isScalar(typeNode.node) ? String(typeNode.node.value) : undefined;
    if (type === undefined) throw new InvalidInputError(`resource ${logicalId} has no Type`, locateNode(source, key));
    const propertiesNode = isMap(body) ? findNode(source, body, ['Properties']) : undefined;
    const properties = propertiesNode && propertiesNode.matched === 1 && isMap(propertiesNode.node) ? propertiesNode.node : undefined;
    resources.set(logicalId, { logicalId, type, keyNode: key, properties });
  }
  const parameters = new Map<string, TemplateParameter>();
  const parametersNode = findNode(source, root, ['Parameters']);
  if (parametersNode.matched === 1 && isMap(parametersNode.node)) {
    for (const pair of parametersNode.node.items) {
      const key = unalias(source, pair.key);
      if (!isScalar(key)) continue;
      const name = String(key.value);
      const body = unalias(source, pair.value);
      const type = isMap(body) ? findNode(source, body, ['Type']) : undefined;
      const defaultNode = isMap(body) ? findNode(source, body, ['Default']) : undefined;
      parameters.set(name, {
        name,
        type: type && type.matched === 1 && isScalar(type.node) ? String(type.node.value) : 'String',
        keyNode: key,
        defaultNode: defaultNode && defaultNode.matched === 1 ? (defaultNode.node ?? undefined) : undefined,
      });
    }
  }
  const conditions = new Map<string, Node>();
  const conditionsNode = findNode(source, root, ['Conditions']);
  if (conditionsNode.matched === 1 && isMap(conditionsNode.node)) {
    for (const pair of conditionsNode.node.items) {
      const key = unalias(source, pair.key);
      if (isScalar(key) && pair.value) conditions.set(String(key.value), pair.value as Node);
    }
  }
  const mappingsNode = findNode(source, root, ['Mappings']);
  return {
    source,
    file,
    resources,
    parameters,
    conditions,
    mappings: mappingsNode.matched === 1 ? (mappingsNode.node ?? undefined) : undefined,
    parameterValues,
    parametersHint,
  };
}

/** The state machine resources of a template. */
export function templateStateMachines(model: TemplateModel): TemplateResource[] {
  return [...model.resources.values()].filter(isStateMachineResource);
}

/** A Lambda function of a template: how the definition refers to it. The code is read on demand. */
export interface TemplateFunction {
  logicalId: string;
  functionName: string;
  arn: string;
  resource: TemplateResource;
  at: Located;
}

export function templateFunctions(model: TemplateModel, evaluator: TemplateEvaluator): TemplateFunction[] {
  return [...model.resources.values()].filter(isFunctionResource).map((resource) => {
    const functionName = evaluator.functionNameOf(resource);
    return {
      logicalId: resource.logicalId,
      functionName,
      arn: lambdaArn(functionName),
      resource,
      at: locateNode(model.source, resource.keyNode),
    };
  });
}

/** A template function's code as far as sfn-chaos can run it. */
export interface TemplateFunctionCode {
  runtime: 'nodejs' | 'python';
  timeoutSeconds: number;
  /** SAM's `EventInvokeConfig`, or an `AWS::Lambda::EventInvokeConfig` naming the function. */
  eventInvokeConfig?: { maximumRetryAttempts?: number; maximumEventAgeInSeconds?: number };
  /** The handler file and export, or why there is no local Node.js handler. */
  handler: { file: string; exportName: string; at: Located } | { problem: string; at: Located };
}

/**
 * Reads a function's runtime, timeout and handler (falling back to SAM's `Globals.Function`).
 * `mapHint` is where the scenario file can map a local handler (`stateMachines.x.functions.F.handler`).
 */
export function templateFunctionCode(
  model: TemplateModel,
  evaluator: TemplateEvaluator,
  fn: TemplateFunction,
  mapHint: string,
): TemplateFunctionCode {
  const { source } = model;
  const scope: EvaluationScope = { advice: `map a local handler under ${mapHint}` };
  const isSam = fn.resource.type === 'AWS::Serverless::Function';
  const globals = isSam ? findNode(source, source.doc.contents, ['Globals', 'Function']) : undefined;
  const property = (name: string): Node | undefined => {
    const own = evaluator.property(fn.resource, name);
    if (own !== undefined) return own;
    if (globals && globals.matched === 2 && isMap(globals.node)) {
      const found = findNode(source, globals.node, [name]);
      if (found.matched === 1) return found.node ?? found.keyNode;
    }
    return undefined;
  };
  const where = (node: Node | undefined): Located => locateNode(source, node ?? fn.resource.keyNode);

  const runtimeNode = property('Runtime');
  const runtimeName = runtimeNode === undefined ? undefined : evaluator.evaluateString(runtimeNode, scope, 'Runtime');
  const runtime: 'nodejs' | 'python' = runtimeName?.startsWith('python') ? 'python' : 'nodejs';

  const timeoutNode = property('Timeout');
  let timeoutSeconds = DEFAULT_FUNCTION_TIMEOUT_SECONDS;
  if (timeoutNode !== undefined) {
    const value = Number(evaluator.evaluate(timeoutNode, scope));
    if (!Number.isFinite(value) || value <= 0)
      throw new InvalidInputError(`Timeout of ${fn.logicalId} must be a number of seconds above 0`, where(timeoutNode));
    timeoutSeconds = value;
  }

  const eventInvokeConfig = eventInvokeConfigOf(model, evaluator, fn, property('EventInvokeConfig'), scope);
  const config = eventInvokeConfig === undefined ? {} : { eventInvokeConfig };
  const unusable = (problem: string, node: Node | undefined): TemplateFunctionCode => ({
    runtime,
    timeoutSeconds,
    ...config,
    handler: { problem: `${fn.logicalId} ${problem}; write a Node.js stand-in and map it under ${mapHint}`, at: where(node) },
  });

  if (runtimeName !== undefined && !runtimeName.startsWith('nodejs')) {
    return unusable(`runs ${runtimeName}, which sfn-chaos cannot run locally`, runtimeNode);
  }
  const packageType = property('PackageType');
  if (packageType !== undefined && evaluator.evaluate(packageType, scope) === 'Image') {
    return unusable('is a container image, which sfn-chaos cannot run locally', packageType);
  }
  const inline = property(isSam ? 'InlineCode' : 'Code');
  let codeDir = dirname(model.file);
  if (isSam) {
    if (inline !== undefined) return unusable('has InlineCode, which sfn-chaos does not run', inline);
    const codeUri = property('CodeUri');
    if (codeUri !== undefined) {
      const value = evaluator.evaluate(codeUri, scope);
      if (typeof value !== 'string' || value.startsWith('s3://')) return unusable('has its CodeUri in S3, not in a local folder', codeUri);
      codeDir = resolve(dirname(model.file), value);
    }
  } else if (inline !== undefined) {
    const value = evaluator.evaluate(inline, scope);
    if (typeof value !== 'string') return unusable('has its Code inline or in S3, not in a local folder', inline);
    codeDir = resolve(dirname(model.file), value);
  }
  if (!isDirectory(codeDir)) return unusable(`has its code in ${codeDir}, which is not a folder`, property(isSam ? 'CodeUri' : 'Code'));

  const handlerNode = property('Handler');
  if (handlerNode === undefined) return unusable('has no Handler', undefined);
  const handler = evaluator.evaluateString(handlerNode, scope, 'Handler');
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1)
    return unusable(`has Handler ${JSON.stringify(handler)}, which is not "file.export"`, handlerNode);
  const modulePath = join(codeDir, handler.slice(0, dot));
  const exportName = handler.slice(dot + 1);
  for (const extension of ['.mjs', '.js', '.cjs']) {
    if (isFile(modulePath + extension))
      return { runtime, timeoutSeconds, ...config, handler: { file: modulePath + extension, exportName, at: where(handlerNode) } };
  }
  for (const extension of ['.ts', '.mts', '.cts']) {
    if (isFile(modulePath + extension)) {
      return unusable(
        `has TypeScript source (${handler.slice(0, dot)}${extension}) that needs a build first; point the stand-in at the built .js file`,
        handlerNode,
      );
    }
  }
  return unusable(`has Handler ${handler}, but ${handler.slice(0, dot)}.mjs, .js or .cjs is not in its code folder`, handlerNode);
}

/**
 * How Lambda retries the function's asynchronous invocations: SAM's `EventInvokeConfig` property
 * (`samNode`), else an `AWS::Lambda::EventInvokeConfig` resource whose `FunctionName` is the function
 * (`!Ref`, its name or its ARN). The `Qualifier` of that resource is not told apart: one config per function.
 */
function eventInvokeConfigOf(
  model: TemplateModel,
  evaluator: TemplateEvaluator,
  fn: TemplateFunction,
  samNode: Node | undefined,
  scope: EvaluationScope,
): TemplateFunctionCode['eventInvokeConfig'] {
  const read = (retriesNode: Node | undefined, ageNode: Node | undefined): TemplateFunctionCode['eventInvokeConfig'] => {
    const config: NonNullable<TemplateFunctionCode['eventInvokeConfig']> = {};
    const retries = retriesNode === undefined ? undefined : Number(evaluator.evaluate(retriesNode, scope));
    const age = ageNode === undefined ? undefined : Number(evaluator.evaluate(ageNode, scope));
    if (retries !== undefined) {
      if (!Number.isInteger(retries) || retries < 0 || retries > 2)
        throw new InvalidInputError(`MaximumRetryAttempts of ${fn.logicalId} must be 0, 1 or 2`, locateNode(model.source, retriesNode));
      config.maximumRetryAttempts = retries;
    }
    if (age !== undefined) {
      if (!Number.isInteger(age) || age < 60 || age > 21_600)
        throw new InvalidInputError(`MaximumEventAgeInSeconds of ${fn.logicalId} must be 60 to 21600`, locateNode(model.source, ageNode));
      config.maximumEventAgeInSeconds = age;
    }
    return Object.keys(config).length === 0 ? undefined : config;
  };
  const child = (node: Node | undefined, name: string): Node | undefined => {
    if (node === undefined || !isMap(node)) return undefined;
    const found = findNode(model.source, node, [name]);
    return found.matched === 1 ? (found.node ?? undefined) : undefined;
  };
  if (samNode !== undefined) {
    const body = unalias(model.source, samNode) as Node | null | undefined;
    return read(child(body ?? undefined, 'MaximumRetryAttempts'), child(body ?? undefined, 'MaximumEventAgeInSeconds'));
  }
  for (const resource of model.resources.values()) {
    if (resource.type !== 'AWS::Lambda::EventInvokeConfig') continue;
    const nameNode = evaluator.property(resource, 'FunctionName');
    if (nameNode === undefined) continue;
    const value = evaluator.evaluate(nameNode, scope);
    if (value !== fn.functionName && value !== fn.arn && value !== fn.logicalId) continue;
    return read(evaluator.property(resource, 'MaximumRetryAttempts'), evaluator.property(resource, 'MaximumEventAgeInSeconds'));
  }
  return undefined;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The state machine part of a template, ready for the loader. */
export interface TemplateStateMachine {
  definition: unknown;
  locate: DefinitionLocator;
  /** Absolute path of the file the definition is written in (the template, or its `DefinitionUri`). */
  definitionFile: string;
  stateMachineName: string;
  type: StateMachineType;
  /** Every substitution or `Fn::Sub` variable of the definition that resolved, with its value (to find function aliases). */
  variables: Map<string, string>;
}

export interface TemplateStateMachineOptions {
  /** The scenario file's `substitutions` for this state machine. */
  substitutions: Readonly<Record<string, string | number | boolean>>;
  /** Where those substitutions are given, e.g. `stateMachines.asteroids.substitutions`. */
  substitutionsHint: string;
  /** Shows an absolute path relative to the working directory. */
  display: (file: string) => string;
}

/**
 * Builds the definition of a template's state machine: `Definition`, `DefinitionUri` (a local file)
 * or `DefinitionString`, with intrinsics evaluated and `DefinitionSubstitutions` (overridden by the
 * scenario's `substitutions`) applied.
 */
export async function templateStateMachine(
  model: TemplateModel,
  evaluator: TemplateEvaluator,
  resource: TemplateResource,
  options: TemplateStateMachineOptions,
): Promise<TemplateStateMachine> {
  const { source } = model;
  const isSam = resource.type === 'AWS::Serverless::StateMachine';
  const variables = new Map<string, string>();
  const adviceFor = (name: string): string => `give ${name} a value under ${options.substitutionsHint}`;
  const scope: EvaluationScope = {
    advice: `use a DefinitionSubstitutions variable in its place and give it a value under ${options.substitutionsHint}`,
    subOverrides: options.substitutions,
    adviceForSubVariable: adviceFor,
    onSubVariable: (name, value) => variables.set(name, String(value)),
  };

  const typeNode = evaluator.property(resource, isSam ? 'Type' : 'StateMachineType');
  let type: StateMachineType = 'STANDARD';
  if (typeNode !== undefined) {
    const value = evaluator.evaluate(typeNode, scope);
    if (value !== 'STANDARD' && value !== 'EXPRESS')
      throw evaluator.error(typeNode, `${isSam ? 'Type' : 'StateMachineType'} must be STANDARD or EXPRESS`);
    type = value;
  }

  const definitionNode = evaluator.property(resource, 'Definition');
  const uriNode = isSam ? evaluator.property(resource, 'DefinitionUri') : evaluator.property(resource, 'DefinitionS3Location');
  const stringNode = isSam ? undefined : evaluator.property(resource, 'DefinitionString');
  const given = [definitionNode, uriNode, stringNode].filter((node) => node !== undefined);
  const names = isSam ? 'Definition or DefinitionUri' : 'Definition, DefinitionString or DefinitionS3Location';
  if (given.length === 0) throw new InvalidInputError(`${resource.logicalId} has no ${names}`, locateNode(source, resource.keyNode));
  if (given.length > 1) throw evaluator.error(given[1], `${resource.logicalId} has more than one of ${names}; keep one`);

  let definition: unknown;
  let locate: DefinitionLocator;
  let definitionFile = model.file;
  if (definitionNode !== undefined) {
    definition = evaluator.evaluate(definitionNode, scope);
    locate = nodeLocator(source, definitionNode);
  } else if (uriNode !== undefined) {
    const uri = isSam ? evaluator.evaluate(uriNode, scope) : undefined;
    if (typeof uri !== 'string' || uri.startsWith('s3://')) {
      throw evaluator.error(
        uriNode,
        `the definition of ${resource.logicalId} is in S3, which sfn-chaos does not read; keep a local copy and point DefinitionUri at it`,
      );
    }
    definitionFile = resolve(dirname(model.file), uri);
    if (!isFile(definitionFile)) {
      throw evaluator.error(uriNode, `DefinitionUri ${options.display(definitionFile)} does not exist`);
    }
    const parsed = parseDefinitionText(
      await readSourceText(definitionFile, 'DefinitionUri file', locateNode(source, uriNode)),
      options.display(definitionFile),
    );
    definition = parsed.value;
    locate = nodeLocator(parsed.source);
  } else {
    const node = stringNode as Node;
    const text = evaluator.evaluate(node, scope);
    if (typeof text !== 'string') throw evaluator.error(node, 'DefinitionString must evaluate to a string of JSON');
    const mapPosition = stringPositionMapper(model, node, text);
    locate = stringLocator(mapPosition, text);
    try {
      definition = JSON.parse(text) as unknown;
    } catch (error) {
      const offset = /position (\d+)/.exec((error as Error).message)?.[1];
      const inner = offset === undefined ? undefined : positionInText(text, Number(offset));
      const at = inner ? mapPosition(inner.line, inner.column) : locateNode(source, node);
      throw new InvalidInputError(
        `DefinitionString of ${resource.logicalId} is not valid JSON: ${firstLine((error as Error).message)}`,
        at,
      );
    }
  }

  definition = substituteDefinition(definition, {
    evaluator,
    resource,
    scope,
    options,
    variables,
    locate,
  });

  for (const [name, node] of substitutionNodes(evaluator, resource)) {
    if (variables.has(name)) continue;
    const override = options.substitutions[name];
    if (override !== undefined) {
      variables.set(name, String(override));
      continue;
    }
    try {
      const value = evaluator.evaluate(node, { advice: '' });
      if (typeof value === 'string') variables.set(name, value);
    } catch {
      // An unused substitution that cannot be resolved locally does not matter.
    }
  }
  for (const [name, value] of Object.entries(options.substitutions)) if (!variables.has(name)) variables.set(name, String(value));

  return { definition, locate, definitionFile, stateMachineName: evaluator.stateMachineNameOf(resource), type, variables };
}

function substitutionNodes(evaluator: TemplateEvaluator, resource: TemplateResource): Map<string, Node | null> {
  const nodes = new Map<string, Node | null>();
  const map = evaluator.property(resource, 'DefinitionSubstitutions');
  const resolved = unalias(evaluator.model.source, map);
  if (isMap(resolved)) {
    for (const pair of resolved.items) {
      const key = unalias(evaluator.model.source, pair.key);
      if (isScalar(key)) nodes.set(String(key.value), (pair.value as Node | null) ?? null);
    }
  }
  return nodes;
}

interface SubstituteContext {
  evaluator: TemplateEvaluator;
  resource: TemplateResource;
  scope: EvaluationScope;
  options: TemplateStateMachineOptions;
  variables: Map<string, string>;
  locate: DefinitionLocator;
}

function substituteDefinition(definition: unknown, context: SubstituteContext): unknown {
  const { evaluator, resource, options, variables, locate } = context;
  const map = evaluator.property(resource, 'DefinitionSubstitutions');
  if (map !== undefined && !isMap(unalias(evaluator.model.source, map)) && intrinsicOf(evaluator.model.source, map) === undefined) {
    throw evaluator.error(map, 'DefinitionSubstitutions must be a mapping of names to values');
  }
  const nodes = substitutionNodes(evaluator, resource);
  const cache = new Map<string, string>();
  return applySubstitutions(definition, (name, path) => {
    const override = options.substitutions[name];
    if (override !== undefined) return String(override);
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    if (nodes.has(name)) {
      const value: TemplateValue = evaluator.evaluate(nodes.get(name), {
        advice: `give ${name} a value under ${options.substitutionsHint}`,
      });
      if (value === null || typeof value === 'object') {
        throw evaluator.error(nodes.get(name), `DefinitionSubstitutions.${name} must be a string, number or boolean`);
      }
      const text = String(value);
      cache.set(name, text);
      variables.set(name, text);
      return text;
    }
    throw new InvalidInputError(
      `the definition uses \${${name}}, which neither DefinitionSubstitutions nor ${options.substitutionsHint} defines${suggestIn(name, [...nodes.keys(), ...Object.keys(options.substitutions)])}; add it under ${options.substitutionsHint}`,
      locate(path),
    );
  });
}

/**
 * Maps a line and column inside a `DefinitionString`'s JSON to the template. When the string is a
 * literal block (`|`) and substitution kept its lines, a line in the JSON is a line of the template;
 * otherwise everything is located at the `DefinitionString` itself.
 */
function stringPositionMapper(model: TemplateModel, definitionStringNode: Node, text: string): (line: number, column: number) => Located {
  const { source } = model;
  const fallback = locateNode(source, definitionStringNode);
  const literal = literalNodeOf(model, definitionStringNode);
  if (!literal) return () => fallback;
  const rawLines = String(literal.value).split('\n');
  const finalLines = text.split('\n');
  if (rawLines.length !== finalLines.length) return () => fallback;
  const firstContentLine = locationAt(source, literal.range?.[0] ?? 0).line + 1;
  const templateLines = source.text.split('\n');
  return (innerLine, innerColumn) => {
    const line = firstContentLine + innerLine - 1;
    const rawLine = rawLines[innerLine - 1] ?? '';
    const finalLine = finalLines[innerLine - 1] ?? '';
    const indent = Math.max(0, (templateLines[line - 1] ?? '').length - rawLine.length);
    return { file: source.file, line, column: indent + rawColumn(rawLine, finalLine, innerColumn) };
  };
}

/**
 * The column in the line as written of a column in the line after substitution: the same when
 * nothing before it changed, counted from the end when nothing after it changed, else the line start.
 */
function rawColumn(rawLine: string, finalLine: string, column: number): number {
  const before = finalLine.slice(0, column - 1);
  if (rawLine.startsWith(before)) return column;
  const after = finalLine.slice(column - 1);
  if (rawLine.endsWith(after)) return rawLine.length - after.length + 1;
  return 1;
}

/** Locates values of a definition written as a JSON string in a template (see {@link stringPositionMapper}). */
function stringLocator(mapPosition: (line: number, column: number) => Located, text: string): DefinitionLocator {
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter, prettyErrors: false });
  const jsonSource: YamlSource = { file: '', text, doc: parsed, lineCounter };
  return (path) => {
    if (parsed.errors.length > 0) return mapPosition(1, 1);
    const found = findNode(jsonSource, parsed.contents, path);
    const inner = locateNode(jsonSource, found.matched === path.length ? (found.keyNode ?? found.node) : found.node);
    return mapPosition(inner.line, inner.column);
  };
}

/** Line and column (1-based) of a character offset in a text. */
function positionInText(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, offset)).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}

/** The block scalar holding a `DefinitionString`'s JSON, directly or as the template of `!Sub`. */
function literalNodeOf(model: TemplateModel, node: Node): Scalar | undefined {
  const { source } = model;
  let candidate: unknown = unalias(source, node);
  const intrinsic = intrinsicOf(source, candidate);
  if (intrinsic) {
    if (intrinsic.name !== 'Fn::Sub') return undefined;
    const argument = unalias(source, intrinsic.argument);
    candidate =
      argument && typeof argument === 'object' && 'items' in argument
        ? unalias(source, (argument as { items: unknown[] }).items[0])
        : argument;
  }
  if (isScalar(candidate) && candidate.type === 'BLOCK_LITERAL' && typeof candidate.value === 'string') return candidate;
  return undefined;
}

/** The resource to use: the one named, or the template's only state machine. */
export function pickStateMachineResource(
  model: TemplateModel,
  name: string | undefined,
  nameAt: Located,
  entryAt: Located,
  display: string,
): TemplateResource {
  const machines = templateStateMachines(model);
  if (name !== undefined) {
    const resource = model.resources.get(name);
    if (!resource) {
      const hint =
        didYouMean(
          name,
          machines.map((machine) => machine.logicalId),
        ) || (machines.length > 0 ? `; its state machines: ${listNames(machines.map((machine) => machine.logicalId))}` : '');
      throw new InvalidInputError(`resource ${JSON.stringify(name)} is not in ${display}${hint}`, nameAt);
    }
    if (!isStateMachineResource(resource)) {
      throw new InvalidInputError(
        `resource ${name} in ${display} is ${withArticle(resource.type)}, not a state machine (AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine)`,
        nameAt,
      );
    }
    return resource;
  }
  const [only, second] = machines;
  if (only && !second) return only;
  if (!only)
    throw new InvalidInputError(
      `${display} defines no state machine (AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine)`,
      entryAt,
    );
  throw new InvalidInputError(
    `${display} defines ${machines.length} state machines (${listNames(machines.map((machine) => machine.logicalId))}); name one with resource:`,
    entryAt,
  );
}
