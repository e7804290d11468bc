import { afterEach, beforeEach, jest } from '@jest/globals';

/**
 * Keeps what the CLI commands write straight to `process.stdout` (results, report paths, the closing
 * `N passed, N failed` summary) out of jest's own output while each test of the calling file runs. The
 * text is kept, so a test can still read it.
 *
 * @example
 * const stdout = useQuietStdout();
 * it('prints the summary', async () => {
 *   await runCommand({ file: 'scenarios.yaml' });
 *   expect(stdout.text()).toContain('passed');
 * });
 */
export function useQuietStdout(): { text: () => string } {
  let written = '';
  let spy: { mockRestore: () => void } | undefined;
  beforeEach(() => {
    written = '';
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    });
  });
  afterEach(() => {
    spy?.mockRestore();
  });
  return { text: () => written };
}
