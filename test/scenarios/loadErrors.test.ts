import { afterAll, describe, expect, it } from '@jest/globals';
import { ExitCode, InvalidInputError } from '../../src/errors.js';
import { loadScenarioFile } from '../../src/scenarios/load.js';
import { diceFiles, fixture, workspace, removeWorkspaces } from './workspace.js';

afterAll(removeWorkspaces);

/** A valid scenario file; each case below breaks one thing in it. Line numbers matter. */
const BASE = `stateMachines:
  dice:
    definition: statemachine.asl.json
    substitutions:
      RollFunctionArn: arn:aws:lambda:us-east-2:123456789012:function:roll-dice
    functions:
      roll:
        arn: arn:aws:lambda:us-east-2:123456789012:function:roll-dice
        handler: handlers/roll.mjs#rollDice
scenarios:
  - name: doubles
    faults:
      - { function: roll, error: function.DoublesRolledError }
    expect:
      states:
        Roll: { attempts: 1, caughtBy: Caught }
`;

function variant(from: string, to: string, base = BASE): string {
  if (!base.includes(from)) throw new Error(`test setup: ${JSON.stringify(from)} is not in the base file`);
  return base.replace(from, to);
}

/** Loads `scenarios.yaml` from a fresh folder with the dice files plus `files`; returns the error message. */
async function messageOf(files: Record<string, string>, importTimeoutMs?: number): Promise<string> {
  const dir = workspace({ ...diceFiles(), ...files });
  const error = await loadScenarioFile('scenarios.yaml', { cwd: dir, ...(importTimeoutMs === undefined ? {} : { importTimeoutMs }) }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  const invalid = error as InvalidInputError;
  expect(invalid.exitCode).toBe(ExitCode.InvalidInput);
  expect(invalid.message).not.toContain('\n');
  return invalid.message;
}

const scenarioFile = (text: string): Record<string, string> => ({ 'scenarios.yaml': text });

describe('Function: loadScenarioFile, bad input', () => {
  it('accepts the base file the cases start from', async () => {
    const dir = workspace({ ...diceFiles(), 'scenarios.yaml': BASE });
    await expect(loadScenarioFile('scenarios.yaml', { cwd: dir })).resolves.toMatchObject({ scenarios: [{ name: 'doubles' }] });
  });

  describe('the scenario file itself', () => {
    it('does not exist', async () => {
      expect(await messageOf({})).toBe('scenarios.yaml: scenario file does not exist');
    });
    it('is empty', async () => {
      expect(await messageOf(scenarioFile(''))).toBe(
        'scenarios.yaml:1:1: the scenario file must be a mapping with stateMachines and scenarios, not empty',
      );
    });
    it('is malformed YAML', async () => {
      expect(await messageOf(scenarioFile(variant('    expect:\n', '    expect: [\n')))).toBe(
        'scenarios.yaml:16:9: invalid YAML: Block collections are not allowed within flow collections',
      );
    });
    it('repeats a key', async () => {
      expect(await messageOf(scenarioFile(variant('    faults:\n', '    faults: []\n    faults:\n')))).toBe(
        'scenarios.yaml:13:5: duplicate key "faults"; each key may appear once in a mapping',
      );
    });
    it('repeats a key whose value is a block, located at the second one', async () => {
      expect(await messageOf(scenarioFile(variant('scenarios:\n', '  dice:\n    definition: statemachine.asl.json\nscenarios:\n')))).toBe(
        'scenarios.yaml:10:3: duplicate key "dice"; each key may appear once in a mapping',
      );
    });
    it('refuses an alias bomb', async () => {
      const bomb = [
        'a: &a [x, x, x, x, x, x, x, x, x]',
        'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
        'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
        'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
        'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      ];
      expect(await messageOf(scenarioFile(bomb.join('\n')))).toBe(
        'scenarios.yaml:1:1: cannot read the YAML: Excessive alias count indicates a resource exhaustion attack',
      );
    });
    it('refuses nesting deeper than the parser can follow', async () => {
      expect(await messageOf(scenarioFile(`input: ${'['.repeat(20_000)}${']'.repeat(20_000)}`))).toMatch(
        /^scenarios\.yaml:1:\d+: the YAML nests too deeply to read$/,
      );
    });
    it('uses a YAML tag', async () => {
      expect(await messageOf(scenarioFile(variant('name: doubles', 'name: !Sub doubles')))).toBe(
        'scenarios.yaml:11:11: unknown tag !Sub; scenario files are plain YAML (CloudFormation tags belong in the template)',
      );
    });
  });

  describe('the schema', () => {
    it('names an unknown key and the closest valid one', async () => {
      expect(await messageOf(scenarioFile(variant('    faults:', '    fautls:')))).toBe(
        'scenarios.yaml:12:5: unknown key "fautls" in scenario; did you mean "faults"?',
      );
    });
    it('lists the valid keys when nothing is close', async () => {
      expect(await messageOf(scenarioFile(variant('    definition:', '    zzzzzzzzzz: x\n    definition:')))).toBe(
        'scenarios.yaml:3:5: unknown key "zzzzzzzzzz" in state machine; expected one of "definition", "template", "resource", "substitutions", "parameters", "functions", "name", "type", "services", "deployed", "s3Objects"',
      );
    });
    it('names a missing key', async () => {
      expect(
        await messageOf(scenarioFile(variant('    expect:\n      states:\n        Roll: { attempts: 1, caughtBy: Caught }\n', ''))),
      ).toBe('scenarios.yaml:11:5: scenarios[0] is missing "expect"');
    });
    it('rejects a rate outside 0..1', async () => {
      expect(
        await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'error: function.DoublesRolledError, rate: 1.5'))),
      ).toBe('scenarios.yaml:13:69: scenarios[0].faults[0].rate must be a probability between 0 and 1, not 1.5');
    });
    it('rejects a rate that is not a number', async () => {
      expect(
        await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'error: function.DoublesRolledError, rate: high'))),
      ).toBe('scenarios.yaml:13:69: scenarios[0].faults[0].rate must be a probability between 0 and 1, not "high"');
    });
    it('rejects attempts that are not positive whole numbers', async () => {
      expect(
        await messageOf(
          scenarioFile(variant('error: function.DoublesRolledError', 'error: function.DoublesRolledError, attempts: [1, 0]')),
        ),
      ).toBe('scenarios.yaml:13:77: scenarios[0].faults[0].attempts[1] must be a 1-based attempt number (1, 2, …), not 0');
      expect(
        await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'error: function.DoublesRolledError, attempts: [1.5]'))),
      ).toBe('scenarios.yaml:13:74: scenarios[0].faults[0].attempts[0] must be a 1-based attempt number (1, 2, …), not 1.5');
    });
    it('suggests the closest status', async () => {
      expect(await messageOf(scenarioFile(variant('    expect:\n', '    expect:\n      status: SUCCEDED\n')))).toBe(
        'scenarios.yaml:15:15: scenarios[0].expect.status must be RUNNING, SUCCEEDED, FAILED, TIMED_OUT or ABORTED, not "SUCCEDED"; did you mean "SUCCEEDED"?',
      );
    });
    it('explains a fault switched off with false', async () => {
      expect(await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'throttle: false')))).toBe(
        'scenarios.yaml:13:37: scenarios[0].faults[0].throttle must be true (drop the key to turn the fault off), not false',
      );
    });
    it('rejects a backoff gap that is neither seconds nor bounds', async () => {
      expect(await messageOf(scenarioFile(variant('{ attempts: 1, caughtBy: Caught }', '{ attempts: 2, backoff: [soon] }')))).toBe(
        'scenarios.yaml:16:40: scenarios[0].expect.states.Roll.backoff[0] must be a number of seconds, or { min, max } seconds for jitter, not "soon"',
      );
    });
  });

  describe('faults', () => {
    it('needs exactly one kind', async () => {
      expect(await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'error: Boom, throttle: true')))).toBe(
        'scenarios.yaml:13:40: a fault does one thing, but this one has both error: and throttle:; split it into two faults',
      );
      expect(await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'rate: 1')))).toBe(
        'scenarios.yaml:13:9: a fault needs one of error:, throttle:, timeout: or latency:',
      );
    });
    it('takes rate or attempts, not both', async () => {
      expect(await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'error: Boom, rate: 0.5, attempts: [1]')))).toBe(
        'scenarios.yaml:13:51: rate: and attempts: exclude each other; keep one (neither fires on every invocation)',
      );
    });
    it('keeps message: for errors and throttles', async () => {
      expect(await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'latency: 2, message: slow')))).toBe(
        'scenarios.yaml:13:39: message: applies only to error and throttle faults, not to latency',
      );
    });
    it("keeps a fault wait in seconds within what a function can wait, in the scenario's own terms", async () => {
      const message = await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'latency: 1e306')));
      expect(message).toBe(
        "scenarios.yaml:13:36: scenarios[0].faults[0].latency must be a number of seconds, or [min, max] seconds, from 0 to 900 (Lambda's longest function timeout), not 1e+306",
      );
      expect(message).not.toMatch(/latencyMs|null/);
      expect(await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'timeout: 901')))).toMatch(
        /faults\[0\]\.timeout must be .*at most 900.*, not 901$/,
      );
    });
    it('says an empty attempts list is empty', async () => {
      expect(await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'error: Boom, attempts: []')))).toBe(
        'scenarios.yaml:13:50: scenarios[0].faults[0].attempts must be a non-empty list of 1-based attempt numbers, e.g. [1, 2], not an empty list',
      );
    });
    it('rejects a latency range upside down', async () => {
      expect(await messageOf(scenarioFile(variant('error: function.DoublesRolledError', 'latency: [3, 1]')))).toBe(
        'scenarios.yaml:13:36: latency [3, 1] has its minimum above its maximum',
      );
    });
    it('names an unknown function and the closest one', async () => {
      expect(await messageOf(scenarioFile(variant('function: roll,', 'function: rol,')))).toBe(
        'scenarios.yaml:13:21: unknown function "rol" in dice; did you mean "roll"?',
      );
    });
  });

  describe('references between parts of the file', () => {
    it('names an unknown state machine and the closest one', async () => {
      expect(await messageOf(scenarioFile(variant('    faults:\n', '    stateMachine: dise\n    faults:\n')))).toBe(
        'scenarios.yaml:12:19: unknown state machine "dise"; did you mean "dice"?',
      );
    });
    it('names a state the definition lacks and the closest one', async () => {
      expect(await messageOf(scenarioFile(variant('        Roll:', '        Rol:')))).toBe(
        'scenarios.yaml:16:9: state "Rol" not in dice; did you mean "Roll"?',
      );
    });
    it('checks caughtBy against the states too', async () => {
      expect(await messageOf(scenarioFile(variant('caughtBy: Caught', 'caughtBy: Cuaght')))).toBe(
        'scenarios.yaml:16:40: caughtBy: state "Cuaght" not in dice; did you mean "Caught"?',
      );
    });
    it('rejects expectations that contradict each other', async () => {
      expect(await messageOf(scenarioFile(variant('{ attempts: 1, caughtBy: Caught }', '{ entered: false, attempts: 1 }')))).toBe(
        'scenarios.yaml:16:33: state "Roll": entered: false leaves nothing to check, so attempts: cannot be combined with it',
      );
      expect(await messageOf(scenarioFile(variant('{ attempts: 1, caughtBy: Caught }', '{ caughtBy: Caught, outcome: succeeded }')))).toBe(
        'scenarios.yaml:16:17: state "Roll": caughtBy: a state contradicts outcome: succeeded',
      );
      expect(await messageOf(scenarioFile(variant('{ attempts: 1, caughtBy: Caught }', '{ attempts: 1, tolerance: 2 }')))).toBe(
        'scenarios.yaml:16:30: state "Roll": tolerance: applies to the backoff: gaps; add backoff: or drop tolerance:',
      );
      expect(await messageOf(scenarioFile(variant('    expect:\n', '    expect:\n      status: SUCCEEDED\n      error: Boom\n')))).toBe(
        'scenarios.yaml:16:7: error: applies to a FAILED, TIMED_OUT or ABORTED execution, not to status SUCCEEDED',
      );
    });
    it('rejects a scenario name used twice', async () => {
      const twice = `${BASE}  - name: doubles\n    expect: { status: SUCCEEDED }\n`;
      expect(await messageOf(scenarioFile(twice))).toBe(
        'scenarios.yaml:17:11: scenario name "doubles" is already used on line 11; names must be unique',
      );
    });
    it('rejects an input JSON cannot carry', async () => {
      expect(await messageOf(scenarioFile(variant('    faults:\n', '    input: { depth: .inf }\n    faults:\n')))).toBe(
        'scenarios.yaml:12:21: scenarios[0].input.depth is Infinity, which JSON cannot hold; use a finite number or a string',
      );
    });
  });

  describe('files the scenario file names', () => {
    it('reports a missing definition file at its line', async () => {
      expect(await messageOf(scenarioFile(variant('definition: statemachine.asl.json', 'definition: missing.asl.json')))).toBe(
        'scenarios.yaml:3:17: definition file missing.asl.json does not exist; paths are relative to the scenario file',
      );
    });
    it('reports a missing template at its line', async () => {
      expect(await messageOf(scenarioFile(variant('definition: statemachine.asl.json', 'template: template.yaml')))).toBe(
        'scenarios.yaml:3:15: template template.yaml does not exist; paths are relative to the scenario file',
      );
    });
    it('rejects both a definition and a template', async () => {
      expect(
        await messageOf(
          scenarioFile(variant('    definition: statemachine.asl.json\n', '    definition: statemachine.asl.json\n    template: t.yaml\n')),
        ),
      ).toBe('scenarios.yaml:4:5: stateMachines.dice has both definition: and template:; keep one');
    });
    it('reports a missing handler file at its line', async () => {
      expect(await messageOf(scenarioFile(variant('handlers/roll.mjs#', 'handlers/rol.mjs#')))).toBe(
        'scenarios.yaml:9:18: handler file handlers/rol.mjs does not exist; handler paths are relative to the scenario file',
      );
    });
    it('reports a missing export and lists the ones there are', async () => {
      expect(await messageOf(scenarioFile(variant('#rollDice', '#rollDie')))).toBe(
        'scenarios.yaml:9:18: handler handlers/roll.mjs has no export "rollDie"; its function exports: rollDice',
      );
    });
    it('reports an export that is not a function', async () => {
      const files = {
        ...scenarioFile(variant('handlers/roll.mjs#rollDice', 'handlers/settings.mjs')),
        'handlers/settings.mjs': 'export const handler = { retries: 3 };\n',
      };
      expect(await messageOf(files)).toBe('scenarios.yaml:9:18: handler handlers/settings.mjs exports "handler" as object, not a function');
    });
    it('reports a handler whose import throws, in one line', async () => {
      const files = {
        ...scenarioFile(variant('handlers/roll.mjs#rollDice', 'handlers/broken.mjs')),
        'handlers/broken.mjs':
          "if (!process.env.SFN_CHAOS_TEST_UNSET_DB_URL) throw new Error('DB_URL is not set\\nsee the README');\nexport const handler = async () => 1;\n",
      };
      expect(await messageOf(files)).toBe('scenarios.yaml:9:18: importing handler handlers/broken.mjs failed: DB_URL is not set');
    });
    it('gives up on a handler whose import never finishes', async () => {
      const files = {
        ...scenarioFile(variant('handlers/roll.mjs#rollDice', 'handlers/waits.mjs')),
        'handlers/waits.mjs': 'await new Promise(() => {});\nexport const handler = async () => 1;\n',
      };
      expect(await messageOf(files, 50)).toBe(
        'scenarios.yaml:9:18: importing handler handlers/waits.mjs did not finish within 0.05 s (does its top-level code wait on something?)',
      );
    });
  });

  describe('the definition', () => {
    it('names a placeholder no substitution defines, in the definition file', async () => {
      expect(await messageOf(scenarioFile(variant('      RollFunctionArn: arn', '      RollFunction: arn')))).toBe(
        'statemachine.asl.json:9:9: the definition uses ${RollFunctionArn}, which stateMachines.dice.substitutions does not define (did you mean "RollFunction"?); add it there',
      );
    });
    it('repeats a key in a JSON definition file, at the second one', async () => {
      const definition = fixture('definition', 'statemachine.asl.json').replace(
        '"Type": "Pass", "Result": "caught"',
        '"Type": "Pass", "Result": "caught", "Type": "Pass"',
      );
      expect(await messageOf({ 'scenarios.yaml': BASE, 'statemachine.asl.json': definition })).toMatch(
        /^statemachine\.asl\.json:27:\d+: duplicate key "Type"; each key may appear once in a mapping$/,
      );
    });
    it('reports a definition that is not valid ASL at its line', async () => {
      const definition = fixture('definition', 'statemachine.asl.json').replace(
        '"Type": "Pass", "Result": "caught"',
        '"Type": "Passs", "Result": "caught"',
      );
      expect(await messageOf({ 'scenarios.yaml': BASE, 'statemachine.asl.json': definition })).toBe(
        'statemachine.asl.json:27:17: the definition of dice is not valid ASL: States.Caught.Type must be equal to one of the allowed values',
      );
    });
    it('locates a validator finding that names a state at that state', async () => {
      const definition = fixture('definition', 'statemachine.asl.json').replace(
        '"Done": { "Type": "Succeed" }',
        '"Done": { "Type": "Succeed" },\n    "Orphan": { "Type": "Succeed" }',
      );
      expect(await messageOf({ 'scenarios.yaml': BASE, 'statemachine.asl.json': definition })).toBe(
        'statemachine.asl.json:30:5: state machine dice: States["Orphan"]: State "Orphan" is not reachable from StartAt',
      );
    });
    it('names the missing target of a Next, not a state the typo left unreachable', async () => {
      const definition = fixture('definition', 'statemachine.asl.json').replace('"Next": "Done"', '"Next": "Donee"');
      expect(await messageOf({ 'scenarios.yaml': BASE, 'statemachine.asl.json': definition })).toBe(
        'statemachine.asl.json:25:7: state machine dice: States["Roll"].Next: Missing \'Next\' target: "Donee" is not a state of this machine (MISSING_TRANSITION_TARGET)',
      );
    });
    it('says which machine has no end, by its path (not a validator-internal name)', async () => {
      const definition = fixture('definition', 'statemachine.asl.json')
        .replace('"Result": "caught", "End": true', '"Result": "caught", "Next": "Roll"')
        .replace('"Result": "uncaught", "End": true', '"Result": "uncaught", "Next": "Roll"')
        .replace('"Done": { "Type": "Succeed" }', '"Done": { "Type": "Pass", "Next": "Roll" }');
      const message = await messageOf({ 'scenarios.yaml': BASE, 'statemachine.asl.json': definition });
      expect(message).toBe(
        'statemachine.asl.json:4:3: state machine dice: States: The state machine has no terminal state (End: true, Succeed or Fail), so it could never finish',
      );
      expect(message).not.toMatch(/fsm\d/);
    });
    it('says the Step Functions limit a Wait exceeds', async () => {
      const definition = fixture('definition', 'statemachine.asl.json').replace(
        '"Done": { "Type": "Succeed" }',
        '"Done": { "Type": "Wait", "Seconds": 1000000000, "End": true }',
      );
      expect(await messageOf({ 'scenarios.yaml': BASE, 'statemachine.asl.json': definition })).toBe(
        'statemachine.asl.json:29:31: state machine dice: States["Done"].Seconds: Seconds is 1000000000, above the Step Functions limit of 99999999; use an integer from 0 to 99999999',
      );
    });
    it('rejects a state that is not a mapping', async () => {
      const definition = fixture('definition', 'statemachine.asl.json').replace('"Done": { "Type": "Succeed" }', '"Done": null');
      expect(await messageOf({ 'scenarios.yaml': BASE, 'statemachine.asl.json': definition })).toBe(
        'statemachine.asl.json:29:5: the definition of dice is not valid ASL: States.Done must be a mapping',
      );
    });
    it('reports what the local engine does not run', async () => {
      const definition = fixture('definition', 'statemachine.asl.json').replace(
        '"Caught": { "Type": "Pass", "Result": "caught", "End": true }',
        '"Caught": { "Type": "Map", "MaxConcurrencyPath": "$.limit", "ItemProcessor": { "StartAt": "Inner", "States": { "Inner": { "Type": "Succeed" } } }, "End": true }',
      );
      expect(await messageOf({ 'scenarios.yaml': BASE, 'statemachine.asl.json': definition })).toBe(
        'statemachine.asl.json:27:32: state machine dice: States["Caught"].MaxConcurrencyPath: MaxConcurrencyPath on an inline Map is not supported by the local engine yet',
      );
    });
    it('names a Lambda Task that has no local handler', async () => {
      const noFunctions = variant(
        '    functions:\n      roll:\n        arn: arn:aws:lambda:us-east-2:123456789012:function:roll-dice\n        handler: handlers/roll.mjs#rollDice\n',
        '',
      );
      expect(await messageOf(scenarioFile(noFunctions))).toBe(
        'scenarios.yaml:2:3: Task "Roll" invokes arn:aws:lambda:us-east-2:123456789012:function:roll-dice, which has no local handler; add it under stateMachines.dice.functions',
      );
    });
  });
});

/** A small SAM app: one Node function the state machine invokes, one Python function. */
const SAM_TEMPLATE = `Transform: AWS::Serverless-2016-10-31
Resources:
  CheckFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: check/
      Handler: app.handler
      Runtime: nodejs20.x
  ScoreFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: score/
      Handler: app.lambda_handler
      Runtime: python3.12
  Orders:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        CheckArn: !GetAtt CheckFunction.Arn
        ScoreArn: !GetAtt ScoreFunction.Arn
      Definition:
        StartAt: Check
        States:
          Check:
            Type: Task
            Resource: \${CheckArn}
            End: true
`;

const SAM_SCENARIOS = `stateMachines:
  orders:
    template: template.yaml
scenarios:
  - name: check fails
    faults:
      - { function: CheckArn, error: Boom }
    expect: { status: FAILED }
`;

function samFiles(template: string, scenarios = SAM_SCENARIOS): Record<string, string> {
  return {
    'scenarios.yaml': scenarios,
    'template.yaml': template,
    'check/app.mjs': 'export const handler = async () => ({ ok: true });\n',
    'score/app.py': 'def lambda_handler(event, context):\n    return 1\n',
  };
}

describe('Function: loadScenarioFile, bad templates', () => {
  it('accepts the SAM app the cases start from', async () => {
    const dir = workspace(samFiles(SAM_TEMPLATE));
    const file = await loadScenarioFile('scenarios.yaml', { cwd: dir });
    expect(file.scenarios[0]?.faults[0]?.function).toBe('CheckFunction');
  });
  it('says a Python function cannot run locally and how to map a stand-in', async () => {
    const template = variant('            Resource: ${CheckArn}', '            Resource: ${ScoreArn}', SAM_TEMPLATE);
    expect(await messageOf(samFiles(template, variant('CheckArn', 'ScoreArn', SAM_SCENARIOS)))).toBe(
      'template.yaml:14:16: ScoreFunction runs python3.12, which sfn-chaos cannot run locally; write a Node.js stand-in and map it under stateMachines.orders.functions.ScoreFunction.handler',
    );
  });
  it('rejects two functions: entries for one template function', async () => {
    const scenarios = variant(
      '    template: template.yaml\n',
      '    template: template.yaml\n    functions:\n      CheckFunction: { timeout: 5 }\n      CheckArn: { timeout: 6 }\n',
      SAM_SCENARIOS,
    );
    expect(await messageOf(samFiles(SAM_TEMPLATE, scenarios))).toBe(
      'scenarios.yaml:6:7: CheckArn names the same function as CheckFunction; declare each function once',
    );
  });
  it('rejects an arn: for a template function', async () => {
    const scenarios = variant(
      '    template: template.yaml\n',
      '    template: template.yaml\n    functions:\n      CheckFunction: { arn: "arn:aws:lambda:us-east-1:123456789012:function:x" }\n',
      SAM_SCENARIOS,
    );
    expect(await messageOf(samFiles(SAM_TEMPLATE, scenarios))).toBe(
      'scenarios.yaml:5:24: CheckFunction comes from the template, which sets its ARN; remove arn:',
    );
  });
  it('says a fault names a function no Task invokes', async () => {
    expect(await messageOf(samFiles(SAM_TEMPLATE, variant('function: CheckArn', 'function: ScoreFunction', SAM_SCENARIOS)))).toBe(
      'scenarios.yaml:7:21: function "ScoreFunction" (ScoreFunction) is not invoked by any Task of orders; if a Task picks it at run time, declare it under stateMachines.orders.functions',
    );
  });
  it('names what cannot be resolved locally and where to give its value', async () => {
    const template = variant(
      '        CheckArn: !GetAtt CheckFunction.Arn',
      '        CheckArn: !ImportValue shared-check-arn',
      SAM_TEMPLATE,
    );
    expect(await messageOf(samFiles(template))).toBe(
      "template.yaml:19:19: cannot resolve !ImportValue shared-check-arn (another stack's output) locally; give CheckArn a value under stateMachines.orders.substitutions",
    );
  });
  it('names an unknown resource and the closest state machine', async () => {
    expect(
      await messageOf(
        samFiles(
          SAM_TEMPLATE,
          variant('    template: template.yaml\n', '    template: template.yaml\n    resource: Order\n', SAM_SCENARIOS),
        ),
      ),
    ).toBe('scenarios.yaml:4:15: resource "Order" is not in template.yaml; did you mean "Orders"?');
  });
  it('rejects a resource that is not a state machine', async () => {
    expect(
      await messageOf(
        samFiles(
          SAM_TEMPLATE,
          variant('    template: template.yaml\n', '    template: template.yaml\n    resource: CheckFunction\n', SAM_SCENARIOS),
        ),
      ),
    ).toBe(
      'scenarios.yaml:4:15: resource CheckFunction in template.yaml is an AWS::Serverless::Function, not a state machine (AWS::Serverless::StateMachine or AWS::StepFunctions::StateMachine)',
    );
  });
  it('rejects an unknown tag in the template', async () => {
    const template = variant('        CheckArn: !GetAtt CheckFunction.Arn', '        CheckArn: !GetAttr CheckFunction.Arn', SAM_TEMPLATE);
    expect(await messageOf(samFiles(template))).toBe(
      'template.yaml:19:19: unknown tag !GetAttr; sfn-chaos reads the CloudFormation tags (!Ref, !Sub, !GetAtt, …) only',
    );
  });
  it('locates a JSON error inside a DefinitionString at its template line', async () => {
    const template = `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: app.handler
      Code: check/
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {
          "StartAt": "Check",
          "States": {
            "Check": { "Type": "Task", "Resource": "\${Fn.Arn}", "End": true },
          }
        }
`;
    expect(await messageOf(samFiles(template))).toMatch(/^template\.yaml:16:11: DefinitionString of Machine is not valid JSON: /);
  });
  it('locates a definition problem inside a DefinitionString at its template line', async () => {
    const template = `Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: app.handler
      Code: check/
  Machine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {
          "StartAt": "Check",
          "States": {
            "Check": { "Type": "Task", "Resource": "\${Fn.Arn}", "End": true, "HeartbeatSeconds": 5 }
          }
        }
`;
    expect(await messageOf(samFiles(template))).toBe(
      'template.yaml:15:78: state machine orders: States["Check"].HeartbeatSeconds: HeartbeatSeconds on a task without .waitForTaskToken is not supported by the local engine yet',
    );
  });
});
