import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { OfficeAddinManifest } from "office-addin-manifest";
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

  it("requires the shared runtime and the custom functions runtime", () => {
    const sets = named("Set").map((element) => `${element.attributes.Name} ${element.attributes.MinVersion}`);
    expect(sets).toEqual(expect.arrayContaining(["SharedRuntime 1.1", "CustomFunctionsRuntime 1.1"]));
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
