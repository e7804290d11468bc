import type { Scenario, StateMachineSpec } from '../../scenarios/types.js';
import { DEFAULT_SCENARIO_TIMEOUT_SECONDS } from './constants.js';
import { describeTokenPath, planCallbacks, stateNamed } from './executions/callbackPlan.js';

/**
 * What `--dry-run` says about the parts of a scenario file the AWS target cannot honour as written:
 * local-only settings of a state machine (function handlers, `services:` and `s3Objects:` stand-ins), and, per
 * scenario, `services:` (refused), `s3Objects:` (ignored), `mapRun:` expectations (read with DescribeMapRun) and
 * `callbacks:` (answered from the history, or refused, with what is sent when).
 */

/** `warn` lines for a state machine's local-only settings: the deployed functions and real services run on AWS. */
export function localOnlyMachineParts(machine: StateMachineSpec): string[] {
  const lines: string[] = [];
  for (const fn of machine.functions) {
    if (fn.handlerFile === undefined) continue;
    lines.push(
      `warn    ${fn.key}: handler ${fn.handlerFile}#${fn.handlerExport ?? 'handler'}, timeout ${fn.timeoutSeconds} s and runtime ${fn.runtime} are local settings; on AWS the deployed function's own code, timeout and runtime run`,
    );
  }
  const services = Object.keys(machine.services ?? {});
  if (services.length > 0)
    lines.push(`warn    services: stand-ins for ${services.join(', ')} are local only; on AWS the real services run`);
  lines.push(...s3ObjectLines(machine.s3Objects));
  return lines;
}

/** `warn` and `answer` lines for one scenario's `services:` and `callbacks:` on AWS. */
export function scenarioAwsParts(machine: StateMachineSpec, scenario: Scenario): string[] {
  const lines: string[] = [];
  const services = Object.keys(scenario.services ?? {});
  if (services.length > 0) {
    lines.push(
      `warn    services: stand-ins for ${services.join(', ')} exist only on the local engine; on AWS the real services run, so a real run refuses this scenario`,
    );
  }
  const activities = [...new Set((scenario.activities ?? []).map((worker) => worker.activity ?? worker.state ?? ''))];
  if (activities.length > 0) {
    lines.push(
      `warn    activities: workers for ${activities.join(', ')} exist only on the local engine; on AWS the real activity workers poll, so a real run refuses this scenario`,
    );
  }
  lines.push(...s3ObjectLines(scenario.s3Objects));
  const mapRuns = Object.entries(scenario.expect.states ?? {}).filter(([, expectation]) => expectation.mapRun !== undefined);
  if (mapRuns.length > 0) {
    lines.push(
      `note    mapRun: of ${mapRuns.map(([name]) => JSON.stringify(name)).join(', ')} is read with DescribeMapRun once the execution ended (states:DescribeMapRun on the state machine's Map Runs); refused, it is not checkable`,
    );
  }
  const plan = planCallbacks(machine, scenario);
  for (const problem of plan.problems) lines.push(`warn    ${problem}; a real run refuses this scenario before arming anything`);
  if (plan.problems.length === 0 && plan.callbacks.length > 0) {
    lines.push(
      `note    callbacks are answered only if the deployed state machine is Standard (${machine.type} here, as the definition says)`,
    );
  }
  for (const { spec, tokenPath } of plan.callbacks) {
    const which = `${JSON.stringify(spec.state)}${spec.visit === undefined ? ' (every visit' : ` (visit ${spec.visit}`}${spec.attempt === undefined ? ', every attempt)' : `, attempt ${spec.attempt})`}`;
    const token = `token from ${describeTokenPath(stateNamed(machine, spec.state), tokenPath)}`;
    if (spec.heartbeat !== undefined)
      lines.push(
        `answer  ${which}: SendTaskHeartbeat every ${spec.heartbeat} s after its TaskScheduled${spec.answer === undefined ? ' while it waits' : ' until the answer'}, ${token}`,
      );
    if (spec.answer !== undefined) {
      const after = spec.after ?? 0;
      const what =
        spec.answer.kind === 'success'
          ? `SendTaskSuccess ${JSON.stringify(spec.answer.output)}`
          : `SendTaskFailure ${JSON.stringify({ error: spec.answer.error, ...(spec.answer.cause === undefined ? {} : { cause: spec.answer.cause }) })}`;
      const late =
        after > DEFAULT_SCENARIO_TIMEOUT_SECONDS
          ? `; past the default ${DEFAULT_SCENARIO_TIMEOUT_SECONDS} s time limit, give --timeout`
          : '';
      lines.push(`answer  ${which}: ${what} ${after} s (real time) after its TaskScheduled, ${token}${late}`);
    }
  }
  return lines;
}

/** A `warn` line for `s3Objects:` stand-ins, which the AWS target ignores: a Distributed Map reads the real S3 objects. */
function s3ObjectLines(objects: Readonly<Record<string, unknown>> | undefined): string[] {
  const uris = Object.keys(objects ?? {});
  if (uris.length === 0) return [];
  return [`warn    s3Objects: stand-ins for ${uris.join(', ')} are ignored on AWS; the Distributed Map reads the real S3 objects`];
}
