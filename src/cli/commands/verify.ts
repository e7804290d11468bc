import { extname, relative, resolve } from 'node:path';
import type { Reporter } from '../../reporters/Reporter.js';
import { loadScenarioFile } from '../../scenarios/load.js';
import { readAllowedAccounts } from '../../targets/aws/accounts.js';
import { formatVerifyCheck, formatVerifyDryRun, formatVerifySummary } from '../../verify/formatVerify.js';
import { verifyReporterNamed, verifyReporters } from '../../verify/reporters/registry.js';
import { runVerify, verifyExitCode } from '../../verify/runVerify.js';
import type { VerifyResult } from '../../verify/types.js';
import { checkReportPath } from '../checkReportPath.js';
import { UsageError } from '../UsageError.js';

export interface VerifyCommandOptions {
  file: string;
  allowAccounts?: string[];
  allowedAccountsFile?: string;
  roleArn?: string;
  region?: string;
  profile?: string;
  dryRun?: boolean;
  reporters?: string[];
  out?: string;
  scenarios?: string[];
}

const CONSOLE_REPORTER = 'console';
const DEFAULT_OUT_BASE = 'chaos-verify';

/**
 * `chaos verify FILE`: run the scenarios locally, replay each attempt with TestState, report, and return
 * the exit code (0 agreed, 1 differed, 2 bad input, 3 AWS failure).
 *
 * @example
 * ```ts
 * await verifyCommand({ file: 'scenarios.yaml', allowAccounts: ['111111111111'], roleArn, reporters: ['json'] });
 * ```
 */
export async function verifyCommand(options: VerifyCommandOptions): Promise<number> {
  const reporters = parseVerifyReporters(options.reporters ?? []);
  const allowedAccounts = await readAllowedAccounts(options.allowAccounts ?? [], options.allowedAccountsFile);
  const file = await loadScenarioFile(resolve(options.file));
  const filters = options.scenarios ?? [];
  const outputs = verifyReportPaths(reporters, options.out);
  for (const [reporter, path] of outputs) await checkReportPath(reporter.name, path, resolve(path));
  const dryRun = options.dryRun === true;
  const result = await runVerify(file, {
    allowedAccounts,
    dryRun,
    ...(options.roleArn !== undefined ? { roleArn: options.roleArn } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(filters.length > 0 ? { filter: (scenario) => filters.some((text) => scenario.name.includes(text)) } : {}),
    ...(dryRun ? {} : { onCheck: (check) => process.stdout.write(`${formatVerifyCheck(check)}\n`) }),
  });
  if (dryRun) process.stdout.write(`${formatVerifyDryRun(result)}\n`);
  for (const [reporter, path] of outputs) {
    await reporter.write(result, resolve(path), { cwd: process.cwd() });
    process.stdout.write(`${reporter.name} report: ${relative(process.cwd(), resolve(path)) || path}\n`);
  }
  process.stdout.write(`${formatVerifySummary(result)}\n`);
  return verifyExitCode(result);
}

function parseVerifyReporters(names: string[]): Reporter<VerifyResult>[] {
  const chosen = new Set<Reporter<VerifyResult>>();
  for (const name of names.flatMap((value) => value.split(','))) {
    if (name === CONSOLE_REPORTER || name === '') continue;
    const reporter = verifyReporterNamed(name);
    if (!reporter)
      throw new UsageError(
        `unknown reporter "${name}"; choose from ${[CONSOLE_REPORTER, ...verifyReporters.map((known) => known.name)].join(', ')}`,
      );
    chosen.add(reporter);
  }
  return [...chosen];
}

/** As `chaos run`: one reporter writes `--out` as given; several use it as a base name and add their extension. */
function verifyReportPaths(reporters: Reporter<VerifyResult>[], out: string | undefined): Map<Reporter<VerifyResult>, string> {
  const [only] = reporters;
  if (only !== undefined && reporters.length === 1) return new Map([[only, out ?? `${DEFAULT_OUT_BASE}${only.extension}`]]);
  const extension = extname(out ?? '');
  const known = verifyReporters.map((reporter) => reporter.extension);
  const base = out === undefined ? DEFAULT_OUT_BASE : known.includes(extension) ? out.slice(0, -extension.length) : out;
  return new Map(reporters.map((reporter) => [reporter, `${base}${reporter.extension}`]));
}
