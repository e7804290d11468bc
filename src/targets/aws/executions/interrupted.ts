/**
 * What a scenario whose run was interrupted (Ctrl-C) before its StartExecution was sent says: nothing
 * started. The target adds that it disarmed the functions.
 */
export const INTERRUPTED_BEFORE_START = 'the run was interrupted before the execution started';
