import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { resolve } from 'node:path';
import { analyzeHistory } from '../assertions/index.js';
import { InvalidInputError } from '../errors.js';
import type { RunCoverage } from '../run/coverageTypes.js';
import type { RunResult, ScenarioResult } from '../run/results.js';
import type { FailedAttemptOrigin } from '../targets/types.js';
import type { MapRunObservation } from '../assertions/types.js';
import { JSON_REPORT_SCHEMA_VERSION } from './jsonReportSchema.js';

type Json = Record<string, unknown>;

/**
 * A `chaos run --reporter json` report read back into the run result it was written from, so that the
 * reporters can write it again (`chaos merge-reports`): dates become `Date`s again, the input and output
 * JSON text, and each scenario's analysis is computed again from its history. What the JSON report
 * summarises rather than copies (the histories of nested workflows, the expectations a result was judged
 * with) is not restored: a merged HTML report shows their verdicts and timelines without the expected waits.
 *
 * @example
 * ```ts
 * const result = runResultFromJsonReport(JSON.parse(await readFile('shard-1.json', 'utf8')), process.cwd());
 * ```
 */
export function runResultFromJsonReport(json: Json, cwd: string, source = 'the report'): RunResult {
  if (json['schemaVersion'] !== JSON_REPORT_SCHEMA_VERSION || !Array.isArray(json['scenarios'])) {
    throw new InvalidInputError(
      `${source} is not a chaos run JSON report of schemaVersion ${JSON_REPORT_SCHEMA_VERSION} (schemas/json-report.schema.json)`,
    );
  }
  return {
    file: resolve(cwd, String(json['file'])),
    target: String(json['target']),
    runId: String(json['runId']),
    startedAt: new Date(String(json['startedAt'])),
    finishedAt: new Date(String(json['finishedAt'])),
    scenarios: (json['scenarios'] as Json[]).map(scenarioFromJson),
    ...(json['coverage'] !== undefined ? { coverage: json['coverage'] as RunCoverage } : {}),
  };
}

function scenarioFromJson(json: Json): ScenarioResult {
  const history = ((json['history'] as Json[] | undefined) ?? []).map(
    (event) => ({ ...event, timestamp: new Date(String(event['timestamp'])) }) as HistoryEvent,
  );
  const execution = json['execution'] as Json | null;
  const result: ScenarioResult = {
    name: String(json['name']),
    stateMachine: String(json['stateMachine']),
    verdict: json['verdict'] as ScenarioResult['verdict'],
    failures: (json['failures'] as ScenarioResult['failures'] | undefined) ?? [],
    ...(typeof json['error'] === 'string' ? { error: json['error'] } : {}),
    injectedFaults: (json['injectedFaults'] as ScenarioResult['injectedFaults'] | undefined) ?? [],
    injectorWarnings: (json['injectorWarnings'] as Record<string, unknown>[] | undefined) ?? [],
    wallTimeMs: Number(json['wallTimeMs'] ?? 0),
  };
  if (execution) {
    result.execution = {
      executionArn: String(execution['executionArn']),
      stateMachineArn: String(execution['stateMachineArn']),
      name: String(execution['name']),
      status: execution['status'] as NonNullable<ScenarioResult['execution']>['status'],
      startDate: new Date(String(execution['startDate'])),
      ...(execution['stopDate'] !== undefined ? { stopDate: new Date(String(execution['stopDate'])) } : {}),
      input: JSON.stringify(execution['input'] ?? {}),
      ...(execution['output'] !== undefined ? { output: JSON.stringify(execution['output']) } : {}),
      ...(typeof execution['error'] === 'string' ? { error: execution['error'] } : {}),
      ...(typeof execution['cause'] === 'string' ? { cause: execution['cause'] } : {}),
      ...(Array.isArray(json['failedAttempts']) ? { failedAttempts: json['failedAttempts'] as FailedAttemptOrigin[] } : {}),
      ...(Array.isArray(json['mapRuns']) ? { mapRuns: json['mapRuns'] as MapRunObservation[] } : {}),
    };
  }
  if (history.length > 0) {
    result.history = history;
    result.analysis = analyzeHistory(history);
  }
  return result;
}
