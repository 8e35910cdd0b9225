import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from "saxes";
import { WorkbookFileError } from "../xlsx-file";

// The XML every part module shares: parsing a part with the spans of its elements, the one
// escaping of text and attribute values, the one error for a damaged part, and edits that keep
// every byte they do not change. The edits come in two forms: on a parsed part's elements, and
// on an element's own text, for the worksheet, whose size rules out a tree of its elements.

/** The spreadsheetml main namespace, transitional (what Excel writes) and Strict Open XML. */
export const SPREADSHEETML = new Set(["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"]);
/** The transitional officeDocument relationships namespace: of the r:id attributes new markup writes, and the base of most relationship types. */
export const RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/** The namespaces of relationship ids, transitional and Strict. */
export const RELATIONSHIP_NAMESPACES = new Set([RELATIONSHIPS, "http://purl.oclc.org/ooxml/officeDocument/relationships"]);

/** An element of a parsed part, with where its markup sits in the part's text. */
export interface XmlElement {
  local: string;
  uri: string;
  prefix: string;
  /** Attributes by qualified name, values decoded. */
  attributes: Record<string, SaxesAttributeNS>;
  /** Namespaces this element declares, by prefix ("" for the default). */
  declares: Record<string, string>;
  parent: XmlElement | undefined;
  /** Where the opening tag starts and ends (just after its ">"). */
  start: number;
  openEnd: number;
  selfClosing: boolean;
  /** Where the closing tag starts (openEnd for a self-closing element) and ends. */
  closeStart: number;
  end: number;
  /** The element's own text content, decoded. */
  text: string;
}

/**
 * Every element of a part in document order, with its spans, so that an edit can splice the
 * original text and keep every byte it does not change. Throws a damaged-file error naming the part.
 */
export function parseXml(label: string, part: string, text: string): XmlElement[] {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const elements: XmlElement[] = [];
  let open: XmlElement | undefined;
  parser.on("opentag", (tag: SaxesTagNS) => {
    const openEnd = parser.position;
    const element: XmlElement = {
      local: tag.local,
      uri: tag.uri,
      prefix: tag.prefix,
      attributes: tag.attributes,
      declares: tag.ns ?? {},
      parent: open,
      start: text.lastIndexOf("<", openEnd - 1),
      openEnd,
      selfClosing: tag.isSelfClosing,
      closeStart: openEnd,
      end: openEnd,
      text: "",
    };
    elements.push(element);
    open = element;
  });
  parser.on("closetag", () => {
    if (open === undefined) return;
    open.end = parser.position;
    if (!open.selfClosing) open.closeStart = text.lastIndexOf("<", parser.position - 1);
    open = open.parent;
  });
  const addText = (content: string): void => {
    if (open !== undefined) open.text += content;
  };
  parser.on("text", addText);
  parser.on("cdata", addText);
  try {
    parser.write(text).close();
  } catch (error) {
    throw damagedPart(partLabel(label, part), undefined, error);
  }
  return elements;
}

/** How messages name a part: the file, then the part ("book.xlsx, part xl/styles.xml"). */
export function partLabel(label: string, part: string): string {
  return `${label}, part ${part}`;
}

/**
 * The error for a part Interim cannot read: `where` names the file and the part (partLabel),
 * `what` says what is wrong in words a user can act on. A parser's own words (line, column,
 * what it expected) mean nothing to a person billing a contract; they stay in `cause`.
 */
export function damagedPart(where: string, what = "it is not well-formed XML", cause?: unknown): WorkbookFileError {
  const error = new WorkbookFileError(
    "UNREADABLE",
    `${where} is damaged: ${what}. Open the workbook in Excel (which offers to repair it) and save it, or restore a good copy; then run the command again.`,
  );
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** An unprefixed attribute's value. */
export function attribute(element: XmlElement, local: string): string | undefined {
  return element.attributes[local]?.value;
}

/** The qualified name of a new element in the namespace of `root` (its prefix, or none when it is the default). */
export function qualified(root: XmlElement, local: string): string {
  return root.prefix === "" ? local : `${root.prefix}:${local}`;
}

/** A part's text with `markup` inserted as the last child of `element` (a self-closing one is opened). */
export function appendChild(text: string, element: XmlElement, markup: string): string {
  if (!element.selfClosing) return text.slice(0, element.closeStart) + markup + text.slice(element.closeStart);
  return text.slice(0, element.start) + withChildText(text.slice(element.start, element.end), markup) + text.slice(element.end);
}

/** Characters XML 1.0 does not allow (and Excel refuses): C0 controls but tab and line ends, unpaired surrogates, U+FFFE/F. */
// eslint-disable-next-line no-control-regex -- these are the very characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

/** What escaping changes; most text has none of it, and the test is cheaper than the replacements. */
// eslint-disable-next-line no-control-regex -- the forbidden characters above, and the ones escaped
const NEEDS_ESCAPING = /[\u0000-\u001F&<>\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text as an element's content, without the characters Excel refuses to open. */
export function escapeXmlText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text.replace(FORBIDDEN, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text as a double-quoted attribute value, without the characters Excel refuses to open. */
export function escapeXmlAttribute(text: string): string {
  // Line ends and tabs as references: an XML reader turns literal ones in attributes into spaces.
  return escapeXmlText(text).replace(/"/g, "&quot;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}

/** An element's text (or an opening tag) with attributes of its opening tag set (undefined removes one); the rest of the text is kept. */
export function withAttributes(element: string, updates: Readonly<Record<string, string | undefined>>): string {
  const end = tagEnd(element);
  let tag = element.slice(0, end);
  const selfClosing = tag.endsWith("/");
  if (selfClosing) tag = tag.slice(0, -1);
  for (const [name, value] of Object.entries(updates)) {
    const present = attributePattern(name).exec(tag);
    const written = value === undefined ? "" : ` ${name}="${escapeXmlAttribute(value)}"`;
    if (present !== null) tag = tag.slice(0, present.index) + written + tag.slice(present.index + present[0].length);
    else tag = tag.trimEnd() + written;
  }
  return `${tag}${selfClosing ? "/" : ""}${element.slice(end)}`;
}

/** An attribute's value in a tag's text (no entity decoding: for numbers and names). */
export function attributeInTag(tag: string, name: string): string | undefined {
  const match = attributePattern(name).exec(tag);
  return match === null ? undefined : (match[1] ?? match[2]);
}

/** The opening tag that starts an element's text, as a tag that is not self-closing (`<x a="1"/>` as `<x a="1">`). */
export function openedTag(element: string): string {
  const tag = element.slice(0, tagEnd(element) + 1);
  return tag.endsWith("/>") ? `${tag.slice(0, -2).trimEnd()}>` : tag;
}

/** An element's text with a child appended as its last child (a self-closing element is opened). */
export function withChildText(element: string, child: string): string {
  if (element[tagEnd(element) - 1] === "/") return withContentText(element, child);
  const close = element.lastIndexOf("</");
  return element.slice(0, close) + child + element.slice(close);
}

/** An element's text with its content replaced (its opening tag kept). */
export function withContentText(element: string, content: string): string {
  const open = openedTag(element);
  return `${open}${content}</${/^<([^\s/>]+)/.exec(open)?.[1] ?? ""}>`;
}

/** Where the opening tag at the start of `text` ends: its first ">" outside a quoted attribute value. */
function tagEnd(text: string): number {
  let quote = "";
  for (let at = 0; at < text.length; at += 1) {
    const char = text[at];
    if (quote !== "") {
      if (char === quote) quote = "";
    } else if (char === '"' || char === "'") quote = char;
    else if (char === ">") return at;
  }
  return text.length;
}

const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

/** Matches ` name="value"` (or single quotes) in a tag; built once per name, as rows are rebuilt by the thousand. */
function attributePattern(name: string): RegExp {
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTRIBUTE_PATTERNS.set(name, pattern);
  }
  return pattern;
}
