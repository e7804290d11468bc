import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../scenarios/publishedSchemas.js';

/**
 * A scenario file with the asteroids state machine alone and one scenario whose fault fires at random
 * (HTTPError on a third of the attempts), written to a fresh folder: what the explore tests explore.
 */
export function asteroidsExploreFile(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sfn-chaos-explore-'));
  const file = join(dir, 'scenarios.yaml');
  writeFileSync(
    file,
    [
      'stateMachines:',
      '  asteroids:',
      `    template: ${join(packageRoot, 'examples/asteroids/template.yaml')}`,
      '    resource: GetAsteroidsDataStepFunction',
      'scenarios:',
      '  - name: HTTPError on a third of the attempts',
      '    stateMachine: asteroids',
      "    input: { date: '2020-04-25' }",
      '    faults:',
      '      - { function: downloadExoplanetsLambda, error: HTTPError, rate: 0.34 }',
      '    expect:',
      '      status: SUCCEEDED',
      '      states:',
      '        ErrorState: { entered: false }',
      '',
    ].join('\n'),
  );
  return { dir, file };
}
