import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
import ts from "typescript";
import { elementsOf, parseXml, type XmlElement } from "./support/xml";

// Offline structural checks; `office-addin-manifest validate` needs Microsoft's web service.

const root = path.resolve(__dirname, "..");
const manifestPath = path.join(root, "manifest.xml");
const source = readFileSync(manifestPath, "utf8");
// Parsed in beforeAll so that malformed XML fails every test with the parser's message.
let manifest: XmlElement;
let all: ReturnType<typeof elementsOf>;
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  version: string;
  config: { devPort: number };
};
const devUrl = `https://localhost:${pkg.config.devPort}/`;

const named = (name: string): XmlElement[] => all.filter(({ element }) => element.name === name).map(({ element }) => element);

/** Resource ids by kind, as <Resources> defines them. */
function resources(): Record<"image" | "url" | "short" | "long", Map<string, string>> {
  const collect = (container: string, item: string) =>
    new Map(
      named(container)
        .flatMap((element) => element.children)
        .filter((element) => element.name === item)
        .map((element) => [element.attributes.id ?? "", element.attributes.DefaultValue ?? ""] as const),
    );
  return {
    image: collect("bt:Images", "bt:Image"),
    url: collect("bt:Urls", "bt:Url"),
    short: collect("bt:ShortStrings", "bt:String"),
    long: collect("bt:LongStrings", "bt:String"),
  };
}

/** Which kind of resource an element's resid must name. */
function expectedKind(element: XmlElement, ancestors: string[]): "image" | "url" | "short" | "long" {
  if (element.name === "bt:Image") return "image";
  if (["SourceLocation", "Runtime", "FunctionFile", "LearnMoreUrl"].includes(element.name)) return "url";
  if (element.name === "Description" && ancestors.includes("VersionOverrides")) return "long";
  return "short";
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!bytes.subarray(0, 8).equals(signature) || bytes.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every URL the manifest points Office at (namespace names are identifiers, not fetched). */
function urls(): string[] {
  return all.flatMap(({ element }) => [
    ...Object.entries(element.attributes)
      .filter(([name, value]) => !name.startsWith("xmlns") && /^[a-z][a-z0-9+.-]*:\/\//i.test(value))
      .map(([, value]) => value),
    ...(/^\s*[a-z][a-z0-9+.-]*:\/\//i.test(element.text) ? [element.text.trim()] : []),
  ]);
}

describe("manifest.xml", () => {
  beforeAll(() => {
    manifest = parseXml(source);
    all = elementsOf(manifest);
  });

  it("is read by office-addin-manifest with the product's identity", async () => {
    const info = await OfficeAddinManifest.readManifestFile(manifestPath);
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.displayName).toBe("Interim");
    expect(info.providerName).toBe("Interim");
    expect(info.hosts).toEqual(["Workbook"]);
    expect(info.permissions).toBe("ReadWriteDocument");
    expect(info.version).toBe(`${pkg.version}.0`);
  });

  it("is a TaskPaneApp with ReadWriteDocument and no AppDomains", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attributes["xsi:type"]).toBe("TaskPaneApp");
    expect(named("Permissions").map((element) => element.text)).toEqual(["ReadWriteDocument"]);
    expect(named("AppDomains")).toEqual([]);
  });

  it("requires the shared runtime, the custom functions runtime and the ExcelApi version the code needs", () => {
    const sets = named("Set").map((element) => `${element.attributes.Name} ${element.attributes.MinVersion}`);
    expect(sets).toEqual(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.1", "ExcelApi 1.9"]);
  });

  it("declares an ExcelApi version that covers every Excel API the product calls, unless checked at run time", () => {
    const declared = named("Set").find((element) => element.attributes.Name === "ExcelApi")?.attributes.MinVersion ?? "1.1";
    const { excel, checked } = apiSetsUsed();
    const above = excel.filter(({ version }) => compareVersions(version, declared) > 0 && !checked.has(`ExcelApi ${version}`));
    expect(above).toEqual([]);
    // The floor is what the code needs, no more: one call or more needs exactly that version.
    expect(excel.some(({ version }) => version === declared)).toBe(true);
  });

  it("calls DialogApi 1.2 members only in files that check DialogApi 1.2 at run time (the manifest cannot require it)", () => {
    const { dialog } = apiSetsUsed();
    expect(dialog.length).toBeGreaterThan(0);
    const checks = (file: string) => /"DialogApi",\s*"1\.2"/.test(readFileSync(path.join(root, file), "utf8"));
    // The dialog's own page runs only in a dialog that the pane opened after its check.
    const checkedBy: Record<string, string> = { "src/taskpane/download-dialog.ts": "src/taskpane/host/office-delivery.ts" };
    for (const { file, member } of dialog) {
      expect({ file, member, checked: checks(checkedBy[file] ?? file) }).toEqual({ file, member, checked: true });
    }
  });

  it("gives a support page, shipped with the add-in so that it works offline", () => {
    const support = named("SupportUrl")[0]?.attributes.DefaultValue;
    expect(support).toBe(`${devUrl}support.html`);
    // Its place in the schema's sequence: after the icons, before the hosts.
    const order = manifest.children.map((child) => child.name);
    expect(order.indexOf("SupportUrl")).toBe(order.indexOf("HighResolutionIconUrl") + 1);
    const page = readFileSync(path.join(root, "src/taskpane/support.html"), "utf8");
    expect(page).toMatch(/<title>Interim: help<\/title>/);
    // Nothing fetched from elsewhere: links to documentation are plain links, never loaded.
    expect([...page.matchAll(/\s(?:src|srcset)\s*=/gi)]).toEqual([]);
  });

  it("declares the runtime first inside the Workbook host", () => {
    const host = all.find(({ element }) => element.name === "Host" && element.attributes["xsi:type"] === "Workbook");
    expect(host?.element.children[0]?.name).toBe("Runtimes");
  });

  it("runs the task pane, the ribbon button and the functions in one long-lived runtime", () => {
    const [runtime, ...others] = named("Runtime");
    expect(others).toEqual([]);
    expect(runtime?.attributes).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
    const pageLocations = all
      .filter(({ ancestors }) => ancestors.at(-1) === "Page")
      .map(({ element }) => element.attributes.resid);
    const functionFiles = named("FunctionFile").map((element) => element.attributes.resid);
    const taskpaneActions = all
      .filter(({ element, ancestors }) => element.name === "SourceLocation" && ancestors.at(-1) === "Action")
      .map(({ element }) => element.attributes.resid);
    for (const resids of [pageLocations, functionFiles, taskpaneActions]) expect(resids).toEqual(["Taskpane.Url"]);
    expect(resources().url.get("Taskpane.Url")).toBe(`${devUrl}taskpane.html`);
  });

  it("declares the custom functions: script, metadata and the INTERIM namespace", () => {
    const { url, short } = resources();
    const residIn = (parent: string) =>
      all.find(({ element, ancestors }) => element.name === "SourceLocation" && ancestors.at(-1) === parent)?.element
        .attributes.resid ?? "";
    expect(url.get(residIn("Script"))).toBe(`${devUrl}functions.js`);
    expect(url.get(residIn("Metadata"))).toBe(`${devUrl}functions.json`);
    expect(short.get(named("Namespace")[0]?.attributes.resid ?? "")).toBe("INTERIM");
  });

  it("puts an Interim button on the Home tab that shows the task pane", () => {
    const home = named("OfficeTab").find((tab) => tab.attributes.id === "TabHome");
    const button = home && elementsOf(home).find(({ element }) => element.attributes["xsi:type"] === "Button")?.element;
    expect(button).toBeDefined();
    const label = button?.children.find((child) => child.name === "Label")?.attributes.resid ?? "";
    expect(resources().short.get(label)).toBe("Interim");
    const action = button?.children.find((child) => child.name === "Action");
    expect(action?.attributes["xsi:type"]).toBe("ShowTaskpane");
  });

  it("resolves every resid to a resource of the right kind, and uses every resource", () => {
    const defined = resources();
    const used = new Set<string>();
    for (const { element, ancestors } of all) {
      const resid = element.attributes.resid;
      if (resid === undefined) continue;
      used.add(resid);
      const kind = expectedKind(element, ancestors);
      expect({ element: element.name, resid, kind, defined: defined[kind].has(resid) }).toEqual({
        element: element.name,
        resid,
        kind,
        defined: true,
      });
    }
    const ids = Object.values(defined).flatMap((map) => [...map.keys()]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });

  it("points every URL at the dev server over https, which a production build rewrites", () => {
    const found = urls();
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((url) => !url.startsWith(devUrl))).toEqual([]);
    expect(source.replaceAll(devUrl, "").includes("localhost")).toBe(false);
  });

  it("refers only to icons in assets/ that exist at the size the manifest claims", () => {
    const images = resources().image;
    const claims = [
      ...named("bt:Image")
        .filter((element) => element.attributes.size !== undefined)
        .map((element) => ({ url: images.get(element.attributes.resid ?? "") ?? "", size: Number(element.attributes.size) })),
      { url: named("IconUrl")[0]?.attributes.DefaultValue ?? "", size: 32 },
      { url: named("HighResolutionIconUrl")[0]?.attributes.DefaultValue ?? "", size: 64 },
      // File names state a size too (icon-80.png), so a renamed file cannot mislead.
      ...urls()
        .filter((url) => url.endsWith(".png"))
        .map((url) => ({ url, size: Number(/icon-(\d+)\.png$/.exec(url)?.[1]) })),
    ];
    for (const { url, size } of claims) {
      const relative = url.startsWith(`${devUrl}assets/`) ? url.slice(devUrl.length) : `(not in assets/: ${url})`;
      const file = path.join(root, relative);
      expect({ relative, exists: existsSync(file) }).toEqual({ relative, exists: true });
      expect({ relative, ...pngSize(file) }).toEqual({ relative, width: size, height: size });
    }
  });
});

/** "1.10" > "1.9", as requirement-set versions compare. */
function compareVersions(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am - bm || an - bn;
}

interface ApiUse {
  file: string;
  member: string;
  version: string;
}

let apiSetsCache: { excel: ApiUse[]; dialog: ApiUse[]; checked: Set<string> } | undefined;

/**
 * The Office.js members the product calls, each with the requirement set its declaration in
 * @types/office-js names ("[Api set: ExcelApi 1.9]", "DialogApi 1.2"), found by the TypeScript
 * checker rather than by name, and the sets the code checks at run time with isSetSupported.
 */
function apiSetsUsed(): { excel: ApiUse[]; dialog: ApiUse[]; checked: Set<string> } {
  if (apiSetsCache !== undefined) return apiSetsCache;
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (config === undefined) throw new Error("tsconfig.json cannot be read");
  const sources = config.fileNames.filter((file) => file.startsWith(path.join(root, "src") + path.sep) && /\b(Excel|Office)\./.test(readFileSync(file, "utf8")));
  const program = ts.createProgram(sources, config.options);
  const checker = program.getTypeChecker();
  const excel: ApiUse[] = [];
  const dialog: ApiUse[] = [];
  const checked = new Set<string>();
  for (const source of program.getSourceFiles()) {
    if (!source.fileName.startsWith(path.join(root, "src"))) continue;
    const file = path.relative(root, source.fileName);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && node.getText(source).includes("isSetSupported")) {
        const [name, version] = node.arguments.map((a) => (ts.isStringLiteral(a) ? a.text : ""));
        if (name && version) checked.add(`${name} ${version}`);
      }
      const name = ts.isPropertyAccessExpression(node) ? node.name : ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) ? node.name : undefined;
      const symbol = name && checker.getSymbolAtLocation(name);
      for (const declaration of symbol?.declarations ?? []) {
        if (!declaration.getSourceFile().fileName.includes(`${path.sep}office-js${path.sep}`)) continue;
        const docs = ts.getJSDocCommentsAndTags(declaration).map((doc) => doc.getText()).join("\n");
        const member = `${symbol?.name ?? ""}`;
        const excelSet = /\[Api set: ExcelApi (\d+\.\d+)/.exec(docs);
        if (excelSet?.[1]) excel.push({ file, member, version: excelSet[1] });
        if (/DialogApi 1\.2\}/.test(docs)) dialog.push({ file, member, version: "1.2" });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  apiSetsCache = { excel, dialog, checked };
  return apiSetsCache;
}
