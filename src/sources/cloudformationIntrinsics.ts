import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { LocalAccount } from '../engine/runtime/localAccount.js';
import { InvalidInputError } from '../errors.js';
import { didYouMean } from './loadErrors.js';
import { findNode, locateNode, unalias, type YamlSource } from './loadYaml.js';
import { INTRINSIC_BY_TAG } from './cloudformationTags.js';

/**
 * Evaluates CloudFormation intrinsic functions locally, on the parsed template's nodes so that
 * anything that cannot be resolved is reported at its line. Lambda functions and state machines
 * get synthetic names and ARNs in a fixed local account; anything that only exists once deployed
 * (`!ImportValue`, other resources' attributes, SSM parameters) is an error telling the user where
 * to give the value instead.
 */

/** A plain JSON-like value after evaluation. */
export type TemplateValue = string | number | boolean | null | TemplateValue[] | { [key: string]: TemplateValue };

/** `!Ref AWS::NoValue`: the property is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
type Evaluated = TemplateValue | typeof NO_VALUE;

export interface TemplateResource {
  logicalId: string;
  type: string;
  keyNode: Node;
  /** The resource's `Properties` mapping, if any. */
  properties: YAMLMap | undefined;
}

export interface TemplateParameter {
  name: string;
  type: string;
  keyNode: Node;
  defaultNode: Node | undefined;
}

/** A template read far enough to evaluate intrinsics in it. */
export interface TemplateModel {
  source: YamlSource;
  /** Absolute path of the template file. */
  file: string;
  resources: Map<string, TemplateResource>;
  parameters: Map<string, TemplateParameter>;
  conditions: Map<string, Node>;
  mappings: Node | undefined;
  /** Parameter values given in the scenario file; they win over `Default`. */
  parameterValues: Readonly<Record<string, string | number | boolean>>;
  /** Where in the scenario file parameters are given, for messages (`stateMachines.x.parameters`). */
  parametersHint: string;
}

export interface EvaluationScope {
  /** Said after "cannot resolve … locally;" — what the user can do instead. */
  advice: string;
  /** Values for `${Var}` in `Fn::Sub` that win over the template's own (the scenario's `substitutions`). */
  subOverrides?: Readonly<Record<string, string | number | boolean>>;
  /** Told each `Fn::Sub` variable taken from the variable map, with its value. */
  onSubVariable?: (name: string, value: TemplateValue) => void;
  /** Builds the advice for a value inside an `Fn::Sub` variable map entry. */
  adviceForSubVariable?: (name: string) => string;
}

const MAX_DEPTH = 64;

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);
const STATE_MACHINE_TYPES = new Set(['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine']);

export function isFunctionResource(resource: TemplateResource): boolean {
  return FUNCTION_TYPES.has(resource.type);
}

export function isStateMachineResource(resource: TemplateResource): boolean {
  return STATE_MACHINE_TYPES.has(resource.type);
}

export function lambdaArn(functionName: string): string {
  return `arn:${LocalAccount.partition}:lambda:${LocalAccount.region}:${LocalAccount.accountId}:function:${functionName}`;
}

export function stateMachineArn(name: string): string {
  return `arn:${LocalAccount.partition}:states:${LocalAccount.region}:${LocalAccount.accountId}:stateMachine:${name}`;
}

/** The intrinsic a node stands for, in long form, with its argument node. */
export function intrinsicOf(source: YamlSource, node: unknown): { name: string; argument: unknown; node: Node } | undefined {
  const resolved = unalias(source, node) as Node | null;
  if (!resolved) return undefined;
  const tag = (resolved as { tag?: string }).tag;
  if (tag !== undefined && INTRINSIC_BY_TAG[tag] !== undefined) {
    return { name: INTRINSIC_BY_TAG[tag], argument: resolved, node: resolved };
  }
  if (isMap(resolved) && resolved.items.length === 1) {
    const pair = resolved.items[0];
    const key = unalias(source, pair?.key);
    if (pair && isScalar(key) && typeof key.value === 'string' && (key.value === 'Ref' || key.value.startsWith('Fn::'))) {
      return { name: key.value, argument: pair.value, node: resolved };
    }
  }
  return undefined;
}

/** Evaluates template values; one instance per template, caching resource names. */
export class TemplateEvaluator {
  private readonly functionNames = new Map<string, string>();
  private readonly stateMachineNames = new Map<string, string>();
  private readonly inProgress = new Set<string>();

  constructor(readonly model: TemplateModel) {}

  private get source(): YamlSource {
    return this.model.source;
  }

  /** Evaluates a node to a plain value (`AWS::NoValue` dropped from mappings and lists). */
  evaluate(node: unknown, scope: EvaluationScope): TemplateValue {
    const value = this.evaluateNode(node, scope, 0);
    return value === NO_VALUE ? null : value;
  }

  /** Evaluates a node that must give a string (numbers and booleans are turned into text). */
  evaluateString(node: unknown, scope: EvaluationScope, what: string): string {
    const value = this.evaluate(node, scope);
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.error(node, `${what} must evaluate to a string`);
  }

  /** The function name a Lambda resource gets: its `FunctionName` when that resolves locally, else its logical id. */
  functionNameOf(resource: TemplateResource): string {
    const cached = this.functionNames.get(resource.logicalId);
    if (cached !== undefined) return cached;
    const name = this.optionalName(resource, 'FunctionName');
    this.functionNames.set(resource.logicalId, name);
    return name;
  }

  /** The name a state machine resource gets: `Name` (SAM) or `StateMachineName`, else its logical id. */
  stateMachineNameOf(resource: TemplateResource): string {
    const cached = this.stateMachineNames.get(resource.logicalId);
    if (cached !== undefined) return cached;
    const name = this.optionalName(resource, resource.type === 'AWS::Serverless::StateMachine' ? 'Name' : 'StateMachineName');
    this.stateMachineNames.set(resource.logicalId, name);
    return name;
  }

  /**
   * A resource's own name property. Nothing is deployed, so the name only has to agree between the
   * definition and the function list; one that cannot be resolved locally falls back to the logical id.
   */
  private optionalName(resource: TemplateResource, property: string): string {
    const node = this.property(resource, property);
    if (node === undefined || this.inProgress.has(resource.logicalId)) return resource.logicalId;
    this.inProgress.add(resource.logicalId);
    try {
      const value = this.evaluateNode(node, { advice: '' }, 0);
      return typeof value === 'string' && value !== '' ? value : resource.logicalId;
    } catch (error) {
      if (error instanceof InvalidInputError) return resource.logicalId;
      throw error;
    } finally {
      this.inProgress.delete(resource.logicalId);
    }
  }

  /** The node of a resource property, if present. */
  property(resource: TemplateResource, name: string): Node | undefined {
    if (!resource.properties) return undefined;
    const found = findNode(this.source, resource.properties, [name]);
    return found.matched === 1 ? (found.node ?? found.keyNode) : undefined;
  }

  error(node: unknown, message: string): InvalidInputError {
    return new InvalidInputError(message, locateNode(this.source, unalias(this.source, node) as Node | null));
  }

  private unresolvable(node: unknown, what: string, scope: EvaluationScope): InvalidInputError {
    return this.error(node, `cannot resolve ${what} locally${scope.advice ? `; ${scope.advice}` : ''}`);
  }

  private evaluateNode(raw: unknown, scope: EvaluationScope, depth: number): Evaluated {
    if (depth > MAX_DEPTH) throw this.error(raw, `intrinsic functions nest more than ${MAX_DEPTH} levels deep`);
    const node = unalias(this.source, raw);
    if (node === null || node === undefined) return null;
    const intrinsic = intrinsicOf(this.source, node);
    if (intrinsic) return this.evaluateIntrinsic(intrinsic.name, intrinsic.argument, intrinsic.node, scope, depth + 1);
    if (isScalar(node)) {
      const value = node.value;
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
      return String(value);
    }
    if (isSeq(node)) {
      const items: TemplateValue[] = [];
      for (const item of node.items) {
        const value = this.evaluateNode(item, scope, depth + 1);
        if (value !== NO_VALUE) items.push(value);
      }
      return items;
    }
    if (isMap(node)) {
      const out: Record<string, TemplateValue> = {};
      for (const pair of node.items) {
        const key = unalias(this.source, pair.key);
        if (!isScalar(key)) throw this.error(pair.key, 'mapping keys must be plain strings');
        const value = this.evaluateNode(pair.value, scope, depth + 1);
        if (value !== NO_VALUE)
          Object.defineProperty(out, String(key.value), { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    throw this.error(node, 'unexpected YAML node');
  }

  /** The argument of a tagged node is the node itself with its tag ignored. */
  private plain(argument: unknown, scope: EvaluationScope, depth: number): Evaluated {
    const node = unalias(this.source, argument) as Node | null;
    if (node && (node as { tag?: string }).tag !== undefined && INTRINSIC_BY_TAG[(node as { tag?: string }).tag ?? ''] !== undefined) {
      if (isScalar(node)) return node.value === null ? null : String(node.value);
      const clone = node.clone() as Node & { tag?: string };
      delete clone.tag;
      return this.evaluateNode(clone, scope, depth);
    }
    return this.evaluateNode(node, scope, depth);
  }

  /** The argument list of an intrinsic, checked for its length. */
  private items(argument: unknown, name: string, count: number | [number, number]): unknown[] {
    const node = unalias(this.source, argument) as Node | null;
    const [min, max] = typeof count === 'number' ? [count, count] : count;
    if (!isSeq(node) || node.items.length < min || node.items.length > max) {
      const size = min === max ? `${min}` : `${min} to ${max}`;
      throw this.error(argument, `${shortName(name)} takes a list of ${size} arguments`);
    }
    return node.items;
  }

  private evaluateIntrinsic(name: string, argument: unknown, node: Node, scope: EvaluationScope, depth: number): Evaluated {
    switch (name) {
      case 'Ref': {
        const target = this.plain(argument, scope, depth);
        if (typeof target !== 'string') throw this.error(node, '!Ref takes a name');
        return this.ref(target, node, scope, depth);
      }
      case 'Fn::GetAtt': {
        const value = this.plain(argument, scope, depth);
        let parts: string[];
        if (typeof value === 'string') {
          const dot = value.indexOf('.');
          parts = dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
        } else if (Array.isArray(value)) {
          parts = value.map(String);
        } else {
          throw this.error(node, '!GetAtt takes "Resource.Attribute" or [Resource, Attribute]');
        }
        const [logicalId, attribute] = parts;
        if (logicalId === undefined || attribute === undefined || parts.length !== 2) {
          throw this.error(node, '!GetAtt takes "Resource.Attribute" or [Resource, Attribute]');
        }
        return this.getAtt(logicalId, attribute, node, scope);
      }
      case 'Fn::Sub':
        return this.sub(argument, node, scope, depth);
      case 'Fn::Join': {
        const [delimiterNode, listNode] = this.items(argument, name, 2);
        const delimiter = this.evaluateNode(delimiterNode, scope, depth);
        const list = this.evaluateNode(listNode, scope, depth);
        if (typeof delimiter !== 'string' || !Array.isArray(list)) throw this.error(node, '!Join takes [delimiter, [values…]]');
        return list.map((item) => this.joinable(item, node)).join(delimiter);
      }
      case 'Fn::Select': {
        const [indexNode, listNode] = this.items(argument, name, 2);
        const index = Number(this.evaluateNode(indexNode, scope, depth));
        const list = this.evaluateNode(listNode, scope, depth);
        if (!Array.isArray(list) || !Number.isInteger(index) || index < 0 || index >= list.length) {
          throw this.error(node, '!Select takes [index, [values…]] with the index inside the list');
        }
        return list[index] ?? null;
      }
      case 'Fn::Split': {
        const [delimiterNode, stringNode] = this.items(argument, name, 2);
        const delimiter = this.evaluateNode(delimiterNode, scope, depth);
        const value = this.evaluateNode(stringNode, scope, depth);
        if (typeof delimiter !== 'string' || typeof value !== 'string') throw this.error(node, '!Split takes [delimiter, string]');
        return value.split(delimiter);
      }
      case 'Fn::Base64': {
        const value = this.plain(argument, scope, depth);
        if (typeof value !== 'string') throw this.error(node, '!Base64 takes a string');
        return Buffer.from(value, 'utf8').toString('base64');
      }
      case 'Fn::GetAZs': {
        const region = this.plain(argument, scope, depth);
        const prefix = typeof region === 'string' && region !== '' ? region : LocalAccount.region;
        return ['a', 'b', 'c'].map((zone) => `${prefix}${zone}`);
      }
      case 'Fn::If': {
        const [conditionNode, whenTrue, whenFalse] = this.items(argument, name, 3);
        const condition = this.evaluateNode(conditionNode, scope, depth);
        if (typeof condition !== 'string') throw this.error(node, '!If takes [ConditionName, valueIfTrue, valueIfFalse]');
        return this.condition(condition, conditionNode, scope, depth)
          ? this.evaluateNode(whenTrue, scope, depth)
          : this.evaluateNode(whenFalse, scope, depth);
      }
      case 'Condition': {
        const condition = this.plain(argument, scope, depth);
        if (typeof condition !== 'string') throw this.error(node, '!Condition takes a condition name');
        return this.condition(condition, node, scope, depth);
      }
      case 'Fn::Equals': {
        const [left, right] = this.items(argument, name, 2);
        return JSON.stringify(this.evaluateNode(left, scope, depth)) === JSON.stringify(this.evaluateNode(right, scope, depth));
      }
      case 'Fn::Not': {
        const [operand] = this.items(argument, name, 1);
        return !this.truth(operand, scope, depth);
      }
      case 'Fn::And':
        return this.items(argument, name, [2, 10]).every((operand) => this.truth(operand, scope, depth));
      case 'Fn::Or':
        return this.items(argument, name, [2, 10]).some((operand) => this.truth(operand, scope, depth));
      case 'Fn::FindInMap': {
        const args = this.items(argument, name, [3, 4]);
        const keys = args.slice(0, 3).map((item) => this.evaluateNode(item, scope, depth));
        if (!keys.every((key) => typeof key === 'string' || typeof key === 'number'))
          throw this.error(node, '!FindInMap takes [MapName, TopLevelKey, SecondLevelKey]');
        const path = keys.map(String);
        const found = this.model.mappings ? findNode(this.source, this.model.mappings, path) : undefined;
        if (found && found.matched === 3) return this.evaluateNode(found.node, scope, depth);
        const fallback = args[3];
        if (fallback !== undefined) {
          const defaults = this.evaluateNode(fallback, scope, depth);
          if (defaults && typeof defaults === 'object' && !Array.isArray(defaults) && 'DefaultValue' in defaults)
            return defaults['DefaultValue'] ?? null;
        }
        throw this.error(node, `Mappings has no ${path.join('.')}`);
      }
      case 'Fn::Length': {
        const value = this.plain(argument, scope, depth);
        if (!Array.isArray(value)) throw this.error(node, 'Fn::Length takes a list');
        return value.length;
      }
      case 'Fn::ToJsonString':
        return JSON.stringify(this.plain(argument, scope, depth));
      case 'Fn::ImportValue': {
        let exported = '…';
        try {
          const value = this.plain(argument, scope, depth);
          if (typeof value === 'string') exported = value;
        } catch {
          // The export name itself may not resolve; the message then shows "…".
        }
        throw this.unresolvable(node, `!ImportValue ${exported} (another stack's output)`, scope);
      }
      default:
        throw this.unresolvable(node, shortName(name), scope);
    }
  }

  private joinable(value: TemplateValue, node: Node): string {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw this.error(node, '!Join can only join strings');
  }

  private truth(operand: unknown, scope: EvaluationScope, depth: number): boolean {
    const value = this.evaluateNode(operand, scope, depth);
    if (typeof value !== 'boolean') throw this.error(operand, 'a condition must evaluate to true or false');
    return value;
  }

  private condition(name: string, node: unknown, scope: EvaluationScope, depth: number): boolean {
    const definition = this.model.conditions.get(name);
    if (definition === undefined) {
      throw this.error(node, `condition ${JSON.stringify(name)} is not in Conditions${didYouMean(name, this.model.conditions.keys())}`);
    }
    const key = `condition:${name}`;
    if (this.inProgress.has(key)) throw this.error(node, `condition ${JSON.stringify(name)} refers to itself`);
    this.inProgress.add(key);
    try {
      return this.truth(definition, scope, depth + 1);
    } finally {
      this.inProgress.delete(key);
    }
  }

  private pseudo(name: string): Evaluated | undefined {
    switch (name) {
      case 'AWS::Region':
        return LocalAccount.region;
      case 'AWS::AccountId':
        return LocalAccount.accountId;
      case 'AWS::Partition':
        return LocalAccount.partition;
      case 'AWS::URLSuffix':
        return LocalAccount.urlSuffix;
      case 'AWS::StackName':
        return LocalAccount.stackName;
      case 'AWS::StackId':
        return `arn:${LocalAccount.partition}:cloudformation:${LocalAccount.region}:${LocalAccount.accountId}:stack/${LocalAccount.stackName}/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  private ref(name: string, node: Node, scope: EvaluationScope, depth: number): Evaluated {
    const pseudo = this.pseudo(name);
    if (pseudo !== undefined) return pseudo;
    const parameter = this.model.parameters.get(name);
    if (parameter) return this.parameterValue(parameter, node, scope, depth);
    const resource = this.model.resources.get(name);
    if (resource) {
      if (isFunctionResource(resource)) return this.functionNameOf(resource);
      if (isStateMachineResource(resource)) return stateMachineArn(this.stateMachineNameOf(resource));
      throw this.unresolvable(node, `!Ref ${name} (${withArticle(resource.type)}, which only exists once deployed)`, scope);
    }
    const known = [...this.model.parameters.keys(), ...this.model.resources.keys()];
    throw this.error(node, `!Ref ${name}: no parameter or resource of that name in the template${didYouMean(name, known)}`);
  }

  private parameterValue(parameter: TemplateParameter, node: Node, scope: EvaluationScope, depth: number): Evaluated {
    const given = this.model.parameterValues[parameter.name];
    const isList = parameter.type === 'CommaDelimitedList' || parameter.type.startsWith('List<');
    if (given !== undefined)
      return isList
        ? String(given)
            .split(',')
            .map((item) => item.trim())
        : given;
    const hint = `give it under ${this.model.parametersHint}.${parameter.name}`;
    if (parameter.type.startsWith('AWS::SSM::Parameter::Value')) {
      throw this.unresolvable(node, `parameter ${parameter.name} (read from SSM Parameter Store at deploy time)`, { advice: hint });
    }
    if (parameter.defaultNode === undefined) {
      throw this.unresolvable(node, `parameter ${parameter.name} (it has no Default)`, { advice: hint });
    }
    const value = this.evaluateNode(parameter.defaultNode, scope, depth + 1);
    if (isList && typeof value === 'string') return value.split(',').map((item) => item.trim());
    return value;
  }

  private getAtt(logicalId: string, attribute: string, node: Node, scope: EvaluationScope): Evaluated {
    const resource = this.model.resources.get(logicalId);
    if (!resource) {
      throw this.error(
        node,
        `!GetAtt ${logicalId}.${attribute}: no resource ${JSON.stringify(logicalId)} in the template${didYouMean(logicalId, this.model.resources.keys())}`,
      );
    }
    if (isFunctionResource(resource) && attribute === 'Arn') return lambdaArn(this.functionNameOf(resource));
    if (isStateMachineResource(resource)) {
      if (attribute === 'Arn') return stateMachineArn(this.stateMachineNameOf(resource));
      if (attribute === 'Name') return this.stateMachineNameOf(resource);
    }
    throw this.unresolvable(node, `!GetAtt ${logicalId}.${attribute} (an attribute of a deployed ${resource.type})`, scope);
  }

  private sub(argument: unknown, node: Node, scope: EvaluationScope, depth: number): Evaluated {
    const argumentNode = unalias(this.source, argument) as Node | null;
    let templateNode: unknown = argumentNode;
    let variables: YAMLMap | undefined;
    if (isSeq(argumentNode)) {
      const [first, second] = this.items(argument, 'Fn::Sub', [1, 2]);
      templateNode = first;
      const map = unalias(this.source, second);
      if (second !== undefined && !isMap(map)) throw this.error(second, '!Sub takes a string, or [string, { Var: value, … }]');
      variables = isMap(map) ? map : undefined;
    }
    const resolvedTemplate = isSeq(argumentNode) ? this.evaluateNode(templateNode, scope, depth) : this.plain(templateNode, scope, depth);
    if (typeof resolvedTemplate !== 'string') throw this.error(node, '!Sub takes a string, or [string, { Var: value, … }]');
    const cache = new Map<string, string>();
    return resolvedTemplate.replace(/\$\{([^}]*)\}/g, (_match: string, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      const cached = cache.get(name);
      if (cached !== undefined) return cached;
      const value = this.subVariable(name, variables, node, scope, depth);
      cache.set(name, value);
      return value;
    });
  }

  private subVariable(name: string, variables: YAMLMap | undefined, node: Node, scope: EvaluationScope, depth: number): string {
    const override = scope.subOverrides?.[name];
    if (override !== undefined) return String(override);
    if (variables) {
      const found = findNode(this.source, variables, [name]);
      if (found.matched === 1) {
        const variableScope: EvaluationScope = { ...scope, advice: scope.adviceForSubVariable?.(name) ?? scope.advice };
        const value = this.evaluateNode(found.node, variableScope, depth + 1);
        if (value === NO_VALUE || value === null || typeof value === 'object') {
          throw this.error(found.node ?? found.keyNode, `!Sub variable ${name} must evaluate to a string`);
        }
        scope.onSubVariable?.(name, value);
        return String(value);
      }
    }
    const pseudo = this.pseudo(name);
    if (typeof pseudo === 'string') return pseudo;
    const dot = name.indexOf('.');
    if (dot > 0 && this.model.resources.has(name.slice(0, dot))) {
      const value = this.getAtt(name.slice(0, dot), name.slice(dot + 1), node, scope);
      return String(value);
    }
    if (this.model.parameters.has(name) || this.model.resources.has(name)) {
      const value = this.ref(name, node, scope, depth);
      if (Array.isArray(value)) return value.join(',');
      return String(value);
    }
    const variableNames = variables
      ? variables.items.map((pair) => String((unalias(this.source, pair.key) as { value?: unknown } | null)?.value))
      : [];
    const known = [...variableNames, ...this.model.parameters.keys(), ...this.model.resources.keys()];
    throw this.error(
      node,
      `\${${name}} in !Sub is not a variable, parameter or resource of the template${didYouMean(name, known)}${scope.advice ? `; ${scope.advice}` : ''}`,
    );
  }
}

/** `an AWS::DynamoDB::Table`, `a Custom::Thing`. */
export function withArticle(type: string): string {
  return `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type}`;
}

function shortName(name: string): string {
  return name === 'Ref' ? '!Ref' : `!${name.replace(/^Fn::/, '')}`;
}
