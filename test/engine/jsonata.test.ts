import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { findDefinitionIssues, formatDefinitionIssue } from '../../src/engine/index.js';
import { evaluateJsonataTemplate, isJsonataExpression, QueryEvaluationFailure } from '../../src/engine/data/jsonataExpressions.js';
import { arnOf, eventsOfType, localFunction, namedError, offsetsOf, parsed, run, startTime, typesOf } from './helpers.js';

const environment = (input: unknown = {}) => ({
  states: { input: input as never, context: { State: { Name: 'S' } } },
  variables: { limit: 2 },
  random: () => 0.25,
  now: () => startTime.getTime(),
});

const issuesOf = (definition: unknown): string[] => findDefinitionIssues(definition).map(formatDefinitionIssue);

describe('Function: evaluateJsonataTemplate', () => {
  it('evaluates {% %} strings anywhere in the template and keeps other values literally', async () => {
    const template = {
      a: '{% $states.input.n * 2 %}',
      list: ['{% $limit %}', 'x {% 1 %}'],
      nested: { name: '{% $states.context.State.Name %}' },
      n: 5,
    };
    expect(await evaluateJsonataTemplate(template, 'Output', environment({ n: 4 }))).toEqual({
      a: 8,
      list: [2, 'x {% 1 %}'],
      nested: { name: 'S' },
      n: 5,
    });
    expect(isJsonataExpression('{% 1 %}')).toBe(true);
    expect(isJsonataExpression(' {% 1 %}')).toBe(false);
  });

  it('an expression that selects nothing fails with the field named as AWS does', async () => {
    await expect(evaluateJsonataTemplate({ Input: { v: '{% $states.input.absent %}' } }, 'Arguments', environment())).rejects.toThrow(
      new QueryEvaluationFailure(
        "The JSONata expression '$states.input.absent' specified for the field 'Arguments/Input/v' returned nothing (undefined).",
      ),
    );
  });

  it('a JSONata run-time error is a QueryEvaluationFailure naming the error', async () => {
    await expect(evaluateJsonataTemplate('{% 1 + "a" %}', 'Output', environment())).rejects.toThrow(
      /specified for the field 'Output' threw an error: T2002/,
    );
  });

  it('offers the Step Functions functions and no $eval', async () => {
    const evaluate = (expression: string) => evaluateJsonataTemplate(`{% ${expression} %}`, 'Output', environment());
    expect(await evaluate('$partition([1,2,3], 2)')).toEqual([[1, 2], [3]]);
    expect(await evaluate('$range(0, 10, 4)')).toEqual([0, 4, 8]);
    expect(await evaluate("$hash('Ada', 'SHA-256')")).toBe(createHash('sha256').update('Ada').digest('hex'));
    expect(await evaluate('$random()')).toBe(0.25);
    expect(await evaluate('$parse(\'{"a":1}\')')).toEqual({ a: 1 });
    expect(await evaluate('$uuid()')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await evaluate('$millis()')).toBe(startTime.getTime());
    expect(await evaluate('$now()')).toBe(startTime.toISOString());
    await expect(evaluate("$eval('1')")).rejects.toThrow(/\$eval is not available/);
  });
});

describe('JSONata states in a running state machine', () => {
  it('Pass Output sees $states.input and variables; Assign values appear on PassStateExited', async () => {
    const result = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'First',
        States: {
          First: { Type: 'Pass', Assign: { total: '{% $sum($states.input.prices) %}', label: 'fixed' }, Next: 'Second' },
          Second: { Type: 'Pass', Output: { total: '{% $total %}', label: '{% $label %}', original: '{% $states.input %}' }, End: true },
        },
      },
      [],
      { input: { prices: [2, 3] } },
    );
    expect(parsed(result.output)).toEqual({ total: 5, label: 'fixed', original: { prices: [2, 3] } });
    const [firstExit] = eventsOfType(result, 'PassStateExited');
    expect(firstExit?.stateExitedEventDetails).toEqual({
      name: 'First',
      output: '{"prices":[2,3]}',
      outputDetails: { truncated: false },
      assignedVariables: { total: '5', label: '"fixed"' },
      assignedVariablesDetails: { truncated: false },
    });
  });

  it('Task Arguments, Output with $states.result, and expression TimeoutSeconds', async () => {
    const echo = localFunction('echo', async (event: unknown) => ({ got: event }));
    const result = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Arguments: { FunctionName: 'echo', Payload: { id: '{% $states.input.id %}' } },
            TimeoutSeconds: '{% 5 + 5 %}',
            Output: '{% $states.result.Payload.got %}',
            End: true,
          },
        },
      },
      [echo],
      { input: { id: 7 } },
    );
    expect(parsed(result.output)).toEqual({ id: 7 });
    const scheduled = eventsOfType(result, 'TaskScheduled')[0]?.taskScheduledEventDetails;
    expect([parsed(scheduled?.parameters), scheduled?.timeoutInSeconds]).toEqual([{ FunctionName: 'echo', Payload: { id: 7 } }, 10]);
  });

  it('Catch Output and Assign see $states.errorOutput', async () => {
    const failing = localFunction('failing', async () => {
      throw namedError('Boom', 'it broke');
    });
    const result = await run(
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Call',
        States: {
          Call: {
            Type: 'Task',
            Resource: arnOf('failing'),
            Catch: [
              {
                ErrorEquals: ['States.ALL'],
                Output: { error: '{% $states.errorOutput.Error %}' },
                Assign: { failedWith: '{% $states.errorOutput.Error %}' },
                Next: 'After',
              },
            ],
            End: true,
          },
          After: { Type: 'Pass', Output: { seen: '{% $failedWith %}', input: '{% $states.input %}' }, End: true },
        },
      },
      [failing],
    );
    expect(parsed(result.output)).toEqual({ seen: 'Boom', input: { error: 'Boom' } });
  });

  it('Choice Condition picks the first true rule; Wait Seconds and Fail Error/Cause take expressions', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Route',
      States: {
        Route: {
          Type: 'Choice',
          Choices: [
            { Condition: '{% $states.input.n > 10 %}', Next: 'Big' },
            { Condition: '{% $states.input.n > 0 %}', Assign: { route: 'small' }, Next: 'Pause' },
          ],
          Default: 'Big',
        },
        Pause: { Type: 'Wait', Seconds: '{% $states.input.n * 3 %}', Next: 'Stop' },
        Stop: { Type: 'Fail', Error: '{% "Stopped." & $route %}', Cause: '{% $string($states.input.n) %}' },
        Big: { Type: 'Succeed' },
      },
    };
    const small = await run(definition, [], { input: { n: 2 } });
    expect([small.error, small.cause]).toEqual(['Stopped.small', '2']);
    expect(offsetsOf(small, 'WaitStateExited')).toEqual([6]);
    const big = await run(definition, [], { input: { n: 20 } });
    expect(big.status).toBe('SUCCEEDED');
    expect(typesOf(big)).not.toContain('WaitStateEntered');
  });

  it('an undefined result fails the execution with States.QueryEvaluationError and the AWS cause', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'P',
      States: { P: { Type: 'Pass', Output: { v: '{% $states.input.absent %}' }, End: true } },
    });
    expect(result.error).toBe('States.QueryEvaluationError');
    expect(result.cause).toBe(
      "An error occurred while executing the state 'P' (entered at the event id #2). The JSONata expression '$states.input.absent' specified for the field 'Output/v' returned nothing (undefined).",
    );
  });

  it('a Condition that is not a boolean fails with States.QueryEvaluationError', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Condition: '{% "yes" %}', Next: 'D' }] }, D: { Type: 'Succeed' } },
    });
    expect([result.error, result.cause]).toEqual([
      'States.QueryEvaluationError',
      expect.stringMatching(/Choices\[0\]\/Condition' must evaluate to a boolean/),
    ]);
  });

  it('a state may choose JSONata inside a JSONPath machine', async () => {
    const result = await run(
      { StartAt: 'P', States: { P: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.a + 1 %}', End: true } } },
      [],
      { input: { a: 1 } },
    );
    expect(parsed(result.output)).toBe(2);
  });
});

describe('findDefinitionIssues: JSONata', () => {
  const jsonata = (states: Record<string, unknown>) => ({ QueryLanguage: 'JSONata', StartAt: Object.keys(states)[0], States: states });

  it('accepts a JSONata machine', () => {
    expect(issuesOf(jsonata({ P: { Type: 'Pass', Output: '{% $states.input %}', Assign: { x: 1 }, End: true } }))).toEqual([]);
  });

  it.each([
    [
      jsonata({ P: { Type: 'Pass', InputPath: '$.a', End: true } }),
      'States["P"].InputPath: InputPath is a JSONPath field; JSONata states use Arguments, Output and {% %} expressions',
    ],
    [
      jsonata({ P: { Type: 'Pass', Parameters: { a: 1 }, End: true } }),
      'States["P"].Parameters: Parameters is a JSONPath field; JSONata states use Arguments, Output and {% %} expressions',
    ],
    [
      { StartAt: 'P', States: { P: { Type: 'Pass', Output: { a: 1 }, End: true } } },
      'States["P"].Output: Output is a JSONata field; set "QueryLanguage": "JSONata" to use it',
    ],
    [
      jsonata({ P: { Type: 'Pass', Output: '{% 1 + %}', End: true } }),
      expect.stringMatching(/^States\["P"\]\.Output: The JSONata expression '1 \+' is invalid: S0207/),
    ],
    [
      jsonata({ C: { Type: 'Choice', Choices: [{ Variable: '$.a', IsNull: true, Next: 'C' }] } }),
      expect.stringMatching(/Variable is not a field of a JSONata Choice rule/),
    ],
    [
      { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'C' }] } } },
      expect.stringMatching(/Condition is a JSONata field/),
    ],
    [jsonata({ S: { Type: 'Succeed', Assign: { a: 1 } } }), 'States["S"].Assign: Succeed states cannot assign variables'],
    [
      jsonata({ P: { Type: 'Pass', Assign: { 'bad-name': 1 }, End: true } }),
      expect.stringMatching(/The variable name "bad-name" must start with a letter/),
    ],
    [
      jsonata({ P: { Type: 'Pass', Assign: { states: 1 }, End: true } }),
      'States["P"].Assign.states: The variable name "states" is reserved for $states',
    ],
  ])('%#: reports %s', (definition, expected) => {
    expect(issuesOf(definition)).toContainEqual(expected);
  });
});
