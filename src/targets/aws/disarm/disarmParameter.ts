import { deleteParameter, getParameter, type LambdaAndSsmContext } from '../clients/lambdaAndSsmCalls.js';
import { classifyConfig, type DisarmOutcome } from './DisarmOutcome.js';

/**
 * Deletes the SSM parameter `name` when it holds an sfn-chaos config of the run (any run when `runId` is
 * undefined); a missing parameter is nothing armed, and any other value is kept.
 *
 * @example
 * ```ts
 * const outcome = await disarmParameter(context, '/sfn-chaos/charge', { runId: undefined, dryRun: true });
 * ```
 */
export async function disarmParameter(
  context: LambdaAndSsmContext,
  name: string,
  options: { runId: string | undefined; dryRun: boolean },
): Promise<DisarmOutcome> {
  let value: string | undefined;
  try {
    value = (await getParameter(context, name)).Parameter?.Value;
  } catch (error) {
    if ((error as Error).name === 'ParameterNotFound') return { kind: 'nothing-armed' };
    throw error;
  }
  const found = classifyConfig(value, options.runId);
  if (found.kind !== 'would-remove' || options.dryRun) return found;
  try {
    await deleteParameter(context, name);
  } catch (error) {
    if ((error as Error).name !== 'ParameterNotFound') throw error;
  }
  return { ...found, kind: 'removed' };
}
