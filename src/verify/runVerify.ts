import { ExitCode } from '../errors.js';
import { runScenarios } from '../run/runScenarios.js';
import type { Scenario, ScenarioFile } from '../scenarios/types.js';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../targets/aws/clients/awsClients.js';
import { DEFAULT_AWS_RETRY_POLICY } from '../targets/aws/clients/callAws.js';
import { describeAwsError } from '../targets/aws/clients/describeAwsError.js';
import { createPacers } from '../targets/aws/clients/pacers.js';
import { createLocalTarget } from '../targets/local/localTarget.js';
import { actualOutcomeOf, compareOutcome } from './compareTestState.js';
import { planVerifyChecks } from './planVerifyChecks.js';
import { sendTestState, type TestStateContext } from './sendTestState.js';
import type { PlannedCheck, VerifyCheck, VerifyResult } from './types.js';
import { verifyAccount } from './verifyAccount.js';

export interface VerifyOptions {
  /** Accounts TestState may be called in (`--allow-account`); any other is refused before the local run. */
  allowedAccounts: ReadonlySet<string>;
  /** The execution role TestState assumes (`--role-arn`); optional in the API (see docs/verify.md). */
  roleArn?: string;
  region?: string;
  profile?: string;
  /** Plan the calls and send none. */
  dryRun?: boolean;
  /** Only scenarios for which this returns true are run and verified. */
  filter?: (scenario: Scenario) => boolean;
  signal?: AbortSignal;
  /** Called as each check is settled, in order. */
  onCheck?: (check: VerifyCheck) => void;
  /** The TestState client and pacing, for tests; default: clients from region/profile and the run's pacers. */
  testState?: TestStateContext;
}

/**
 * `chaos verify`: runs the file's scenarios on the local engine, then replays every attempt it saw with
 * the Step Functions TestState API (mocked: nothing runs in the account) and compares AWS's Retry/Catch
 * decision and data flow with the engine's. The first failed call stops the sending: the checks after it
 * are `skipped`.
 *
 * @example
 * ```ts
 * const result = await runVerify(await loadScenarioFile('scenarios.yaml'), { allowedAccounts: new Set(['111111111111']), roleArn });
 * result.checks.filter((check) => check.verdict === 'differed');
 * ```
 */
export async function runVerify(file: ScenarioFile, options: VerifyOptions): Promise<VerifyResult> {
  verifyAccount(file, options.allowedAccounts, options.roleArn);
  const startedAt = new Date();
  const run = await runScenarios(file, {
    target: createLocalTarget(),
    ...(options.filter ? { filter: options.filter } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const plan = planVerifyChecks(file, run);
  const base = {
    file: file.file,
    startedAt,
    dryRun: options.dryRun === true,
    scenarioErrors: plan.scenarioErrors,
    ...(options.region !== undefined ? { region: options.region } : {}),
  };
  if (options.dryRun === true || !plan.checks.some((check) => check.request)) {
    const checks = plan.checks.map((check) => settle(options, notSent(check, 'dry run: not sent')));
    return { ...base, checks, finishedAt: new Date() };
  }
  let owned: AwsClients | undefined;
  let context = options.testState;
  if (!context) {
    owned = createAwsClients({
      ...(options.region !== undefined ? { region: options.region } : {}),
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
    });
    context = { sfn: owned.sfn, retry: DEFAULT_AWS_RETRY_POLICY, pacer: createPacers().TestState };
  }
  if (options.roleArn !== undefined) context = { ...context, roleArn: options.roleArn };
  const checks: VerifyCheck[] = [];
  let stopped: string | undefined;
  try {
    for (const check of plan.checks) {
      if (stopped !== undefined || options.signal?.aborted) {
        checks.push(settle(options, notSent(check, stopped ?? 'not sent: verify was interrupted')));
        continue;
      }
      checks.push(settle(options, await verifyOne(check, context, options.signal)));
      const last = checks.at(-1);
      if (last?.verdict === 'error') stopped = `not sent: TestState failed for ${last.stateName} (${last.scenario})`;
    }
  } finally {
    if (owned) destroyAwsClients(owned);
  }
  return { ...base, checks, finishedAt: new Date() };
}

async function verifyOne(check: PlannedCheck, context: TestStateContext, signal?: AbortSignal): Promise<VerifyCheck> {
  if (!check.request || !check.expected) return { ...check, verdict: 'notVerifiable', differences: [] };
  try {
    const actual = actualOutcomeOf(await sendTestState(context, check.request, signal));
    const differences = compareOutcome(check.expected, actual);
    return { ...check, verdict: differences.length === 0 ? 'agreed' : 'differed', differences, actual };
  } catch (error) {
    return { ...check, verdict: 'error', differences: [], message: `TestState failed: ${describeAwsError(error)}` };
  }
}

function notSent(check: PlannedCheck, message: string): VerifyCheck {
  return check.request
    ? { ...check, verdict: 'skipped', differences: [], message }
    : { ...check, verdict: 'notVerifiable', differences: [] };
}

function settle(options: VerifyOptions, settled: VerifyCheck): VerifyCheck {
  options.onCheck?.(settled);
  return settled;
}

/**
 * The exit code of a verify run: 3 when a TestState call failed or a scenario could not run locally,
 * 1 when AWS decided differently from the engine, else 0 (agreements and not-verifiable attempts).
 *
 * @example
 * ```ts
 * verifyExitCode(result); // 1 when some check differed
 * ```
 */
export function verifyExitCode(result: VerifyResult): number {
  if (
    result.scenarioErrors.length > 0 ||
    result.checks.some((check) => check.verdict === 'error' || (!result.dryRun && check.verdict === 'skipped'))
  )
    return ExitCode.TargetFailed;
  if (result.checks.some((check) => check.verdict === 'differed')) return ExitCode.ExpectationFailed;
  return ExitCode.Passed;
}
