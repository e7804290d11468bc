/**
 * A path could not be resolved; `detail` is the text AWS puts after the state prefix of the cause.
 * Thrown by the data layer (paths, payload templates, intrinsics); the state layer turns it into
 * `States.Runtime` or `States.ResultPathMatchFailure`.
 */
export class PathFailure extends Error {
  readonly detail: string;
  constructor(detail: string) {
    super(detail);
    this.name = 'PathFailure';
    this.detail = detail;
  }
}
