/**
 * A small XML writer: elements are data, and every text and attribute value is escaped on
 * the way out, so no name, address or description can break the document.
 */
export interface XmlElement {
  name: string;
  attributes?: Record<string, string>;
  children: (XmlElement | string)[];
}

/** An element; children that are undefined (an optional field left out) are skipped. */
export function el(name: string, attributes: Record<string, string> | undefined, ...children: (XmlElement | string | undefined)[]): XmlElement {
  return { name, ...(attributes === undefined ? {} : { attributes }), children: children.filter((c): c is XmlElement | string => c !== undefined) };
}

/**
 * Characters XML 1.0 cannot carry at all, not even as a character reference: C0 controls
 * other than tab, line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. They are
 * removed (a pasted control character is never part of a name or a description).
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeText(value: string): string {
  return value
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    // A carriage return would be normalised away by any XML parser; as a reference it survives.
    .replace(/\r/g, "&#13;");
}

export function escapeAttribute(value: string): string {
  return escapeText(value).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

export function writeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0, out);
  return out.join("");
}

function write(element: XmlElement, depth: number, out: string[]): void {
  const indent = "  ".repeat(depth);
  const attributes = Object.entries(element.attributes ?? {}).map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join("");
  if (element.children.length === 0) {
    out.push(`${indent}<${element.name}${attributes}/>\n`);
  } else if (element.children.every((c) => typeof c === "string")) {
    out.push(`${indent}<${element.name}${attributes}>${escapeText(element.children.join(""))}</${element.name}>\n`);
  } else {
    out.push(`${indent}<${element.name}${attributes}>\n`);
    for (const child of element.children) {
      if (typeof child === "string") out.push(`${indent}  ${escapeText(child)}\n`);
      else write(child, depth + 1, out);
    }
    out.push(`${indent}</${element.name}>\n`);
  }
}
