import { choiceStateCheck } from '../states/choice/checkChoiceState.js';
import { failStateCheck, succeedStateCheck } from '../states/end/checkEndStates.js';
import { mapStateCheck } from '../states/map/checkMapState.js';
import { parallelStateCheck } from '../states/parallel/checkParallelState.js';
import { passStateCheck } from '../states/pass/checkPassState.js';
import { taskStateCheck } from '../states/task/checkTaskState.js';
import { waitStateCheck } from '../states/wait/checkWaitState.js';
import type { StateTypeCheck } from '../validation/StateTypeCheck.js';

/** The definition checks of each state type the engine runs, each kept beside that type's runner. */
export const stateTypeChecks = {
  Task: taskStateCheck,
  Pass: passStateCheck,
  Choice: choiceStateCheck,
  Wait: waitStateCheck,
  Succeed: succeedStateCheck,
  Fail: failStateCheck,
  Parallel: parallelStateCheck,
  Map: mapStateCheck,
} as const satisfies Record<string, StateTypeCheck>;

/** A state type the engine runs. */
export type SupportedStateType = keyof typeof stateTypeChecks;

/** Whether `type` (a state's `Type` field) names a state type the engine runs. */
export function isSupportedStateType(type: unknown): type is SupportedStateType {
  return typeof type === 'string' && Object.hasOwn(stateTypeChecks, type);
}
