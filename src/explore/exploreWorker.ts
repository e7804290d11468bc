import { parentPort } from 'node:worker_threads';
import { loadScenarioFile } from '../scenarios/load.js';
import type { ExploreWorkerData, FromExploreWorker } from './runExploration.js';
import { runItems } from './runItems.js';

/**
 * A worker thread of `chaos explore`: loads the exploration's scenario file once, runs its share of
 * the work items on the local target, and posts progress and then its results to the main thread. It
 * starts before the main thread has built the work (its modules load meanwhile) and is sent it in one message.
 */
const post = (message: FromExploreWorker): void => parentPort?.postMessage(message);
parentPort?.once('message', (data: ExploreWorkerData) => void run(data));

async function run(data: ExploreWorkerData): Promise<void> {
  try {
    const file = await loadScenarioFile(data.file, { cwd: data.cwd, text: data.text });
    // Each chunk's results go with its progress report: the main thread reads them while this one runs the next chunk.
    const { coverage } = await runItems(
      file,
      data.items,
      (done, latest) => post({ type: 'progress', done, results: latest }),
      data.handlers,
    );
    post({ type: 'done', coverage });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}
