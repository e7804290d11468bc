import type { DocumentPath } from '../sources/loadErrors.js';
import type { YamlSource } from '../sources/loadYaml.js';
import type { Located } from './types.js';

/** What every step of loading one scenario file needs to know. */
export interface LoadContext {
  /** The parsed scenario file. */
  source: YamlSource;
  /** Folder of the scenario file: relative paths in it start here. */
  dir: string;
  /** Where a value of the scenario file is written (`part: 'key'` for the key of a map entry). */
  at(path: DocumentPath, part?: 'key' | 'value'): Located;
  /** An absolute path as messages show it (relative to the working directory). */
  display(file: string): string;
  /** How long a handler module may take to import. */
  importTimeoutMs: number;
  /** Whether every invoked function needs a local handler (the local target); false for the AWS target. */
  requireHandlers?: boolean;
  /** Told each function's local handler once its file is found (LoadScenarioFileOptions.onHandler). */
  onHandler?: (handler: { file: string; exportName: string }) => void;
}
