import { parseFunctionRef } from '../engine/index.js';
import { InvalidInputError } from '../errors.js';
import { lambdaArn, type TemplateEvaluator, type TemplateModel } from '../sources/cloudformationIntrinsics.js';
import {
  DEFAULT_FUNCTION_TIMEOUT_SECONDS,
  templateFunctionCode,
  type TemplateFunction,
  type TemplateFunctionCode,
} from '../sources/cloudformationTemplate.js';
import type { LoadContext } from './loadContext.js';
import { lambdaTasks } from '../sources/loadDefinition.js';
import { closestMatch, formatPath } from '../sources/loadErrors.js';
import { assertHandlerExport, resolveHandler, type HandlerLocation } from './loadHandler.js';
import type { RawFunction } from './rawScenarioFile.js';
import type { FunctionSpec, Located } from './types.js';

/**
 * The functions of one state machine: those its Lambda Tasks invoke (from the template or the
 * `functions:` mapping) plus any declared under `functions:`, each with a checked local handler,
 * and every name a fault may use for them.
 */

/**
 * The function name inside any reference Lambda accepts: `name`, `name:qualifier`,
 * `123456789012:function:name[:qualifier]` or a full ARN with or without a qualifier.
 */
export function functionNameOf(ref: string): string {
  return parseFunctionRef(ref)?.name ?? ref;
}

/** The function a Task's function reference (ARN, partial ARN or name, maybe qualified) points at. */
export function findFunction<T extends Pick<FunctionSpec, 'arn' | 'functionName' | 'refs'>>(
  functions: readonly T[],
  ref: string,
): T | undefined {
  const exact = functions.find((spec) => spec.arn === ref || spec.refs.includes(ref));
  if (exact) return exact;
  const name = functionNameOf(ref);
  return functions.find((spec) => spec.functionName === name);
}

export interface FunctionsInput {
  /** Key of the state machine in the scenario file. */
  stateMachine: string;
  definition: Record<string, unknown>;
  /** Variables of the definition (substitutions, `Fn::Sub` variables) and their values: aliases of functions. */
  variables: ReadonlyMap<string, string>;
  declared: Readonly<Record<string, RawFunction>> | undefined;
  template?: { model: TemplateModel; evaluator: TemplateEvaluator; functions: TemplateFunction[] };
}

export interface LoadedFunctions {
  functions: FunctionSpec[];
  /** The key of the function a fault's `function:` names, or why there is none. */
  keyFor(name: string): { key: string } | { problem: string };
}

interface Candidate {
  key: string;
  refs: string[];
  functionName: string;
  arn: string;
  at: Located;
  template?: TemplateFunction;
  declared?: { name: string; entry: RawFunction };
  invokedBy: string[];
}

function addRef(candidate: Candidate, ref: string): void {
  if (!candidate.refs.includes(ref)) candidate.refs.push(ref);
}

function addAliases(candidates: readonly Candidate[], variables: ReadonlyMap<string, string>): void {
  for (const [name, value] of variables) {
    const target =
      candidates.find((candidate) => candidate.arn === value || candidate.functionName === value) ??
      (value.includes(':function:') ? candidates.find((candidate) => candidate.functionName === functionNameOf(value)) : undefined);
    if (target) addRef(target, name);
  }
}

export async function loadFunctions(context: LoadContext, input: FunctionsInput): Promise<LoadedFunctions> {
  const base = ['stateMachines', input.stateMachine];
  const functionsHint = `${formatPath(base)}.functions`;
  const candidates: Candidate[] = (input.template?.functions ?? []).map((fn) => ({
    key: fn.logicalId,
    refs: [...new Set([fn.logicalId, fn.functionName, fn.arn])],
    functionName: fn.functionName,
    arn: fn.arn,
    at: fn.at,
    template: fn,
    invokedBy: [],
  }));
  addAliases(candidates, input.variables);

  for (const [name, entry] of Object.entries(input.declared ?? {})) {
    const path = [...base, 'functions', name];
    const existing = candidates.find((candidate) => candidate.refs.includes(name));
    if (existing?.declared) {
      throw new InvalidInputError(
        `${name} names the same function as ${existing.declared.name}; declare each function once`,
        context.at(path, 'key'),
      );
    }
    if (existing?.template) {
      for (const field of ['arn', 'name'] as const) {
        if (entry[field] !== undefined) {
          throw new InvalidInputError(
            `${name === existing.template.logicalId ? name : `${name} (${existing.template.logicalId})`} comes from the template, which sets its ${field === 'arn' ? 'ARN' : 'name'}; remove ${field}:`,
            context.at([...path, field], 'key'),
          );
        }
      }
      existing.key = name;
      addRef(existing, name);
      existing.declared = { name, entry };
      existing.at = context.at(path, 'key');
      continue;
    }
    const nameFromArn = entry.arn === undefined ? undefined : functionNameOf(entry.arn);
    if (entry.name !== undefined && nameFromArn !== undefined && entry.name !== nameFromArn) {
      throw new InvalidInputError(
        `name ${entry.name} does not match the function name in arn (${nameFromArn}); keep one of them`,
        context.at([...path, 'name'], 'key'),
      );
    }
    const functionName = entry.name ?? nameFromArn ?? name;
    const arn = entry.arn ?? lambdaArn(functionName);
    const clash = candidates.find((candidate) => candidate.functionName === functionName);
    if (clash) {
      throw new InvalidInputError(
        `${name} has the function name ${functionName}, which ${clash.key} already has; give each function its own name`,
        context.at(path, 'key'),
      );
    }
    candidates.push({
      key: name,
      refs: [...new Set([name, functionName, arn])],
      functionName,
      arn,
      at: context.at(path, 'key'),
      declared: { name, entry },
      invokedBy: [],
    });
  }
  addAliases(candidates, input.variables);

  for (const { state, functionRef } of lambdaTasks(input.definition)) {
    let target = findFunction(candidates, functionRef);
    if (!target && context.requireHandlers === false) {
      // The AWS target invokes the deployed function, so an undeclared one is addressed by its reference.
      const functionName = functionNameOf(functionRef);
      const arn = functionRef.startsWith('arn:') ? functionRef : lambdaArn(functionName);
      target = {
        key: functionName,
        refs: [...new Set([functionRef, functionName, arn])],
        functionName,
        arn,
        at: context.at(base, 'key'),
        invokedBy: [],
      };
      candidates.push(target);
    }
    if (!target) {
      throw new InvalidInputError(
        `Task ${JSON.stringify(state.name)} invokes ${functionRef}, which has no local handler; add it under ${functionsHint}`,
        context.at(input.declared === undefined ? base : [...base, 'functions'], 'key'),
      );
    }
    target.invokedBy.push(state.name);
  }

  const included = candidates.filter((candidate) => candidate.invokedBy.length > 0 || candidate.declared !== undefined);
  const functions: FunctionSpec[] = [];
  for (const candidate of included) functions.push(await toFunctionSpec(context, input, candidate, functionsHint));

  return {
    functions,
    keyFor(name) {
      const spec = functions.find((fn) => fn.key === name) ?? functions.find((fn) => fn.refs.includes(name));
      if (spec) return { key: spec.key };
      const uninvoked = candidates.find((candidate) => candidate.refs.includes(name) && !included.includes(candidate));
      if (uninvoked) {
        return {
          problem: `function ${JSON.stringify(name)} (${uninvoked.key}) is not invoked by any Task of ${input.stateMachine}; if a Task picks it at run time, declare it under ${functionsHint}`,
        };
      }
      const byName = findFunction(functions, name);
      if (byName && name.includes(':')) return { key: byName.key };
      const names = [...new Set(functions.flatMap((fn) => [fn.key, ...fn.refs.filter((ref) => !ref.startsWith('arn:'))]))];
      const suggestion = closestMatch(name, names);
      const known = functions.map((fn) => fn.key);
      const hint =
        suggestion !== undefined
          ? `; did you mean ${JSON.stringify(suggestion)}?`
          : known.length > 0
            ? `; its functions: ${known.map((key) => JSON.stringify(key)).join(', ')}`
            : '';
      return { problem: `unknown function ${JSON.stringify(name)} in ${input.stateMachine}${hint}` };
    },
  };
}

async function toFunctionSpec(
  context: LoadContext,
  input: FunctionsInput,
  candidate: Candidate,
  functionsHint: string,
): Promise<FunctionSpec> {
  const entry = candidate.declared?.entry;
  const entryPath = ['stateMachines', input.stateMachine, 'functions', candidate.key];
  let code: TemplateFunctionCode | undefined;
  const templateCode = (): TemplateFunctionCode | undefined => {
    if (!candidate.template || !input.template) return undefined;
    code ??= templateFunctionCode(
      input.template.model,
      input.template.evaluator,
      candidate.template,
      `${functionsHint}.${candidate.key}.handler`,
    );
    return code;
  };

  let handler: HandlerLocation | undefined;
  let handlerAt: Located;
  if (entry?.handler !== undefined) {
    handlerAt = context.at([...entryPath, 'handler']);
    handler = resolveHandler(entry.handler, context.dir, handlerAt, context.display);
  } else {
    const fromTemplate = context.requireHandlers === false ? optionalTemplateCode(templateCode) : templateCode();
    if (!fromTemplate && context.requireHandlers === false) {
      handlerAt = candidate.at;
    } else if (!fromTemplate) {
      throw new InvalidInputError(`function ${candidate.key} needs handler: path/to/file.mjs#exportName`, context.at(entryPath, 'key'));
    } else if ('problem' in fromTemplate.handler) {
      // Without a local run the template's code folder need not be present (the AWS target).
      if (context.requireHandlers !== false) throw new InvalidInputError(fromTemplate.handler.problem, fromTemplate.handler.at);
      handlerAt = fromTemplate.handler.at;
    } else {
      handler = { file: fromTemplate.handler.file, exportName: fromTemplate.handler.exportName };
      handlerAt = fromTemplate.handler.at;
    }
  }
  if (handler) {
    context.onHandler?.(handler);
    await assertHandlerExport(handler, handlerAt, context.display, context.importTimeoutMs);
  }

  const lenientCode = context.requireHandlers === false ? optionalTemplateCode(templateCode) : templateCode();
  const timeoutSeconds = entry?.timeout ?? lenientCode?.timeoutSeconds ?? DEFAULT_FUNCTION_TIMEOUT_SECONDS;
  const runtime = entry?.runtime ?? lenientCode?.runtime ?? 'nodejs';
  const eventInvokeConfig = { ...lenientCode?.eventInvokeConfig, ...entry?.eventInvokeConfig };
  return {
    key: candidate.key,
    refs: [...candidate.refs],
    functionName: candidate.functionName,
    arn: candidate.arn,
    ...(handler ? { handlerFile: handler.file, handlerExport: handler.exportName } : {}),
    timeoutSeconds,
    runtime,
    at: candidate.at,
    ...(entry?.deployed === undefined ? {} : { deployed: entry.deployed }),
    ...(Object.keys(eventInvokeConfig).length === 0 ? {} : { eventInvokeConfig }),
  };
}

/** For the AWS target a template function whose code cannot be read locally is fine: it runs deployed. */
function optionalTemplateCode(read: () => TemplateFunctionCode | undefined): TemplateFunctionCode | undefined {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidInputError) return undefined;
    throw error;
  }
}
