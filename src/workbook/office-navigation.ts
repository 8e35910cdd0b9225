// Moving about the workbook in Excel, for the task pane. Each batch goes through runBatch, as
// the port's do (office-workbook.ts): held while the user edits a cell, failing in plain words.
import { type ExcelRun, runBatch } from "./office-workbook";

/** Selects a cell in Excel: where a problem is. */
export async function selectCell(sheet: string, cell: string, run?: ExcelRun): Promise<void> {
  await runBatch(async (context) => {
    const worksheet = context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(cell).select();
    await context.sync();
  }, run);
}

/** Shows a sheet in Excel: the invoice just written. */
export async function showSheet(sheet: string, run?: ExcelRun): Promise<void> {
  await runBatch(async (context) => {
    context.workbook.worksheets.getItem(sheet).activate();
    await context.sync();
  }, run);
}

/**
 * Calls back on any change to a table of the workbook (the milestone table, the settings, the
 * billing log), including tables added later. Resolves to a function that stops listening.
 */
export async function watchTables(onChange: () => void, run?: ExcelRun): Promise<() => void> {
  const handler = await runBatch(async (context) => {
    const added = context.workbook.tables.onChanged.add(() => {
      onChange();
      return Promise.resolve();
    });
    await context.sync();
    return added;
  }, run);
  return () => {
    void runBatch(async (context) => {
      handler.remove();
      await context.sync();
    }, run, handler.context);
  };
}
