import type { AsyncInvocation } from '../engine/api/types.js';
import { countOf } from '../assertions/wording.js';

const OUTCOME_WORDS: Record<AsyncInvocation['outcome'], string> = {
  succeeded: 'succeeded',
  retriesExhausted: 'failed after its retries (on to the on-failure destination or dead-letter queue, if any)',
  eventExpired: 'dropped when the event outlived MaximumEventAgeInSeconds',
};

/**
 * The console's lines for the `InvocationType: Event` invocations of a scenario: each function's
 * attempts as Lambda made them, and, when any failed, that the errors went to Lambda's asynchronous
 * retries, not to the state machine (they never reach Retry or Catch).
 *
 * @example
 * ```ts
 * asyncInvocationLines(execution.asyncInvocations ?? []);
 * // ['    async invoke (Invoke → function): 3 attempts, failed after its retries …: function.DoublesRolledError ×3; …']
 * ```
 */
export function asyncInvocationLines(invocations: readonly AsyncInvocation[]): string[] {
  return invocations.map((invocation) => {
    const errors = invocation.attempts.flatMap((attempt) => (attempt.outcome === 'failed' ? [attempt.error ?? 'unknown error'] : []));
    const counted = [...new Set(errors)].map((error) => `${error} ×${errors.filter((other) => other === error).length}`);
    const head = `    async invoke (${invocation.stateName} → ${invocation.functionName}): ${countOf(invocation.attempts.length, 'attempt')}, ${OUTCOME_WORDS[invocation.outcome]}`;
    if (errors.length === 0) return head;
    return `${head}: ${counted.join(', ')}; the errors went to Lambda's async retries, not the state machine`;
  });
}
