// Moving about the workbook in Excel, for the task pane: the only Excel.run calls besides the
// port's (office-workbook.ts), kept here so that Office.js stays in the workbook layer.

/** Selects a cell in Excel: where a problem is. */
export async function selectCell(sheet: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const worksheet = context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(cell).select();
    await context.sync();
  });
}

/** Shows a sheet in Excel: the invoice just written. */
export async function showSheet(sheet: string): Promise<void> {
  await Excel.run(async (context) => {
    context.workbook.worksheets.getItem(sheet).activate();
    await context.sync();
  });
}

/**
 * Calls back on any change to a table of the workbook (the milestone table, the settings, the
 * billing log), including tables added later. Resolves to a function that stops listening.
 */
export async function watchTables(onChange: () => void): Promise<() => void> {
  const handler = await Excel.run(async (context) => {
    const added = context.workbook.tables.onChanged.add(() => {
      onChange();
      return Promise.resolve();
    });
    await context.sync();
    return added;
  });
  return () => {
    void Excel.run(handler.context, async (context) => {
      handler.remove();
      await context.sync();
    });
  };
}
