import { WorkbookFileError } from "../xlsx-file";
import { relationshipKind, type Package } from "./package";
import { RELATIONSHIPS, RELATIONSHIP_NAMESPACES, SPREADSHEETML, appendChild, attribute, damagedPart, escapeXmlAttribute, escapeXmlText, parseXml, partLabel, qualified, withAttributes, type XmlElement } from "./xml";

// xl/workbook.xml edited in place: its sheets and defined names change, and every other byte
// (file version, protection, views, pivot caches, extensions of newer Excel) stays as it was.

export interface SheetEntry {
  name: string;
  /** part name, undefined for a sheet whose relationship is missing */
  part: string | undefined;
  relationshipId: string;
  sheetId: number;
  state: "visible" | "hidden" | "veryHidden";
  /** worksheet, chartsheet, dialogsheet, macrosheet: by the relationship kind */
  kind: string;
}

export interface DefinedName {
  name: string;
  /** 0-based index of the sheet it is local to */
  localSheet: number | undefined;
  hidden: boolean;
  text: string;
}

const WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** CT_Workbook's children in schema order: Excel calls a workbook corrupt when they come in another. */
const WORKBOOK_ORDER = [
  "fileVersion",
  "fileSharing",
  "workbookPr",
  "workbookProtection",
  "bookViews",
  "sheets",
  "functionGroups",
  "externalReferences",
  "definedNames",
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

/** What Excel takes for a sheet's name: 1 to 31 characters, none of : \ / ? * [ ], no apostrophe first or last. */
const SHEET_NAME = /^(?!')[^:\\/?*[\]]{1,31}(?<!')$/;
const STATES = new Set<SheetEntry["state"]>(["visible", "hidden", "veryHidden"]);
const TRUE = new Set(["1", "true"]);

export class WorkbookPart {
  private text: string;
  private elements: XmlElement[];
  private dirty = false;

  private constructor(
    private readonly pkg: Package,
    readonly part: string,
  ) {
    this.text = pkg.text(part);
    this.elements = parseXml(pkg.label, part, this.text);
    if (!this.isMain(this.root(), "workbook")) throw damagedPart(partLabel(pkg.label, part), "it is not a workbook");
  }

  /** The workbook part the package root points to (officeDocument relationship). */
  static read(pkg: Package): WorkbookPart {
    const part = pkg.targetsOfKind("", "officeDocument")[0];
    if (part === undefined || !pkg.has(part)) {
      throw new WorkbookFileError(
        "UNREADABLE",
        `${pkg.label} is damaged: its part _rels/.rels does not point to a workbook part that is there. Open it in Excel (which offers to repair it) or restore a good copy, then run the command again.`,
      );
    }
    return new WorkbookPart(pkg, part);
  }

  /** In workbook order, all kinds. */
  sheets(): SheetEntry[] {
    const relationships = this.pkg.relationships(this.part);
    return this.sheetElements().map((element) => {
      const relationshipId = this.relationshipId(element);
      const relationship = relationships.find(({ id }) => id === relationshipId);
      const state = attribute(element, "state") as SheetEntry["state"] | undefined;
      return {
        name: attribute(element, "name") ?? "",
        part: relationship === undefined ? undefined : this.pkg.targetOf(this.part, relationship),
        relationshipId,
        sheetId: Number(attribute(element, "sheetId") ?? 0),
        state: state !== undefined && STATES.has(state) ? state : "visible",
        kind: relationship === undefined ? "" : relationshipKind(relationship.type),
      };
    });
  }

  /** Text decoded. */
  definedNames(): DefinedName[] {
    return this.definedNameElements().map((element) => {
      const local = attribute(element, "localSheetId");
      return {
        name: attribute(element, "name") ?? "",
        localSheet: local === undefined ? undefined : Number(local),
        hidden: TRUE.has(attribute(element, "hidden") ?? ""),
        text: element.text,
      };
    });
  }

  /** Review > Protect Workbook with structure on (lockStructure="1"/"true"): Excel refuses to add or delete sheets. */
  structureLocked(): boolean {
    const protection = this.child("workbookProtection");
    return protection !== undefined && TRUE.has(attribute(protection, "lockStructure") ?? "");
  }

  /**
   * Appends a worksheet: its part (an empty sheet until the caller sets its text, so the name is
   * taken and the package valid), its relationship and content type, and its <sheet> last.
   */
  addSheet(name: string): SheetEntry {
    const sheets = this.sheets();
    // Settings are checked as problems before anything is written; a name Excel refuses reaching here is a fault.
    if (!SHEET_NAME.test(name) || name.toLowerCase() === "history") throw new Error(`${name} is not a sheet name Excel accepts.`);
    if (sheets.some((sheet) => sheet.name.toLowerCase() === name.toLowerCase())) throw new Error(`The workbook already has a sheet named ${name}.`);
    const folder = this.part.slice(0, this.part.lastIndexOf("/") + 1);
    const part = this.pkg.freePartName((n) => `${folder}worksheets/sheet${n}.xml`);
    const root = this.root();
    this.pkg.set(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${root.uri}"><sheetData/></worksheet>`);
    this.pkg.setContentType(part, WORKSHEET_CONTENT_TYPE);
    const relationshipId = this.pkg.addRelationship(this.part, "worksheet", part);
    const sheetId = sheets.reduce((most, sheet) => Math.max(most, sheet.sheetId), 0) + 1;
    const [prefix, declaration] = this.relationshipPrefix();
    const markup = `<${qualified(root, "sheet")} name="${escapeXmlAttribute(name)}" sheetId="${sheetId}" ${prefix}:id="${relationshipId}"${declaration}/>`;
    const container = this.child("sheets");
    if (container === undefined) this.insertChild("sheets", `<${qualified(root, "sheets")}>${markup}</${qualified(root, "sheets")}>`);
    else this.splice(appendChild(this.text, container, markup));
    return { name, part, relationshipId, sheetId, state: "visible", kind: "worksheet" };
  }

  /**
   * Removes a sheet (matched case-insensitively) with every part only it reached, the names that
   * belong to it or point into it, and the calculation chain (whose cells name sheets by id).
   */
  removeSheet(name: string): void {
    const elements = this.sheetElements();
    const index = elements.findIndex((element) => (attribute(element, "name") ?? "").toLowerCase() === name.toLowerCase());
    const element = elements[index];
    if (element === undefined) throw new Error(`The workbook has no sheet named ${name}.`);
    const sheetName = attribute(element, "name") ?? "";
    const relationshipId = this.relationshipId(element);
    const relationship = this.pkg.relationships(this.part).find(({ id }) => id === relationshipId);
    const sheetPart = relationship === undefined ? undefined : this.pkg.targetOf(this.part, relationship);
    const remaining = elements.length - 1;

    // One splice at a time, from the end of the text backwards, so earlier spans stay valid.
    const edits: [XmlElement, string][] = [[element, ""]];
    for (const definedName of this.definedNameElements()) {
      const local = attribute(definedName, "localSheetId");
      if (local === undefined) {
        if (refersTo(definedName.text, sheetName)) edits.push([definedName, ""]);
      } else if (Number(local) === index) {
        edits.push([definedName, ""]);
      } else if (Number(local) > index) {
        edits.push([openingTag(definedName), this.withAttribute(definedName, "localSheetId", String(Number(local) - 1))]);
      }
    }
    const visible = elements.filter((sheet) => sheet !== element).map((sheet) => (attribute(sheet, "state") ?? "visible") === "visible");
    for (const view of this.elements.filter((candidate) => this.isMain(candidate, "workbookView"))) {
      let tag = this.text.slice(view.start, view.openEnd);
      for (const position of ["activeTab", "firstSheet"]) {
        const value = attribute(view, position);
        if (value === undefined) continue;
        let shifted = Math.max(0, Math.min(Number(value) > index ? Number(value) - 1 : Number(value), remaining - 1));
        // Excel shows a hidden active sheet selected beside the visible one; the nearest visible sheet takes its place.
        if (position === "activeTab" && visible[shifted] === false) shifted = nearestVisible(visible, shifted);
        tag = withAttributes(tag, { [position]: String(shifted) });
      }
      edits.push([openingTag(view), tag]);
    }
    edits.sort(([a], [b]) => b.start - a.start);
    let text = this.text;
    for (const [target, replacement] of edits) text = text.slice(0, target.start) + replacement + text.slice(target.end);
    this.splice(text);

    if (relationship !== undefined) this.pkg.removeRelationship(this.part, relationship.id);
    if (sheetPart !== undefined) this.deleteUnreachable(sheetPart);
    this.deleteCalcChain();
  }

  /** Adds a <definedName>, creating <definedNames> at its schema position. `text` is the formula text, escaped here. */
  addDefinedName(name: string, text: string, localSheet?: number): void {
    // Excel calls a workbook with two names of one scope corrupt.
    if (this.definedNames().some((existing) => existing.name.toLowerCase() === name.toLowerCase() && existing.localSheet === localSheet)) {
      throw new Error(`The workbook already has a name ${name} there.`);
    }
    const root = this.root();
    const local = localSheet === undefined ? "" : ` localSheetId="${localSheet}"`;
    const markup = `<${qualified(root, "definedName")} name="${escapeXmlAttribute(name)}"${local}>${escapeXmlText(text)}</${qualified(root, "definedName")}>`;
    const container = this.child("definedNames");
    if (container === undefined) this.insertChild("definedNames", `<${qualified(root, "definedNames")}>${markup}</${qualified(root, "definedNames")}>`);
    else this.splice(appendChild(this.text, container, markup));
  }

  /**
   * After cells changed: Excel must recalculate formulas that depend on them, and its calculation
   * chain names cells whose formulas may be gone, which Excel reports as corrupt; it rebuilds the chain.
   */
  recalculateOnOpen(): void {
    const calcPr = this.child("calcPr");
    if (calcPr === undefined) {
      this.insertChild("calcPr", `<${qualified(this.root(), "calcPr")} fullCalcOnLoad="1"/>`);
    } else if (attribute(calcPr, "fullCalcOnLoad") !== "1") {
      this.splice(this.text.slice(0, calcPr.start) + this.withAttribute(calcPr, "fullCalcOnLoad", "1") + this.text.slice(calcPr.openEnd));
    }
    this.deleteCalcChain();
  }

  /** Writes workbook.xml back into the package if anything changed. */
  save(): void {
    if (this.dirty) this.pkg.set(this.part, this.text);
    this.dirty = false;
  }

  private root(): XmlElement {
    const root = this.elements[0];
    if (root === undefined) throw damagedPart(partLabel(this.pkg.label, this.part));
    return root;
  }

  private isMain(element: XmlElement, local: string): boolean {
    return element.local === local && SPREADSHEETML.has(element.uri);
  }

  /** A child of the root, by local name. */
  private child(local: string): XmlElement | undefined {
    const root = this.root();
    return this.elements.find((element) => element.parent === root && this.isMain(element, local));
  }

  private sheetElements(): XmlElement[] {
    return this.elements.filter((element) => this.isMain(element, "sheet") && element.parent !== undefined && this.isMain(element.parent, "sheets"));
  }

  private definedNameElements(): XmlElement[] {
    return this.elements.filter((element) => this.isMain(element, "definedName") && element.parent !== undefined && this.isMain(element.parent, "definedNames"));
  }

  private relationshipId(element: XmlElement): string {
    const id = Object.values(element.attributes).find((candidate) => candidate.local === "id" && RELATIONSHIP_NAMESPACES.has(candidate.uri));
    return id?.value ?? "";
  }

  /** The prefix the root gives the relationships namespace, or "r" declared on the new element itself. */
  private relationshipPrefix(): [string, string] {
    const declared = Object.entries(this.root().declares).find(([prefix, uri]) => prefix !== "" && RELATIONSHIP_NAMESPACES.has(uri));
    if (declared !== undefined) return [declared[0], ""];
    return ["r", ` xmlns:r="${RELATIONSHIPS}"`];
  }

  /** Inserts a new child of the root before the first child that the schema puts after it. */
  private insertChild(local: string, markup: string): void {
    const later = new Set(WORKBOOK_ORDER.slice(WORKBOOK_ORDER.indexOf(local) + 1));
    const root = this.root();
    const next = this.elements.find((element) => element.parent === root && SPREADSHEETML.has(element.uri) && later.has(element.local));
    if (next === undefined) this.splice(appendChild(this.text, root, markup));
    else this.splice(this.text.slice(0, next.start) + markup + this.text.slice(next.start));
  }

  /** The element's opening tag with an attribute set (replaced, or added last). */
  private withAttribute(element: XmlElement, name: string, value: string): string {
    return withAttributes(this.text.slice(element.start, element.openEnd), { [name]: value });
  }

  private splice(text: string): void {
    this.text = text;
    this.elements = parseXml(this.pkg.label, this.part, text);
    this.dirty = true;
  }

  /** Deletes `start` and every part reachable from it that no remaining relationship reaches from the package root. */
  private deleteUnreachable(start: string): void {
    const kept = this.reachable([""]);
    for (const part of this.reachable([start])) {
      if (part !== "" && !kept.has(part.toLowerCase()) && this.pkg.has(part)) this.pkg.delete(part);
    }
  }

  /** Parts reachable through relationships (lower-cased for comparison, as part names compare). */
  private reachable(from: string[]): Set<string> {
    const seen = new Set<string>();
    const pending = [...from];
    for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
      if (seen.has(source.toLowerCase())) continue;
      seen.add(source.toLowerCase());
      for (const relationship of this.pkg.relationships(source)) {
        const target = this.pkg.targetOf(source, relationship);
        if (target !== undefined && this.pkg.has(target)) pending.push(target);
      }
    }
    return seen;
  }

  private deleteCalcChain(): void {
    for (const relationship of this.pkg.relationships(this.part)) {
      if (relationshipKind(relationship.type) !== "calcChain") continue;
      const target = this.pkg.targetOf(this.part, relationship);
      this.pkg.removeRelationship(this.part, relationship.id);
      if (target !== undefined) this.pkg.delete(target);
    }
  }
}

/** The first visible sheet from `from` on, else the last one before it; `from` when none is visible. */
function nearestVisible(visible: readonly boolean[], from: number): number {
  const after = visible.indexOf(true, from);
  if (after >= 0) return after;
  const before = visible.lastIndexOf(true, from);
  return before >= 0 ? before : from;
}

/** The span of an element's opening tag alone. */
function openingTag(element: XmlElement): XmlElement {
  return { ...element, end: element.openEnd };
}

/** Whether a formula names the sheet ('Sheet name'!A1 or Sheet!A1), outside its string literals. */
function refersTo(formula: string, sheet: string): boolean {
  const wanted = sheet.toLowerCase();
  for (const match of formula.matchAll(/"(?:[^"]|"")*"|'((?:[^']|'')+)'!|([^\s'!,()=+\-*/&^<>;:"{}%]+)!/g)) {
    const named = match[1] === undefined ? match[2] : match[1].replace(/''/g, "'");
    if (named?.toLowerCase() === wanted) return true;
  }
  return false;
}
