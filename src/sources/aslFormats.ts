import { createRequire } from 'node:module';

/**
 * The JSON Schema formats asl-validator's ASL schema uses, defined as asl-validator 4 defines them with
 * `checkPaths` and `checkArn` on (src/checks/json-schema-errors.ts there): JSONPath paths through
 * asl-path-validator, ARNs through asl-validator's own pattern, `{% … %}` strings by compiling them with
 * jsonata, `date-time` from ajv-formats. Each package is loaded the first time its format is checked, so a
 * definition without a JSONata string never loads jsonata.
 *
 * The compiled schema check (aslSchemaCheck.ts) and the code generated from it at build time
 * (scripts/aslSchemaValidator.mjs) both take their formats from here.
 */

type FormatCheck = (value: string) => boolean;

/** asl-path-validator's contexts, by the format name asl-validator registers each under. */
const PATH_CONTEXTS = {
  asl_path: 'path',
  asl_ref_path: 'reference_path',
  asl_result_path: 'result_path',
  asl_payload_template: 'payload_template',
} as const;

interface AslPathValidator {
  validatePath(path: string, context: string): { isValid: boolean };
}
interface AjvDateTimeFormat {
  validate: FormatCheck;
  compare: (a: string, b: string) => number | undefined;
}
type JsonataCompile = (expression: string) => unknown;

const requireHere = createRequire(import.meta.url);
let requireFromAslValidator: NodeJS.Require | undefined;
/** asl-path-validator and ajv-formats are asl-validator's dependencies: they are resolved from it. */
function fromAslValidator<T>(id: string): T {
  requireFromAslValidator ??= createRequire(requireHere.resolve('asl-validator'));
  return requireFromAslValidator(id) as T;
}

let pathValidator: AslPathValidator | undefined;
let arnCheck: FormatCheck | undefined;
let dateTime: AjvDateTimeFormat | undefined;
let jsonata: JsonataCompile | undefined;

function pathFormat(context: string): FormatCheck {
  return (path) => (pathValidator ??= fromAslValidator<AslPathValidator>('asl-path-validator')).validatePath(path, context).isValid;
}

function dateTimeFormat(): AjvDateTimeFormat {
  return (dateTime ??= fromAslValidator<{ fullFormats: Record<string, AjvDateTimeFormat> }>('ajv-formats/dist/formats').fullFormats[
    'date-time'
  ] as AjvDateTimeFormat);
}

/** asl-validator's `jsonata_string`: the text between `{%` and `%}` (either may be missing) compiles. */
function isJsonataString(value: string): boolean {
  const trimmed = value.trim();
  try {
    let expression = trimmed.startsWith('{%') ? trimmed.slice(2) : trimmed;
    expression = expression.endsWith('%}') ? expression.slice(0, -2) : expression;
    (jsonata ??= requireHere('jsonata') as JsonataCompile)(expression);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every format of the ASL schema, by name.
 *
 * @example
 * ```ts
 * aslFormats.asl_ref_path('$.order.id'); // true
 * aslFormats.jsonata_string('{% $states.input %}'); // true
 * ```
 */
export const aslFormats = {
  asl_path: pathFormat(PATH_CONTEXTS.asl_path),
  asl_ref_path: pathFormat(PATH_CONTEXTS.asl_ref_path),
  asl_result_path: pathFormat(PATH_CONTEXTS.asl_result_path),
  asl_payload_template: pathFormat(PATH_CONTEXTS.asl_payload_template),
  asl_arn: (value: string): boolean =>
    (arnCheck ??= fromAslValidator<{ isArnFormatValid: FormatCheck }>('asl-validator/dist/src/checks/formats').isArnFormatValid)(value),
  jsonata_string: isJsonataString,
  maybe_jsonata_string: (value: string): boolean => {
    const trimmed = value.trim();
    return trimmed.startsWith('{%') || trimmed.endsWith('%}') ? isJsonataString(trimmed) : true;
  },
  'date-time': {
    validate: (value: string): boolean => dateTimeFormat().validate(value),
    compare: (a: string, b: string): number | undefined => dateTimeFormat().compare(a, b),
  },
};
