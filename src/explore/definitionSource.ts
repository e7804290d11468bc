import { basename, extname, isAbsolute, resolve } from 'node:path';
import { InvalidInputError } from '../errors.js';

/** A state machine given on the command line instead of a scenario file (`chaos explore --definition`). */
export interface DefinitionSource {
  /** An ASL definition file, or a SAM/CloudFormation template with `resource`. */
  definition?: string;
  template?: string;
  resource?: string;
  /** `NAME=FILE#EXPORT`: the local handler of the function the definition names NAME (a name or an ARN). */
  functions: readonly string[];
  /** The execution input (JSON); default `{}`. */
  input?: unknown;
}

/**
 * The text of a scenario file for one state machine given by its definition (or template) and handlers,
 * with one scenario without faults (its input is every case's input): what `chaos explore --definition`
 * explores. Paths are made absolute, so the text can be loaded from any folder.
 *
 * @example
 * ```ts
 * scenarioFileForDefinition({ definition: 'sm.asl.json', functions: ['charge=handlers.mjs#charge'] }, process.cwd());
 * // '{"stateMachines":{"sm":{"definition":"/abs/sm.asl.json","functions":{"charge":{"name":"charge","handler":"/abs/handlers.mjs#charge"}}}},…}'
 * ```
 */
export function scenarioFileForDefinition(source: DefinitionSource, cwd: string): string {
  const absolute = (path: string): string => (isAbsolute(path) ? path : resolve(cwd, path));
  const given = source.definition ?? source.template;
  if (given === undefined || (source.definition !== undefined && source.template !== undefined)) {
    throw new InvalidInputError('give a scenario file, or a state machine with --definition FILE or --template FILE --resource ID');
  }
  const key = basename(given, extname(given)).replace(/\.asl$/, '') || 'stateMachine';
  const functions: Record<string, { arn?: string; name?: string; handler: string }> = {};
  for (const entry of source.functions) {
    const equals = entry.lastIndexOf('=');
    const hash = entry.lastIndexOf('#');
    if (equals <= 0 || hash < equals)
      throw new InvalidInputError(`--function takes NAME=FILE#EXPORT (NAME: the function's name or ARN), not ${JSON.stringify(entry)}`);
    const name = entry.slice(0, equals);
    const file = entry.slice(equals + 1, hash);
    const functionName = name.startsWith('arn:') ? (name.split(':')[6] ?? name) : name;
    functions[functionName] = {
      ...(name.startsWith('arn:') ? { arn: name } : { name }),
      handler: `${absolute(file)}${entry.slice(hash)}`,
    };
  }
  const machine = {
    ...(source.definition !== undefined ? { definition: absolute(source.definition) } : {}),
    ...(source.template !== undefined ? { template: absolute(source.template) } : {}),
    ...(source.resource !== undefined ? { resource: source.resource } : {}),
    ...(Object.keys(functions).length > 0 ? { functions } : {}),
  };
  return JSON.stringify({
    stateMachines: { [key]: machine },
    scenarios: [{ name: `${key} as given`, stateMachine: key, input: source.input ?? {}, expect: { status: 'SUCCEEDED' } }],
  });
}
