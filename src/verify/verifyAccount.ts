import { InvalidInputError } from '../errors.js';
import { parseArn } from '../targets/aws/accounts.js';
import type { ScenarioFile } from '../scenarios/types.js';

/**
 * The account the TestState calls will run in, refused unless it is allowed. TestState names no resource, so
 * the account comes from `--role-arn`, else from the deployed state machines the file names by ARN (all
 * must be in one account). With neither, the account cannot be told without another API, so verify refuses.
 *
 * @example
 * ```ts
 * verifyAccount(file, new Set(['111111111111']), 'arn:aws:iam::111111111111:role/verify'); // '111111111111'
 * ```
 */
export function verifyAccount(file: ScenarioFile, allowed: ReadonlySet<string>, roleArn?: string): string {
  if (allowed.size === 0) throw new InvalidInputError('chaos verify calls AWS: name the account it may use with --allow-account');
  const sources =
    roleArn !== undefined
      ? [{ what: `--role-arn ${roleArn}`, account: parseArn(roleArn)?.accountId }]
      : Object.values(file.stateMachines)
          .filter((machine) => machine.deployed?.startsWith('arn:') === true)
          .map((machine) => ({ what: `state machine ${machine.deployed}`, account: parseArn(machine.deployed ?? '')?.accountId }));
  if (sources.length === 0)
    throw new InvalidInputError(
      'chaos verify cannot tell which account TestState would run in: pass --role-arn (a role in an allowed account), or name the deployed state machines by ARN',
    );
  const accounts = new Set(sources.map((source) => source.account));
  for (const source of sources) {
    if (source.account === undefined || !allowed.has(source.account))
      throw new InvalidInputError(
        `${source.what} is in account ${source.account ?? 'unknown'}, which is not allowed (allowed: ${[...allowed].join(', ')}); nothing was sent`,
      );
  }
  if (accounts.size > 1)
    throw new InvalidInputError(`the deployed state machines are in several accounts (${[...accounts].join(', ')}); pass --role-arn`);
  return [...accounts][0] as string;
}
