import { MemoryWorkbook, findSheet, findTable, setCell, type MemoryState } from "../../src/workbook/memory-workbook";
import { insertSample } from "../../src/workbook/sample";
import { NAMES, type CellValue } from "../../src/workbook/port";

export async function sampleWorkbook(): Promise<MemoryWorkbook> {
  const workbook = new MemoryWorkbook();
  await insertSample(workbook);
  workbook.roundTrips = 0;
  return workbook;
}

/** Sets a cell of the milestone table by line id and header text, as a person would type it. */
export function setMilestone(state: MemoryState, id: string, header: string, value: CellValue): void {
  const table = findTable(state, NAMES.milestones);
  const sheet = table && findSheet(state, table.sheet);
  if (table === undefined || sheet === undefined) throw new Error("no milestone table");
  const headers = sheet.cells[table.top] ?? [];
  const column = headers.indexOf(header);
  const row = sheet.cells.findIndex((cells, r) => r > table.top && cells[table.left] === id);
  if (column < 0 || row < 0) throw new Error(`no cell ${id}/${header}`);
  setCell(sheet, row, column, value);
}

/** Renames a column of the milestone table, as a person retyping its header. */
export function renameMilestoneHeader(state: MemoryState, from: string, to: string): void {
  const table = findTable(state, NAMES.milestones);
  const sheet = table && findSheet(state, table.sheet);
  const column = sheet?.cells[table?.top ?? 0]?.indexOf(from) ?? -1;
  if (table === undefined || sheet === undefined || column < 0) throw new Error(`no milestone column ${from}`);
  setCell(sheet, table.top, column, to);
}

/** Adds a column to the right of the milestone table, its header and a value per line id (blank for the others). */
export function addMilestoneColumn(state: MemoryState, header: string, values: Record<string, CellValue>): void {
  const table = findTable(state, NAMES.milestones);
  const sheet = table && findSheet(state, table.sheet);
  if (table === undefined || sheet === undefined) throw new Error("no milestone table");
  const column = table.left + table.columns;
  setCell(sheet, table.top, column, header);
  for (let row = table.top + 1; row <= table.top + table.rows; row += 1) {
    setCell(sheet, row, column, values[String(sheet.cells[row]?.[table.left])] ?? null);
  }
  table.columns += 1;
}

/** Sets a contract setting's value cell. */
export function setSetting(state: MemoryState, key: string, value: CellValue): void {
  const table = findTable(state, NAMES.settingsTable);
  const sheet = table && findSheet(state, table.sheet);
  if (table === undefined || sheet === undefined) throw new Error("no settings");
  const row = sheet.cells.findIndex((cells, r) => r > table.top && cells[table.left] === key);
  if (row < 0) throw new Error(`no setting ${key}`);
  setCell(sheet, row, table.left + 1, value);
}

/** A deep copy of the workbook's state, to prove that nothing was written. */
export function copyState(state: MemoryState): string {
  return JSON.stringify(state, (_, value: unknown) => (value instanceof Map ? [...value.entries()] : value));
}
