import { fileURLToPath, pathToFileURL } from 'node:url';
import { getOriginalHandler, loadScenarioFile } from '../../../dist/index.js';
import { causeMessageOf } from './lambdaCause.mjs';

const scenarioFile = fileURLToPath(new URL('./asteroids.scenarios.yaml', import.meta.url));

/**
 * Workload (a): the asteroids example, loaded the way `chaos run` loads it (SAM template, handler
 * modules, the scenario's fault), with "Download Exoplanets" failing with HTTPError on every
 * attempt: 4 attempts, 10 + 20 + 40 s of backoff, then the catcher sends it to ErrorState.
 *
 * @returns {Promise<import('./types.mjs').Workload>}
 */
export async function loadAsteroidsHttpErrorWorkload() {
  const file = await loadScenarioFile(scenarioFile);
  const scenario = file.scenarios[0];
  const stateMachine = file.stateMachines[scenario.stateMachine];

  const functions = [];
  for (const spec of stateMachine.functions) {
    const module = await import(pathToFileURL(spec.handlerFile).href);
    functions.push({
      key: spec.key,
      name: spec.functionName,
      arn: spec.arn,
      timeoutSeconds: spec.timeoutSeconds,
      // The example handlers are already wrapped; the bench arms the plain handler, as the local target does.
      handler: getOriginalHandler(module[spec.handlerExport]),
      faults: scenario.faults.filter((fault) => fault.function === spec.key).map((fault) => fault.rule),
    });
  }

  return {
    id: 'asteroids',
    title: '"Download Exoplanets" fails with HTTPError on all 4 attempts (10/20/40 s backoff), caught into ErrorState',
    definition: stateMachine.definition,
    input: scenario.input,
    functions,
    taskFunctions: taskFunctionsOf(stateMachine.definition, stateMachine.functions),
    attemptKeyOf: (stateName) => stateName,
    // ErrorState is a Pass without ResultPath, so the output is the catcher's error output.
    comparableOutput: (output) => ({ Error: output?.Error, causeMessage: causeMessageOf(output?.Cause) }),
    expected: {
      status: 'SUCCEEDED',
      output: { Error: 'HTTPError', causeMessage: 'b00m' },
      counts: {
        DownloadBennerFunction: { invocations: 1, injectedFaults: 0 },
        DownloadExoplanetsFunction: { invocations: 4, injectedFaults: 4 },
      },
      virtualSeconds: 70,
    },
  };
}

function taskFunctionsOf(definition, functionSpecs) {
  const taskFunctions = {};
  for (const [stateName, state] of Object.entries(definition.States)) {
    if (state.Type !== 'Task') continue;
    const spec = functionSpecs.find((candidate) => candidate.refs.includes(state.Resource) || candidate.arn === state.Resource);
    if (!spec) throw new Error(`asteroids: no local function for Task "${stateName}" (${state.Resource})`);
    taskFunctions[stateName] = spec.key;
  }
  return taskFunctions;
}
