import { StepFunctionsLimit } from '../asl/limits.js';

/** How issue messages name what the local engine does not implement: "… is not supported by the local engine yet". */
export const notYet = 'not supported by the local engine yet';

/** A field as an issue path shows it: `.Name`, or `["odd name"]` when it is not an identifier. */
export function fieldKey(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/**
 * What is wrong with a field that must be a whole number from `min` to `max` (by default Step Functions'
 * limit for seconds and counts, 99999999), or undefined when nothing is. A value above the limit says so.
 */
export function integerFieldIssue(
  field: string,
  value: unknown,
  min: number,
  max: number = StepFunctionsLimit.maxIntegerField,
): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return undefined;
  if (typeof value === 'number' && value > max)
    return `${field} is ${value}, above the Step Functions limit of ${max}; use an integer from ${min} to ${max}`;
  return `${field} must be an integer from ${min} to ${max}, not ${shortJson(value)}`;
}

/** A value as an issue message shows it: one short line. */
function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

/**
 * A transition to a state that does not exist, worded like Step Functions' own MISSING_TRANSITION_TARGET
 * diagnostic ("Missing 'Next' target: …"): the missing name first, since it is what to fix.
 */
export function missingTargetMessage(field: string, target: string): string {
  return `Missing '${field}' target: "${target}" is not a state of this machine (MISSING_TRANSITION_TARGET)`;
}
