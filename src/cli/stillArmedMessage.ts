import { parseArn } from '../targets/aws/accounts.js';
import type { ArmedPlaceSummary } from '../targets/types.js';

/**
 * What a second Ctrl-C prints before it exits: every place that may still be armed (function ARN, where,
 * until when) and the `chaos disarm` commands that remove it. Empty when nothing is armed.
 *
 * @example
 * ```ts
 * formatStillArmed([{ functionArn: 'arn:aws:lambda:eu-west-1:111111111111:function:charge', place: { kind: 'environment' }, expiresAt: '2026-05-04T10:25:00.000Z', runId: 'r1' }], 'scenarios.yaml', 'r1');
 * // 'chaos: these faults may still be armed:\n  function arn:…:charge: the SFN_CHAOS_CONFIG environment variable, until 2026-05-04T10:25:00.000Z\n…'
 * ```
 */
export function formatStillArmed(armed: readonly ArmedPlaceSummary[], file: string, runId: string): string {
  if (armed.length === 0) return 'chaos: nothing is armed on AWS\n';
  const accounts = [
    ...new Set(armed.map((place) => parseArn(place.functionArn)?.accountId).filter((id): id is string => id !== undefined)),
  ];
  const allow = accounts.map((id) => ` --allow-account ${id}`).join('');
  const lines = ['chaos: these faults may still be armed (they stop on their own at expiresAt):'];
  for (const place of armed) lines.push(`  function ${place.functionArn}: ${describePlace(place)}, until ${place.expiresAt}`);
  lines.push('chaos: remove them now with:');
  lines.push(`  chaos disarm ${quote(file)} --run-id ${runId}${allow}`);
  const [first] = armed;
  if (first !== undefined) {
    lines.push(armed.length === 1 ? 'chaos: or, for that function alone:' : 'chaos: or one function at a time:');
    lines.push(`  chaos disarm --function ${first.functionArn} --run-id ${runId}${allow}`);
  }
  return `${lines.join('\n')}\n`;
}

function describePlace(place: ArmedPlaceSummary): string {
  return place.place.kind === 'environment' ? 'the SFN_CHAOS_CONFIG environment variable' : `SSM parameter ${place.place.parameterName}`;
}

/** A shell word: left as is when it needs no quoting. */
function quote(word: string): string {
  return /^[\w./:@=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
