/**
 * Errors that cross module boundaries carry the process exit code the CLI must use.
 * Only the CLI's top level prints them and exits; every other layer throws.
 */
export const ExitCode = {
  /** Every scenario passed. */
  Passed: 0,
  /** At least one expectation failed. */
  ExpectationFailed: 1,
  /** The scenario file, a definition, a handler or a flag is invalid. */
  InvalidInput: 2,
  /** The target (local engine or AWS) failed to run a scenario. */
  TargetFailed: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Base class of every error sfn-chaos raises on purpose. */
export class SfnChaosError extends Error {
  readonly exitCode: ExitCode;
  constructor(message: string, exitCode: ExitCode, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SfnChaosError';
    this.exitCode = exitCode;
  }
}

/** Where in a user's file a problem is. `line` and `column` are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/**
 * Bad input: the message is one line that names the file (and line) and says what to do.
 * `toString()` renders `file:line:column: message`.
 */
export class InvalidInputError extends SfnChaosError {
  readonly location: SourceLocation | undefined;
  readonly detail: string;
  constructor(detail: string, location?: SourceLocation, options?: ErrorOptions) {
    super(formatLocated(detail, location), ExitCode.InvalidInput, options);
    this.name = 'InvalidInputError';
    this.location = location;
    this.detail = detail;
  }
}

/** The target could not run a scenario (engine fault, AWS call failure, unsupported feature at run time). */
export class TargetError extends SfnChaosError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, ExitCode.TargetFailed, options);
    this.name = 'TargetError';
  }
}

export function formatLocated(detail: string, location?: SourceLocation): string {
  if (!location) return detail;
  let where = location.file;
  if (location.line !== undefined) {
    where += `:${location.line}`;
    if (location.column !== undefined) where += `:${location.column}`;
  }
  return `${where}: ${detail}`;
}
