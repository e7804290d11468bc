import { ExitCode } from '../../errors.js';
import { buildRetryPlan } from '../../plan/buildRetryPlan.js';
import { formatRetryPlan } from '../../plan/formatRetryPlan.js';
import { loadPlanDefinition, type PlanSource } from '../../plan/loadPlanDefinition.js';
import { UsageError } from '../UsageError.js';

export interface PlanCommandOptions {
  /** An ASL file (JSON or YAML); absent with `template`. */
  definition?: string;
  template?: string;
  resource?: string;
  /** `NAME=VALUE` values for `${NAME}` placeholders and DefinitionSubstitutions. */
  substitutions?: string[];
  json?: boolean;
  /** Warnings make the exit code 1. */
  strict?: boolean;
}

/** `chaos plan DEFINITION`: print the retry plan and the warnings; returns the exit code. */
export async function planCommand(options: PlanCommandOptions): Promise<number> {
  const source = planSourceOf(options);
  const loaded = await loadPlanDefinition(source);
  const plan = buildRetryPlan(
    loaded.definition,
    loaded.functionTimeouts === undefined ? {} : { functionTimeouts: loaded.functionTimeouts },
  );
  if (options.json) {
    const lints = plan.lints.map((lint) => {
      const at = locateQuietly(loaded.locate, lint.path);
      return { ...lint, ...(at === undefined ? {} : { file: at.file, line: at.line, column: at.column }) };
    });
    process.stdout.write(`${JSON.stringify({ file: loaded.shownFile, states: plan.states, lints }, jsonNumbers, 2)}\n`);
  } else {
    process.stdout.write(formatRetryPlan(plan, loaded.locate));
  }
  return options.strict && plan.lints.length > 0 ? ExitCode.ExpectationFailed : ExitCode.Passed;
}

function planSourceOf(options: PlanCommandOptions): PlanSource {
  const substitutions = parseAssignments(options.substitutions ?? []);
  if (options.definition !== undefined && options.template !== undefined) {
    throw new UsageError('give a definition file or --template, not both');
  }
  if (options.template !== undefined) {
    return { templateFile: options.template, substitutions, ...(options.resource === undefined ? {} : { resource: options.resource }) };
  }
  if (options.resource !== undefined) throw new UsageError('--resource only applies with --template');
  if (options.definition === undefined) throw new UsageError('name a definition file, or --template FILE --resource ID');
  return { definitionFile: options.definition, substitutions };
}

function parseAssignments(values: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const value of values) {
    const separator = value.indexOf('=');
    if (separator <= 0) throw new UsageError(`--sub expects NAME=VALUE, not ${JSON.stringify(value)}`);
    Object.defineProperty(result, value.slice(0, separator), {
      value: value.slice(separator + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

function locateQuietly(
  locate: (path: readonly (string | number)[]) => { file: string; line: number; column: number },
  path: readonly (string | number)[],
) {
  try {
    return locate(path);
  } catch {
    return undefined;
  }
}

/** An unbounded worst case (BackoffRate growth without MaxDelaySeconds) would become null in JSON. */
function jsonNumbers(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? 'unbounded' : value;
}
