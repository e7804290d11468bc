import { ExitCode, SfnChaosError } from '../errors.js';

/** A command line the CLI cannot act on: unknown flag, missing argument, bad value. */
export class UsageError extends SfnChaosError {
  constructor(message: string) {
    super(`${message.split('\n')[0]} (see chaos --help)`, ExitCode.InvalidInput);
    this.name = 'UsageError';
  }
}
