import { describe, expect, it } from '@jest/globals';
import { parsed, run } from './helpers.js';

/** `$$` context-object paths in InputPath, OutputPath, ErrorPath and CausePath, as AWS accepts them. */
describe('context paths in InputPath, OutputPath, ErrorPath and CausePath', () => {
  it('InputPath and OutputPath read the context object', async () => {
    const input = await run({ StartAt: 'P', States: { P: { Type: 'Pass', InputPath: '$$.State.Name', End: true } } });
    expect(input.status).toBe('SUCCEEDED');
    expect(parsed(input.output)).toBe('P');
    const output = await run({ StartAt: 'P', States: { P: { Type: 'Pass', OutputPath: '$$.Execution.Name', End: true } } });
    expect(parsed(output.output)).toBe('unit-test');
  });

  it('ErrorPath and CausePath read the context object', async () => {
    const result = await run({ StartAt: 'F', States: { F: { Type: 'Fail', ErrorPath: '$$.State.Name', CausePath: '$$.Execution.Name' } } });
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('F');
    expect(result.cause).toBe('unit-test');
  });
});
