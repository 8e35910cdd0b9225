import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { fileFontSource } from "../../src/export/pdf/file-font-source";

/**
 * The outside tools the export tests read their output with. A missing tool fails the test
 * with the line that installs it (CI installs them in .ci/run): these tests never skip.
 */
export function tool(command: string, args: string[], options: { timeout?: number } = {}): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", timeout: options.timeout ?? 60_000, stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      const install = command === "soffice" ? "libreoffice-calc-nogui" : command === "xmllint" ? "libxml2-utils" : "poppler-utils";
      throw new Error(`${command} is not installed: apt-get install -y --no-install-recommends ${install} (see .ci/run)`);
    }
    throw error;
  }
}

export const fonts = fileFontSource([path.join(__dirname, "../../node_modules")]);

export function tempDir(name: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `interim-${name}-`));
}

export function writeTemp(dir: string, name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

export function pdfText(file: string, ...args: string[]): string {
  return tool("pdftotext", ["-layout", ...args, file, "-"]);
}

export function pdfInfo(file: string): { pages: number; pageSize: string } {
  const info = tool("pdfinfo", [file]);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), pageSize: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? "" };
}

const RECALCULATE_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Opens an .xlsx in LibreOffice with a private profile that always recalculates on load, and
 * returns a sheet (by default the first; numbered from 1) as UTF-8 CSV (values as shown).
 */
export function recalculatedCsv(xlsx: string, sheet = 1): string {
  const dir = path.dirname(xlsx);
  const profile = path.join(dir, "profile");
  mkdirSync(path.join(profile, "user"), { recursive: true });
  writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), RECALCULATE_ON_LOAD);
  const out = path.join(dir, "out");
  tool("soffice", [
    `-env:UserInstallation=file://${profile}`, "--headless", "--norestore",
    // The 12th filter token picks the sheet (LibreOffice 7.2 and later).
    "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,${sheet}`, "--outdir", out, xlsx,
  ], { timeout: 120_000 });
  const produced = readdirSync(out).find((f) => f.endsWith(".csv"));
  if (produced === undefined) throw new Error(`LibreOffice wrote no CSV for ${xlsx}`);
  return readFileSync(path.join(out, produced), "utf8");
}

/**
 * An exported workbook with every formula's cached result removed, so that the figures read
 * back can only come from LibreOffice calculating the formulas.
 */
export async function withoutCachedResults(bytes: Uint8Array): Promise<{ file: Buffer; formulas: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  let formulas = 0;
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => {
    if (cell.formula) {
      cell.value = { formula: cell.formula, date1904: false };
      formulas++;
    }
  })));
  return { file: Buffer.from(await workbook.xlsx.writeBuffer()), formulas };
}

/** RFC 4180: fields separated by commas, records by CRLF (or LF), quotes doubled inside quoted fields. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = (): void => {
    record.push(field);
    field = "";
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === "") quoted = true;
    else if (c === ",") endField();
    else if (c === "\r" && text[i + 1] === "\n") {
      endField();
      records.push(record);
      record = [];
      i++;
    } else if (c === "\n") {
      endField();
      records.push(record);
      record = [];
    } else if (c === '"') throw new Error(`a quote inside an unquoted field at ${i}`);
    else field += c;
    i++;
  }
  if (quoted) throw new Error("an unterminated quoted field");
  if (field !== "" || record.length > 0) {
    endField();
    records.push(record);
  }
  return records;
}

const VALIDATE = path.join(__dirname, "../../../shared/einvoice-validate/validate.sh");

/**
 * The official validators' fatal lines for an e-invoice (../shared/einvoice-validate/validate.sh
 * with `flags`), written to `dir` as `name`; less those `ignored` matches: the rules of a layer
 * the document does not claim to follow (validate.sh runs Peppol BIS's on any UBL, an XRechnung's too).
 */
export function validatorFatalLines(dir: string, content: string | Uint8Array, name: string, flags: string[] = [], ignored?: RegExp): string[] {
  const file = writeTemp(dir, name, content);
  const run = spawnSync(VALIDATE, [...flags, file], { encoding: "utf8", timeout: 120_000 });
  if (run.status === 2 || run.error !== undefined) throw new Error(`the validator could not run: ${run.stderr} ${String(run.error)}`);
  const report = `${run.stdout}${run.stderr}`;
  const fatal = /(\d+) fatal, \d+ warnings/.exec(report)?.[1];
  if (fatal === undefined) throw new Error(`no summary from the validator: ${report}`);
  const lines = report.split("\n").filter((line) => / fatal /.test(line));
  expect(lines).toHaveLength(Number(fatal));
  return lines.filter((line) => ignored === undefined || !ignored.test(line));
}
