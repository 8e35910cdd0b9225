/** An element of a parsed XML document; names keep their prefix ("bt:Image"). */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = "[A-Za-z_][\\w.:-]*";
const TOKEN = new RegExp(
  [
    "<!--[\\s\\S]*?-->",
    "<\\?[\\s\\S]*?\\?>",
    `<(\\/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(\\/?)>`,
    "([^<]+)",
  ].join("|"),
  "y",
);
const ATTRIBUTE = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, "g");
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));|&/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(ENTITY, (match, named?: string, dec?: string, hex?: string) => {
    if (named) return NAMED[named] ?? match;
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    throw new Error(`Unescaped "&" in XML text`);
  });
}

function parseAttributes(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, double, single] of source.matchAll(ATTRIBUTE)) {
    if (name === undefined) continue;
    if (name in attributes) throw new Error(`Duplicate attribute ${name}`);
    attributes[name] = decode(double ?? single ?? "");
  }
  return attributes;
}

/**
 * A small, strict reader for XML like manifest.xml: elements, attributes, text, comments and
 * the declaration. It throws on anything else and on any nesting error, so a document it
 * accepts is well-formed as far as those constructs go.
 */
export function parseXml(source: string): XmlElement {
  const open: XmlElement[] = [];
  let root: XmlElement | undefined;
  let position = 0;
  while (position < source.length) {
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`Malformed XML at offset ${position}: ${source.slice(position, position + 40)}`);
    position = TOKEN.lastIndex;
    const [, closing, name, attributes, selfClosing, text] = match;
    const parent = open.at(-1);
    if (text !== undefined) {
      if (parent) parent.text += decode(text);
      else if (text.trim() !== "") throw new Error("Text outside the root element");
    } else if (name === undefined) {
      continue; // a comment or the XML declaration
    } else if (closing) {
      if (attributes || selfClosing) throw new Error(`Malformed closing tag </${name}>`);
      const element = open.pop();
      if (element?.name !== name) throw new Error(`</${name}> closes <${element?.name ?? "nothing"}>`);
    } else {
      const element: XmlElement = { name, attributes: parseAttributes(attributes ?? ""), children: [], text: "" };
      if (parent) parent.children.push(element);
      else if (root) throw new Error("More than one root element");
      else root = element;
      if (!selfClosing) open.push(element);
    }
  }
  if (open.length > 0) throw new Error(`Unclosed <${open.at(-1)?.name}>`);
  if (!root) throw new Error("No root element");
  return root;
}

/** Every element under `root` (itself included), in document order, with its ancestors' names. */
export function elementsOf(root: XmlElement): { element: XmlElement; ancestors: string[] }[] {
  const found: { element: XmlElement; ancestors: string[] }[] = [];
  const visit = (element: XmlElement, ancestors: string[]): void => {
    found.push({ element, ancestors });
    for (const child of element.children) visit(child, [...ancestors, element.name]);
  };
  visit(root, []);
  return found;
}
