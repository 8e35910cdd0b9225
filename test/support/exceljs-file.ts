import ExcelJS from "exceljs";

/**
 * exceljs as an independent reader and editor of .xlsx files: tests inspect what Interim wrote,
 * or make a file as a person would have changed it, without reaching into Interim's own model.
 */
export async function loadXlsx(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's typings declare its own Buffer interface, which Node's Buffer satisfies at run time.
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return workbook;
}

/** The file after `edit` has changed it through exceljs. */
export async function editXlsx(bytes: Buffer, edit: (workbook: ExcelJS.Workbook) => void | Promise<void>): Promise<Buffer> {
  const workbook = await loadXlsx(bytes);
  await edit(workbook);
  styleTables(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * exceljs reads a table without a style (LibreOffice writes its tables so) but fails writing it
 * back; an empty style writes the same table with no style named.
 */
function styleTables(workbook: ExcelJS.Workbook): void {
  for (const sheet of workbook.worksheets) {
    // exceljs's typings leave out the table model it reads and writes.
    const { tables } = sheet as unknown as { tables: Record<string, { table: { style?: object | null } }> };
    for (const { table } of Object.values(tables)) table.style ??= {};
  }
}
