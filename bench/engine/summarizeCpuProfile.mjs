/**
 * Prints where a `node --cpu-prof` profile spends its time: the functions and source files with the
 * most self time, and the functions with the most inclusive time (time with them on the stack).
 * Used to find the hot spots when an engine misses a goal:
 *
 *   node --expose-gc --cpu-prof --cpu-prof-dir=/tmp/prof bench/engine/measureCell.mjs sfn-chaos asteroids 3000
 *   node bench/engine/summarizeCpuProfile.mjs /tmp/prof/<file>.cpuprofile [rows]
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const [profileFile, rowsArgument] = process.argv.slice(2);
if (!profileFile) {
  console.error('usage: node summarizeCpuProfile.mjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArgument ?? 25);
const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

const nodesById = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

const sampleMs = new Map();
for (let index = 0; index < profile.samples.length; index++) {
  const delta = (profile.timeDeltas[index] ?? 0) / 1000;
  sampleMs.set(profile.samples[index], (sampleMs.get(profile.samples[index]) ?? 0) + delta);
}
const totalMs = [...sampleMs.values()].reduce((sum, ms) => sum + ms, 0);
const idleNames = new Set(['(idle)', '(program)', '(garbage collector)']);

const selfByFunction = new Map();
const selfByFile = new Map();
const inclusiveByFunction = new Map();
for (const [nodeId, ms] of sampleMs) {
  const node = nodesById.get(nodeId);
  add(selfByFunction, functionLabel(node), ms);
  add(selfByFile, fileLabel(node), ms);
  const onStack = new Set();
  for (let id = nodeId; id !== undefined; id = parentOf.get(id)) onStack.add(functionLabel(nodesById.get(id)));
  for (const label of onStack) add(inclusiveByFunction, label, ms);
}

console.log(`${profileFile}: ${totalMs.toFixed(0)} ms sampled`);
printTop('self time by function', selfByFunction);
printTop('self time by file', selfByFile);
printTop('inclusive time by function', inclusiveByFunction, (label) => !label.startsWith('(root)'));

function add(map, key, ms) {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function fileLabel(node) {
  const { url } = node.callFrame;
  if (!url) return idleNames.has(node.callFrame.functionName) ? node.callFrame.functionName : '(native)';
  const path = url.startsWith('file://') ? fileURLToPath(url) : url;
  return path.startsWith(repositoryRoot) ? relative(repositoryRoot, path) : path;
}

function functionLabel(node) {
  const { functionName, lineNumber } = node.callFrame;
  const file = fileLabel(node);
  return file.startsWith('(') ? functionName || file : `${functionName || '(anonymous)'}  ${file}:${lineNumber + 1}`;
}

function printTop(heading, map, keep = () => true) {
  console.log(`\n${heading}:`);
  const top = [...map]
    .filter(([label]) => keep(label))
    .sort((a, b) => b[1] - a[1])
    .slice(0, rows);
  for (const [label, ms] of top)
    console.log(`  ${((100 * ms) / totalMs).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${label}`);
}
