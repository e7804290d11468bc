import { collectStates } from '../../../sources/loadDefinition.js';
import type { CallbackSpec, Scenario, StateMachineSpec } from '../../../scenarios/types.js';

/**
 * What the AWS target can learn about a scenario's `callbacks:` from the definition alone, before anything
 * runs: where each `.waitForTaskToken` Task passes its task token into its parameters, so the token can be
 * read back from the `TaskScheduled` event of the execution's history and answered with SendTaskSuccess,
 * SendTaskFailure or SendTaskHeartbeat.
 */

/** Where the resolved parameters of a Task (`TaskScheduled.parameters`, parsed) carry its task token. */
export type TaskTokenPath = readonly (string | number)[];

/** One callback of the scenario, with the token path of its Task. */
export interface PlannedCallback {
  spec: CallbackSpec;
  tokenPath: TaskTokenPath;
}

/** The callbacks the AWS target can answer, and why it cannot answer the others (each message names the state). */
export interface CallbackPlan {
  callbacks: PlannedCallback[];
  problems: string[];
}

const JSONPATH_CONTEXT: Record<string, TaskTokenPath> = { $$: ['Task', 'Token'], '$$.Task': ['Token'], '$$.Task.Token': [] };
const JSONATA_CONTEXT = /^\{%\s*\$states\.context(\.Task(\.Token)?)?\s*%\}$/;

/**
 * Plans a scenario's callbacks on AWS. An Express state machine's history cannot be read while it runs, so
 * there every callback is a problem; on Standard, a callback whose Task passes no field that is exactly
 * `$$.Task.Token` (or `$$.Task`, or `$$`; in JSONata `{% $states.context.Task.Token %}` and the like) is one.
 *
 * @example
 * ```ts
 * const { callbacks, problems } = planCallbacks(machine, scenario, 'STANDARD');
 * // callbacks[0].tokenPath: ['Payload', 'Context', 'Task', 'Token']
 * ```
 */
export function planCallbacks(machine: StateMachineSpec, scenario: Scenario, type: 'STANDARD' | 'EXPRESS' = machine.type): CallbackPlan {
  const specs = scenario.callbacks ?? [];
  if (specs.length === 0) return { callbacks: [], problems: [] };
  if (type === 'EXPRESS') {
    const states = [...new Set(specs.map((spec) => JSON.stringify(spec.state)))].join(', ');
    return {
      callbacks: [],
      problems: [
        `callbacks: for ${states} cannot be answered on an Express state machine: its history cannot be read while it runs (GetExecutionHistory is Standard only), so the task tokens are never known; run the scenario on a Standard state machine or locally`,
      ],
    };
  }
  const states = new Map(collectStates(machine.definition).map(({ name, state }) => [name, state]));
  const callbacks: PlannedCallback[] = [];
  const problems: string[] = [];
  for (const spec of specs) {
    const found = tokenPathOf(states.get(spec.state) ?? {});
    if (found.path !== undefined) callbacks.push({ spec, tokenPath: found.path });
    else if (!problems.some((problem) => problem.startsWith(`callbacks: "${spec.state}"`))) {
      problems.push(`callbacks: "${spec.state}" cannot be answered on AWS: ${found.problem}`);
    }
  }
  return { callbacks, problems };
}

/** `Parameters.Payload.Context.Task.Token`: how a token path is shown. */
export function describeTokenPath(state: Record<string, unknown>, path: TaskTokenPath): string {
  const field = state['Arguments'] !== undefined && state['Parameters'] === undefined ? 'Arguments' : 'Parameters';
  return [field, ...path]
    .map((part) => (typeof part === 'number' ? `[${part}]` : part))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** The state of `machine` named `name` (nested ones included). */
export function stateNamed(machine: StateMachineSpec, name: string): Record<string, unknown> {
  return collectStates(machine.definition).find((candidate) => candidate.name === name)?.state ?? {};
}

function tokenPathOf(state: Record<string, unknown>): { path: TaskTokenPath; problem?: undefined } | { path?: undefined; problem: string } {
  const jsonata = state['QueryLanguage'] === 'JSONata' || (state['Arguments'] !== undefined && state['Parameters'] === undefined);
  const template = jsonata ? state['Arguments'] : state['Parameters'];
  const field = jsonata ? 'Arguments' : 'Parameters';
  const mentions: string[] = [];
  const path = template === undefined ? undefined : findToken(template, [], jsonata, mentions);
  if (path !== undefined) return { path };
  if (mentions.length > 0) {
    return {
      problem: `its ${field} mention the task token only inside an expression (${mentions.join(', ')}), so it cannot be read back from the TaskScheduled event; pass it as a field of its own, e.g. "TaskToken.$": "$$.Task.Token"`,
    };
  }
  return {
    problem: `its ${field} carry no task token field ("TaskToken.$": "$$.Task.Token"), so the token cannot be read from the TaskScheduled event`,
  };
}

function findToken(value: unknown, path: (string | number)[], jsonata: boolean, mentions: string[]): TaskTokenPath | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findToken(item, [...path, index], jsonata, mentions);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    if (typeof field === 'string') {
      const text = field.trim();
      if (!jsonata && key.endsWith('.$')) {
        const rest = JSONPATH_CONTEXT[text];
        if (rest !== undefined) return [...path, key.slice(0, -2), ...rest];
        if (text.includes('$$.Task.Token')) mentions.push(key);
      } else if (jsonata) {
        const match = JSONATA_CONTEXT.exec(text);
        if (match) return [...path, key, ...(match[2] !== undefined ? [] : match[1] !== undefined ? ['Token'] : ['Task', 'Token'])];
        if (text.includes('$states.context.Task.Token')) mentions.push(key);
      }
      continue;
    }
    const found = findToken(field, [...path, key], jsonata, mentions);
    if (found !== undefined) return found;
  }
  return undefined;
}
