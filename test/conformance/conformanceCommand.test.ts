import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { conformanceCommand } from '../../src/cli/commands/conformance.js';
import { useQuietStdout } from '../support/quietStdout.js';

// What the commands print goes to a buffer, not jest's output.
useQuietStdout();

const recordedRoot = fileURLToPath(new URL('../fixtures/aws-recorded/', import.meta.url));

function capture(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

describe('Command: chaos conformance', () => {
  it('replays every AWS-recorded case on the local engine and finds each matching', async () => {
    const out = capture();
    const code = await conformanceCommand({ dir: recordedRoot }, out.stream);
    expect(out.text()).toMatch(/^29 of 29 cases match/m);
    expect(code).toBe(0);
  });
});
