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
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
