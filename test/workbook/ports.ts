import type ExcelJS from "exceljs";
import { type MemoryState, MemoryWorkbook, emptyState } from "../../src/workbook/memory-workbook";
import { OfficeWorkbook } from "../../src/workbook/office-workbook";
import type { WorkbookPort } from "../../src/workbook/port";
import { XlsxWorkbook } from "../../src/workbook/xlsx-workbook";
import { normalised, stateOfXlsx } from "../cli/xlsx-state";
import { editXlsx, loadXlsx } from "../support/exceljs-file";
import { type FakeExcel, fakeExcelRun } from "../support/fake-excel";

/**
 * The three hosts of the port side by side: each the workbook it leaves as a MemoryState, so that
 * a test proves they leave the same one, and a change made to it as a person (or another program) would.
 */
export interface Port {
  name: string;
  port: WorkbookPort;
  state(): Promise<MemoryState>;
  /** Round trips so far. */
  trips(): number;
}

export function memoryPort(): Port & { memory: MemoryWorkbook } {
  const memory = new MemoryWorkbook(emptyState());
  return { name: "memory", port: memory, memory, state: () => Promise.resolve(memory.state), trips: () => memory.roundTrips };
}

export function officePort(): Port & { fake: FakeExcel; excel: MemoryState } {
  const excel = emptyState();
  const fake = fakeExcelRun(excel);
  return { name: "Office.js", port: new OfficeWorkbook(fake.run), fake, excel, state: () => Promise.resolve(excel), trips: () => fake.syncCount() };
}

export interface XlsxPort extends Port {
  workbook: XlsxWorkbook;
  file(): Promise<ExcelJS.Workbook>;
  /** The file after another program changed it, opened again. */
  editFile(change: (file: ExcelJS.Workbook) => void): Promise<void>;
}

export function xlsxPort(): XlsxPort {
  const holder: XlsxPort = {
    name: "xlsx",
    workbook: XlsxWorkbook.create(),
    get port() {
      return holder.workbook;
    },
    state: async () => stateOfXlsx(await holder.workbook.toBuffer()),
    // The .xlsx host writes a file once, at the end: each call is one read or one write of it.
    trips: () => 0,
    file: async () => loadXlsx(await holder.workbook.toBuffer()),
    editFile: async (change) => {
      holder.workbook = await XlsxWorkbook.fromBuffer(await editXlsx(await holder.workbook.toBuffer(), change));
    },
  };
  return holder;
}

export const allPorts = (): [Port & { memory: MemoryWorkbook }, Port & { fake: FakeExcel; excel: MemoryState }, XlsxPort] => [memoryPort(), officePort(), xlsxPort()];

/** A sheet of a port's workbook (its cells without trailing blanks, its number formats) and the tables on it. */
export async function sheetOf(port: Port, name: string): Promise<unknown> {
  const state = normalised(await port.state()) as { sheets: { name: string }[]; tables: { sheet: string }[] };
  return { sheet: state.sheets.find((sheet) => sheet.name === name), tables: state.tables.filter((table) => table.sheet === name) };
}

/** The same sheet in every port, the first port's being the one expected. */
export async function expectSameSheet(ports: Port[], name: string): Promise<void> {
  const [first, ...others] = ports as [Port, ...Port[]];
  const expected = await sheetOf(first, name);
  for (const port of others) expect({ port: port.name, [name]: await sheetOf(port, name) }).toEqual({ port: port.name, [name]: expected });
}
