import { OfficeWorkbook } from "../../workbook/office-workbook";
import type { PaneHost } from "./host";
import { deliverInOffice, unavailableInOffice } from "./office-delivery";
import { selectCell, showSheet, watchTables } from "../../workbook/office-navigation";

/** The task pane inside Excel. */
export function excelHost(): PaneHost {
  return {
    workbook: new OfficeWorkbook(),
    displayLanguage: Office.context.displayLanguage,
    selectCell,
    showSheet,
    watch: watchTables,
    unavailable: unavailableInOffice,
    deliver: deliverInOffice,
  };
}
