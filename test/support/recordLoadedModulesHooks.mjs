// Module hooks of recordLoadedModules.mjs: appends the URL of every module loaded to the file it was given.
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  appendFileSync(file, `${url.startsWith('file:') ? fileURLToPath(url) : url}\n`);
  return nextLoad(url, context);
}
