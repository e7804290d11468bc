import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioResult } from '../run/results.js';
import type { ScenarioFile } from '../scenarios/types.js';
import { normaliseHistory, type RecordedIdentity } from './placeholders.js';
import type { RecordedFault, RecordedMeta } from './recordedCase.js';

type Event = Record<string, unknown>;

/** A scenario name as a folder name: `PaymentError is retried` → `paymenterror-is-retried`. */
export function caseFolderName(scenarioName: string): string {
  return (
    scenarioName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'scenario'
  );
}

function lastSegment(ref: string): string {
  return ref.split(':').at(-1) ?? ref;
}

/** The functions an execution invoked, in order of first appearance in its history, then the state machine's others. */
function functionNamesOf(history: readonly Event[], declared: readonly string[]): string[] {
  const names: string[] = [];
  for (const event of history) {
    const details = (event['lambdaFunctionScheduledEventDetails'] ?? event['taskScheduledEventDetails']) as Event | undefined;
    if (details === undefined) continue;
    const ref =
      typeof details['resource'] === 'string' && event['type'] === 'LambdaFunctionScheduled'
        ? details['resource']
        : details['resourceType'] === 'lambda'
          ? (JSON.parse(String(details['parameters'] ?? '{}')) as Event)['FunctionName']
          : undefined;
    if (typeof ref === 'string' && !names.includes(lastSegment(ref))) names.push(lastSegment(ref));
  }
  for (const name of declared) if (!names.includes(name)) names.push(name);
  return names;
}

/**
 * Writes one scenario's AWS execution as a recorded case, `DIR/<scenario name>/`, in the layout and with the
 * placeholders of the AWS-recorded conformance oracle (test/fixtures/aws-recorded/README.md): `definition.json`,
 * `meta.json` (the input, the state machine type, the injected failures), `faults.json` and `history.json` (for
 * Express, the events CloudWatch Logs held). Account, region, ARNs, the execution role, state machine, execution
 * and function names and uuids become placeholders; timestamps are kept. Returns the folder, or undefined when
 * the scenario has no history to record (it could not run).
 *
 * @example
 * ```ts
 * await writeRecordedCase('recordings', file, result); // 'recordings/paymenterror-is-retried-twice-and-caught'
 * ```
 */
export async function writeRecordedCase(dir: string, file: ScenarioFile, result: ScenarioResult): Promise<string | undefined> {
  const spec = file.stateMachines[result.stateMachine];
  const scenario = file.scenarios.find((candidate) => candidate.name === result.name);
  if (result.history === undefined || result.execution === undefined || spec === undefined || scenario === undefined) return undefined;
  const history = result.history as unknown as Event[];
  const arnParts = result.execution.stateMachineArn.split(':');
  const deployedName = (fn: (typeof spec.functions)[number]): string => lastSegment(fn.deployed ?? fn.functionName);
  const started = history[0]?.['executionStartedEventDetails'] as Event | undefined;
  const identity: RecordedIdentity = {
    accountId: arnParts[4] ?? '',
    region: arnParts[3] ?? '',
    ...(typeof started?.['roleArn'] === 'string' ? { roleArn: started['roleArn'] } : {}),
    stateMachineName: arnParts.at(-1) ?? '',
    executionName: result.execution.name,
    functionNames: functionNamesOf(history, spec.functions.map(deployedName)),
  };
  const inPlaceholders = (value: unknown): unknown =>
    (normaliseHistory([{ value }], { contextTimes: false, keepTimestamps: true }, identity)[0] as { value: unknown }).value;
  const faults: RecordedFault[] = scenario.faults
    .filter((fault) => fault.stateMachine === undefined)
    .flatMap((fault) => {
      const target = spec.functions.find((fn) => fn.key === fault.function);
      return target === undefined ? [] : [{ function: deployedName(target), rule: fault.rule as unknown as Record<string, unknown> }];
    });
  // The deployed machine's type, which the scenario file may not state: an Express execution's ARN says `express`.
  const express = result.execution.executionArn.split(':')[5] === 'express';
  const meta: RecordedMeta & Record<string, unknown> = {
    description: `sfn-chaos scenario "${result.name}" (${result.verdict}) run on ${express ? 'an Express' : 'a'} deployed state machine by chaos run --target aws --record`,
    source: { recorded_by: 'chaos run --target aws --record', scenario: result.name, state_machine: result.stateMachine },
    last_validated_date: result.execution.startDate.toISOString(),
    state_machine_type: express ? 'EXPRESS' : 'STANDARD',
    execution_input: scenario.input,
    lambda_handler: null,
    notes: 'Timestamps are the real ones AWS returned (not replaced); gaps between events are compared within 1 s.',
    injected_failure_event_ids: (result.execution.failedAttempts ?? [])
      .filter((attempt) => attempt.injected)
      .map((attempt) => attempt.failureEventId),
    event_count: history.length,
    files: ['definition.json', 'faults.json', 'history.json', 'meta.json'],
  };
  const folder = join(dir, caseFolderName(result.name));
  await mkdir(folder, { recursive: true });
  const write = (name: string, value: unknown): Promise<void> => writeFile(join(folder, name), `${JSON.stringify(value, null, 2)}\n`);
  await write('definition.json', inPlaceholders(spec.definition));
  await write('meta.json', inPlaceholders(meta));
  await write('faults.json', inPlaceholders(faults));
  await write('history.json', normaliseHistory(history, { contextTimes: false, keepTimestamps: true }, identity));
  return folder;
}
