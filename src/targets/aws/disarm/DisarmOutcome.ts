import { EnvVar } from '../../../injectors/constants.js';
import { parseChaosConfig } from '../../../injectors/parseChaosConfig.js';

/** What `chaos disarm` found in one place, and did. */
export type DisarmOutcome =
  | { kind: 'removed' | 'would-remove'; runId: string; expiresAt: string | undefined }
  | { kind: 'nothing-armed' }
  | { kind: 'other-run'; runId: string }
  | { kind: 'not-ours' }
  | { kind: 'failed'; message: string };

/** One place `chaos disarm` looked at: a function's `SFN_CHAOS_CONFIG`, or an SSM parameter. */
export interface DisarmLine {
  /** e.g. `function arn:aws:lambda:…:function:charge (SFN_CHAOS_CONFIG)` or `SSM parameter /sfn-chaos/charge`. */
  subject: string;
  outcome: DisarmOutcome;
}

/**
 * What a value found where the injector reads its config is: nothing, an sfn-chaos config a run wrote (it
 * has a `runId`) of the run wanted (any run when `runId` is undefined) or of another one, or something else.
 *
 * @example
 * ```ts
 * classifyConfig('{"faults":[],"runId":"r1","expiresAt":"2026-05-04T10:25:00.000Z"}', 'r2'); // { kind: 'other-run', runId: 'r1' }
 * ```
 */
export function classifyConfig(value: string | undefined, runId: string | undefined): DisarmOutcome {
  if (value === undefined || value === '') return { kind: 'nothing-armed' };
  let parsed: unknown;
  try {
    parsed = parseChaosConfig(JSON.parse(value));
  } catch {
    return { kind: 'not-ours' };
  }
  const config = parsed as { runId?: unknown; expiresAt?: string };
  if (typeof config.runId !== 'string' || config.runId === '') return { kind: 'not-ours' };
  if (runId !== undefined && config.runId !== runId) return { kind: 'other-run', runId: config.runId };
  return { kind: 'would-remove', runId: config.runId, expiresAt: config.expiresAt };
}

/**
 * The line `chaos disarm` prints for one place.
 *
 * @example
 * ```ts
 * formatDisarmLine({ subject: 'SSM parameter /sfn-chaos/charge', outcome: { kind: 'not-ours' } }); // 'SSM parameter /sfn-chaos/charge: not ours (not an sfn-chaos config), kept'
 * ```
 */
export function formatDisarmLine(line: DisarmLine): string {
  const { outcome } = line;
  const text = ((): string => {
    switch (outcome.kind) {
      case 'removed':
      case 'would-remove':
        return `${outcome.kind === 'removed' ? 'removed' : 'would remove'} (run ${outcome.runId}${outcome.expiresAt !== undefined ? `, expiresAt ${outcome.expiresAt}` : ''})`;
      case 'nothing-armed':
        return 'nothing armed';
      case 'other-run':
        return `armed by another run (run ${outcome.runId}), kept`;
      case 'not-ours':
        return 'not ours (not an sfn-chaos config), kept';
      case 'failed':
        return `failed: ${outcome.message}`;
    }
  })();
  return `${line.subject}: ${text}`;
}

/** The subject of a function's environment line. */
export function environmentSubject(functionArn: string): string {
  return `function ${functionArn} (${EnvVar.Config})`;
}
