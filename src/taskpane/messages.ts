import { ExportError } from "../export/export-error";
import { WorkbookError } from "../workbook/port";
import { DeliveryError } from "./host/host";

/**
 * What the pane says about a failure. Interim's own errors (the workbook port's, the
 * exporters', the export's hand-over) are written for people and shown as they are; anything
 * else (Excel's RichApi text, a bug) is not meant for them: the pane says a plain sentence,
 * and the detail goes to the console for whoever diagnoses it.
 */
export function failureMessage(caught: unknown): string {
  if (caught instanceof WorkbookError || caught instanceof ExportError || caught instanceof DeliveryError) return caught.message;
  console.error(caught);
  return "Something unexpected stopped Interim. Nothing more was done; try again, and if it happens again, close and reopen the Interim pane.";
}
