/**
 * A small XML reader and a checker for the part of XML Schema that JUnit schemas use: top-level
 * `xs:element`s that are either `type="xs:string"` (text only) or a `complexType` with attributes
 * (optional or required), child elements by `ref` inside sequences and choices, and `mixed` text.
 * Enough to check sfn-chaos's JUnit output against Jenkins' junit-10.xsd without an XSD engine.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text and CDATA directly inside the element, concatenated. */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    const known = ENTITIES[entity];
    if (known === undefined) throw new Error(`unknown entity ${whole}`);
    return known;
  });
}

/** Parses an XML document into its root element; throws on anything malformed. */
export function parseXml(xml: string): XmlElement {
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let at = 0;
  const open = (element: XmlElement): void => {
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root) throw new Error(`a second root element <${element.name}>`);
    else root = element;
  };
  while (at < xml.length) {
    const next = xml.indexOf('<', at);
    const text = xml.slice(at, next < 0 ? xml.length : next);
    if (text.trim() !== '') {
      const parent = stack.at(-1);
      if (!parent) throw new Error(`text outside the root element: ${text.trim().slice(0, 40)}`);
      parent.text += decode(text);
    } else if (stack.length > 0) {
      stack.at(-1)!.text += text;
    }
    if (next < 0) break;
    if (xml.startsWith('<?', next)) at = xml.indexOf('?>', next) + 2;
    else if (xml.startsWith('<!--', next)) at = xml.indexOf('-->', next) + 3;
    else if (xml.startsWith('<![CDATA[', next)) {
      const end = xml.indexOf(']]>', next);
      const parent = stack.at(-1);
      if (end < 0 || !parent) throw new Error('a CDATA section outside an element or never closed');
      parent.text += xml.slice(next + '<![CDATA['.length, end);
      at = end + 3;
    } else if (xml.startsWith('</', next)) {
      const end = xml.indexOf('>', next);
      const name = xml.slice(next + 2, end).trim();
      const closed = stack.pop();
      if (closed?.name !== name) throw new Error(`</${name}> closes <${closed?.name ?? 'nothing'}>`);
      at = end + 1;
    } else {
      const tag = /^<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/.exec(xml.slice(next));
      if (!tag) throw new Error(`malformed tag at offset ${next}: ${xml.slice(next, next + 40)}`);
      const attributes: Record<string, string> = {};
      for (const match of (tag[2] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        const name = match[1]!;
        if (Object.hasOwn(attributes, name)) throw new Error(`attribute ${name} twice on <${tag[1]}>`);
        attributes[name] = decode(match[2] ?? match[3] ?? '');
      }
      const element: XmlElement = { name: tag[1]!, attributes, children: [], text: '' };
      open(element);
      if (tag[3] !== '/') stack.push(element);
      at = next + tag[0].length;
    }
    if (at <= next) throw new Error(`unterminated markup at offset ${next}`);
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}

/** What the schema allows for one element. */
export interface ElementRule {
  /** `false` for `type="xs:string"` elements: text only, no attributes, no children. */
  complex: boolean;
  mixed: boolean;
  attributes: Map<string, { required: boolean }>;
  children: Set<string>;
}

const XS = 'http://www.w3.org/2001/XMLSchema';

/** Reads the top-level element declarations of a schema, keyed by element name. */
export function readSchema(xsd: string): Map<string, ElementRule> {
  const schema = parseXml(xsd);
  const prefix = Object.entries(schema.attributes).find(([name, value]) => name.startsWith('xmlns:') && value === XS)?.[0].slice('xmlns:'.length);
  if (schema.name !== `${prefix}:schema`) throw new Error('not an XML Schema document');
  const xs = (local: string): string => `${prefix}:${local}`;
  const rules = new Map<string, ElementRule>();
  for (const declaration of schema.children.filter((child) => child.name === xs('element'))) {
    const name = declaration.attributes['name'];
    if (name === undefined) throw new Error('a top-level element without a name');
    const type = declaration.children.find((child) => child.name === xs('complexType'));
    if (!type) {
      if (declaration.attributes['type'] !== xs('string')) throw new Error(`${name}: only xs:string simple elements are supported`);
      rules.set(name, { complex: false, mixed: true, attributes: new Map(), children: new Set() });
      continue;
    }
    const rule: ElementRule = { complex: true, mixed: type.attributes['mixed'] === 'true', attributes: new Map(), children: new Set() };
    const visit = (node: XmlElement): void => {
      for (const child of node.children) {
        if (child.name === xs('attribute')) rule.attributes.set(child.attributes['name']!, { required: child.attributes['use'] === 'required' });
        else if (child.name === xs('element')) rule.children.add(child.attributes['ref'] ?? child.attributes['name']!);
        else if (child.name === xs('sequence') || child.name === xs('choice')) visit(child);
        else throw new Error(`${name}: unsupported schema construct <${child.name}>`);
      }
    };
    visit(type);
    rules.set(name, rule);
  }
  return rules;
}

/** Every way `root` breaks the schema's rules, as `path: problem` lines; empty when it conforms. */
export function checkAgainstSchema(root: XmlElement, rules: Map<string, ElementRule>): string[] {
  const problems: string[] = [];
  const walk = (element: XmlElement, path: string): void => {
    const here = `${path}/${element.name}`;
    const rule = rules.get(element.name);
    if (!rule) {
      problems.push(`${here}: no such element in the schema`);
      return;
    }
    for (const attribute of Object.keys(element.attributes)) {
      if (!rule.attributes.has(attribute)) problems.push(`${here}: attribute ${attribute} is not allowed`);
    }
    for (const [attribute, { required }] of rule.attributes) {
      if (required && !Object.hasOwn(element.attributes, attribute)) problems.push(`${here}: required attribute ${attribute} is missing`);
    }
    if (!rule.mixed && element.text.trim() !== '') problems.push(`${here}: text is not allowed`);
    if (!rule.complex && element.children.length > 0) problems.push(`${here}: child elements are not allowed`);
    for (const child of element.children) {
      if (!rule.children.has(child.name)) problems.push(`${here}: <${child.name}> is not allowed here`);
      else walk(child, here);
    }
  };
  walk(root, '');
  return problems;
}
