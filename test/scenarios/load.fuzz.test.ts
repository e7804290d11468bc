import { afterAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError } from '../../src/errors.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { diceFiles, fixture, workspace, removeWorkspaces } from './workspace.js';

afterAll(removeWorkspaces);

/**
 * Whatever the scenario file holds, loading ends in a model or in an InvalidInputError whose
 * message is one line naming a file of the workspace; never another exception, never a hang.
 */

const VALID = fixture('definition', 'scenarios.yaml');
const dir = workspace(diceFiles());
const SAM_TEMPLATE = fixture('sam', 'template.yaml');
const samDir = workspace({
  'scenarios.yaml': fixture('sam', 'scenarios.yaml'),
  'functions/check/app.mjs': fixture('sam', 'functions', 'check', 'app.mjs'),
  'functions/notify/index.js': fixture('sam', 'functions', 'notify', 'index.js'),
  'functions/report/app.py': fixture('sam', 'functions', 'report', 'app.py'),
  'stand-ins/notify.mjs': fixture('sam', 'stand-ins', 'notify.mjs'),
});
const FILES = ['scenarios.yaml', 'statemachine.asl.json', 'handlers/roll.mjs', 'template.yaml', 'functions/', 'stand-ins/'];
const HANG_LIMIT_MS = 5_000;

type Outcome = { kind: 'model' } | { kind: 'invalid'; message: string } | { kind: 'other'; error: unknown } | { kind: 'hang' };

async function loadText(text: string, folder = dir, file = 'scenarios.yaml'): Promise<Outcome> {
  writeFileSync(join(folder, file), text);
  return loadFrom(folder);
}

async function loadFrom(folder: string): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'hang' }), HANG_LIMIT_MS);
  });
  const load = loadScenarioFile('scenarios.yaml', { cwd: folder, importTimeoutMs: 1_000 }).then(
    (): Outcome => ({ kind: 'model' }),
    (error: unknown): Outcome =>
      error instanceof InvalidInputError ? { kind: 'invalid', message: error.message } : { kind: 'other', error },
  );
  try {
    return await Promise.race([load, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function assertWellBehaved(outcome: Outcome): void {
  if (outcome.kind === 'other') throw outcome.error;
  expect(outcome.kind).not.toBe('hang');
  if (outcome.kind === 'invalid') {
    expect(outcome.message).not.toMatch(/[\r\n]/);
    expect(FILES.some((file) => outcome.message.startsWith(file.endsWith('/') ? file : `${file}:`))).toBe(true);
    // The catch-all for bugs must never be what a user sees.
    expect(outcome.message).not.toContain('unexpected problem');
  }
}

const scalar = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '-1',
    '1.5',
    '.inf',
    '.nan',
    'null',
    '~',
    'true',
    'no',
    'x',
    '"quoted"',
    "'single'",
    '[]',
    '{}',
    '[1, 2]',
    '{ a: 1 }',
  ),
  fc.constantFrom(
    'Roll',
    'Caught',
    'roll',
    'dice',
    'SUCCEEDED',
    'FAILED',
    'statemachine.asl.json',
    'handlers/roll.mjs#rollDice',
    'handlers/roll.mjs#nope',
  ),
  fc.constantFrom(
    '!Sub x',
    '&anchor x',
    '*anchor',
    '*missing',
    '|',
    '>-',
    '- x',
    '"unterminated',
    '{ unclosed',
    '[unclosed',
    '? complex',
    ': bare',
    '#comment',
  ),
  fc.constantFrom(
    '!Ref Stage',
    '!Ref Nope',
    '!GetAtt NotifyFunction.Arn',
    '!GetAtt OrdersTable.Arn',
    '!Sub ${Nope}',
    '!Sub [x, y]',
    '!If [IsProd, a]',
    '!Join [",", x]',
    '!Select [9, [a]]',
  ),
  fc.constantFrom(
    '!ImportValue x',
    '!FindInMap [a, b, c]',
    '!Equals [a]',
    '!Condition Nope',
    'AWS::Serverless::Function',
    'AWS::Serverless::StateMachine',
    'nodejs20.x',
    'python3.12',
  ),
  fc.constantFrom(
    '${CheckFunctionArn}',
    '${Nope}',
    'arn:aws:states:::lambda:invoke',
    's3://bucket/key',
    'Image',
    '-5',
    '901',
    'STANDARD',
    'EXPRESS',
    'Task',
    'Parallel',
  ),
  fc.string({ maxLength: 12 }),
);

const key = fc.oneof(
  fc.constantFrom(
    'stateMachines',
    'scenarios',
    'defaults',
    'definition',
    'template',
    'resource',
    'substitutions',
    'functions',
    'handler',
    'arn',
    'name',
  ),
  fc.constantFrom(
    'timeout',
    'faults',
    'function',
    'error',
    'throttle',
    'latency',
    'rate',
    'attempts',
    'expect',
    'states',
    'status',
    'backoff',
    'caughtBy',
  ),
  fc.constantFrom(
    'input',
    'seed',
    'stateMachine',
    'entered',
    'outcome',
    'visit',
    'tolerance',
    'errors',
    'message',
    'output',
    'cause',
    '<<',
    '__proto__',
    'constructor',
  ),
  fc.constantFrom(
    'Resources',
    'Properties',
    'Type',
    'Handler',
    'CodeUri',
    'Runtime',
    'Timeout',
    'Definition',
    'DefinitionUri',
    'DefinitionSubstitutions',
    'Globals',
    'Conditions',
  ),
  fc.constantFrom(
    'FunctionName',
    'InlineCode',
    'PackageType',
    'Fn::Sub',
    'Ref',
    'Fn::GetAtt',
    'Parameters',
    'Default',
    'StartAt',
    'States',
    'Resource',
    'Next',
    'End',
    'Retry',
    'Catch',
  ),
  fc.string({ minLength: 1, maxLength: 8 }).filter((text) => !/[:#\n]/.test(text)),
);

/** A line of YAML-ish text: indentation, maybe a list dash, a key and a value. */
const yamlishLine = fc
  .tuple(fc.integer({ min: 0, max: 8 }), fc.boolean(), key, scalar)
  .map(([indent, dash, name, value]) => `${' '.repeat(indent)}${dash ? '- ' : ''}${name}: ${value}`);

type Mangle =
  | { op: 'delete'; line: number }
  | { op: 'duplicate'; line: number }
  | { op: 'swap'; line: number; other: number }
  | { op: 'value'; line: number; value: string }
  | { op: 'insert'; line: number; text: string }
  | { op: 'indent'; line: number; by: number };

const mangle: fc.Arbitrary<Mangle> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('value' as const), line: fc.nat(), value: scalar }),
  fc.record({ op: fc.constant('insert' as const), line: fc.nat(), text: yamlishLine }),
  fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);

function applyMangles(text: string, mangles: readonly Mangle[]): string {
  const lines = text.split('\n');
  for (const change of mangles) {
    if (lines.length === 0) break;
    const at = change.line % lines.length;
    const line = lines[at] ?? '';
    switch (change.op) {
      case 'delete':
        lines.splice(at, 1);
        break;
      case 'duplicate':
        lines.splice(at, 0, line);
        break;
      case 'swap': {
        const other = change.other % lines.length;
        lines[at] = lines[other] ?? '';
        lines[other] = line;
        break;
      }
      case 'value': {
        const colon = line.indexOf(': ');
        lines[at] = colon < 0 ? `${line} ${change.value}` : `${line.slice(0, colon + 2)}${change.value}`;
        break;
      }
      case 'insert':
        lines.splice(at, 0, change.text);
        break;
      case 'indent':
        lines[at] =
          change.by >= 0 ? `${' '.repeat(change.by)}${line}` : line.slice(Math.min(-change.by, line.length - line.trimStart().length));
        break;
    }
  }
  return lines.join('\n');
}

describe('Function: loadScenarioFile, fuzzed', () => {
  it('loads the unmangled file', async () => {
    expect(await loadText(VALID)).toEqual({ kind: 'model' });
  });

  it('ends in a model or a one-line InvalidInputError for mangled versions of a valid file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mangle, { minLength: 1, maxLength: 4 }), async (mangles) => {
        assertWellBehaved(await loadText(applyMangles(VALID, mangles)));
      }),
      { numRuns: 250 },
    );
  });

  it('ends in a model or a one-line InvalidInputError for mangled versions of a SAM template', async () => {
    expect(await loadText(SAM_TEMPLATE, samDir, 'template.yaml')).toEqual({ kind: 'model' });
    await fc.assert(
      fc.asyncProperty(fc.array(mangle, { minLength: 1, maxLength: 3 }), async (mangles) => {
        assertWellBehaved(await loadText(applyMangles(SAM_TEMPLATE, mangles), samDir, 'template.yaml'));
      }),
      { numRuns: 150 },
    );
  });

  it('ends in a one-line InvalidInputError for random YAML-ish documents', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.array(yamlishLine, { maxLength: 12 }).map((lines) => lines.join('\n')),
          fc.string({ maxLength: 200 }),
        ),
        async (text) => {
          assertWellBehaved(await loadText(text));
        },
      ),
      { numRuns: 250 },
    );
  });

  it('ends in a one-line InvalidInputError for random JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), async (value) => {
        assertWellBehaved(await loadText(JSON.stringify(value)));
      }),
      { numRuns: 100 },
    );
  });
});
