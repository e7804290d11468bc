/**
 * Import rules for src/, checked by `npm run check:imports` (part of `npm test`).
 *
 * Data flows one way: sources → scenario model → run → target → AWS-shaped history → assertions →
 * reports. In import terms the layers are, lowest first:
 *
 *   src/*.ts (errors, random, isoTimestamp,      shared leaves
 *     withFields)
 *   engine, injectors                            the local engine; the injector (also its own package)
 *   sources                                      reading YAML, definitions, templates
 *   scenarios                                    the scenario model
 *   assertions                                   history analysis and expectation checks
 *   plan, targets                                retry plans and lints; the local and AWS targets
 *   run                                          running scenarios on a target, the result types
 *   coverage, reporters                          what a run's results are turned into
 *   verify, conformance, explore                 replaying a local run's attempts with AWS's TestState API;
 *                                                replaying recorded AWS histories on the local engine;
 *                                                running a scenario file's whole fault space (chaos explore)
 *   jest, cli, index.ts                          entry points
 *
 * A layer may import its own layer's folder and any lower layer, never a higher one, and no file may
 * take part in an import cycle (type-only imports included).
 */
const layers = [
  ['engine', 'injectors'],
  ['sources'],
  ['scenarios'],
  ['assertions'],
  ['plan', 'targets'],
  ['run'],
  ['coverage', 'reporters'],
  ['verify', 'conformance', 'explore'],
  ['jest', 'cli'],
];

const folders = (names) => `^src/(${names.join('|')})/`;

/** One rule per layer: its folders may not import any folder of a higher layer. */
const layerRules = layers.slice(0, -1).map((own, index) => ({
  name: `layer-${own.join('-')}`,
  comment: `${own.join(', ')} must not import ${layers
    .slice(index + 1)
    .flat()
    .join(', ')} (see the layer list at the top of .dependency-cruiser.cjs)`,
  severity: 'error',
  from: { path: folders(own) },
  to: { path: folders(layers.slice(index + 1).flat()) },
}));

/** Folders of the same layer are siblings: neither imports the other. */
const siblingRules = layers
  .filter((own) => own.length > 1)
  .flatMap((own) =>
    own.map((name) => ({
      name: `sibling-${name}`,
      comment: `${name} must not import ${own.filter((other) => other !== name).join(', ')} (same layer)`,
      severity: 'error',
      from: { path: folders([name]) },
      to: { path: folders(own.filter((other) => other !== name)) },
    })),
  );

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No file may import itself through a chain of imports (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      comment: 'No folder may import itself through other folders: each folder of src/ sits above or below each other one.',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-leaves',
      comment: 'src/errors.ts, src/random.ts, src/isoTimestamp.ts and src/withFields.ts are leaves: they import nothing from src/.',
      severity: 'error',
      from: { path: '^src/[^/]+[.]ts$', pathNot: '^src/index[.]ts$' },
      to: { path: '^src/' },
    },
    {
      name: 'injector-package',
      comment: 'src/injectors is built as its own package (sfn-chaos-injector): it may import only itself and the shared leaves.',
      severity: 'error',
      from: { path: '^src/injectors/' },
      to: { path: '^src/', pathNot: ['^src/injectors/', '^src/(errors|random|isoTimestamp|withFields)[.]ts$'] },
    },
    ...layerRules,
    ...siblingRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts', '.d.cts'],
    },
  },
};
