import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";

/**
 * LibreOffice headless, with a private profile that recalculates every formula when it loads
 * an .xlsx (by default it would show the values cached in the file).
 */
export class LibreOffice {
  private readonly profile: string;

  constructor(private readonly workdir: string) {
    this.profile = join(workdir, "lo-profile");
    mkdirSync(join(this.profile, "user"), { recursive: true });
    writeFileSync(
      join(this.profile, "user", "registrymodifications.xcu"),
      `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
    );
  }

  /**
   * Converts a file, or several in one LibreOffice process, into `outDir` with a LibreOffice
   * filter ("xlsx", or a csv filter string); `timeoutMs` bounds the whole conversion.
   */
  convert(file: string | readonly string[], to: string, outDir: string, timeoutMs = 120_000): void {
    mkdirSync(outDir, { recursive: true });
    const files = typeof file === "string" ? [file] : file;
    execFileSync("soffice", [`-env:UserInstallation=file://${this.profile}`, "--headless", "--norestore", "--convert-to", to, "--outdir", outDir, ...files], {
      stdio: "pipe",
      timeout: timeoutMs,
    });
  }

  /**
   * Every sheet of a workbook, recalculated, as rows of UTF-8 CSV cells by sheet name: the
   * values, or with `asShown` the text each cell shows in its number format.
   */
  sheets(file: string, asShown = false): Map<string, string[][]> {
    const outDir = join(this.workdir, `csv-${basename(file)}-${Date.now()}`);
    // Token 9: save cell contents as shown; token 12 = -1: one CSV file per sheet, named after the sheet.
    this.convert(file, `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${String(asShown)},false,false,-1`, outDir);
    const stem = basename(file).replace(/\.[^.]+$/, "");
    const sheets = new Map<string, string[][]>();
    for (const name of readdirSync(outDir)) {
      const sheet = name.slice(stem.length + 1, -".csv".length);
      sheets.set(sheet, parseCsv(readFileSync(join(outDir, name), "utf8")));
    }
    return sheets;
  }
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i] as string;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted || (ch !== "," && ch !== "\n" && ch !== "\r")) {
      cell += ch;
    } else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
    }
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}
