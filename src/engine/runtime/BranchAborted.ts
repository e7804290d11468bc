/**
 * Signal that stops a Parallel branch or a Map iteration whose siblings decided the state's outcome
 * (one of them failed, or the execution ended). It never leaves the state that aborted the branch.
 */
export class BranchAborted extends Error {
  constructor() {
    super('the branch was aborted');
    this.name = 'BranchAborted';
  }
}
