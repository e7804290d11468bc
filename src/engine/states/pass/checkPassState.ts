import type { StateTypeCheck } from '../../validation/StateTypeCheck.js';

/** Definition checks of Pass states: only the common ones (Next or End, paths, Parameters). */
export const passStateCheck: StateTypeCheck = {
  fields: ['Type', 'Comment', 'Next', 'End', 'Result', 'Parameters', 'ResultPath', 'InputPath', 'OutputPath'],
};
