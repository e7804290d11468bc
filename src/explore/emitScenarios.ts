import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { writeReportFile } from '../reporters/Reporter.js';
import type { RawExpectation, RawScenario, RawScenarioFile, RawStateMachine, RawStateExpectation } from '../scenarios/rawScenarioFile.js';
import type { ExploreCase, ExploreRow } from './exploreTypes.js';

/** Which rows `--emit-scenarios` writes: those that did not end SUCCEEDED, or every row. */
export type EmitChoice = 'failed' | 'all';

/** What to emit: the explored file as read, its cases and report rows, which rows, and the two files' paths. */
export interface EmitRequest {
  rawFile: RawScenarioFile;
  cases: readonly ExploreCase[];
  rows: readonly ExploreRow[];
  choice: EmitChoice;
  sourceFile: string;
  outFile: string;
}

/**
 * A scenario file holding the chosen rows of an exploration as ordinary scenarios, for `chaos run` (locally
 * or with `--target aws`): the explored file's `defaults:` and `stateMachines:` (their paths rewritten to
 * start from `outFile`'s folder), and per row its case's scenario with an `expect:` of what the exploration
 * saw: the status, the execution's error, each Task's attempts in its first visit and the catcher it went to.
 *
 * @example
 * ```ts
 * const { rawFile, cases } = exploration;
 * await writeFile('explored.yaml', emittedScenarioFile({ rawFile, cases, rows, choice: 'failed', sourceFile, outFile: 'explored.yaml' }));
 * ```
 */
export function emittedScenarioFile(request: EmitRequest): string {
  return emittedScenarios(request).text;
}

/** The emitted file's text and how many scenarios it holds. */
function emittedScenarios({ rawFile, cases, rows, choice, sourceFile, outFile }: EmitRequest): { text: string; count: number } {
  const from = dirname(sourceFile);
  const to = dirname(resolve(outFile));
  const rebase = (path: string): string => {
    if (isAbsolute(path)) return path;
    return relative(to, resolve(from, path)) || '.';
  };
  const stateMachines: Record<string, RawStateMachine> = {};
  for (const [key, machine] of Object.entries(rawFile.stateMachines)) stateMachines[key] = rebaseMachine(machine, rebase);
  const byName = new Map(cases.map((exploreCase) => [exploreCase.name, exploreCase]));
  const scenarios: RawScenario[] = [];
  for (const row of rows) {
    if (choice === 'failed' && row.status === 'SUCCEEDED') continue;
    const exploreCase = byName.get(row.name);
    if (exploreCase === undefined || row.status === 'ERROR') continue;
    scenarios.push({ ...exploreCase.scenario, expect: observedExpectation(row) });
  }
  const file: RawScenarioFile = { ...(rawFile.defaults ? { defaults: rawFile.defaults } : {}), stateMachines, scenarios };
  const header = `# Scenarios written by chaos explore from ${relative(to, sourceFile) || sourceFile}: each expects what the exploration saw.`;
  return { text: `${header}\n${stringify(file, { lineWidth: 0, aliasDuplicateObjects: false })}`, count: scenarios.length };
}

/** Writes {@link emittedScenarioFile} to `outFile`; returns how many scenarios it holds. */
export async function writeEmittedScenarios(request: EmitRequest): Promise<number> {
  const { text, count } = emittedScenarios(request);
  await writeReportFile(resolve(request.outFile), text);
  return count;
}

function observedExpectation(row: ExploreRow): RawExpectation {
  const states: Record<string, RawStateExpectation> = {};
  for (const [task, attempts] of Object.entries(row.attempts)) states[task] = { attempts };
  for (const caught of row.caught) {
    const [task, destination] = caught.split(' → ');
    if (task !== undefined && destination !== undefined && states[task] !== undefined) states[task].caughtBy = destination;
  }
  return {
    status: row.status as NonNullable<RawExpectation['status']>,
    ...(row.error !== undefined && row.status !== 'SUCCEEDED' ? { error: row.error } : {}),
    ...(Object.keys(states).length > 0 ? { states } : {}),
  };
}

function rebaseMachine(machine: RawStateMachine, rebase: (path: string) => string): RawStateMachine {
  const copy: RawStateMachine = { ...machine };
  if (copy.definition !== undefined) copy.definition = rebase(copy.definition);
  if (copy.template !== undefined) copy.template = rebase(copy.template);
  if (copy.functions !== undefined) {
    copy.functions = Object.fromEntries(
      Object.entries(copy.functions).map(([key, fn]) => [
        key,
        fn.handler === undefined ? fn : { ...fn, handler: rebaseHandler(fn.handler, rebase) },
      ]),
    );
  }
  if (copy.services !== undefined) {
    copy.services = Object.fromEntries(
      Object.entries(copy.services).map(([key, service]) => [
        key,
        service.handler === undefined ? service : { ...service, handler: rebaseHandler(service.handler, rebase) },
      ]),
    );
  }
  return copy;
}

/** `functions/app.mjs#handler`: the file part is a path, the export stays. */
function rebaseHandler(handler: string, rebase: (path: string) => string): string {
  const hash = handler.lastIndexOf('#');
  return hash < 0 ? rebase(handler) : `${rebase(handler.slice(0, hash))}${handler.slice(hash)}`;
}
