import { readFile } from 'node:fs/promises';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Tags, type YAMLError } from 'yaml';
import { InvalidInputError } from '../errors.js';
import { firstLine, type DocumentPath } from './loadErrors.js';
import type { SourceLocation } from '../errors.js';
import type { Located } from './located.js';

/**
 * A YAML (or JSON) file parsed with positions kept, so that any value found later can be traced
 * back to its line and column.
 */
export interface YamlSource {
  /** The path shown in messages (relative to the working directory). */
  file: string;
  text: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

export interface ParseYamlOptions {
  /** Extra tags the document may use (CloudFormation's `!Ref`, `!Sub`, …). */
  customTags?: Tags;
  /** Said after an unknown tag, e.g. `scenario files use plain YAML`. */
  unknownTagHint?: string;
}

/** Reads a file the scenario names; failures are reported at `at` (the line that names the file). */
export async function readSourceText(file: string, what: string, at: SourceLocation): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${code ?? firstLine(String(error))})`;
    throw new InvalidInputError(`${what} ${reason}`, at, { cause: error });
  }
}

/** Aliases expanded when turning a document into plain values; more suggests a YAML bomb. */
const MAX_ALIAS_COUNT = 1000;

/**
 * Parses YAML (JSON is a subset) and throws an {@link InvalidInputError} at the first syntax
 * error, duplicate key or unknown tag.
 */
export function parseYamlSource(text: string, file: string, options: ParseYamlOptions = {}): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    ...(options.customTags ? { customTags: options.customTags } : {}),
  });
  const source: YamlSource = { file, text, doc, lineCounter };
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    let offset = problem.pos[0];
    // A repeated key whose value is a block is reported just before the key, at the end of the line above.
    if (problem.code === 'DUPLICATE_KEY') while (offset < text.length && /\s/.test(text[offset] ?? '')) offset++;
    throw new InvalidInputError(describeYamlProblem(source, problem, offset, options), locationAt(source, offset));
  }
  return source;
}

/**
 * A {@link YamlSource} of text already known to parse (plain JSON), whose document and line positions are only
 * parsed when first used: most runs never locate anything in a definition file.
 *
 * @example
 * const source = deferredYamlSource('{"StartAt": "A"}', 'statemachine.asl.json');
 * locationAt(source, 1); // parses now: { file: 'statemachine.asl.json', line: 1, column: 2 }
 */
export function deferredYamlSource(text: string, file: string, options: ParseYamlOptions = {}): YamlSource {
  let parsed: YamlSource | undefined;
  const parse = (): YamlSource => {
    parsed ??= parseYamlSource(text, file, options);
    return parsed;
  };
  return {
    file,
    text,
    get doc() {
      return parse().doc;
    },
    get lineCounter() {
      return parse().lineCounter;
    },
  };
}

/** The document as plain JavaScript values. */
export function toPlainValue(source: YamlSource): unknown {
  try {
    return source.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    throw new InvalidInputError(`cannot read the YAML: ${firstLine((error as Error).message)}`, locationAt(source, 0));
  }
}

function describeYamlProblem(source: YamlSource, problem: YAMLError, offset: number, options: ParseYamlOptions): string {
  switch (problem.code) {
    case 'DUPLICATE_KEY': {
      const key = keyTextAt(source.doc.contents, offset);
      return `duplicate key${key === undefined ? '' : ` ${JSON.stringify(key)}`}; each key may appear once in a mapping`;
    }
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one YAML document (a second "---"); keep everything in one document';
    case 'TAG_RESOLVE_FAILED': {
      const tag = /tag:?\s*(\S+)/i.exec(problem.message)?.[1];
      return `unknown tag ${tag ?? ''}${options.unknownTagHint ? `; ${options.unknownTagHint}` : ''}`.replace(/ ;/, ';');
    }
    default:
      if (problem.message.includes('Maximum call stack')) return 'the YAML nests too deeply to read';
      return `invalid YAML: ${firstLine(problem.message).replace(/ at line \d+, column \d+:?$/, '')}`;
  }
}

function keyTextAt(node: unknown, offset: number, depth = 0): string | undefined {
  if (depth > 200) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (key && isScalar(key) && key.range?.[0] === offset) return String(key.value);
      const inKey = keyTextAt(key, offset, depth + 1) ?? keyTextAt(pair.value, offset, depth + 1);
      if (inKey !== undefined) return inKey;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inItem = keyTextAt(item, offset, depth + 1);
      if (inItem !== undefined) return inItem;
    }
  }
  return undefined;
}

/** 1-based line and column of a character offset. */
export function locationAt(source: YamlSource, offset: number): Located {
  const { line, col } = source.lineCounter.linePos(Math.max(0, Math.min(offset, source.text.length)));
  return { file: source.file, line, column: col };
}

/** Where a node starts; the document start when there is no node. */
export function locateNode(source: YamlSource, node: Node | null | undefined): Located {
  const start = node?.range?.[0] ?? 0;
  // A tagged node's range starts after its tag; `!ImportValue x` reads better located at the tag.
  const tag = (node as { tag?: string } | null | undefined)?.tag;
  if (tag?.startsWith('!') && !tag.startsWith('!!')) {
    const at = source.text.lastIndexOf(tag, start);
    if (at >= 0 && source.text.slice(at + tag.length, start).trim() === '') return locationAt(source, at);
  }
  return locationAt(source, start);
}

/** Follows aliases to the node they stand for. */
export function unalias(source: YamlSource, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 100 && isAlias(current); hops++) current = current.resolve(source.doc);
  return current;
}

/** What {@link findNode} reached: the deepest node on the path, and its key when it is a map value. */
export interface FoundNode {
  node: Node | null;
  keyNode?: Node;
  /** How many path segments were matched; less than the path's length when the path leaves the document. */
  matched: number;
}

/** Walks a path of keys and indexes from `root`, as far as the document goes. */
export function findNode(source: YamlSource, root: unknown, path: DocumentPath): FoundNode {
  let node = unalias(source, root) as Node | null;
  let keyNode: Node | undefined;
  let matched = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((candidate) => {
        const key = unalias(source, candidate.key);
        return isScalar(key) && String(key.value) === String(segment);
      });
      if (!pair) break;
      keyNode = pair.key as Node;
      node = unalias(source, pair.value) as Node | null;
    } else if (isSeq(node)) {
      const index = typeof segment === 'number' ? segment : Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= node.items.length) break;
      keyNode = undefined;
      node = unalias(source, node.items[index]) as Node | null;
    } else {
      break;
    }
    matched++;
  }
  return keyNode === undefined ? { node, matched } : { node, keyNode, matched };
}

/**
 * Where the value at `path` is written. With `part: 'key'` a map entry is located by its key
 * (`rate:` rather than the number after it). A path that leaves the document is located at the
 * deepest node it reached.
 */
export function locatePath(
  source: YamlSource,
  path: DocumentPath,
  part: 'key' | 'value' = 'value',
  root: unknown = source.doc.contents,
): Located {
  const found = findNode(source, root, path);
  if (found.matched === path.length && part === 'key' && found.keyNode) return locateNode(source, found.keyNode);
  if (found.node === null && found.keyNode) return locateNode(source, found.keyNode);
  return locateNode(source, found.node ?? (unalias(source, root) as Node | null));
}
