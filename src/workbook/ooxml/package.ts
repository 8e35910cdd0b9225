import { crc32, deflateRawSync } from "node:zlib";
import { WorkbookFileError, copiedPart, packZip, type PackedPart, type Zip, type ZipEntry } from "../xlsx-file";
import { RELATIONSHIPS, appendChild, attribute, damagedPart, escapeXmlAttribute, parseXml, partLabel, qualified, type XmlElement } from "./xml";

// An .xlsx package kept as it was read: parts Interim does not change are written back as the
// very bytes stored in the zip (their compression and CRC untouched), so whatever no library
// models (charts, pivot tables, extensions of newer Excel) survives a write.

export interface Relationship {
  id: string;
  type: string;
  /** as written */
  target: string;
  external: boolean;
}

/** Kinds whose type lives under the package's namespace rather than the office document's. */
const PACKAGE_KINDS: Record<string, string> = {
  "core-properties": "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
  thumbnail: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
};
const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types";
const CONTENT_TYPES = "[Content_Types].xml";
/** Above this, a part is deflated at the fastest level: a large sheet must write in seconds. */
const FAST_DEFLATE_BYTES = 1_000_000;

/** The last path segment of a relationship type URI ("worksheet", "table", ...). */
export function relationshipKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

/** The transitional relationship type URI of a kind. */
export function relationshipType(kind: string): string {
  return PACKAGE_KINDS[kind] ?? `${RELATIONSHIPS}/${kind}`;
}

/** The part name of a part's relationships: xl/_rels/workbook.xml.rels for xl/workbook.xml, _rels/.rels for the root (""). */
function relationshipsPart(source: string): string {
  const slash = source.lastIndexOf("/");
  return `${source.slice(0, slash + 1)}_rels/${source.slice(slash + 1)}.rels`;
}

function folderOf(part: string): string[] {
  return part.split("/").slice(0, -1);
}

/** `../x`, `/xl/x` and `x` resolved against the source's folder. */
function resolveTarget(source: string, target: string): string {
  const steps = target.startsWith("/") ? [] : folderOf(source);
  for (const step of target.replace(/^\/+/, "").split("/")) {
    if (step === "..") steps.pop();
    else if (step !== "." && step !== "") steps.push(step);
  }
  return steps.join("/");
}

function relativeTarget(source: string, part: string): string {
  const from = folderOf(source);
  const to = part.split("/");
  let shared = 0;
  while (shared < from.length && shared < to.length - 1 && from[shared]?.toLowerCase() === to[shared]?.toLowerCase()) shared += 1;
  return [...from.slice(shared).map(() => ".."), ...to.slice(shared)].join("/");
}

interface Stored {
  /** The spelling the part was given. */
  name: string;
  entry: ZipEntry | undefined;
  /** Current text, once read or set. */
  text: string | undefined;
  changed: boolean;
}

const key = (part: string): string => part.toLowerCase();

export class Package {
  private readonly stored = new Map<string, Stored>();
  private dirty = false;

  private constructor(
    readonly label: string,
    private readonly zip: Zip | undefined,
  ) {}

  /** `label` names the file in error messages. Parts named without a leading slash. */
  static fromZip(label: string, zip: Zip): Package {
    const pkg = new Package(label, zip);
    for (const entry of zip.entries) pkg.stored.set(key(entry.name), { name: entry.name, entry, text: undefined, changed: false });
    if (!pkg.has(CONTENT_TYPES)) {
      throw new WorkbookFileError("UNREADABLE", `${label} is damaged: it has no part ${CONTENT_TYPES}, so it is not an .xlsx workbook Excel could open. Restore a good copy, then run the command again.`);
    }
    return pkg;
  }

  /**
   * A new workbook's package: the least Excel and LibreOffice open, with document properties
   * naming Interim; the caller adds its sheets.
   */
  static create(stylesXml: string): Package {
    const pkg = new Package("The new workbook", undefined);
    const types = "application/vnd.openxmlformats-";
    pkg.set(
      CONTENT_TYPES,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${CONTENT_TYPES_NS}"><Default Extension="rels" ContentType="${types}package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    );
    pkg.set("_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS_NS}"/>`);
    const created = new Date().toISOString().replace(/\.\d+Z$/, "Z");
    const parts: [string, string, string, string][] = [
      [
        "xl/workbook.xml",
        "officeDocument",
        `${types}officedocument.spreadsheetml.sheet.main+xml`,
        `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${RELATIONSHIPS}"><sheets/><calcPr calcId="191029"/></workbook>`,
      ],
      [
        "docProps/core.xml",
        "core-properties",
        `${types}package.core-properties+xml`,
        `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Interim</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${created}</dcterms:modified></cp:coreProperties>`,
      ],
      [
        "docProps/app.xml",
        "extended-properties",
        `${types}officedocument.extended-properties+xml`,
        `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Interim</Application></Properties>`,
      ],
    ];
    for (const [part, kind, contentType, text] of parts) {
      pkg.set(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${text}`);
      pkg.setContentType(part, contentType);
      pkg.addRelationship("", kind, part);
    }
    pkg.set("xl/styles.xml", stylesXml);
    pkg.setContentType("xl/styles.xml", `${types}officedocument.spreadsheetml.styles+xml`);
    pkg.addRelationship("xl/workbook.xml", "styles", "xl/styles.xml");
    return pkg;
  }

  has(part: string): boolean {
    return this.stored.has(key(part));
  }

  /** Current content as text (what set() gave, else the original inflated). Throws if absent. */
  text(part: string): string {
    const stored = this.stored.get(key(part));
    if (stored === undefined) throw new Error(`The package has no part ${part}.`);
    if (stored.text === undefined) {
      if (stored.entry === undefined || this.zip === undefined) throw new Error(`The part ${part} has no content.`);
      stored.text = this.zip.text(stored.entry);
    }
    return stored.text;
  }

  set(part: string, text: string): void {
    const stored = this.stored.get(key(part));
    if (stored === undefined) this.stored.set(key(part), { name: part, entry: undefined, text, changed: true });
    else Object.assign(stored, { text, changed: true });
    this.dirty = true;
  }

  /** Removes a part, its content-type Override and its own .rels part. */
  delete(part: string): void {
    if (!this.stored.delete(key(part))) return;
    this.dirty = true;
    this.editContentTypes((elements, text) => {
      const override = this.override(elements, part);
      return override === undefined ? text : text.slice(0, override.start) + text.slice(override.end);
    });
    const rels = relationshipsPart(part);
    if (this.has(rels)) this.delete(rels);
  }

  parts(): string[] {
    return [...this.stored.values()].map((stored) => stored.name);
  }

  /** The relationships of a part ("" for the package root: _rels/.rels); [] when it has no .rels part. */
  relationships(source: string): Relationship[] {
    return this.relationshipElements(source).map(({ relationship }) => relationship);
  }

  /** Adds one (Id unique in that .rels, target written relative to the source part, creating the .rels part when needed); returns its Id. */
  addRelationship(source: string, kind: string, targetPart: string): string {
    const rels = relationshipsPart(source);
    if (!this.has(rels)) {
      this.set(rels, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${RELATIONSHIPS_NS}"/>`);
    }
    const taken = new Set(this.relationships(source).map(({ id }) => id.toLowerCase()));
    let n = 1;
    while (taken.has(`rid${n}`)) n += 1;
    const id = `rId${n}`;
    const text = this.text(rels);
    const root = parseXml(this.label, rels, text)[0];
    if (root === undefined) throw damagedPart(partLabel(this.label, rels));
    const markup = `<${qualified(root, "Relationship")} Id="${id}" Type="${escapeXmlAttribute(relationshipType(kind))}" Target="${escapeXmlAttribute(relativeTarget(source, targetPart))}"/>`;
    this.set(rels, appendChild(text, root, markup));
    return id;
  }

  removeRelationship(source: string, id: string): void {
    const found = this.relationshipElements(source).find(({ relationship }) => relationship.id === id);
    if (found === undefined) return;
    const rels = relationshipsPart(source);
    const text = this.text(rels);
    this.set(rels, text.slice(0, found.element.start) + text.slice(found.element.end));
  }

  /** The part a relationship points to, as a part name (handles "../x", "/xl/x" as openpyxl writes, "x"); undefined for an external one. */
  targetOf(source: string, relationship: Relationship): string | undefined {
    if (relationship.external) return undefined;
    const resolved = resolveTarget(source, relationship.target.replace(/#.*$/, ""));
    const spelled = this.stored.get(key(resolved)) ?? this.stored.get(key(safeDecodeUri(resolved)));
    return spelled?.name ?? resolved;
  }

  /** Targets of the source's relationships of a kind (by relationshipKind). */
  targetsOfKind(source: string, kind: string): string[] {
    return this.relationships(source)
      .filter((relationship) => relationshipKind(relationship.type) === kind)
      .flatMap((relationship) => this.targetOf(source, relationship) ?? []);
  }

  /** The content type: the part's Override, else the Default of its extension. */
  contentType(part: string): string | undefined {
    const elements = this.contentTypeElements();
    const override = this.override(elements, part);
    if (override !== undefined) return attribute(override, "ContentType");
    const extension = /\.([^./]+)$/.exec(part)?.[1]?.toLowerCase();
    const fallback = elements.find((element) => this.isType(element, "Default") && attribute(element, "Extension")?.toLowerCase() === extension);
    return fallback === undefined ? undefined : attribute(fallback, "ContentType");
  }

  /** Sets an Override for the part (replacing one there). */
  setContentType(part: string, contentType: string): void {
    this.editContentTypes((elements, text) => {
      const root = elements[0];
      if (root === undefined) throw damagedPart(partLabel(this.label, CONTENT_TYPES));
      const markup = `<${qualified(root, "Override")} PartName="/${escapeXmlAttribute(part)}" ContentType="${escapeXmlAttribute(contentType)}"/>`;
      const override = this.override(elements, part);
      return override === undefined ? appendChild(text, root, markup) : text.slice(0, override.start) + markup + text.slice(override.end);
    });
  }

  /** The first free part name `pattern(n)` for n = 1, 2, ... (case-insensitive, as part names compare). */
  freePartName(pattern: (n: number) => string): string {
    let n = 1;
    while (this.has(pattern(n))) n += 1;
    return pattern(n);
  }

  /** Whether any part changed. */
  get changed(): boolean {
    return this.dirty;
  }

  /**
   * The zip: [Content_Types].xml first (as Excel writes it, and some readers expect), then every
   * part in its original order, then new ones; unchanged parts copied as stored.
   */
  toBuffer(): Buffer {
    const all = [...this.stored.values()];
    const types = all.filter((stored) => key(stored.name) === key(CONTENT_TYPES));
    const others = all.filter((stored) => key(stored.name) !== key(CONTENT_TYPES));
    const original = others.filter((stored) => stored.entry !== undefined);
    const added = others.filter((stored) => stored.entry === undefined);
    return packZip([...types, ...original, ...added].map((stored) => this.packed(stored)));
  }

  private packed(stored: Stored): PackedPart {
    if (!stored.changed && stored.entry !== undefined && this.zip !== undefined) return copiedPart(this.zip, stored.entry);
    const content = Buffer.from(this.text(stored.name), "utf8");
    const level = content.length > FAST_DEFLATE_BYTES ? 1 : 6;
    return { name: stored.name, method: 8, crc: crc32(content), size: content.length, data: deflateRawSync(content, { level }) };
  }

  private relationshipElements(source: string): { relationship: Relationship; element: XmlElement }[] {
    const rels = relationshipsPart(source);
    if (!this.has(rels)) return [];
    return parseXml(this.label, rels, this.text(rels)).flatMap((element) => {
      if (element.local !== "Relationship" || element.uri !== RELATIONSHIPS_NS) return [];
      const relationship: Relationship = {
        id: attribute(element, "Id") ?? "",
        type: attribute(element, "Type") ?? "",
        target: attribute(element, "Target") ?? "",
        external: attribute(element, "TargetMode") === "External",
      };
      return [{ relationship, element }];
    });
  }

  private contentTypeElements(): XmlElement[] {
    return parseXml(this.label, CONTENT_TYPES, this.text(CONTENT_TYPES));
  }

  private editContentTypes(edit: (elements: XmlElement[], text: string) => string): void {
    const text = this.text(CONTENT_TYPES);
    const edited = edit(this.contentTypeElements(), text);
    if (edited !== text) this.set(CONTENT_TYPES, edited);
  }

  private isType(element: XmlElement, local: string): boolean {
    return element.local === local && element.uri === CONTENT_TYPES_NS;
  }

  private override(elements: readonly XmlElement[], part: string): XmlElement | undefined {
    const name = key(`/${part}`);
    return elements.find((element) => {
      if (!this.isType(element, "Override")) return false;
      const partName = key(attribute(element, "PartName") ?? "");
      return partName === name || key(safeDecodeUri(partName)) === name;
    });
  }
}

/** A percent-encoded part name as the zip names it; the name itself when it is not valid encoding. */
function safeDecodeUri(name: string): string {
  try {
    return decodeURIComponent(name);
  } catch {
    // Not percent-encoding (a lone "%" is a legal character of a name); the name stands as written.
    return name;
  }
}
