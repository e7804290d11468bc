/**
 * The recordings replace account-specific values with placeholders. Recorded definitions and inputs
 * are turned back into realistic values before a local run, and our history is then normalised the
 * same way LocalStack's snapshot machinery normalised the AWS one (see test/fixtures/aws-recorded/README.md).
 * `chaos run --record` writes AWS histories in the same placeholder form (see {@link RecordedIdentity}).
 */

export const localIdentity = {
  stateMachineArn: 'arn:aws:states:us-east-1:111111111111:stateMachine:recorded-state-machine',
  executionName: 'recorded-execution',
  roleArn: 'arn:aws:iam::111111111111:role/recorded-execution-role',
} as const;

/** Placeholder in the recording → the value used in the local run; longest placeholders first. */
const placeholderValues: readonly (readonly [string, string])[] = [
  ['arn:<partition>:', 'arn:aws:'],
  ['<region>', 'us-east-1'],
  ['<lambda_function_1_name>', 'recorded-function-one'],
  ['<lambda-function-name>', 'recorded-function-dashed'],
  ['<lambda_function_name>', 'recorded-function'],
  // The bare form one test uses; replaced after the bracketed ones so it does not eat them.
  ['lambda_function_name', 'recorded-function-bare'],
];

/** `<lambda_function_N_name>` for the N+1st function of a case recorded by sfn-chaos (N ≥ 2); local name `recorded-function-N`. */
const numberedFunctionPlaceholder = /<lambda_function_(\d+)_name>/g;
const numberedLocalFunction = /recorded-function-(\d+)/g;

/** Function names a recorded case may use (after substitution). */
export const recordedFunctionNames = [
  'recorded-function',
  'recorded-function-one',
  'recorded-function-bare',
  'recorded-function-dashed',
] as const;

function replaceAll(text: string, pairs: readonly (readonly [string, string])[]): string {
  return pairs.reduce((result, [from, to]) => result.split(from).join(to), text);
}

/** Puts realistic values in place of placeholders in a recorded definition or input. */
export function withRealValues<T>(recorded: T): T {
  const text = replaceAll(JSON.stringify(recorded), placeholderValues).replace(
    numberedFunctionPlaceholder,
    (_match, index: string) => `recorded-function-${index}`,
  );
  return JSON.parse(text) as T;
}

/**
 * The account-specific values of one recorded AWS execution, each replaced by its placeholder when the
 * history is written in the recorded form.
 */
export interface RecordedIdentity {
  accountId: string;
  region: string;
  /** The execution role (ExecutionStarted `roleArn`) → `snf_role_arn`. */
  roleArn?: string;
  /** → `<ArnPart_0idx>`. */
  stateMachineName: string;
  /** → `<ExecArnPart_0idx>`. */
  executionName: string;
  /** The deployed functions, in order: `<lambda_function_name>`, then `<lambda_function_2_name>`, `<lambda_function_3_name>`, … */
  functionNames: string[];
}

/**
 * The placeholder of the `index`th (0-based) function of a recorded case.
 *
 * @example
 * ```ts
 * functionPlaceholder(0); // '<lambda_function_name>'
 * functionPlaceholder(1); // '<lambda_function_2_name>'
 * ```
 */
export function functionPlaceholder(index: number): string {
  return index === 0 ? '<lambda_function_name>' : `<lambda_function_${index + 1}_name>`;
}

/** Real value → placeholder pairs for an AWS execution; longer values first, so no value eats a longer one. */
function recordedPairs(identity: RecordedIdentity): (readonly [string, string])[] {
  const names: (readonly [string, string])[] = [
    [identity.stateMachineName, '<ArnPart_0idx>'],
    [identity.executionName, '<ExecArnPart_0idx>'],
    ...identity.functionNames.map((name, index) => [name, functionPlaceholder(index)] as const),
  ];
  names.sort((a, b) => b[0].length - a[0].length);
  return [
    ...(identity.roleArn !== undefined ? [[identity.roleArn, 'snf_role_arn'] as const] : []),
    ...names,
    [`:${identity.accountId}:`, ':111111111111:'],
    [`:${identity.region}:`, ':<region>:'],
    ['arn:aws:', 'arn:<partition>:'],
  ];
}

/**
 * The identity the local replay of a recorded case uses, as placeholders map back to it (see {@link withRealValues}).
 */
const localPairs: readonly (readonly [string, string])[] = [
  [localIdentity.roleArn, 'snf_role_arn'],
  ['recorded-state-machine', '<ArnPart_0idx>'],
  ['recorded-execution', '<ExecArnPart_0idx>'],
  ['recorded-function-bare', 'lambda_function_name'],
  ['recorded-function-one', '<lambda_function_1_name>'],
  ['recorded-function-dashed', '<lambda-function-name>'],
];

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

export interface NormaliseOptions {
  /** The test replaced `$..StartTime` / `$..EnteredTime` values with `<start-time>` / `<entered-time>`. */
  contextTimes: boolean;
  /** Keep each event's timestamp (recordings written by `chaos run --record`); otherwise it becomes `"timestamp"`. */
  keepTimestamps?: boolean;
  /**
   * Drop `$$.Execution.RedriveCount`: the context object only has it since executions can be redriven
   * (announced by AWS on 15 November 2023), so recordings made before then do not show it.
   */
  withoutRedriveCount?: boolean;
}

/**
 * Our history in the recorded form: timestamps replaced, JSON-string detail fields that hold objects
 * parsed, ARNs and names mapped to placeholders, request ids in text causes masked, and uuids numbered
 * `<uuid:N>` by first appearance.
 */
export function normaliseHistory(events: readonly object[], options: NormaliseOptions, identity?: RecordedIdentity): unknown[] {
  const uuidNumbers = new Map<string, number>();
  const realToPlaceholder: (readonly [string, string])[] =
    identity !== undefined
      ? recordedPairs(identity)
      : [...localPairs, ['recorded-function', '<lambda_function_name>'], ['arn:aws:', 'arn:<partition>:'], ['us-east-1', '<region>']];
  const normaliseString = (text: string): string =>
    replaceAll(
      identity !== undefined ? text : text.replace(numberedLocalFunction, (_match, index: string) => `<lambda_function_${index}_name>`),
      realToPlaceholder,
    )
      .replace(/Request ID: [0-9a-f-]{36}/g, 'Request ID: <request_id>')
      .replace(uuidPattern, (uuid) => {
        if (!uuidNumbers.has(uuid)) uuidNumbers.set(uuid, uuidNumbers.size + 1);
        return `<uuid:${uuidNumbers.get(uuid)}>`;
      });
  const normalise = (value: unknown, key?: string): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (options.contextTimes && key === 'StartTime') return '<start-time>';
    if (options.contextTimes && key === 'EnteredTime') return '<entered-time>';
    if (typeof value === 'string') return normaliseString(value);
    if (Array.isArray(value)) return value.map((item) => normalise(item));
    if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value).filter(([name]) => !(options.withoutRedriveCount && name === 'RedriveCount'));
      return Object.fromEntries(entries.map(([name, item]) => [name, normalise(item, name)]));
    }
    return value;
  };
  return events.map((event) => {
    const copy: Record<string, unknown> = options.keepTimestamps ? { ...event } : { ...event, timestamp: 'timestamp' };
    for (const [name, value] of Object.entries(copy)) {
      if (!name.endsWith('EventDetails') || typeof value !== 'object' || value === null) continue;
      // Only top-level detail strings that hold JSON objects were parsed by the snapshot tool;
      // JSON text nested inside them (an output's Cause) stays text.
      copy[name] = Object.fromEntries(
        Object.entries(value).map(([field, text]) => [
          field,
          typeof text === 'string' && text.startsWith('{') ? (JSON.parse(text) as unknown) : text,
        ]),
      );
    }
    return normalise(copy);
  });
}
