import { PathFailure } from './pathFailure.js';
import { asJsonResult, formatIntrinsic, intrinsicFunctions, IntrinsicFunctionError } from './intrinsicFunctions.js';
import { IntrinsicSyntaxError, parseIntrinsic, type IntrinsicNode } from './intrinsicsParser.js';
import { toJsonText, type JsonValue } from './json.js';
import { lookUpDataOrContextPath } from './jsonPath.js';
import { noVariables, type VariableReader } from './variables.js';

/** An intrinsic function failed: the state fails with `States.IntrinsicFailure`; `detail` follows the state prefix of the cause. */
export class IntrinsicFailure extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(detail);
    this.name = 'IntrinsicFailure';
    this.detail = detail;
  }
}

/** What the arguments of an intrinsic call can read. */
export interface IntrinsicSources {
  data: JsonValue;
  contextObject: JsonValue;
  variables?: VariableReader;
  /** The execution's random source (States.MathRandom without a seed). */
  random: () => number;
}

/**
 * Evaluates an intrinsic call written as a `.$` value. Path arguments that find nothing throw a
 * {@link PathFailure}, as any other path does; everything else that goes wrong throws an
 * {@link IntrinsicFailure}.
 *
 * @example
 * evaluateIntrinsic("States.Format('Hello, {}!', $.name)", { data: { name: 'Ada' }, contextObject: {}, random: Math.random });
 * // 'Hello, Ada!'
 */
export function evaluateIntrinsic(expression: string, sources: IntrinsicSources): JsonValue {
  let call: IntrinsicNode & { kind: 'call' };
  try {
    call = parseIntrinsic(expression);
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) throw new IntrinsicFailure(error.detail);
    throw error;
  }
  try {
    return evaluateNode(call, sources);
  } catch (error) {
    if (error instanceof IntrinsicFunctionError) {
      // The wording AWS uses for a failed intrinsic is UNCONFIRMED.
      throw new IntrinsicFailure(`The evaluation of the intrinsic function ${expression} failed: ${error.message}`);
    }
    throw error;
  }
}

function evaluateNode(node: IntrinsicNode, sources: IntrinsicSources): JsonValue {
  switch (node.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return node.value;
    case 'null':
      return null;
    case 'path': {
      const lookup = lookUpDataOrContextPath(node.path, sources.data, sources.contextObject, sources.variables ?? noVariables);
      if (!lookup.found) throw new PathFailure(lookup.detail);
      return lookup.value;
    }
    case 'call': {
      const args = node.args.map((arg) => evaluateNode(arg, sources));
      if (node.name === 'States.Format') {
        const [template, ...values] = args;
        const templateNode = node.args[0];
        if (typeof template !== 'string' || templateNode === undefined) {
          throw new IntrinsicFunctionError(node.name, `the first argument must be a template string, got ${toJsonText(template ?? null)}`);
        }
        // A template written as a literal keeps its escapes (`\{` is a brace); one read from a path has none.
        const literal = templateNode.kind === 'string';
        return formatIntrinsic(literal ? templateNode.raw : template, values, literal);
      }
      const implementation = intrinsicFunctions[node.name];
      if (!implementation) throw new IntrinsicFunctionError(node.name, 'is not an intrinsic function');
      return asJsonResult(node.name, implementation(args, { random: sources.random }, node.name));
    }
  }
}

/** Names of the intrinsic functions AWS defines, for definition checks. */
export const intrinsicFunctionNames: readonly string[] = ['States.Format', ...Object.keys(intrinsicFunctions)];

/** Why an intrinsic expression cannot run, found before running (syntax, unknown names), or undefined. */
export function intrinsicExpressionProblem(expression: string): string | undefined {
  let call: IntrinsicNode;
  try {
    call = parseIntrinsic(expression);
  } catch (error) {
    if (error instanceof IntrinsicSyntaxError) return error.detail;
    throw error;
  }
  const unknown = (node: IntrinsicNode): string | undefined => {
    if (node.kind !== 'call') return undefined;
    if (!intrinsicFunctionNames.includes(node.name)) return `${node.name} is not an intrinsic function`;
    for (const arg of node.args) {
      const problem = unknown(arg);
      if (problem) return problem;
    }
    return undefined;
  };
  return unknown(call);
}
