import { readFile } from 'node:fs/promises';
import { InvalidInputError } from '../../errors.js';

/** The parts of an ARN the AWS target needs. */
export interface ArnParts {
  partition: string;
  service: string;
  region: string;
  accountId: string;
  resource: string;
}

/** Splits `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`; undefined for anything else. */
export function parseArn(arn: string): ArnParts | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition = '', service = '', region = '', accountId = ''] = parts;
  return { partition, service, region, accountId, resource: parts.slice(5).join(':') };
}

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Reads the accounts a run may touch: ids given on the command line plus those in a file (one per line,
 * `#` starts a comment). An id that is not 12 digits is an error, so a typo never widens or empties the list.
 *
 * @example
 * ```ts
 * const allowed = await readAllowedAccounts(['111111111111'], 'staging-accounts.txt');
 * ```
 */
export async function readAllowedAccounts(ids: readonly string[], file?: string): Promise<Set<string>> {
  const allowed = new Set<string>();
  const add = (value: string, where: string): void => {
    const id = value.trim();
    if (!ACCOUNT_ID.test(id)) throw new InvalidInputError(`${JSON.stringify(id)} is not an AWS account id (12 digits)`, { file: where });
    allowed.add(id);
  };
  for (const value of ids.flatMap((id) => id.split(','))) add(value, '--allow-account');
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new InvalidInputError(`cannot read the allowed accounts file: ${(error as Error).message}`, { file }, { cause: error });
    }
    for (const [index, line] of text.split(/\r?\n/).entries()) {
      const content = line.replace(/#.*/, '').trim();
      if (content !== '') add(content, `${file}:${index + 1}`);
    }
  }
  return allowed;
}

/** Refuses a resource outside the allowed accounts, before anything was changed; `what` names it in the error. */
export function assertAllowedAccount(arn: string, what: string, allowedAccounts: ReadonlySet<string>): void {
  const account = parseArn(arn)?.accountId;
  if (account === undefined || !allowedAccounts.has(account)) {
    throw new InvalidInputError(
      `${what} is in account ${account ?? 'unknown'}, which is not allowed (allowed: ${[...allowedAccounts].join(', ')}); nothing was changed`,
    );
  }
}
