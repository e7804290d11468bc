import { parentPort, workerData } from 'node:worker_threads';
import { loadScenarioFile } from '../scenarios/load.js';
import type { ExploreWorkerData, ExploreWorkerStart, FromExploreWorker } from './runExploration.js';
import { runItems } from './runItems.js';

/**
 * A worker thread of `chaos explore`: loads the exploration's scenario file once, runs its share of
 * the work items on the local target, and posts progress and then its results to the main thread. It
 * starts before the main thread has built the work and is sent it in one message; meanwhile it loads the
 * file the exploration is built from (`workerData`), so that its handlers are imported and the loader is warm
 * by then. A failure there is not this thread's to report: the main thread loads the same file and reports it.
 */
const post = (message: FromExploreWorker): void => parentPort?.postMessage(message);
const start = workerData as ExploreWorkerStart | undefined;
const warmedUp =
  start === undefined
    ? Promise.resolve()
    : loadScenarioFile(start.file, { cwd: start.cwd, ...(start.text === undefined ? {} : { text: start.text }) }).then(
        () => undefined,
        () => undefined,
      );
parentPort?.once('message', (data: ExploreWorkerData) => void run(data));

async function run(data: ExploreWorkerData): Promise<void> {
  try {
    await warmedUp;
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
