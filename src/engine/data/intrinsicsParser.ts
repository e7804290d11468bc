/**
 * Parser for the intrinsic function call syntax of JSONPath states (`States.Format('{}', $.name)`).
 * It only splits the text into a call tree; path arguments are kept as text and evaluated later
 * with jsonpath-plus, like every other path.
 */

/** A parsed intrinsic argument or call. */
export type IntrinsicNode =
  | { kind: 'call'; name: string; args: IntrinsicNode[] }
  /** `value` has escapes resolved; `raw` keeps them, because States.Format treats `\{` differently from `{`. */
  | { kind: 'string'; value: string; raw: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  /** `$.a.b`, `$$.State.Name` or `$variable.field`, as written. */
  | { kind: 'path'; path: string };

/** The call syntax is wrong; `detail` says where. */
export class IntrinsicSyntaxError extends Error {
  readonly detail: string;
  constructor(expression: string, position: number, problem: string) {
    super(`${problem} at position ${position} of ${expression}`);
    this.name = 'IntrinsicSyntaxError';
    this.detail = `${problem} at position ${position} of ${expression}`;
  }
}

/** AWS lets a field nest at most this many intrinsic calls. */
export const maxIntrinsicNesting = 10;

const functionNamePattern = /^States\.[A-Za-z0-9]+/;

/** Intrinsic calls start with `States.` where a path would otherwise be written. */
export function isIntrinsicFunctionCall(expression: string): boolean {
  return expression.startsWith('States.');
}

/**
 * Parses a whole `.$` value that is an intrinsic call.
 *
 * @example
 * parseIntrinsic("States.Format('Hello, {}', $.name)");
 * // { kind: 'call', name: 'States.Format', args: [{ kind: 'string', value: 'Hello, {}', … }, { kind: 'path', path: '$.name' }] }
 */
export function parseIntrinsic(expression: string): IntrinsicNode & { kind: 'call' } {
  const parser = new IntrinsicParser(expression);
  const call = parser.parseCall(1);
  parser.skipSpaces();
  if (!parser.atEnd()) throw parser.error('Unexpected text after the closing parenthesis');
  return call;
}

class IntrinsicParser {
  readonly #text: string;
  #position = 0;

  constructor(text: string) {
    this.#text = text;
  }

  error(problem: string): IntrinsicSyntaxError {
    return new IntrinsicSyntaxError(this.#text, this.#position, problem);
  }

  atEnd(): boolean {
    return this.#position >= this.#text.length;
  }

  skipSpaces(): void {
    while (!this.atEnd() && /\s/.test(this.#text[this.#position] as string)) this.#position++;
  }

  parseCall(depth: number): IntrinsicNode & { kind: 'call' } {
    if (depth > maxIntrinsicNesting) throw this.error(`More than ${maxIntrinsicNesting} nested intrinsic functions`);
    const name = functionNamePattern.exec(this.#text.slice(this.#position))?.[0];
    if (name === undefined) throw this.error('Expected an intrinsic function name such as States.Format');
    this.#position += name.length;
    this.skipSpaces();
    if (this.#text[this.#position] !== '(') throw this.error(`Expected "(" after ${name}`);
    this.#position++;
    const args: IntrinsicNode[] = [];
    this.skipSpaces();
    if (this.#text[this.#position] === ')') {
      this.#position++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      this.skipSpaces();
      args.push(this.#parseArgument(depth));
      this.skipSpaces();
      const separator = this.#text[this.#position];
      this.#position++;
      if (separator === ')') return { kind: 'call', name, args };
      if (separator !== ',') {
        this.#position--;
        throw this.error(this.atEnd() ? `Missing ")" to close ${name}` : 'Expected "," or ")" between arguments');
      }
    }
  }

  #parseArgument(depth: number): IntrinsicNode {
    const rest = this.#text.slice(this.#position);
    if (rest.startsWith("'")) return this.#parseString();
    if (rest.startsWith('$')) return { kind: 'path', path: this.#readPath() };
    if (rest.startsWith('States.')) return this.parseCall(depth + 1);
    const literal = /^(true|false|null|-?\d+(\.\d+)?([eE][+-]?\d+)?)(?![\w.$'])/.exec(rest)?.[1];
    if (literal === undefined)
      throw this.error('Expected a string in single quotes, a number, true, false, null, a path or an intrinsic function');
    this.#position += literal.length;
    if (literal === 'null') return { kind: 'null' };
    if (literal === 'true' || literal === 'false') return { kind: 'boolean', value: literal === 'true' };
    return { kind: 'number', value: Number(literal) };
  }

  #parseString(): IntrinsicNode {
    const start = ++this.#position;
    let value = '';
    while (!this.atEnd()) {
      const char = this.#text[this.#position] as string;
      if (char === '\\') {
        const escaped = this.#text[this.#position + 1];
        if (escaped === undefined) break;
        value += escaped;
        this.#position += 2;
        continue;
      }
      if (char === "'") {
        const raw = this.#text.slice(start, this.#position);
        this.#position++;
        return { kind: 'string', value, raw };
      }
      value += char;
      this.#position++;
    }
    this.#position = start - 1;
    throw this.error('Unterminated string');
  }

  /** A path runs to the next `,` or `)` outside brackets and quotes. */
  #readPath(): string {
    const start = this.#position;
    let bracketDepth = 0;
    let quote: string | undefined;
    while (!this.atEnd()) {
      const char = this.#text[this.#position] as string;
      if (quote !== undefined) {
        if (char === '\\') this.#position++;
        else if (char === quote) quote = undefined;
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if (char === '[' || char === '(') {
        bracketDepth++;
      } else if (char === ']' || char === ')') {
        if (bracketDepth === 0) break;
        bracketDepth--;
      } else if (char === ',' && bracketDepth === 0) {
        break;
      }
      this.#position++;
    }
    return this.#text.slice(start, this.#position).trimEnd();
  }
}
