import { describe, expect, it } from '@jest/globals';
import { VariableScope } from '../../src/engine/data/variables.js';
import { arnOf, eventsOfType, localFunction, namedError, parsed, run } from './helpers.js';

describe('Class: VariableScope', () => {
  it('a child scope reads its parents and its own assignments never reach them', () => {
    const outer = new VariableScope();
    outer.assign({ a: 1, b: 2 });
    const inner = outer.child();
    inner.assign({ b: 20, c: 30 });
    expect(inner.lookUp('a')).toEqual({ found: true, value: 1 });
    expect(inner.visible()).toEqual({ a: 1, b: 20, c: 30 });
    expect(outer.visible()).toEqual({ a: 1, b: 2 });
    expect(outer.lookUp('c')).toEqual({ found: false });
  });
});

describe('Assign in JSONPath states', () => {
  it('variables are read as $name in Parameters, intrinsics, Choice rules and later Assigns', async () => {
    const result = await run(
      {
        StartAt: 'Remember',
        States: {
          Remember: { Type: 'Pass', Assign: { 'limit.$': '$.limit', customer: { name: 'Ada' } }, Next: 'Check' },
          Check: {
            Type: 'Choice',
            Choices: [{ Variable: '$limit', NumericGreaterThan: 5, Assign: { route: 'high' }, Next: 'Use' }],
            Default: 'Use',
            Assign: { route: 'default' },
          },
          Use: {
            Type: 'Pass',
            Parameters: { 'limit.$': '$limit', 'who.$': '$customer.name', 'text.$': "States.Format('{} via {}', $customer.name, $route)" },
            End: true,
          },
        },
      },
      [],
      { input: { limit: 9 } },
    );
    expect(parsed(result.output)).toEqual({ limit: 9, who: 'Ada', text: 'Ada via high' });
    const exits = eventsOfType(result, 'PassStateExited').concat(eventsOfType(result, 'ChoiceStateExited'));
    expect(exits.map((event) => event.stateExitedEventDetails?.assignedVariables)).toEqual([
      { limit: '9', customer: '{"name":"Ada"}' },
      undefined,
      { route: '"high"' },
    ]);
  });

  it('Default takes the state-level Assign', async () => {
    const result = await run({
      StartAt: 'Check',
      States: {
        Check: {
          Type: 'Choice',
          Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Done' }],
          Default: 'Done',
          Assign: { route: 'default' },
        },
        Done: { Type: 'Pass', Parameters: { 'route.$': '$route' }, End: true },
      },
    });
    expect(parsed(result.output)).toEqual({ route: 'default' });
  });

  it('all assignments of a state are evaluated before any is stored', async () => {
    const result = await run({
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { x: 1 }, Next: 'Swap' },
        Swap: { Type: 'Pass', Assign: { x: 2, 'y.$': '$x' }, Next: 'Show' },
        Show: { Type: 'Pass', Parameters: { 'x.$': '$x', 'y.$': '$y' }, End: true },
      },
    });
    expect(parsed(result.output)).toEqual({ x: 2, y: 1 });
  });

  it('a Task Assign sees the selected result as $, and a catcher Assign the error output', async () => {
    const worker = localFunction('worker', async () => ({ id: 42, extra: true }));
    const failing = localFunction('failing', async () => {
      throw namedError('Boom');
    });
    const ok = await run(
      {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: arnOf('worker'),
            ResultSelector: { 'picked.$': '$.id' },
            Assign: { 'id.$': '$.picked' },
            ResultPath: null,
            Next: 'Show',
          },
          Show: { Type: 'Pass', Parameters: { 'id.$': '$id' }, End: true },
        },
      },
      [worker],
    );
    expect(parsed(ok.output)).toEqual({ id: 42 });
    const caught = await run(
      {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: arnOf('failing'),
            Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'error.$': '$.Error' }, ResultPath: '$.failure', Next: 'Show' }],
            End: true,
          },
          Show: { Type: 'Pass', Parameters: { 'error.$': '$error' }, End: true },
        },
      },
      [failing],
    );
    expect(parsed(caught.output)).toEqual({ error: 'Boom' });
    expect(eventsOfType(caught, 'TaskStateExited')[0]?.stateExitedEventDetails?.assignedVariables).toEqual({ error: '"Boom"' });
  });

  it('reading a variable that was never assigned ends the execution with States.Runtime', async () => {
    const result = await run({ StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'v.$': '$nothing' }, End: true } } });
    expect(result.error).toBe('States.Runtime');
    expect(result.cause).toMatch(/The variable '\$nothing' is not defined/);
  });
});

describe('Variables shared across query languages', () => {
  it('a JSONata state reads what a JSONPath state assigned, and the other way round', async () => {
    const result = await run({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { fromPath: 1 }, Next: 'B' },
        B: { Type: 'Pass', QueryLanguage: 'JSONata', Assign: { fromJsonata: '{% $fromPath + 1 %}' }, Next: 'C' },
        C: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($fromPath, $fromJsonata)' }, End: true },
      },
    });
    expect(parsed(result.output)).toEqual({ sum: 3 });
  });

  it('a Wait state assigns after waiting', async () => {
    const result = await run({
      QueryLanguage: 'JSONata',
      StartAt: 'W',
      States: {
        W: { Type: 'Wait', Seconds: 1, Assign: { waited: '{% $states.context.State.Name %}' }, Next: 'P' },
        P: { Type: 'Pass', Output: '{% $waited %}', End: true },
      },
    });
    expect(parsed(result.output)).toBe('W');
  });
});
